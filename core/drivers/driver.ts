// The one interface front ends and the rest of core use to talk to a database.
import type { Change } from '../diff/changes.ts';
import type { DiffPolicy } from '../diff/policy.ts';
import type { Dialect, Realm } from '../schema/model.ts';

export interface InspectScope {
  /** Schemas to inspect. Empty or absent: the URL's bound schema, else every user schema. */
  schemas?: string[];
  /** Globs on `schema`, `schema.object` or `schema.table.child` paths; `*` stays within a segment. */
  exclude?: string[];
}

/** One DDL statement of a plan or of a schema dump. */
export interface Stmt {
  sql: string;
  /** What it does, for people: `Create "users" table`. */
  comment?: string;
  /** False for statements PostgreSQL refuses inside a transaction block (`CREATE INDEX CONCURRENTLY`). */
  transactional?: boolean;
  /** Qualified names of the objects it touches (`public.users`, `public.users.email`). */
  objects?: string[];
  /** The statement that undoes it, where there is one. */
  reverse?: string;
  /**
   * MySQL: the statement has `;` inside (a BEGIN ... END body), so a script for the mysql client
   * wraps it in `DELIMITER` lines to keep it whole.
   */
  compound?: boolean;
}

export interface Driver {
  readonly dialect: Dialect;
  /** The schema the URL binds to (`search_path=` or a MySQL database), if any. */
  readonly boundSchema: string | undefined;
  /** Server version, e.g. 150004 for PostgreSQL 15.4. */
  readonly serverVersion: number;
  /** MySQL, bound to a database: its default charset and collation (tables that name none get them). */
  readonly schemaDefaults?: { charset: string; collation: string } | undefined;
  /** False where DDL commits by itself (MySQL): statements then always run one by one. */
  readonly transactionalDdl: boolean;
  inspect(scope?: InspectScope): Promise<Realm>;
  /** Creation DDL for a whole realm, in dependency order. */
  createStatements(realm: Realm): Stmt[];
  /** Statements that carry out `changes` (computed by core/diff from `from` to `to`), in a safe order. */
  planChanges(changes: Change[], ctx: { from: Realm; to: Realm; policy?: DiffPolicy }): Stmt[];
  /** Runs a script of SQL statements as the database's client would. */
  execScript(sql: string): Promise<void>;
  /**
   * Runs statements in order: all in one transaction (`file`), or each on its own (`none`).
   * On failure throws an ExecError saying which statement failed and how many ran before it.
   */
  exec(stmts: readonly Stmt[], opts: { txMode: 'file' | 'none' }): Promise<void>;
  /**
   * Rows of one query with bound parameters (`$1` on PostgreSQL, `?` on MySQL), as the driver
   * decodes them: project files' `data "sql"` values, the migration revisions table.
   */
  query(sql: string, args?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Takes a named advisory lock, waiting up to `timeoutMs`; resolves to its release. */
  lock(name: string, timeoutMs: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
