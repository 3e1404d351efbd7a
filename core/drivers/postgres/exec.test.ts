// Statement execution and advisory locks against a real PostgreSQL server and an in-memory
// PGlite: what a failure leaves in the catalog, what the error says, and how the lock waits.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import pg from 'pg';
import { freshPgDatabase } from '../../../test/helpers/db.ts';
import { ExecError, isUserError } from '../../errors.ts';
import type { Stmt } from '../driver.ts';
import { connectPg, type PgConn } from './conn.ts';
import { advisoryLock, execStatements, lineCol, lockKey } from './exec.ts';

async function connect(t: TestContext, url: string): Promise<PgConn> {
  const { conn } = await connectPg(url);
  t.after(() => conn.close().catch(() => {}));
  return conn;
}

async function freshConn(t: TestContext): Promise<{ url: string; conn: PgConn }> {
  const db = await freshPgDatabase(t);
  return { url: db.url, conn: await connect(t, db.url) };
}

async function tables(conn: PgConn): Promise<string[]> {
  const rows = await conn.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function execError(p: Promise<unknown>): Promise<ExecError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ExecError, `expected an ExecError, got ${(e as Error)?.stack ?? e}`);
    return e;
  }
  assert.fail('expected the statements to fail');
}

const stmt = (sql: string, comment?: string, transactional?: boolean): Stmt => ({
  sql,
  ...(comment ? { comment } : {}),
  ...(transactional === undefined ? {} : { transactional }),
});

const THREE: Stmt[] = [
  stmt('CREATE TABLE a (id int PRIMARY KEY)', 'Create "a" table'),
  stmt('CREATE TABLE b (id int REFERENCES a)', 'Create "b" table'),
  stmt('CREATE TABLE c (\n  id int,\n  x nosuchtype\n)', 'Create "c" table'),
  stmt('CREATE TABLE d (id int)', 'Create "d" table'),
];

test('file mode: all statements commit together', async (t) => {
  const { conn } = await freshConn(t);
  await execStatements(conn, [THREE[0]!, THREE[1]!, THREE[3]!], { txMode: 'file' });
  assert.deepEqual(await tables(conn), ['a', 'b', 'd']);
});

test('file mode: a failure rolls everything back and says where', async (t) => {
  const { conn } = await freshConn(t);
  const e = await execError(execStatements(conn, THREE, { txMode: 'file' }));
  assert.equal(e.code, 'EXEC');
  const f = e.failure;
  assert.equal(f.index, 2);
  assert.equal(f.total, 4);
  assert.deepEqual(f.stmt, { sql: THREE[2]!.sql, comment: 'Create "c" table' });
  assert.equal(f.dbMessage, 'type "nosuchtype" does not exist');
  assert.equal(f.sqlState, '42704');
  assert.deepEqual(f.position, { line: 3, col: 5 });
  assert.deepEqual([f.applied, f.rolledBack, f.notRun], [0, 2, 1]);
  assert.equal(
    e.message,
    'statement 3 of 4 (Create "c" table) failed at line 3, column 5: type "nosuchtype" does not exist; ' +
      'the transaction was rolled back (2 statements undone), the database is unchanged, 1 statement after it did not run',
  );
  // The catalog is as before, and the connection is usable (not left in an aborted transaction).
  assert.deepEqual(await tables(conn), []);
  await execStatements(conn, [THREE[0]!], { txMode: 'file' });
  assert.deepEqual(await tables(conn), ['a']);
});

test('file mode: a failed COMMIT (deferred constraint) rolls back too', async (t) => {
  const { conn } = await freshConn(t);
  await conn.exec(
    `CREATE TABLE p (id int PRIMARY KEY);
     CREATE TABLE ch (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED)`,
  );
  const e = await execError(
    execStatements(conn, [stmt('INSERT INTO ch VALUES (1)'), stmt('CREATE TABLE z (id int)')], {
      txMode: 'file',
    }),
  );
  assert.equal(e.failure.stmt, undefined);
  assert.equal(e.failure.index, 2);
  assert.deepEqual([e.failure.applied, e.failure.rolledBack, e.failure.notRun], [0, 2, 0]);
  assert.match(e.message, /^COMMIT failed: .*violates foreign key constraint/);
  assert.deepEqual(await tables(conn), ['ch', 'p']);
  assert.deepEqual(await conn.query('SELECT * FROM ch'), []);
});

test('none mode: statements before the failure stay, the rest do not run', async (t) => {
  const { conn } = await freshConn(t);
  const e = await execError(execStatements(conn, THREE, { txMode: 'none' }));
  const f = e.failure;
  assert.equal(f.index, 2);
  assert.deepEqual([f.applied, f.rolledBack, f.notRun], [2, 0, 1]);
  assert.deepEqual(f.position, { line: 3, col: 5 });
  assert.match(e.message, /2 statements before it stay applied, 1 statement after it did not run$/);
  assert.deepEqual(await tables(conn), ['a', 'b']);
});

