// `migrate apply`: runs pending migration files against a database, recording statement-level
// progress in the revisions table so that a run stopped by a failure or a crash continues at
// the next statement, and nothing runs twice.
//
// On PostgreSQL with `--tx-mode none`, each statement commits together with its progress row
// (one transaction per statement), so even a crash between the two cannot make a rerun repeat
// it; statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ...)
// run on their own, as do all statements on MySQL, where DDL commits by itself.
import { createHash } from 'node:crypto';
import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import type { Realm } from '../schema/model.ts';
import { atlasStmtText, fileStatements, type MigrationDir, type MigrationFile } from './dir.ts';
import { type ExecOrder, type Pending, pendingFiles } from './pending.ts';
import {
  checkRevisionsLocation,
  excludeRevisions,
  type Revision,
  RevisionStore,
  RevisionType,
} from './revisions.ts';
import type { SqlStatement } from './split.ts';
import { fileHashes } from './sum.ts';

/** Atlas's lock name for migration runs; Atlas and atlas-ts exclude each other with it. */
export const MIGRATE_LOCK = 'atlas_migrate_execute';

export type TxMode = 'file' | 'all' | 'none';

export interface ApplyOptions {
  driver: Driver;
  dir: MigrationDir;
  revisionsSchema: string;
  execOrder: ExecOrder;
  txMode: TxMode;
  amount?: number | undefined;
  toVersion?: string | undefined;
  baseline?: string | undefined;
  allowDirty?: boolean | undefined;
  dryRun?: boolean | undefined;
  lockTimeoutMs: number;
  /** Written to `operator_version`, e.g. `atlas-ts v0.1.0`. */
  operatorVersion: string;
  /** Progress as it happens (the CLI prints it line by line). */
  onEvent?: ((e: ApplyEvent) => void) | undefined;
}

export type ApplyEvent =
  | { kind: 'start'; target: string; current: string | undefined; count: number }
  | { kind: 'file'; file: MigrationFile; resumeAt: number }
  | { kind: 'check'; name: string }
  | { kind: 'stmt'; text: string }
  | { kind: 'file-done'; file: MigrationFile; ms: number }
  | { kind: 'error'; text: string };

export interface FileReport {
  name: string;
  version: string;
  description: string;
  start: Date;
  end: Date;
  /** Statements skipped because an earlier run applied them. */
  skipped: number;
  applied: string[];
  error?: { stmt: string; text: string } | undefined;
}

export interface ApplyReport {
  pending: { name: string; version: string; description: string }[];
  applied: FileReport[];
  current: string | undefined;
  target: string | undefined;
  start: Date;
  end: Date;
  error?: string | undefined;
  message: string;
}

/** A statement failed (or a pre-migration check did): recorded in the revisions table, then thrown. */
export class MigrationError extends UserError {
  constructor(
    message: string,
    readonly report: ApplyReport,
  ) {
    super('EXEC', message);
    this.name = 'MigrationError';
  }
}

export async function applyMigrations(opts: ApplyOptions): Promise<ApplyReport> {
  const { driver } = opts;
  const release = opts.dryRun ? async () => {} : await lockForMigration(driver, opts.lockTimeoutMs);
  try {
    return await run(opts);
  } finally {
    await release().catch(() => {});
  }
}

async function lockForMigration(driver: Driver, timeoutMs: number): Promise<() => Promise<void>> {
  try {
    return await driver.lock(MIGRATE_LOCK, timeoutMs);
  } catch (e) {
    if (e instanceof UserError && e.code === 'LOCKED') {
      throw new UserError(
        'LOCKED',
        `another migration run (atlas-ts or Atlas) holds the lock "${MIGRATE_LOCK}" on this database; waited ${timeoutMs / 1000} s: wait for it to finish, or raise --lock-timeout`,
        { cause: e },
      );
    }
    throw e;
  }
}

