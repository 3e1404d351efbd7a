// A plan for people (a SQL script with numbered comments) and for machines (JSON). Statements are
// numbered in the order they run (see executionOrder), so "statement 3" in an error is the
// third one printed.
import type { Stmt } from '../drivers/driver.ts';
import type { ExecError, ExecFailure } from '../errors.ts';
import { redact } from '../redact.ts';
import { executionOrder, type TxMode } from './apply.ts';
import { terminated } from './script.ts';

const plural = (n: number, what = 'statement') => `${n} ${what}${n === 1 ? '' : 's'}`;

const NON_TX_NOTE = 'cannot run in a transaction: runs on its own after the others';

/** Statements in the order they run, numbered from 1, as a script psql can read. */
export function renderPlanText(stmts: readonly Stmt[], opts: { txMode: TxMode }): string {
  const { transactional, nonTransactional } = executionOrder(stmts);
  const how =
    opts.txMode === 'file'
      ? nonTransactional.length === 0
        ? 'in one transaction'
        : transactional.length === 0
          ? 'each on its own'
          : `${transactional.length} in one transaction, then ${nonTransactional.length} on ${nonTransactional.length === 1 ? 'its' : 'their'} own`
      : 'each on its own';
  const lines = [`-- Planned changes (${plural(stmts.length)}, ${how}):`];
  let n = 0;
  for (const s of [...transactional, ...nonTransactional]) {
    n++;
    const note = s.transactional === false ? ` [${NON_TX_NOTE}]` : '';
    lines.push(`-- ${n}. ${describe(s)}${note}`, terminated(s));
  }
  return `${lines.join('\n')}\n`;
}

/** A SQL script of the statements in the order they run, each with its comment (`schema diff`). */
export function renderScript(stmts: readonly Stmt[]): string {
  const { transactional, nonTransactional } = executionOrder(stmts);
  return [...transactional, ...nonTransactional]
    .map((s) => {
      const comment = [s.comment, s.transactional === false ? NON_TX_NOTE : undefined].filter(Boolean);
      return `${comment.length > 0 ? `-- ${comment.join('; ')}\n` : ''}${terminated(s)}\n`;
    })
    .join('');
}

/** What ran, one line per statement, numbered as in renderPlanText. */
export function renderApplied(
  result: { applied: readonly Stmt[]; nonTransactionalApplied: readonly Stmt[] },
  opts: { txMode: TxMode },
): string {
  const lines: string[] = [];
  const list = (stmts: readonly Stmt[], from: number) =>
    stmts.forEach((s, i) => {
      lines.push(`  ${from + i + 1}. ${describe(s)}`);
    });
  if (result.applied.length > 0) {
    const how = opts.txMode === 'file' ? 'in one transaction' : 'each on its own';
    lines.push(`Applied ${plural(result.applied.length)} ${how}:`);
    list(result.applied, 0);
  }
  if (result.nonTransactionalApplied.length > 0) {
    lines.push(
      `Applied ${plural(result.nonTransactionalApplied.length)} outside a transaction${result.applied.length > 0 ? ', after the others' : ''}:`,
    );
    list(result.nonTransactionalApplied, result.applied.length);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The lines after `Error: <message>` for a failed statement: its SQL with a caret under the
 * position the database pointed at, and the database's DETAIL and HINT.
 */
export function renderExecFailure(
  e: ExecError,
  order?: { transactional: readonly Stmt[]; nonTransactional: readonly Stmt[] },
): string {
  const f = e.failure;
  const lines: string[] = [];
  // Statements that committed before the failure: name them, and what did not run, so that the
  // state is clear; a new plan from the database as it is now finishes the job.
  const all = order ? [...order.transactional, ...order.nonTransactional] : [];
  if (all.length > 0 && f.applied > 0) {
    lines.push(`  Applied (stay applied):`);
    lines.push(...all.slice(0, f.applied).map((s, i) => `    ${i + 1}. ${describe(s)}`));
  }
  if (f.stmt) {
    lines.push(`  -- ${f.index + 1}. ${describe(f.stmt)}`);
    const sqlLines = f.stmt.sql.split('\n');
    sqlLines.forEach((l, i) => {
      lines.push(`  ${l}`);
      if (f.position && f.position.line === i + 1) lines.push(`  ${' '.repeat(f.position.col - 1)}^`);
    });
  }
  if (f.detail) lines.push(`  DETAIL: ${f.detail}`);
  if (f.hint) lines.push(`  HINT: ${f.hint}`);
  const rest = f.stmt ? all.slice(f.index + 1) : [];
  if (rest.length > 0) {
    lines.push('  Not run:');
    lines.push(...rest.map((s, i) => `    ${f.index + i + 2}. ${describe(s)}`));
  }
  if (all.length > 0 && f.applied > 0) {
    lines.push('  Fix the cause and run the same command again: it plans from the database as it is now.');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export interface PlanJson {
  /** Number of changes (objects added, dropped or modified) the plan carries out. */
  changes: number;
  txMode: TxMode;
  /** In the order they run. */
  statements: { comment: string | null; sql: string; transactional: boolean }[];
  /** Statements that ran and stay applied. */
  applied: number;
  error: ExecErrorJson | { message: string } | null;
  warnings: string[];
}

export interface ExecErrorJson extends Omit<ExecFailure, 'stmt' | 'index' | 'total'> {
  message: string;
  /** 1-based number of the failing statement in `statements`; null when COMMIT failed. */
  statement: number | null;
  comment: string | null;
  sql: string | null;
}

export function planJson(
  plan: { changes: readonly unknown[]; stmts: readonly Stmt[] },
  opts: { txMode: TxMode; applied?: number; error?: unknown; warnings?: string[] },
): PlanJson {
  const { transactional, nonTransactional } = executionOrder(plan.stmts);
  return {
    changes: plan.changes.length,
    txMode: opts.txMode,
    statements: [...transactional, ...nonTransactional].map((s) => ({
      comment: s.comment ?? null,
      sql: s.sql,
      transactional: s.transactional !== false,
    })),
    applied: opts.applied ?? 0,
    error: opts.error === undefined ? null : errorJson(opts.error),
    warnings: opts.warnings ?? [],
  };
}

function errorJson(e: unknown): PlanJson['error'] {
  const message = redact(e instanceof Error ? e.message : String(e));
  const f = (e as Partial<ExecError>).failure;
  if (!f) return { message };
  const { stmt, index, total: _total, ...rest } = f;
  return {
    message,
    statement: stmt ? index + 1 : null,
    comment: stmt?.comment ?? null,
    sql: stmt?.sql ?? null,
    ...rest,
  };
}

/** The statement's comment, or its first line when it has none. */
function describe(s: { sql: string; comment?: string | undefined }): string {
  if (s.comment) return s.comment;
  const first = s.sql.trim().split('\n')[0] ?? '';
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}
