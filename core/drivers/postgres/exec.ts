// Running statements and taking advisory locks on PostgreSQL, over a server connection or PGlite.
import { ExecError, UserError } from '../../errors.ts';
import type { Stmt } from '../driver.ts';
import type { PgConn } from './conn.ts';

export type TxMode = 'file' | 'none';

/** Fields PostgreSQL sends with an error (pg and PGlite both expose them on the thrown error). */
interface PgErrorFields {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  /** 1-based character offset into the query string the client sent. */
  position?: string;
}

/**
 * Runs `stmts` in order. `file`: one transaction, rolled back on the first error. `none`: each
 * statement on its own, so the ones before a failure stay applied. Throws an ExecError naming the
 * failing statement, the database's message and where in the statement it points.
 */
export async function execStatements(
  conn: PgConn,
  stmts: readonly Stmt[],
  opts: { txMode: TxMode },
): Promise<void> {
  if (opts.txMode === 'none') {
    for (const [i, stmt] of stmts.entries()) {
      try {
        await conn.exec(stmt.sql);
      } catch (e) {
        throw execError(e, stmts, i, { applied: i, rolledBack: 0 });
      }
    }
    return;
  }
  // PostgreSQL refuses these in a transaction block; running the others first and these later
  // would reorder the script behind the caller's back, so the caller must split.
  const outside = stmts.findIndex((s) => s.transactional === false);
  if (outside >= 0) {
    throw new Error(
      `execStatements: statement ${outside + 1} cannot run in a transaction; run it with txMode "none"`,
    );
  }
  if (stmts.length === 0) return;
  await conn.exec('BEGIN');
  for (const [i, stmt] of stmts.entries()) {
    try {
      await conn.exec(stmt.sql);
    } catch (e) {
      await rollback(conn);
      throw execError(e, stmts, i, { applied: 0, rolledBack: i });
    }
  }
  try {
    await conn.exec('COMMIT');
  } catch (e) {
    await rollback(conn);
    throw execError(e, stmts, stmts.length, { applied: 0, rolledBack: stmts.length });
  }
}

async function rollback(conn: PgConn): Promise<void> {
  // The connection may be gone; the server then rolls back by itself.
  await conn.exec('ROLLBACK').catch(() => {});
}

function execError(
  e: unknown,
  stmts: readonly Stmt[],
  index: number,
  done: { applied: number; rolledBack: number },
): ExecError {
  const err = (e ?? {}) as PgErrorFields;
  const stmt = stmts[index];
  const pos = Number(err.position);
  return new ExecError(
    {
      index,
      total: stmts.length,
      stmt: stmt && { sql: stmt.sql, comment: stmt.comment },
      dbMessage: err.message ?? String(e),
      sqlState: err.code,
      detail: err.detail,
      hint: err.hint,
      position: stmt && Number.isInteger(pos) && pos > 0 ? lineCol(stmt.sql, pos) : undefined,
      applied: done.applied,
      rolledBack: done.rolledBack,
      notRun: Math.max(0, stmts.length - index - 1),
    },
    { cause: e },
  );
}

/** Line and column (both 1-based) of PostgreSQL's 1-based character `position` in `sql`. */
export function lineCol(sql: string, position: number): { line: number; col: number } {
  // PostgreSQL counts characters, not UTF-16 code units: iterate by code point.
  const chars = Array.from(sql);
  let line = 1;
  let col = 1;
  for (let i = 0; i < position - 1 && i < chars.length; i++) {
    if (chars[i] === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return { line, col };
}

const POLL_MS = 100;

/**
 * Takes a session-level advisory lock keyed by `lockKey(name)`, trying every 100 ms until
 * `timeoutMs` has passed (a blocking `pg_advisory_lock` could not give up with a message).
 * Resolves to its release. The key is per database: applies to different databases never wait.
 */
/**
 * The advisory lock key of a name: 32-bit FNV-1 (not FNV-1a), as Atlas computes it, so that
 * atlas-ts and Atlas exclude each other (`atlas_migrate_execute` is 2686470616).
 */
export function lockKey(name: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ byte) >>> 0;
  }
  return String(h);
}

export async function advisoryLock(
  conn: PgConn,
  name: string,
  timeoutMs: number,
): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    const [row] = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [lockKey(name)]);
    if (row?.ok === true) break;
    const waited = Date.now() - start;
    if (waited >= timeoutMs) {
      throw new UserError(
        'LOCKED',
        `another atlas-ts apply holds the lock "${name}" on this database; waited ${seconds(timeoutMs)} s`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, timeoutMs - waited)));
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await conn.query('SELECT pg_advisory_unlock($1)', [lockKey(name)]);
  };
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10);
