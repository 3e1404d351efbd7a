// Errors a user can cause. Front ends print `message` (one line, no stack trace) and exit 1;
// anything that is not a UserError is a bug and is reported as such.
export type UserErrorCode =
  | 'BAD_URL'
  | 'CONNECT'
  | 'AUTH'
  | 'NO_DATABASE'
  | 'NO_SCHEMA'
  | 'UNSUPPORTED'
  | 'BAD_ARGS'
  | 'SQL'
  /** A mistake in an HCL file (schema or atlas.hcl); the message names file:line:col. */
  | 'HCL'
  /** The database's schema changed between planning and applying. */
  | 'CHANGED'
  /** Another apply holds the schema lock. */
  | 'LOCKED'
  /** A statement failed while applying (see ExecError). */
  | 'EXEC'
  /** The user declined, or no one could be asked to approve. */
  | 'NOT_APPROVED'
  /** A migration directory does not match its atlas.sum (or has none, or a malformed one). */
  | 'CHECKSUM';

export class UserError extends Error {
  readonly code: UserErrorCode;
  /** Static help shown after the message (a command's usage); never contains user input. */
  readonly help: string | undefined;
  constructor(code: UserErrorCode, message: string, options?: { cause?: unknown; help?: string }) {
    super(message, options);
    this.name = 'UserError';
    this.code = code;
    this.help = options?.help;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Where a statement failed, as far as the database says. */
export interface ExecFailure {
  /** 0-based index of the failing statement among the `total` that were to run; `total` when COMMIT failed. */
  index: number;
  total: number;
  /** The failing statement; absent when COMMIT failed (deferred constraints). */
  stmt: { sql: string; comment?: string | undefined } | undefined;
  /** The database's message, e.g. `column "age" of relation "users" contains null values`. */
  dbMessage: string;
  sqlState?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  /** 1-based line and column inside `stmt.sql` that the database pointed at. */
  position?: { line: number; col: number } | undefined;
  /** Statements that ran before it and stay applied. */
  applied: number;
  /** Statements that ran before it and were rolled back with the transaction. */
  rolledBack: number;
  /** Statements after it that did not run. */
  notRun: number;
}

/**
 * A statement failed while applying. The message is one line that says which statement, why,
 * and what state the database is left in; the fields let front ends print the SQL as well.
 */
export class ExecError extends UserError {
  readonly failure: ExecFailure;
  constructor(failure: ExecFailure, options?: { cause?: unknown }) {
    super('EXEC', execMessage(failure), options);
    this.name = 'ExecError';
    this.failure = failure;
  }
}

export function isExecError(e: unknown): e is ExecError {
  return e instanceof ExecError;
}

const count = (n: number, what = 'statement') => `${n} ${what}${n === 1 ? '' : 's'}`;

function execMessage(f: ExecFailure): string {
  const which =
    f.stmt === undefined
      ? 'COMMIT failed'
      : `statement ${f.index + 1} of ${f.total}${f.stmt.comment ? ` (${f.stmt.comment})` : ''} failed`;
  const at = f.position ? ` at line ${f.position.line}, column ${f.position.col}` : '';
  const state: string[] = [];
  if (f.rolledBack > 0) state.push(`the transaction was rolled back (${count(f.rolledBack)} undone)`);
  if (f.applied > 0) state.push(`${count(f.applied)} before it stay applied`);
  if (f.applied === 0) state.push('the database is unchanged');
  if (f.notRun > 0) state.push(`${count(f.notRun)} after it did not run`);
  return `${which}${at}: ${f.dbMessage}; ${state.join(', ')}`;
}
