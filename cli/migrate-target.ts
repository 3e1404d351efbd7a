// Flags shared by the commands that run a migration directory against a database (`migrate
// apply|status|set|down`): the database, the directory, where the revisions table lives, and
// what an env of the project file supplies for each.

import type { Driver } from '../core/drivers/driver.ts';
import { type MigrationDir, openDir } from '../core/migrate/dir.ts';
import { type ExecOrder, parseExecOrder } from '../core/migrate/pending.ts';
import { DEFAULT_REVISIONS_SCHEMA } from '../core/migrate/revisions.ts';
import { validateDir } from '../core/migrate/sum.ts';
import {
  migrationDirUrl,
  projectOptions,
  requireFrom,
  resolveTargets,
  singleTarget,
  type Target,
} from './project-flags.ts';

export const migrateOptions = {
  url: { type: 'string', short: 'u' },
  dir: { type: 'string' },
  'dir-format': { type: 'string' },
  'revisions-schema': { type: 'string' },
  var: { type: 'string', multiple: true },
  ...projectOptions,
} as const;

export interface MigrateFlagValues {
  url?: string | undefined;
  dir?: string | undefined;
  'dir-format'?: string | undefined;
  'revisions-schema'?: string | undefined;
  env?: string | undefined;
  config?: string | undefined;
  var?: string[] | undefined;
}

export interface MigrateTarget {
  target: Target;
  url: string;
  dirUrl: string;
  /** The flag, the env's `revisions_schema`, or undefined (then: the URL's schema, else Atlas's default). */
  revisionsSchema: string | undefined;
}

/** Every target the flags and the env name (an env with for_each has several). */
export async function migrateTargets(values: MigrateFlagValues, usage: string): Promise<MigrateTarget[]> {
  const targets = await resolveTargets({ ...values, to: undefined });
  return targets.map((t) => ({
    target: t,
    url: requireFrom(t.url, '--url', 'url', t, usage),
    dirUrl: migrationDirUrl(values, t),
    revisionsSchema: values['revisions-schema'] ?? t.migration?.revisionsSchema,
  }));
}

export async function migrateTarget(
  values: MigrateFlagValues,
  usage: string,
  command: string,
): Promise<MigrateTarget> {
  const targets = await migrateTargets(values, usage);
  return {
    ...targets[0]!,
    target: singleTarget(
      targets.map((t) => t.target),
      command,
    ),
  };
}

/** The schema (MySQL: database) of the revisions table: flag, else the URL's, else `atlas_schema_revisions`. */
export function revisionsSchemaOf(t: MigrateTarget, driver: Driver): string {
  return t.revisionsSchema ?? driver.boundSchema ?? DEFAULT_REVISIONS_SCHEMA;
}

/** Reads the directory and checks atlas.sum before any database is touched (as Atlas). */
export async function openCheckedDir(dirUrl: string): Promise<MigrationDir> {
  const dir = await openDir(dirUrl);
  await validateDir(dir);
  return dir;
}

/** `--exec-order` (or the env's `exec_order`): linear (default), linear-skip or non-linear. */
export function execOrderOf(value: string | undefined): ExecOrder {
  return parseExecOrder(value, '--exec-order');
}
