// `migrate status` and `migrate set`: where a database stands against a migration directory,
// and moving that mark by hand (after fixing things outside the tool).

import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import type { MigrationDir, MigrationFile } from './dir.ts';
import { MIGRATE_LOCK } from './executor.ts';
import { isPartial, pendingFiles } from './pending.ts';
import { checkRevisionsLocation, type Revision, RevisionStore, RevisionType } from './revisions.ts';
import { fileHashes } from './sum.ts';

export interface StatusReport {
  status: 'OK' | 'PENDING';
  /** The last revision's version, or undefined when nothing was applied. */
  current: string | undefined;
  /** The next file to run, or undefined when at the latest version. */
  next: string | undefined;
  available: MigrationFile[];
  pending: MigrationFile[];
  outOfOrder: MigrationFile[];
  applied: Revision[];
  /** The last revision, when it stopped short: statements applied of its total, and its error. */
  partial?:
    | {
        version: string;
        applied: number;
        total: number;
        error?: string | undefined;
        stmt?: string | undefined;
      }
    | undefined;
}

/** Reads without writing: a database with no revisions table is one where nothing was applied. */
export async function migrationStatus(
  driver: Driver,
  dir: MigrationDir,
  revisionsSchema: string,
): Promise<StatusReport> {
  await checkRevisionsLocation(driver, revisionsSchema);
  const applied = await new RevisionStore(driver, revisionsSchema).read();
  const p = pendingFiles({ files: dir.files, revisions: applied, execOrder: 'linear-skip' });
  const last = applied.at(-1);
  const report: StatusReport = {
    status: p.files.length + p.outOfOrder.length > 0 ? 'PENDING' : 'OK',
    current: last?.version,
    next: p.files[0]?.version,
    available: dir.files,
    pending: p.files,
    outOfOrder: p.outOfOrder,
    applied,
  };
  if (last && (isPartial(last) || last.error)) {
    report.partial = {
      version: last.version,
      applied: last.applied,
      total: last.total,
      error: last.error,
      stmt: last.errorStmt,
    };
  }
  return report;
}

/** Atlas's status text. */
export function renderStatus(s: StatusReport): string {
  const lines = [`Migration Status: ${s.status}`];
  const partial = s.partial && s.partial.version === s.current ? s.partial : undefined;
  lines.push(
    `  -- Current Version: ${s.current ?? 'No migration applied yet'}${partial ? ` (${partial.applied} statements applied)` : ''}`,
  );
  const left =
    partial && partial.version === s.next ? ` (${partial.total - partial.applied} statements left)` : '';
  lines.push(`  -- Next Version:    ${s.next ?? 'Already at latest version'}${left}`);
  const executed = s.applied.filter((r) => (r.type & RevisionType.baseline) === 0).length;
  lines.push(`  -- Executed Files:  ${executed}${partial ? ' (last one partially)' : ''}`);
  const extra = s.outOfOrder.length ? ` (${s.outOfOrder.length} out of order)` : '';
  lines.push(`  -- Pending Files:   ${s.pending.length + s.outOfOrder.length}${extra}`);
  if (s.partial?.error) {
    lines.push('', 'Last migration attempt had errors:');
    if (s.partial.stmt) lines.push(`  -- SQL:   ${s.partial.stmt.replace(/\s*\n\s*/g, ' ')}`);
    lines.push(`  -- ERROR: ${s.partial.error}`);
  }
  return lines.join('\n');
}

export interface SetResult {
  current: string | undefined;
  set: { version: string; description: string }[];
  removed: string[];
}

/**
 * Marks the database as being at `version`: later revisions are removed, files up to it that
 * never ran are recorded as resolved by hand, and a failed or partial target is resolved.
 */
export async function setVersion(
  driver: Driver,
  dir: MigrationDir,
  revisionsSchema: string,
  version: string | undefined,
  operatorVersion: string,
): Promise<SetResult> {
  const release = await driver.lock(MIGRATE_LOCK, 0);
  try {
    const store = new RevisionStore(driver, revisionsSchema);
    await store.ensure();
    const revisions = await store.read();
    const target = version ?? dir.files.at(-1)?.version;
    if (target !== undefined && !dir.files.some((f) => f.version === target)) {
      throw new UserError('BAD_ARGS', `migration with version "${target}" not found in the directory`);
    }
    const cmpv = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const removed = revisions
      .filter((r) => target === undefined || cmpv(r.version, target) > 0)
      .map((r) => r.version);
    const last = revisions.filter((r) => !removed.includes(r.version)).at(-1);
    const hashes = fileHashes(dir);
    const set: SetResult['set'] = [];
    const writes: Revision[] = [];
    for (const f of dir.files) {
      if (target === undefined || cmpv(f.version, target) > 0) continue;
      const existing = revisions.find((r) => r.version === f.version);
      if (existing && f.version === target && (isPartial(existing) || existing.error)) {
        writes.push({
          ...existing,
          type: existing.type | RevisionType.resolved,
          error: undefined,
          errorStmt: undefined,
          executedAt: new Date(),
        });
        set.push({ version: f.version, description: f.description });
      } else if (!existing && (last === undefined || cmpv(f.version, last.version) > 0)) {
        writes.push({
          version: f.version,
          description: f.description,
          type: RevisionType.resolved,
          applied: 0,
          total: 0,
          executedAt: new Date(),
          executionTime: 0n,
          hash: hashes.get(f.name) ?? '',
          operatorVersion,
        });
        set.push({ version: f.version, description: f.description });
      }
    }
    // One transaction where the database has them: the mark moves all at once or not at all.
    const tx = driver.transactionalDdl;
    if (tx) await driver.execScript('BEGIN');
    try {
      await store.delete(removed);
      for (const w of writes) await store.write(w);
      if (tx) await driver.execScript('COMMIT');
    } catch (e) {
      if (tx) await driver.execScript('ROLLBACK').catch(() => {});
      throw e;
    }
    return { current: target, set, removed };
  } finally {
    await release().catch(() => {});
  }
}

export function renderSet(r: SetResult): string {
  if (r.current === undefined)
    return `All revisions deleted (${r.removed.length} in total):\n${r.removed.map((v) => `  - ${v}`).join('\n')}`;
  const counts = `${r.set.length} set${r.removed.length ? `, ${r.removed.length} removed` : ''}`;
  return [
    `Current version is ${r.current} (${counts}):`,
    ...r.set.map((s) => `  + ${s.version}${s.description ? ` (${s.description})` : ''}`),
    ...r.removed.map((v) => `  - ${v}`),
  ].join('\n');
}