test('none mode runs statements PostgreSQL refuses in a transaction', async (t) => {
  const { conn } = await freshConn(t);
  await conn.exec('CREATE TABLE t (id int)');
  await execStatements(conn, [stmt('CREATE INDEX CONCURRENTLY t_id ON t (id)', 'Create index', false)], {
    txMode: 'none',
  });
  const [row] = await conn.query<{ valid: boolean }>(
    `SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'public.t_id'::regclass`,
  );
  assert.equal(row?.valid, true);
});

test('file mode refuses a non-transactional statement before running anything', async (t) => {
  const { conn } = await freshConn(t);
  await assert.rejects(
    execStatements(
      conn,
      [stmt('CREATE TABLE t (id int)'), stmt('CREATE INDEX CONCURRENTLY t_id ON t (id)', undefined, false)],
      { txMode: 'file' },
    ),
    /statement 2 cannot run in a transaction/,
  );
  assert.deepEqual(await tables(conn), []);
});

test('an error position is counted in characters, on the statement sent', async (t) => {
  const { conn } = await freshConn(t);
  const sql = "SELECT 'héllo wörld',\n       'ünïcode',\n  nope";
  const e = await execError(execStatements(conn, [stmt(sql)], { txMode: 'none' }));
  assert.deepEqual(e.failure.position, { line: 3, col: 3 });
  assert.equal(e.failure.stmt?.comment, undefined);
  assert.match(
    e.message,
    /^statement 1 of 1 failed at line 3, column 3: column "nope" does not exist; the database is unchanged$/,
  );
});

test('lineCol', () => {
  assert.deepEqual(lineCol('abc', 1), { line: 1, col: 1 });
  assert.deepEqual(lineCol('abc\ndef', 5), { line: 2, col: 1 });
  assert.deepEqual(lineCol('abc\ndef', 7), { line: 2, col: 3 });
  assert.deepEqual(lineCol('😀x', 2), { line: 1, col: 2 });
});

test('advisory lock: a second session waits, then gives up with a message', async (t) => {
  const { url, conn } = await freshConn(t);
  const other = await connect(t, url);
  const release = await advisoryLock(conn, 'atlas_ts_test', 1000);

  const start = Date.now();
  await assert.rejects(advisoryLock(other, 'atlas_ts_test', 400), (e: unknown) => {
    assert.ok(isUserError(e));
    assert.equal(e.code, 'LOCKED');
    assert.equal(
      e.message,
      'another atlas-ts apply holds the lock "atlas_ts_test" on this database; waited 0.4 s',
    );
    return true;
  });
  const waited = Date.now() - start;
  assert.ok(waited >= 400 && waited < 2000, `waited ${waited} ms`);

  // Another name is another lock.
  const otherName = await advisoryLock(other, 'atlas_ts_other', 0);
  await otherName();

  // Released while the second session polls: it gets the lock well before its timeout.
  setTimeout(() => void release(), 300);
  const t0 = Date.now();
  const release2 = await advisoryLock(other, 'atlas_ts_test', 5000);
  assert.ok(Date.now() - t0 < 2000);
  await release2();
  await release2(); // idempotent
});

test('advisory lock: a session-level lock outlives transactions and ends with the session', async (t) => {
  const db = await freshPgDatabase(t);
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await holder.query(`SELECT pg_advisory_lock(${lockKey('atlas_ts_test')})`);
  const conn = await connect(t, db.url);
  await assert.rejects(advisoryLock(conn, 'atlas_ts_test', 0), /waited 0 s/);
  await holder.end();
  const release = await advisoryLock(conn, 'atlas_ts_test', 2000);
  await execStatements(conn, [stmt('CREATE TABLE t (id int)')], { txMode: 'file' });
  const [row] = await conn.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
  );
  assert.equal(row?.n, 1, 'the lock survives COMMIT');
  await release();
});

test('PGlite: exec, rollback and the lock work on an embedded database', async (t) => {
  const conn = await connect(t, 'pglite://');
  const e = await execError(execStatements(conn, THREE, { txMode: 'file' }));
  assert.deepEqual(e.failure.position, { line: 3, col: 5 });
  assert.deepEqual(await tables(conn), []);
  await execStatements(conn, [THREE[0]!, THREE[1]!], { txMode: 'file' });
  assert.deepEqual(await tables(conn), ['a', 'b']);
  const release = await advisoryLock(conn, 'atlas_ts_test', 100);
  await release();
});