async function run(opts: ApplyOptions): Promise<ApplyReport> {
  const { driver, dir } = opts;
  const started = new Date();
  await checkRevisionsLocation(driver, opts.revisionsSchema);
  const store = new RevisionStore(driver, opts.revisionsSchema);
  const revisions = await store.read();
  if (revisions.length === 0 && opts.baseline === undefined && !opts.allowDirty) {
    const dirty = await dirtyReason(driver, opts.revisionsSchema);
    if (dirty) {
      throw new UserError(
        'BAD_ARGS',
        `the database is not clean (${dirty}) and has no migration history: give --baseline VERSION (the version its schema is at) or --allow-dirty`,
      );
    }
  }
  const hashes = fileHashes(dir);
  let baselineRevision: Revision | undefined;
  let history = revisions;
  if (revisions.length === 0 && opts.baseline !== undefined) {
    const file = dir.files.find((f) => f.version === opts.baseline);
    if (!file)
      throw new UserError('BAD_ARGS', `baseline version "${opts.baseline}" not found in the directory`);
    baselineRevision = newRevision(file, 0, hashes, opts.operatorVersion, RevisionType.baseline);
    history = [baselineRevision];
  }
  const pending = pendingFiles({
    files: dir.files,
    revisions: history,
    execOrder: opts.execOrder,
    amount: opts.amount,
    toVersion: opts.toVersion,
  });
  const report: ApplyReport = {
    pending: pending.files.map(describe),
    applied: [],
    current: pending.current?.version,
    target: pending.files.at(-1)?.version,
    start: started,
    end: started,
    message: '',
  };
  if (pending.files.length === 0) {
    report.message = 'No migration files to execute';
    report.end = new Date();
    return report;
  }
  opts.onEvent?.({
    kind: 'start',
    target: report.target!,
    current: report.current,
    count: pending.files.length,
  });
  if (!opts.dryRun) {
    await store.ensure();
    if (baselineRevision) await store.write(baselineRevision);
  }
  const all = opts.txMode === 'all' && driver.transactionalDdl && !opts.dryRun;
  if (all) await driver.execScript('BEGIN');
  try {
    for (const file of pending.files) {
      const fileReport = await runFile(file, pending, hashes, store, opts);
      report.applied.push(fileReport);
      if (fileReport.error) {
        report.error = fileReport.error.text;
        throw new MigrationError(
          failureMessage(file, fileReport, txModeOf(file, opts.txMode, driver)),
          finish(report),
        );
      }
    }
    if (all) await driver.execScript('COMMIT');
  } catch (e) {
    if (all) await driver.execScript('ROLLBACK').catch(() => {});
    throw e;
  }
  report.message = `Migrated to version ${report.target}${report.current ? ` from ${report.current}` : ''} (${report.applied.length} migration${report.applied.length === 1 ? '' : 's'} in total)`;
  return finish(report);
}

function finish(report: ApplyReport): ApplyReport {
  report.end = new Date();
  return report;
}

const describe = (f: MigrationFile) => ({ name: f.name, version: f.version, description: f.description });

function newRevision(
  file: MigrationFile,
  total: number,
  hashes: Map<string, string>,
  operator: string,
  type: number = RevisionType.executed,
): Revision {
  return {
    version: file.version,
    description: file.description,
    type,
    applied: 0,
    total,
    executedAt: new Date(),
    executionTime: 0n,
    hash: hashes.get(file.name) ?? '',
    operatorVersion: operator,
  };
}

/** Cumulative SHA-256 of the statements, as Atlas stores them in `partial_hashes` (without `h1:`). */
export function statementHashes(stmts: readonly SqlStatement[], delimiter: string | undefined): string[] {
  const h = createHash('sha256');
  return stmts.map((s) => {
    h.update(atlasStmtText(s, delimiter));
    return h.copy().digest('base64');
  });
}

const ns = (ms: number) => BigInt(Math.round(ms * 1e6));

