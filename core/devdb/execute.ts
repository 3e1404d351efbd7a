// Executing desired-state files on a dev database statement by statement, so that an error
// names its file, line and column the way an editor counts them.
import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import { indexOfChar, LineMap, SplitError, type SqlStatement, splitStatements } from '../migrate/split.ts';
import type { Dialect } from '../schema/model.ts';
import type { SqlFile } from './files.ts';

/** Splits a file, or says where it cannot be split. */
export function fileStatements(file: SqlFile, dialect: Dialect = 'postgres'): SqlStatement[] {
  try {
    return splitStatements(file.text, { dialect });
  } catch (e) {
    if (e instanceof SplitError) throw new UserError('SQL', `${file.path}:${e.line}:${e.col}: ${e.reason}`);
    throw e;
  }
}

/** Statements per round trip: large enough to amortize latency, small enough to retry cheaply. */
const BATCH = 200;

/** Explicit transaction control changes what a failed batch leaves behind. */
const TRANSACTION_CONTROL =
  /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION)\b/i;

/**
 * Executes the statements of `file` (from fileStatements). They go in batches, one round trip
 * each: PostgreSQL runs a multi-statement query as one implicit transaction, so a batch that
 * fails leaves nothing behind, and is then run statement by statement to report the failing one
 * at its line and column (and to give statements that cannot share a transaction their own).
 */
export async function executeFile(
  driver: Driver,
  file: SqlFile,
  stmts: readonly SqlStatement[],
): Promise<void> {
  const lines = new LineMap(file.text);
  const oneByOne = async (batch: readonly SqlStatement[]) => {
    for (const stmt of batch) {
      try {
        await driver.execScript(stmt.text);
      } catch (e) {
        throw statementError(file.path, lines, stmt, e);
      }
    }
  };
  let batch: SqlStatement[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    try {
      await driver.execScript(current.map((s) => s.text).join(';\n'));
    } catch (e) {
      if (!isServerError(e)) throw e;
      await oneByOne(current);
    }
  };
  // Where DDL commits by itself (MySQL), a failed batch would leave its first part behind.
  if (!driver.transactionalDdl) return oneByOne(stmts);
  // After the file's own BEGIN, a failed batch would abort that transaction instead of rolling
  // back by itself: from the first transaction-control statement on, one statement at a time.
  let explicit = false;
  for (const stmt of stmts) {
    explicit ||= TRANSACTION_CONTROL.test(stmt.text);
    if (explicit) {
      await flush();
      await oneByOne([stmt]);
    } else {
      batch.push(stmt);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
}

/**
 * Fields of a server error: pg and PGlite both expose severity/position (PGlite uses pg's
 * protocol parser); mysql2 exposes sqlState and sqlMessage.
 */
interface DbError {
  message: string;
  severity?: string;
  sqlState?: string;
  sqlMessage?: string;
  /** 1-based character offset in the statement, as a decimal string. */
  position?: string | number;
  hint?: string;
}

const isServerError = (e: unknown): boolean =>
  typeof (e as DbError)?.severity === 'string' || typeof (e as DbError)?.sqlState === 'string';

function statementError(path: string, lines: LineMap, stmt: SqlStatement, e: unknown): unknown {
  const err = e as DbError;
  if (!isServerError(e)) return e; // not the server's answer: a lost connection, a bug
  const pos = Number(err.position);
  const where =
    Number.isInteger(pos) && pos > 0 ? lines.at(stmt.offset + indexOfChar(stmt.text, pos - 1)) : stmt;
  const hint = err.hint ? ` (hint: ${err.hint})` : '';
  return new UserError('SQL', `${path}:${where.line}:${where.col}: ${err.sqlMessage ?? err.message}${hint}`, {
    cause: e,
  });
}
