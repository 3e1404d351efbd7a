// Proves the real-database harness itself: isolation between fresh databases, cleanup, and
// that client failures surface the server's message with its line number.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import {
  freshMysqlDatabase,
  freshPgDatabase,
  mariadbExec,
  mariadbFile,
  pgDump,
  psqlExec,
  psqlFile,
} from './helpers/db.ts';

async function pgQuery<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function myQuery<R>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const conn = await createConnection(url);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(sql, params);
    return rows as R[];
  } finally {
    await conn.end();
  }
}

/** Under scripts/test.mjs this lands in the run's temp root, which is removed afterwards. */
async function sqlFile(content: string): Promise<string> {
  const dir = await mkdtemp(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'harness-'));
  const file = join(dir, 'script.sql');
  await writeFile(file, content);
  return file;
}

const userTables = `SELECT table_name FROM information_schema.tables
  WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`;

describe('postgres', () => {
  test('a fresh database is empty and is the one connected to', async (t) => {
    const db = await freshPgDatabase(t);
    assert.match(db.name, /^t_[0-9a-f]{12}$/);
    const [row] = await pgQuery<{ db: string }>(db.url, 'SELECT current_database() AS db');
    assert.equal(row?.db, db.name);
    assert.deepEqual(await pgQuery(db.url, userTables), []);
  });

  test('fresh databases are isolated from each other', async (t) => {
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlExec(a!.url, 'CREATE TABLE only_in_a (id int PRIMARY KEY);');
    assert.deepEqual(await pgQuery(a!.url, userTables), [{ table_name: 'only_in_a' }]);
    assert.deepEqual(await pgQuery(b!.url, userTables), []);
  });

  test('many databases can be created concurrently', async (t) => {
    const dbs = await Promise.all(Array.from({ length: 8 }, () => freshPgDatabase(t)));
    assert.equal(new Set(dbs.map((d) => d.name)).size, 8);
  });

  test('t.after drops the database, even with a connection left open', async (t) => {
    let name = '';
    let leaked: pg.Client | undefined;
    await t.test('inner', async (inner) => {
      const db = await freshPgDatabase(inner);
      name = db.name;
      leaked = new pg.Client({ connectionString: db.url });
      leaked.on('error', () => {}); // the forced drop terminates it
      await leaked.connect();
    });
    await leaked?.end().catch(() => {});
    const rows = await pgQuery(process.env.PG_URL!, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    assert.deepEqual(rows, []);
  });

  test('psqlFile runs a file and rejects with the failing line', async (t) => {
    const db = await freshPgDatabase(t);
    const file = await sqlFile(
      'CREATE TABLE before_error (id int);\n\nSELECT no_such_column FROM before_error;\nCREATE TABLE after_error (id int);\n',
    );
    await assert.rejects(psqlFile(db.url, file), (err: Error) => {
      assert.match(err.message, /script\.sql:3: ERROR: {2}column "no_such_column" does not exist/);
      return true;
    });
    // ON_ERROR_STOP: statements before the error ran, those after did not.
    assert.deepEqual(await pgQuery(db.url, userTables), [{ table_name: 'before_error' }]);
  });

  test('psqlExec reports errors from stdin with the line', async (t) => {
    const db = await freshPgDatabase(t);
    await assert.rejects(psqlExec(db.url, 'SELECT 1;\nSELEC 2;\n'), /<stdin>:2: ERROR: {2}syntax error/);
  });

  test('pgDump returns the schema', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, 'CREATE TABLE dumped (id bigint PRIMARY KEY, note text NOT NULL);');
    const dump = await pgDump(db.url);
    assert.match(dump, /CREATE TABLE public\.dumped \(\n\s+id bigint NOT NULL,\n\s+note text NOT NULL\n\);/);
    assert.doesNotMatch(dump, /OWNER TO|GRANT /);
  });
});

describe('mariadb', () => {
  test('fresh databases work and are isolated', async (t) => {
    const a = await freshMysqlDatabase(t);
    if (!a) return;
    const b = (await freshMysqlDatabase(t))!;
    assert.match(a.name, /^t_[0-9a-f]{12}$/);
    await mariadbExec(
      a.url,
      'CREATE TABLE only_in_a (id int PRIMARY KEY);\nINSERT INTO only_in_a VALUES (1), (2);',
    );
    const tables = 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()';
    assert.deepEqual(await myQuery(a.url, tables), [{ name: 'only_in_a' }]);
    assert.deepEqual(await myQuery(b.url, tables), []);
    assert.deepEqual(await myQuery(a.url, 'SELECT COUNT(*) AS n FROM only_in_a'), [{ n: 2 }]);
  });

  test('root needs no password but other users do (real auth)', async (t) => {
    const db = await freshMysqlDatabase(t);
    if (!db) return;
    const user = `u_${db.name}`;
    await mariadbExec(db.url, `CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY 'secret';`);
    t.after(() => mariadbExec(process.env.MYSQL_URL!, `DROP USER '${user}'@'127.0.0.1';`));
    const u = new URL(db.url);
    u.username = user;
    u.pathname = '/'; // the user has no rights on the test database itself
    await assert.rejects(mariadbExec(u.toString(), 'SELECT 1;'), /Access denied/);
    u.password = 'secret';
    assert.match(
      await mariadbExec(u.toString(), 'SELECT CURRENT_USER();'),
      new RegExp(`${user}@127\\.0\\.0\\.1`),
    );
  });

  test('mariadbFile rejects with the failing line', async (t) => {
    const db = await freshMysqlDatabase(t);
    if (!db) return;
    const file = await sqlFile('CREATE TABLE ok (id int);\nSELEC 1;\n');
    await assert.rejects(mariadbFile(db.url, file), /ERROR 1064 \(42000\) at line 2/);
  });

  test('t.after drops the database', async (t) => {
    let name = '';
    await t.test('inner', async (inner) => {
      const db = await freshMysqlDatabase(inner);
      if (db) name = db.name;
    });
    if (!name) return t.skip('MYSQL_URL not set');
    const rows = await myQuery(process.env.MYSQL_URL!, 'SHOW DATABASES LIKE ?', [name]);
    assert.deepEqual(rows, []);
  });
});
