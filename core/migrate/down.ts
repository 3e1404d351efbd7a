// `migrate down`: take a database back to an earlier version of its migration directory. The
// schema of that version is computed (the directory replayed up to it on a dev database), the
// plan goes from the current schema to it, and before anything runs every table the plan drops
// is checked to be empty and every column it drops to hold only NULLs: reverting must not lose
// data silently. PostgreSQL runs the plan in one transaction; on MySQL a failure leaves the
// database part way, and running `migrate down` again plans from there.
import { openDevDatabase } from '../devdb/dev-database.ts';
import type { Change } from '../diff/changes.ts';
import { diffRealms } from '../diff/diff.ts';
import type { Driver, Stmt } from '../drivers/driver.ts';
import { quoteIdent } from '../drivers/quote.ts';
import { UserError } from '../errors.ts';
import type { Realm } from '../schema/model.ts';
import type { MigrationDir } from './dir.ts';
import { MIGRATE_LOCK } from './executor.ts';
import { replayDir } from './replay.ts';
import { excludeRevisions, RevisionStore } from './revisions.ts';

export interface DownOptions {
  driver: Driver;
  dir: MigrationDir;
  devUrl?: string | undefined;
  revisionsSchema: string;
  /** Revert this many applied files (default 1)... */
  amount?: number | undefined;
  /** ...or revert to this version (it stays applied). */
  toVersion?: string | undefined;
  force?: boolean | undefined;
  dryRun?: boolean | undefined;
  lockTimeoutMs: number;
}

export interface DataCheck {
  /** What must hold, e.g. `table "public"."orders" is empty`. */
  what: string;
  sql: string;
  ok?: boolean | undefined;
}

export interface DownReport {
  current: string;
  /** The version the database is taken to; undefined: before the first migration. */
  target: string | undefined;
  reverted: string[];
  stmts: Stmt[];
  checks: DataCheck[];
  applied: boolean;
}

export async function migrateDown(opts: DownOptions): Promise<DownReport> {
  const { driver } = opts;
  const release = opts.dryRun ? async () => {} : await driver.lock(MIGRATE_LOCK, opts.lockTimeoutMs);
  try {
    const store = new RevisionStore(driver, opts.revisionsSchema);
    const revisions = await store.read();
    const current = revisions.at(-1);
    if (!current)
      throw new UserError('BAD_ARGS', 'nothing to revert: the database has no applied migrations');
    const target = targetVersion(
      revisions.map((r) => r.version),
      opts,
    );
    const reverted = revisions
      .filter((r) => target === undefined || r.version > target)
      .map((r) => r.version);
    const scope = {
      schemas: driver.boundSchema ? [driver.boundSchema] : [],
      exclude: excludeRevisions(driver.boundSchema, opts.revisionsSchema),
    };
    const [from, to] = await Promise.all([driver.inspect(scope), versionSchema(opts, target, scope)]);
    const changes = diffRealms(from, to);
    const stmts = driver.planChanges(changes, { from, to });
    const checks = dataChecks(changes, driver.dialect);
    const report: DownReport = { current: current.version, target, reverted, stmts, checks, applied: false };
    if (opts.dryRun) return report;
    for (const c of checks) c.ok = await holds(driver, c.sql);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0 && !opts.force) {
      throw new UserError(
        'BAD_ARGS',
        `migrate down would lose data, so nothing was changed:\n${failed.map((c) => `  - ${c.what}: it is not`).join('\n')}\nEmpty them first, or pass --force to revert anyway.`,
      );
    }
    await run(driver, store, stmts, reverted, current.version);
    report.applied = true;
    return report;
  } finally {
    await release().catch(() => {});
  }
}

function targetVersion(applied: readonly string[], opts: DownOptions): string | undefined {
  if (opts.toVersion !== undefined) {
    if (!applied.includes(opts.toVersion)) {
      throw new UserError(
        'BAD_ARGS',
        `version "${opts.toVersion}" is not applied to the database (applied: ${applied.join(', ')})`,
      );
    }
    if (!opts.dir.files.some((f) => f.version === opts.toVersion)) {
      throw new UserError(
        'BAD_ARGS',
        `version "${opts.toVersion}" is not in the migration directory, so its schema cannot be computed`,
      );
    }
    return opts.toVersion;
  }
  const n = opts.amount ?? 1;
  return n >= applied.length ? undefined : applied[applied.length - 1 - n];
}

