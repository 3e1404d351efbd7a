// Contract of the dev database: where desired states are loaded and normalized. A desired
// state given as SQL is executed on a dev database and inspected, so that both sides of a diff
// are printed by PostgreSQL itself. (Implementation: core/devdb/*.ts.)
import type { Realm } from '../schema/model.ts';

/** An explicit rename from an `-- atlas:renamed_from old_name` comment in desired SQL. */
export interface RenameHint {
  kind: 'table' | 'column' | 'index';
  schema: string;
  /** For columns and indexes: the table they belong to (its new name). */
  table?: string;
  from: string;
  to: string;
}

export interface DesiredState {
  realm: Realm;
  hints: RenameHint[];
  /** Things the user should know (dev database version differs from the target's, ...). */
  warnings: string[];
  /** `server_version_num` of the database that printed the realm. */
  printedBy: number;
  /** Whether it was printed by a dev database (which can then normalize the current schema too). */
  viaDevDatabase: boolean;
}
