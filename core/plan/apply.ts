// Applying a plan: under the schema lock, refuse if the database changed since planning, then
// run the transactional statements (one transaction in `file` mode) and, after the commit, the
// statements PostgreSQL refuses inside a transaction block (`CREATE INDEX CONCURRENTLY`).
import type { Driver, Stmt } from '../drivers/driver.ts';
import { ExecError, UserError } from '../errors.ts';
import type { Plan } from './plan.ts';

export type TxMode = 'file' | 'none';

/** The advisory lock every schema apply takes, so that two applies never interleave. */
export const APPLY_LOCK = 'atlas_ts_schema_apply';

export interface ApplyOptions {
  txMode: TxMode;
  lockTimeoutMs: number;
  /** Fingerprint of the database's schema now, inspected with the scope the plan was made with. */
  currentFingerprint: () => Promise<string>;
}

export interface ApplyResult {
  /** Transactional statements that ran (committed together in `file` mode). */
  applied: Stmt[];
  /** Statements that ran outside any transaction, after the others. */
  nonTransactionalApplied: Stmt[];
}

/**
 * The order statements run in: the transactional ones in plan order, then the others in plan
 * order. Renderers number statements in this order so that an error's "statement N" matches.
 */
export function executionOrder(stmts: readonly Stmt[]): { transactional: Stmt[]; nonTransactional: Stmt[] } {
  return {
    transactional: stmts.filter((s) => s.transactional !== false),
    nonTransactional: stmts.filter((s) => s.transactional === false),
  };
}

export async function applyPlan(driver: Driver, plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  const release = await driver.lock(APPLY_LOCK, opts.lockTimeoutMs);
  try {
    // Checked under the lock: a concurrent apply that finished while we waited changed the schema.
    if ((await opts.currentFingerprint()) !== plan.fromFingerprint) {
      throw new UserError('CHANGED', 'database changed since the plan was made; plan again');
    }
    const { transactional, nonTransactional } = executionOrder(plan.stmts);
    const total = transactional.length + nonTransactional.length;
    try {
      await driver.exec(transactional, { txMode: opts.txMode });
    } catch (e) {
      throw inPlan(e, 0, total);
    }
    try {
      await driver.exec(nonTransactional, { txMode: 'none' });
    } catch (e) {
      throw inPlan(e, transactional.length, total);
    }
    return { applied: transactional, nonTransactionalApplied: nonTransactional };
  } finally {
    await release().catch(() => {
      // The session ends with the driver's connection, and session-level locks with it.
    });
  }
}

/** Renumbers an ExecError from one phase's statements to the whole plan's. */
function inPlan(e: unknown, offset: number, total: number): unknown {
  if (!(e instanceof ExecError)) return e;
  const f = e.failure;
  const failed = f.stmt === undefined ? 0 : 1; // a failed COMMIT is not a statement of the plan
  return new ExecError(
    {
      ...f,
      index: offset + f.index,
      total,
      applied: offset + f.applied,
      notRun: total - offset - f.applied - f.rolledBack - failed,
    },
    { cause: e.cause },
  );
}