async function runFile(
  file: MigrationFile,
  pending: Pending,
  hashes: Map<string, string>,
  store: RevisionStore,
  opts: ApplyOptions,
): Promise<FileReport> {
  const { driver } = opts;
  const { stmts, checks } = fileStatements(file, driver.dialect);
  const sums = statementHashes(stmts, file.directives.delimiter);
  const partial = pending.partial?.version === file.version ? pending.partial : undefined;
  const rev: Revision = partial
    ? { ...partial, total: stmts.length, operatorVersion: opts.operatorVersion }
    : newRevision(file, stmts.length, hashes, opts.operatorVersion);
  checkHistory(file, rev, sums, hashes);
  const resumeAt = rev.applied;
  const report: FileReport = {
    ...describe(file),
    start: new Date(),
    end: new Date(),
    skipped: resumeAt,
    applied: [],
  };
  opts.onEvent?.({ kind: 'file', file, resumeAt });
  const t0 = performance.now();
  const mode = fileTxMode(file, opts.txMode);
  // Where the database can roll DDL back: `all` runs inside the caller's one transaction, `file`
  // in one per file, `none` in one per statement (with its progress row). MySQL commits DDL
  // itself, so there every statement is recorded as it completes.
  const outer = mode === 'all' && driver.transactionalDdl;
  const inFile = mode === 'file' && driver.transactionalDdl && !opts.dryRun;
  const perStatement = !driver.transactionalDdl || mode === 'none';
  const fail = async (stmt: string, text: string, applied: number): Promise<FileReport> => {
    opts.onEvent?.({ kind: 'error', text });
    report.error = { stmt, text };
    report.end = new Date();
    // The one transaction of `--tx-mode all` is aborted: end it before recording the failure.
    if (outer && !opts.dryRun) await driver.execScript('ROLLBACK').catch(() => {});
    if (!opts.dryRun) {
      // What ran stays recorded (with its statement hashes, so a rerun can check them).
      await store.write({
        ...rev,
        applied,
        partialHashes: applied > 0 ? sums.slice(0, applied).map((s) => `h1:${s}`) : undefined,
        executedAt: new Date(),
        executionTime: ns(performance.now() - t0),
        error: text,
        errorStmt: stmt,
      });
    }
    return report;
  };

  for (const check of checks) {
    opts.onEvent?.({ kind: 'check', name: check.name });
    const failed = opts.dryRun ? undefined : await failedCheck(driver, check);
    if (failed) return fail(failed, `pre-migration check ${check.name} failed: ${failed}`, resumeAt);
  }
  if (opts.dryRun) {
    for (const s of stmts.slice(resumeAt)) {
      opts.onEvent?.({ kind: 'stmt', text: atlasStmtText(s, file.directives.delimiter) });
      report.applied.push(atlasStmtText(s, file.directives.delimiter));
    }
    report.end = new Date();
    return report;
  }
  if (inFile) await driver.execScript('BEGIN');
  else if (!outer) await store.write({ ...rev, executedAt: new Date() }); // marks the file as started
  let applied = resumeAt;
  for (const stmt of stmts.slice(resumeAt)) {
    const text = atlasStmtText(stmt, file.directives.delimiter);
    opts.onEvent?.({ kind: 'stmt', text });
    const own = perStatement && driver.transactionalDdl && !outsideTransaction(stmt.text);
    try {
      if (own) await store.runWithProgress(stmt.text, rev.version, applied + 1, ns(performance.now() - t0));
      else {
        await driver.execScript(stmt.text);
        if (perStatement) await store.progress(rev.version, applied + 1, ns(performance.now() - t0));
      }
    } catch (e) {
      if (own || inFile) await driver.execScript('ROLLBACK').catch(() => {});
      const message = `${file.path}:${stmt.line}:${stmt.col}: ${(e as Error).message}`;
      return fail(text, message, inFile || outer ? resumeAt : applied);
    }
    applied++;
    report.applied.push(text);
  }
  try {
    await store.write({
      ...rev,
      applied,
      partialHashes: undefined,
      error: undefined,
      errorStmt: undefined,
      executedAt: new Date(),
      executionTime: ns(performance.now() - t0),
    });
    if (inFile) await driver.execScript('COMMIT');
  } catch (e) {
    if (inFile) await driver.execScript('ROLLBACK').catch(() => {});
    throw e;
  }
  report.end = new Date();
  opts.onEvent?.({ kind: 'file-done', file, ms: performance.now() - t0 });
  return report;
}

/**
 * Statements of a partially applied file must be the ones that ran. With their hashes
 * (recorded when a run fails) each is checked; after a crash only the progress count is
 * recorded, and an unchanged file (its atlas.sum hash) is the proof.
 */
function checkHistory(
  file: MigrationFile,
  rev: Revision,
  sums: readonly string[],
  hashes: Map<string, string>,
): void {
  if (rev.applied === 0) return;
  const recorded = rev.partialHashes ?? [];
  for (let i = 0; i < Math.min(rev.applied, recorded.length); i++) {
    if (sums[i] !== recorded[i]!.replace(/^h1:/, '')) {
      throw new UserError(
        'BAD_ARGS',
        `statement ${i + 1} of ${file.path} was changed after it was applied (history changed): restore it as it was, and put new changes in a new migration file`,
      );
    }
  }
  if (recorded.length < rev.applied && hashes.get(file.name) !== rev.hash) {
    throw new UserError(
      'BAD_ARGS',
      `${file.path} was changed after a run stopped in it (${rev.applied} of ${rev.total} statements applied, ${recorded.length} of them with a recorded hash): restore the file as it was, or resolve the version by hand with "atlas-ts migrate set"`,
    );
  }
  if (rev.applied > sums.length) {
    throw new UserError(
      'BAD_ARGS',
      `${file.path} has ${sums.length} statements but ${rev.applied} were already applied (history changed): restore the file as it was`,
    );
  }
}

