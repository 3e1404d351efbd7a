// One query interface over a `pg` client or an embedded PGlite, so that inspection and
// rendering never know which engine they run on. Catalog queries return only text, booleans,
// integers and JSON, which both engines decode the same way.
import { existsSync } from 'node:fs';
import { UserError } from '../../errors.ts';
import { redact, urlPassword } from '../../redact.ts';
import { connectFailure } from '../connect-error.ts';
import { pgliteExtensions } from './pglite-extensions.ts';
import { type PgTarget, parsePgUrl } from './url.ts';

export type Row = Record<string, unknown>;

export interface PgConn {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements in one round trip (simple query protocol). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface Connected {
  conn: PgConn;
  target: PgTarget;
}

export async function connectPg(rawUrl: string): Promise<Connected> {
  const target = parsePgUrl(rawUrl);
  const conn = target.kind === 'pglite' ? await openPglite(target.dataDir) : await openServer(rawUrl, target);
  return { conn, target };
}

async function openPglite(dataDir: string | undefined): Promise<PgConn> {
  // PGlite would silently create a new, empty database at a mistyped path.
  if (dataDir && !existsSync(dataDir)) {
    throw new UserError('NO_DATABASE', `no PGlite database at "${dataDir}": the directory does not exist`);
  }
  // Loaded lazily: PGlite is a large WebAssembly module that most commands never need.
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions = await pgliteExtensions();
  const db = dataDir ? new PGlite(dataDir, { extensions }) : new PGlite({ extensions });
  await db.waitReady;
  return {
    async query<T extends Row>(sql: string, params?: unknown[]) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

async function openServer(rawUrl: string, target: Extract<PgTarget, { kind: 'server' }>): Promise<PgConn> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: target.connectionString,
    connectionTimeoutMillis: 10_000,
  });
  // A dropped connection must surface as a rejected query, not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw connectError(e, rawUrl, target.database);
  }
  return {
    async query<T extends Row>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

const AUTH = new Set(['28P01', '28000']);
const NO_DATABASE = new Set(['3D000']);

/** Turns a driver's connection failure into one line that names the problem, never the password. */
export function connectError(e: unknown, rawUrl: string, database: string): UserError {
  // pg raises SASL failures (no password given for a role that needs one) without a SQLSTATE.
  if (/SASL|password must be a string/i.test((e as { message?: string })?.message ?? '')) {
    return new UserError(
      'AUTH',
      `authentication failed for ${redact(rawUrl, [urlPassword(rawUrl) ?? ''])}: the server requires a password; put it in the URL as user:password@host`,
    );
  }
  return connectFailure(e, rawUrl, { database, auth: AUTH, noDatabase: NO_DATABASE });
}
