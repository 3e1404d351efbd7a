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
  constructor(code: UserErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
    this.code = code;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
