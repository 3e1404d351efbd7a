// Executing desired-state files on a dev database statement by statement, so that an error
// names its file, line and column the way an editor counts them.
import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import { indexOfChar, LineMap, SplitError, type SqlStatement, splitStatements } from '../migrate/split.ts';
import type { SqlFile } from './files.ts';

/** Splits a file, or says where it cannot be split. */
export function fileStatements(file: SqlFile): SqlStatement[] {
  try {
    return splitStatements(file.text, { dialect: 'postgres' });
  } catch (e) {
    if (e instanceof SplitError) throw new UserError('SQL', `${file.path}:${e.line}:${e.col}: ${e.reason}`);
    throw e;
  }
}

/** Executes the statements of `file` (from fileStatements) one by one. */
export async function executeFile(
  driver: Driver,
  file: SqlFile,
  stmts: readonly SqlStatement[],
): Promise<void> {
  const lines = new LineMap(file.text);
  for (const stmt of stmts) {
    try {
      await driver.execScript(stmt.text);
    } catch (e) {
      throw statementError(file.path, lines, stmt, e);
    }
  }
}

/** Fields of a server error that pg and PGlite both expose (PGlite uses pg's protocol parser). */
interface DbError {
  message: string;
  severity?: string;
  /** 1-based character offset in the statement, as a decimal string. */
  position?: string | number;
  hint?: string;
}

function statementError(path: string, lines: LineMap, stmt: SqlStatement, e: unknown): unknown {
  const err = e as DbError;
  if (typeof err?.severity !== 'string') return e; // not the server's answer: a lost connection, a bug
  const pos = Number(err.position);
  const where =
    Number.isInteger(pos) && pos > 0 ? lines.at(stmt.offset + indexOfChar(stmt.text, pos - 1)) : stmt;
  const hint = err.hint ? ` (hint: ${err.hint})` : '';
  return new UserError('SQL', `${path}:${where.line}:${where.col}: ${err.message}${hint}`, { cause: e });
}
