// A mysql2 connection behind the small interface the rest of the driver uses. Errors from
// connecting become one-line UserErrors that never show the password.
import type { Connection, ConnectionOptions } from 'mysql2/promise';
import type { UserError } from '../../errors.ts';
import { connectFailure } from '../connect-error.ts';
import { type MysqlTarget, parseMysqlUrl } from './url.ts';

export type Row = Record<string, unknown>;

export interface MyConn {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement (or, for scripts, several: the connection allows multiple statements). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function connectMysql(rawUrl: string): Promise<{ conn: MyConn; target: MysqlTarget }> {
  const target = parseMysqlUrl(rawUrl);
  const { default: mysql } = await import('mysql2/promise');
  const options: ConnectionOptions = {
    user: target.user,
    connectTimeout: 10_000,
    // Scripts of several statements go in one round trip; the splitter decides where they end.
    multipleStatements: true,
    // Catalog values as text: BIGINT counters and DECIMAL bounds must not lose digits.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    charset: 'utf8mb4_general_ci',
    // With this capability flag the server adds IGNORE_SPACE to the session's sql_mode, and every
    // trigger and routine created through us would record it.
    flags: ['-IGNORE_SPACE'],
    ...(target.password !== undefined ? { password: target.password } : {}),
    ...(target.socketPath ? { socketPath: target.socketPath } : { host: target.host, port: target.port }),
    ...(target.database !== undefined ? { database: target.database } : {}),
  };
  let c: Connection;
  try {
    c = await mysql.createConnection(target.ssl ? { ...options, ssl: target.ssl } : options);
  } catch (e) {
    if (target.sslPreferred && /ssl|tls/i.test(String((e as Error).message))) {
      try {
        c = await mysql.createConnection(options);
      } catch (e2) {
        throw connectError(e2, rawUrl, target.database);
      }
    } else throw connectError(e, rawUrl, target.database);
  }
  // A dropped connection must surface as a rejected query, not crash the process.
  c.on('error', () => {});
  return {
    target,
    conn: {
      async query<T extends Row>(sql: string, params?: unknown[]) {
        const [rows] = await c.query(sql, params);
        return rows as T[];
      },
      async exec(sql: string) {
        await c.query(sql);
      },
      close: () => c.end(),
    },
  };
}

const AUTH = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR']);
const NO_DATABASE = new Set(['ER_BAD_DB_ERROR']);

/** Turns a connection failure into one line that names the problem, never the password. */
function connectError(e: unknown, rawUrl: string, database: string | undefined): UserError {
  return connectFailure(e, rawUrl, { database, auth: AUTH, noDatabase: NO_DATABASE });
}
