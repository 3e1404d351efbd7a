// PostgreSQL connection URLs: `postgres://` / `postgresql://` for a server, `pglite://` for the
// embedded engine (in memory, or `pglite:///abs/dir` and `pglite://./rel/dir` persisted on disk).
import { UserError } from '../../errors.ts';
import { redact } from '../../redact.ts';
import { readUrl } from '../connect-error.ts';

export type PgTarget =
  | { kind: 'server'; connectionString: string; database: string; searchPath: string | undefined }
  | { kind: 'pglite'; dataDir: string | undefined; searchPath: string | undefined };

// No password in the example: messages are redacted, which would garble it.
const EXPECTED = 'expected postgres://user@host:port/dbname (a password goes after the user: user:password@)';

export function parsePgUrl(raw: string): PgTarget {
  const { url, bad, decode } = readUrl(raw, EXPECTED);
  const searchPath = url.searchParams.get('search_path') ?? undefined;
  if (url.protocol === 'pglite:') {
    // `pglite://` alone is in memory; a host of `.` means a path relative to the working directory.
    const path =
      url.host === '.' ? `.${url.pathname}` : url.host === '' ? url.pathname : `${url.host}${url.pathname}`;
    return { kind: 'pglite', dataDir: path === '' || path === '/' ? undefined : decode(path), searchPath };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UserError('BAD_URL', `unsupported URL scheme "${url.protocol}" in "${redact(raw)}"`);
  }
  if (url.pathname.split('/').length > 2) throw bad('the path must be one database name');
  if (url.port && !/^\d+$/.test(url.port)) throw bad(`bad port "${url.port}"`);
  const database = decode(url.pathname.replace(/^\//, ''));
  decode(url.username);
  decode(url.password);
  // `search_path` binds the connection to one schema; it is ours, not a libpq parameter.
  url.searchParams.delete('search_path');
  // sslmode means what it means to libpq (require: encrypt without verifying the certificate),
  // not pg's stricter reading, which also prints a warning on every run.
  if (url.searchParams.has('sslmode') && !url.searchParams.has('uselibpqcompat')) {
    url.searchParams.set('uselibpqcompat', 'true');
  }
  return { kind: 'server', connectionString: url.toString(), database: database || 'postgres', searchPath };
}