/** The schema at `version`: the directory replayed up to it on a dev database. */
async function versionSchema(
  opts: DownOptions,
  version: string | undefined,
  scope: { schemas: string[]; exclude: string[] },
): Promise<Realm> {
  const dev = await openDevDatabase({ devUrl: opts.devUrl, boundSchema: opts.driver.boundSchema });
  try {
    if (version !== undefined) await replayDir(dev.driver, opts.dir, { toVersion: version });
    const realm = await dev.driver.inspect({
      schemas: await dev.inspectScope(scope.schemas),
      exclude: scope.exclude,
    });
    // A MySQL dev database has a name of its own: compare its contents as the target's.
    if (opts.driver.boundSchema !== undefined && dev.loadSchema !== opts.driver.boundSchema) {
      for (const s of realm.schemas) if (s.name === dev.loadSchema) s.name = opts.driver.boundSchema;
      for (const s of realm.schemas) Object.assign(s, opts.driver.schemaDefaults ?? {});
    }
    return realm;
  } finally {
    await dev.close().catch(() => {});
  }
}

/** What must be true before the plan drops data: dropped tables are empty, dropped columns NULL. */
export function dataChecks(changes: readonly Change[], dialect: 'postgres' | 'mysql'): DataCheck[] {
  const q = (n: string) => quoteIdent(dialect, n);
  const table = (schema: string, name: string) => `${q(schema)}.${q(name)}`;
  const out: DataCheck[] = [];
  const emptyTable = (schema: string, name: string) =>
    out.push({
      what: `table ${table(schema, name)} is empty`,
      sql: `SELECT NOT EXISTS (SELECT 1 FROM ${table(schema, name)})`,
    });
  for (const c of changes) {
    if (c.kind === 'drop_table') emptyTable(c.schema, c.obj.name);
    else if (c.kind === 'drop_schema') for (const t of c.obj.tables) emptyTable(c.obj.name, t.name);
    else if (c.kind === 'modify_table') {
      for (const tc of c.changes) {
        if (tc.kind !== 'drop_column') continue;
        out.push({
          what: `column ${table(c.schema, c.from.name)}.${q(tc.column.name)} is NULL in every row`,
          sql: `SELECT NOT EXISTS (SELECT 1 FROM ${table(c.schema, c.from.name)} WHERE ${q(tc.column.name)} IS NOT NULL)`,
        });
      }
    }
  }
  return out;
}

async function holds(driver: Driver, sql: string): Promise<boolean> {
  const [row] = await driver.query(`${sql} AS ok`);
  const v = row ? Object.values(row)[0] : undefined;
  return v === true || v === 1 || v === '1' || v === 1n;
}

async function run(
  driver: Driver,
  store: RevisionStore,
  stmts: Stmt[],
  reverted: string[],
  current: string,
): Promise<void> {
  if (driver.transactionalDdl) {
    // One transaction: the plan and the removal of the reverted revisions happen together or not at all.
    await driver.execScript('BEGIN');
    try {
      for (const s of stmts) await driver.execScript(s.sql);
      await store.delete(reverted);
      await driver.execScript('COMMIT');
    } catch (e) {
      await driver.execScript('ROLLBACK').catch(() => {});
      throw downFailed(e, 'the transaction was rolled back; nothing changed');
    }
    return;
  }
  for (const [i, s] of stmts.entries()) {
    try {
      await driver.execScript(s.sql);
    } catch (e) {
      const rev = (await store.read()).find((r) => r.version === current);
      if (rev)
        await store.write({
          ...rev,
          error: `migrate down failed at statement ${i + 1} of ${stmts.length}: ${(e as Error).message}`,
          errorStmt: s.sql,
        });
      throw downFailed(
        e,
        `${i} of ${stmts.length} statements ran; run migrate down again to continue from the schema as it is now`,
      );
    }
  }
  await store.delete(reverted);
}

function downFailed(e: unknown, what: string): UserError {
  return new UserError('EXEC', `migrate down failed: ${(e as Error).message} (${what})`, { cause: e });
}
