// Per-test databases on the servers scripts/test.mjs provides (PG_URL / MYSQL_URL), plus the real
// command-line clients. Every test gets its own database so test files can run concurrently
// against one server without seeing each other's objects.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TestContext } from 'node:test';
import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import { findPgBinDir } from '../../scripts/pg-bin.mjs';

export interface FreshDatabase {
  url: string;
  name: string;
  /** Idempotent, so calling it in a test as well as via t.after is fine. */
  drop(): Promise<void>;
}

function adminUrl(key: 'PG_URL' | 'MYSQL_URL'): string | undefined {
  return process.env[key] || undefined;
}

function requirePgUrl(): string {
  const url = adminUrl('PG_URL');
  if (!url) throw new Error('PG_URL not set: run tests through `npm test` (scripts/test.mjs)');
  return url;
}

/** Random rather than per-test counters: names must not collide across concurrent processes. */
function uniqueName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}

/** A short-lived admin connection per call: pools would keep test processes alive after the tests. */
async function pgAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshPgDatabase(t?: TestContext): Promise<FreshDatabase> {
  const admin = requirePgUrl();
  const name = uniqueName();
  // template0 rather than template1: copying template1 fails with "source database is being
  // accessed by other users" while anything is connected to it, and it may carry local objects.
  await pgAdmin(admin, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  // FORCE: a test that leaked a connection must not make the drop (and the run) fail.
  const drop = once(() =>
    pgAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  );
  t?.after(drop);
  return { url: withDatabase(admin, name), name, drop };
}

async function mysqlAdmin<T>(url: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const conn = await createConnection(url);
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** Returns null (and skips `t`) when no MariaDB is available, so MySQL tests degrade instead of failing. */
export async function freshMysqlDatabase(t?: TestContext): Promise<FreshDatabase | null> {
  const admin = adminUrl('MYSQL_URL');
  if (!admin) {
    t?.skip('MYSQL_URL not set: MariaDB not available');
    return null;
  }
  const name = uniqueName();
  await mysqlAdmin(admin, (c) => c.query(`CREATE DATABASE \`${name}\``));
  const drop = once(() =>
    mysqlAdmin(admin, async (c) => {
      // An open transaction in a leaked connection holds metadata locks that would make DROP
      // DATABASE wait (lock_wait_timeout defaults to a year), so end those sessions first.
      const [rows] = await c.query<(RowDataPacket & { id: number })[]>(
        'SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()',
        [name],
      );
      for (const { id } of rows) await c.query(`KILL ${Number(id)}`).catch(() => {});
      await c.query('SET SESSION lock_wait_timeout = 30');
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }),
  );
  t?.after(drop);
  return { url: withDatabase(admin, name), name, drop };
}

/** Runs a client binary; rejects with its stderr so assertion output shows the server's message. */
export function runClient(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(err.trim() || `${cmd} exited with ${code ?? signal}`));
    });
    child.stdin.on('error', () => {}); // the client may exit before reading all input
    child.stdin.end(input ?? '');
  });
}

const pgTools = new Map<string, string>(); // the lookup spawns pg_config; tests call these a lot

function pgTool(tool: string, minMajor = 0): string {
  const key = `${tool}@${minMajor}`;
  let path = pgTools.get(key);
  if (!path) {
    const dir = findPgBinDir([tool], minMajor);
    if (!dir) throw new Error(`${tool} (PostgreSQL >= ${minMajor}) not found`);
    path = `${dir}/${tool}`;
    pgTools.set(key, path);
  }
  return path;
}

// -X: ignore ~/.psqlrc; ON_ERROR_STOP: exit non-zero on the first error instead of carrying on.
const PSQL_ARGS = ['-X', '-q', '-v', 'ON_ERROR_STOP=1'];

/** Errors read `psql:<file>:<line>: ERROR: ...`. */
export function psqlFile(url: string, file: string): Promise<string> {
  return runClient(pgTool('psql'), [...PSQL_ARGS, '-d', url, '-f', file]);
}

/** Via stdin rather than -c, so multi-statement SQL runs statement by statement as a file would. */
export function psqlExec(url: string, sql: string): Promise<string> {
  return runClient(pgTool('psql'), [...PSQL_ARGS, '-d', url, '-f', '-'], sql);
}

/**
 * The MariaDB client tools take no URL: connection options, and the URL's database apart (the
 * mariadb client takes it as `--database`, mariadb-dump as its argument).
 */
export function mariadbConnection(url: string): { args: string[]; database: string } {
  const u = new URL(url);
  const args = ['--no-defaults', '--protocol=TCP', `--host=${u.hostname}`, `--port=${u.port || '3306'}`];
  args.push(`--user=${decodeURIComponent(u.username || 'root')}`, '--default-character-set=utf8mb4');
  if (u.password) args.push(`--password=${decodeURIComponent(u.password)}`);
  return { args, database: decodeURIComponent(u.pathname.slice(1)) };
}

function mariadbArgs(url: string): string[] {
  const { args, database } = mariadbConnection(url);
  return database ? [...args, `--database=${database}`] : args;
}

/** Errors read `ERROR 1064 (42000) at line <n>: ...`. */
export async function mariadbFile(url: string, file: string): Promise<string> {
  return runClient('mariadb', mariadbArgs(url), await readFile(file, 'utf8'));
}

export function mariadbExec(url: string, sql: string, extraArgs: string[] = []): Promise<string> {
  return runClient('mariadb', [...mariadbArgs(url), ...extraArgs], sql);
}

/** Schema-only dump with a pg_dump at least as new as the server (older ones refuse to dump). */
export async function pgDump(url: string): Promise<string> {
  const serverMajor = await pgAdmin(url, async (c) => {
    const { rows } = await c.query<{ v: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]!.v) / 10000);
  });
  const pgDumpPath = pgTool('pg_dump', serverMajor);
  return runClient(pgDumpPath, ['--schema-only', '--no-owner', '--no-privileges', '-d', url]);
}

/** Rows of one query on a PostgreSQL database, over a connection of its own. */
export { query as pgQuery } from '../../core/devdb/testing.ts';
