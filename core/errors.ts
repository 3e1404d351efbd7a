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
  | 'SQL';

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
