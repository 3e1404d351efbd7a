// Running statements and taking advisory locks on PostgreSQL. (Being implemented: issue #3.)
import type { Stmt } from '../driver.ts';
import type { PgConn } from './conn.ts';

export async function execStatements(
  _conn: PgConn,
  _stmts: readonly Stmt[],
  _opts: { txMode: 'file' | 'none' },
): Promise<void> {
  throw new Error('execStatements: not implemented yet');
}

export async function advisoryLock(
  _conn: PgConn,
  _name: string,
  _timeoutMs: number,
): Promise<() => Promise<void>> {
  throw new Error('advisoryLock: not implemented yet');
}
