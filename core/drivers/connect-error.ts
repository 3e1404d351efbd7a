// Connection failures as one line that names the problem and never the password, shared by the
// drivers: each says which of its error codes mean bad credentials or a missing database.
import { UserError } from '../errors.ts';
import { redact, urlPassword } from '../redact.ts';

/** Node's codes for a server that cannot be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENOENT']);

export function connectFailure(
  e: unknown,
  rawUrl: string,
  opts: { database: string | undefined; auth: ReadonlySet<string>; noDatabase: ReadonlySet<string> },
): UserError {
  const err = e as { code?: string; message?: string };
  const secrets = [urlPassword(rawUrl)].filter((s): s is string => !!s);
  const where = redact(rawUrl, secrets);
  const msg = redact(err.message ?? String(e), secrets);
  const code = err.code ?? '';
  if (opts.auth.has(code)) return new UserError('AUTH', `authentication failed for ${where}: ${msg}`);
  if (opts.noDatabase.has(code))
    return new UserError('NO_DATABASE', `database "${opts.database}" does not exist on ${where}`);
  if (UNREACHABLE.has(code))
    return new UserError('CONNECT', `cannot reach the database server at ${where}: ${msg}`);
  return new UserError('CONNECT', `cannot connect to ${where}: ${msg}`);
}

/** Parses a database URL, with the errors every driver gives for a malformed one. */
export function readUrl(
  raw: string,
  expected: string,
): { url: URL; bad: (why: string) => UserError; decode: (s: string) => string } {
  const bad = (why: string) => new UserError('BAD_URL', `malformed database URL "${redact(raw)}": ${why}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad(expected);
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw bad('a percent-escape (%xx) is not valid');
    }
  };
  return { url, bad, decode };
}