/** The file's directive wins over the flag, except that `all` cannot be split by a file. */
function fileTxMode(file: MigrationFile, global: TxMode): TxMode {
  const own = file.directives.txMode;
  if (own === undefined) return global;
  if (global === 'all') {
    throw new UserError(
      'BAD_ARGS',
      `${file.path} says "-- atlas:txmode ${own}" but --tx-mode all runs every file in one transaction: use --tx-mode file, or remove the directive`,
    );
  }
  return own;
}

/** Statements PostgreSQL refuses inside a transaction block, and transaction control itself. */
const OUTSIDE_TX =
  /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(?:(?:CREATE|DROP)\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY|REINDEX\b[\s\S]*\bCONCURRENTLY|(?:DETACH\s+PARTITION[\s\S]*\bCONCURRENTLY)|VACUUM|CREATE\s+DATABASE|DROP\s+DATABASE|ALTER\s+SYSTEM|CREATE\s+TABLESPACE|DROP\s+TABLESPACE|BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|CALL)\b/i;

export function outsideTransaction(sql: string): boolean {
  return (
    OUTSIDE_TX.test(sql) || /\bALTER\s+TABLE\b[\s\S]*\bDETACH\s+PARTITION\b[\s\S]*\bCONCURRENTLY\b/i.test(sql)
  );
}

/** The first statement of a check that did not return true (for `oneOf`: when none did). */
async function failedCheck(
  driver: Driver,
  check: { name: string; stmts: SqlStatement[]; oneOf: boolean },
): Promise<string | undefined> {
  let anyTrue = false;
  for (const s of check.stmts) {
    const rows = await driver.query(s.text);
    const first = rows[0] ? Object.values(rows[0])[0] : undefined;
    const ok = first === true || first === 1 || first === '1' || first === 't' || first === 1n;
    if (ok) anyTrue = true;
    else if (!check.oneOf) return s.text.trim();
  }
  return check.oneOf && !anyTrue ? check.stmts.map((s) => s.text.trim()).join('; ') : undefined;
}

/** How a file's statements were grouped: what a failure leaves behind depends on it. */
function txModeOf(file: MigrationFile, global: TxMode, driver: Driver): TxMode {
  return driver.transactionalDdl ? fileTxMode(file, global) : 'none';
}

function failureMessage(file: MigrationFile, r: FileReport, mode: TxMode): string {
  const done = r.skipped + r.applied.length;
  const what =
    mode === 'all'
      ? 'The transaction of the whole run was rolled back: the database is as it was before it.'
      : mode === 'file'
        ? `The file's transaction was rolled back${r.skipped ? ` (the ${r.skipped} statements of an earlier run stay applied)` : ''}.`
        : `The ${done} applied statement${done === 1 ? ' is' : 's are'} recorded.`;
  return `migration ${file.version} (${file.name}) failed at statement ${done + 1}: ${r.error!.text}\n${what} Fix the failing statement and run migrate apply again to continue from it.`;
}

// ---------------------------------------------------------------- clean database

/**
 * Why the database is not clean for a first migration: any object outside the revisions table
 * (PostgreSQL tolerates the empty `public` schema every database has).
 */
export async function dirtyReason(driver: Driver, revisionsSchema: string): Promise<string | undefined> {
  const realm: Realm = await driver.inspect({
    schemas: driver.boundSchema ? [driver.boundSchema] : [],
    exclude: excludeRevisions(driver.boundSchema, revisionsSchema),
  });
  for (const s of realm.schemas) {
    const objects = [
      ...s.tables.map((t) => `table "${t.name}"`),
      ...s.views.map((v) => `view "${v.name}"`),
      ...s.materializedViews.map((v) => `materialized view "${v.name}"`),
      ...s.functions.map((f) => `${f.kind} "${f.name}"`),
      ...s.sequences.map((q) => `sequence "${q.name}"`),
      ...s.enums.map((e) => `type "${e.name}"`),
      ...s.domains.map((d) => `domain "${d.name}"`),
      ...s.composites.map((c) => `type "${c.name}"`),
    ];
    if (objects.length > 0) return `found ${objects[0]} in schema "${s.name}"`;
    const expected =
      driver.boundSchema !== undefined ||
      s.name === revisionsSchema ||
      (driver.dialect === 'postgres' && s.name === 'public');
    if (!expected) return `found schema "${s.name}"`;
  }
  return undefined;
}
