// PostgreSQL connection URLs: `postgres://` / `postgresql://` for a server, `pglite://` for the
// embedded engine (in memory, or `pglite:///abs/dir` and `pglite://./rel/dir` persisted on disk).
import { UserError } from '../../errors.ts';
import { redact } from '../../redact.ts';

export type PgTarget =
  | { kind: 'server'; connectionString: string; database: string; searchPath: string | undefined }
  | { kind: 'pglite'; dataDir: string | undefined; searchPath: string | undefined };

export function parsePgUrl(raw: string): PgTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(
      'BAD_URL',
      `malformed database URL "${redact(raw)}": expected postgres://user:pass@host:port/dbname`,
    );
  }
  const searchPath = url.searchParams.get('search_path') ?? undefined;
  if (url.protocol === 'pglite:') {
    // `pglite://` alone is in memory; a host of `.` means a path relative to the working directory.
    const path =
      url.host === '.' ? `.${url.pathname}` : url.host === '' ? url.pathname : `${url.host}${url.pathname}`;
    return {
      kind: 'pglite',
      dataDir: path === '' || path === '/' ? undefined : decodeURIComponent(path),
      searchPath,
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UserError('BAD_URL', `unsupported URL scheme "${url.protocol}" in "${redact(raw)}"`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.pathname.split('/').length > 2) {
    throw new UserError(
      'BAD_URL',
      `malformed database URL "${redact(raw)}": the path must be one database name`,
    );
  }
  if (url.port && !/^\d+$/.test(url.port)) {
    throw new UserError('BAD_URL', `malformed database URL "${redact(raw)}": bad port "${url.port}"`);
  }
  // `search_path` binds the connection to one schema; it is ours, not a libpq parameter.
  url.searchParams.delete('search_path');
  return { kind: 'server', connectionString: url.toString(), database: database || 'postgres', searchPath };
}
