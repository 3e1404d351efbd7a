// Running statements and taking named locks on MySQL. DDL commits by itself there, so there is
// no transaction to roll back: statements run one by one, and a failure says exactly how many
// ran before it (they stay applied) and how many did not (a re-plan from the new state finishes).
import { createHash } from 'node:crypto';
import { ExecError, UserError } from '../../errors.ts';
import type { Stmt } from '../driver.ts';
import type { MyConn } from './conn.ts';

interface MysqlErrorFields {
  message?: string;
  code?: string;
  sqlState?: string;
  sqlMessage?: string;
}

export async function execStatements(conn: MyConn, stmts: readonly Stmt[]): Promise<void> {
  for (const [i, stmt] of stmts.entries()) {
    try {
      await conn.exec(stmt.sql);
    } catch (e) {
      const err = (e ?? {}) as MysqlErrorFields;
      throw new ExecError(
        {
          index: i,
          total: stmts.length,
          stmt: { sql: stmt.sql, comment: stmt.comment },
          dbMessage: err.sqlMessage ?? err.message ?? String(e),
          sqlState: err.sqlState,
          applied: i,
          rolledBack: 0,
          notRun: stmts.length - i - 1,
        },
        { cause: e },
      );
    }
  }
}

/** MySQL lock names are at most 64 characters and server-wide: long ones are hashed. */
export function lockName(name: string, database: string | undefined): string {
  const full = database === undefined ? name : `${name}:${database}`;
  if (full.length <= 64) return full;
  return `${name.slice(0, 20)}:${createHash('sha256').update(full).digest('hex').slice(0, 40)}`;
}

/**
 * Takes a named lock (GET_LOCK, which waits by itself up to a timeout in seconds). Lock names are
 * server-wide, so the database is part of the name: applies to different databases never wait.
 */
export async function namedLock(
  conn: MyConn,
  name: string,
  database: string | undefined,
  timeoutMs: number,
): Promise<() => Promise<void>> {
  const key = lockName(name, database);
  const [row] = await conn.query<{ ok: unknown }>('SELECT GET_LOCK(?, ?) AS ok', [key, timeoutMs / 1000]);
  if (Number(row?.ok) !== 1) {
    throw new UserError(
      'LOCKED',
      `another atlas-ts apply holds the lock "${name}" on this ${database === undefined ? 'server' : 'database'}; waited ${Math.round(timeoutMs / 100) / 10} s`,
    );
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await conn.query('SELECT RELEASE_LOCK(?)', [key]);
  };
}
