// MySQL and MariaDB connection URLs. `mysql://`, `maria://` and `mariadb://` are the same thing:
//   mysql://user:pass@host:3306/db      bound to database `db` (names print unqualified)
//   mysql://user:pass@host:3306/        the whole server: every non-system database
//   mysql://user@localhost/db?socket=/run/mysqld/mysqld.sock     a unix socket
//   mysql+unix:///run/mysqld/mysqld.sock?database=db             the same, Atlas's spelling
// TLS follows the Go MySQL driver that Atlas users know: `tls=true|false|skip-verify|preferred`,
// with `ssl-ca`, `ssl-cert` and `ssl-key` naming PEM files.
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.ts';
import { redact } from '../../redact.ts';
import { readUrl } from '../connect-error.ts';

export interface MysqlTarget {
  host?: string;
  port?: number;
  socketPath?: string;
  user: string;
  password?: string;
  /** The database the URL binds to; absent for a server URL. */
  database: string | undefined;
  ssl?: { rejectUnauthorized: boolean; ca?: string; cert?: string; key?: string };
  /** `tls=preferred`: try TLS, fall back to a plain connection if the server has none. */
  sslPreferred?: boolean;
}

const EXPECTED = 'expected mysql://user@host:port/dbname (a password goes after the user: user:password@)';
const PARAMS = new Set(['socket', 'unix_socket', 'database', 'tls', 'ssl-ca', 'ssl-cert', 'ssl-key']);

export function isMysqlUrl(url: string): boolean {
  return /^(mysql|mysql\+unix|maria|mariadb):/i.test(url);
}

export function parseMysqlUrl(raw: string): MysqlTarget {
  const { url, bad, decode } = readUrl(raw, EXPECTED);
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!['mysql', 'mysql+unix', 'maria', 'mariadb'].includes(scheme)) {
    throw new UserError('BAD_URL', `unsupported URL scheme "${url.protocol}" in "${redact(raw)}"`);
  }
  for (const key of url.searchParams.keys()) {
    if (!PARAMS.has(key)) {
      throw bad(`unknown parameter "${key}" (known: ${[...PARAMS].join(', ')})`);
    }
  }
  const target: MysqlTarget = {
    user: decode(url.username) || 'root',
    database: undefined,
  };
  const password = decode(url.password);
  if (password) target.password = password;

  if (scheme === 'mysql+unix') {
    target.socketPath = decode(url.pathname);
    target.database = url.searchParams.get('database') || undefined;
  } else {
    const parts = url.pathname.split('/').filter((p) => p !== '');
    if (parts.length > 1) throw bad('the path must be one database name');
    target.database = parts[0] ? decode(parts[0]) : url.searchParams.get('database') || undefined;
    const socket = url.searchParams.get('socket') ?? url.searchParams.get('unix_socket');
    if (socket) target.socketPath = socket;
    else {
      if (url.port && !/^\d+$/.test(url.port)) throw bad(`bad port "${url.port}"`);
      target.host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
      target.port = url.port ? Number(url.port) : 3306;
    }
  }
  const tls = url.searchParams.get('tls');
  const file = (key: string) => {
    const path = url.searchParams.get(key);
    if (!path) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw bad(`cannot read ${key} file "${path}": ${(e as Error).message}`);
    }
  };
  const pem = { ca: file('ssl-ca'), cert: file('ssl-cert'), key: file('ssl-key') };
  const withPem = Object.fromEntries(Object.entries(pem).filter(([, v]) => v !== undefined));
  switch (tls ?? (pem.ca || pem.cert ? 'true' : 'false')) {
    case 'false':
      break;
    case 'true':
      target.ssl = { rejectUnauthorized: true, ...withPem };
      break;
    case 'skip-verify':
      target.ssl = { rejectUnauthorized: false, ...withPem };
      break;
    case 'preferred':
      target.ssl = { rejectUnauthorized: false, ...withPem };
      target.sslPreferred = true;
      break;
    default:
      throw bad(`tls must be true, false, skip-verify or preferred, not "${tls}"`);
  }
  return target;
}

/** The URL bound to another database (`undefined`: the server), keeping credentials and parameters. */
export function withDatabase(raw: string, database: string | undefined): string {
  const url = new URL(raw);
  if (url.protocol.toLowerCase() === 'mysql+unix:') {
    if (database === undefined) url.searchParams.delete('database');
    else url.searchParams.set('database', database);
    return url.toString();
  }
  url.searchParams.delete('database');
  url.pathname = database === undefined ? '/' : `/${encodeURIComponent(database)}`;
  return url.toString();
}
