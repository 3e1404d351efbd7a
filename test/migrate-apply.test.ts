// `migrate apply|status|set|down` through the bundled CLI against the test PostgreSQL and
// MariaDB servers: the revisions table as Atlas writes it, resuming after a failure and after a
// crash (SIGKILL) without running anything twice, edited history, the lock, pre-migration
// checks, and down migrations that refuse to drop data.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, type TestContext, test } from 'node:test';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { lockKey } from '../core/drivers/postgres/exec.ts';
import { CLI, childEnv, type Result, runCli } from './helpers/cli.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from './helpers/db.ts';

let root = '';

before(() => {
  root = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'migrate-apply-'));
});

const cli = (...args: string[]): Promise<Result> => runCli(root, args, 120_000);
const show = (r: Result) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function assertOk(r: Result): void {
  assert.equal(r.code, 0, show(r));
}

let dirs = 0;
/** A migration directory with these files, hashed with `migrate hash`; returns its file:// URL. */
async function migrationDir(files: Record<string, string>): Promise<{ url: string; path: string }> {
  const path = join(root, `dir${++dirs}`);
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  const url = `file://${path}`;
  assertOk(await cli('migrate', 'hash', '--dir', url));
  return { url, path };
}

async function mysqlQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = await createConnection(url);
  try {
    const [rows] = await c.query(sql);
    return rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

const REVISIONS = 'atlas_schema_revisions.atlas_schema_revisions';

describe('postgres', () => {
  test('20 files: applied in order, status OK, revisions as Atlas writes them', async (t) => {
    const db = await freshPgDatabase(t);
    const files: Record<string, string> = {};
    for (let i = 1; i <= 20; i++) {
      files[`${String(i).padStart(3, '0')}_step${i}.sql`] =
        `CREATE TABLE t${i} (id int);\nINSERT INTO t${i} VALUES (${i});\n`;
    }
    const dir = await migrationDir(files);
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assertOk(r);
    assert.match(r.stdout, /^Migrating to version 020 \(20 migrations in total\):/);
    assert.match(
      r.stdout,
      / {2}-- migrating version 001\n {4}-> CREATE TABLE t1 \(id int\);\n {4}-> INSERT INTO t1 VALUES \(1\);\n {2}-- ok \(/,
    );
    assert.match(r.stdout, / {2}-- 20 migrations\n {2}-- 40 sql statements\n/);
    const rows = await pgQuery(
      db.url,
      `SELECT version, description, type, applied, total, error, error_stmt, partial_hashes, operator_version, execution_time > 0 AS timed FROM ${REVISIONS} ORDER BY version`,
    );
    assert.equal(rows.length, 20);
    assert.deepEqual(rows[0], {
      version: '001',
      description: 'step1',
      type: '2',
      applied: '2',
      total: '2',
      error: null,
      error_stmt: null,
      partial_hashes: null,
      operator_version: 'atlas-ts v0.1.0',
      timed: true,
    });
    // The column types Atlas's own table has, so that either tool reads the other's.
    const cols = await pgQuery(
      db.url,
      `SELECT column_name AS c, data_type AS t, is_nullable AS n FROM information_schema.columns
       WHERE table_schema = 'atlas_schema_revisions' AND table_name = 'atlas_schema_revisions' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      cols.map((c) => `${c.c} ${c.t}${c.n === 'YES' ? ' NULL' : ''}`),
      [
        'version character varying',
        'description character varying',
        'type bigint',
        'applied bigint',
        'total bigint',
        'executed_at timestamp with time zone',
        'execution_time bigint',
        'error text NULL',
        'error_stmt text NULL',
        'hash character varying',
        'partial_hashes jsonb NULL',
        'operator_version character varying',
      ],
    );
    const status = await cli('migrate', 'status', '--url', db.url, '--dir', dir.url);
    assertOk(status);
    assert.equal(
      status.stdout.trim(),
      [
        'Migration Status: OK',
        '  -- Current Version: 020',
        '  -- Next Version:    Already at latest version',
        '  -- Executed Files:  20',
        '  -- Pending Files:   0',
      ].join('\n'),
    );
    const again = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assertOk(again);
    assert.equal(again.stdout.trim(), 'No migration files to execute');
  });

  test('a failed statement is recorded; fixing it and running again continues there', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await migrationDir({
      '1_log.sql': 'CREATE TABLE log (n int);\n',
      '2_steps.sql':
        [1, 2, 3, 4].map((n) => `INSERT INTO log VALUES (${n});`).join('\n') +
        '\nINSERT INTO missing VALUES (5);\nINSERT INTO log VALUES (6);\n',
    });
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--tx-mode', 'none');
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      /^Error: migration 2 \(2_steps\.sql\) failed at statement 5: .*2_steps\.sql:5:1: relation "missing" does not exist/,
    );
    const [rev] = await pgQuery(
      db.url,
      `SELECT applied, total, error_stmt, jsonb_array_length(partial_hashes) AS hashes FROM ${REVISIONS} WHERE version = '2'`,
    );
    assert.deepEqual(rev, {
      applied: '4',
      total: '6',
      error_stmt: 'INSERT INTO missing VALUES (5);',
      hashes: 4,
    });
    const status = await cli('migrate', 'status', '--url', db.url, '--dir', dir.url);
    assert.match(
      status.stdout,
      /Current Version: 2 \(4 statements applied\)\n {2}-- Next Version: {4}2 \(2 statements left\)/,
    );
    assert.match(
      status.stdout,
      /Last migration attempt had errors:\n {2}-- SQL: {3}INSERT INTO missing VALUES \(5\);\n {2}-- ERROR: .*relation "missing" does not exist/,
    );

    // Editing an applied statement is refused; fixing the failed one is how to go on.
    writeFileSync(
      join(dir.path, '2_steps.sql'),
      'INSERT INTO log VALUES (1);\nINSERT INTO log VALUES (20);\nINSERT INTO log VALUES (3);\nINSERT INTO log VALUES (4);\nINSERT INTO log VALUES (5);\nINSERT INTO log VALUES (6);\n',
    );
    assertOk(await cli('migrate', 'hash', '--dir', dir.url));
    const edited = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--tx-mode', 'none');
    assert.equal(edited.code, 1, show(edited));
    assert.match(
      edited.stderr,
      /statement 2 of .*2_steps\.sql was changed after it was applied \(history changed\)/,
    );
    writeFileSync(
      join(dir.path, '2_steps.sql'),
      `${[1, 2, 3, 4, 5, 6].map((n) => `INSERT INTO log VALUES (${n});`).join('\n')}\n`,
    );
    assertOk(await cli('migrate', 'hash', '--dir', dir.url));
    const fixed = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--tx-mode', 'none');
    assertOk(fixed);
    assert.match(
      fixed.stdout,
      /-- migrating version 2 \(continuing at statement 5\)\n {4}-> INSERT INTO log VALUES \(5\);\n {4}-> INSERT INTO log VALUES \(6\);/,
    );
    assert.deepEqual(
      await pgQuery(db.url, 'SELECT n FROM log ORDER BY n'),
      [1, 2, 3, 4, 5, 6].map((n) => ({ n })),
    );
  });

  test('crash: SIGKILL during statement 5 of 10; the rerun starts at 5 and nothing runs twice', async (t) => {
    const db = await freshPgDatabase(t);
    await pgQuery(
      db.url,
      'CREATE TABLE ctl (pause float); INSERT INTO ctl VALUES (60); CREATE TABLE log (n int)',
    );
    const stmts = Array.from({ length: 10 }, (_, i) =>
      i === 4 ? `SELECT pg_sleep((SELECT pause FROM ctl)), 5 AS n;` : `INSERT INTO log VALUES (${i + 1});`,
    );
    const dir = await migrationDir({ '1_data.sql': `${stmts.join('\n')}\n` });
    const child = spawn(
      process.execPath,
      [CLI, 'migrate', 'apply', '--url', db.url, '--dir', dir.url, '--tx-mode', 'none', '--allow-dirty'],
      {
        env: childEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    // Statement 5 is running once its line is printed (statements 1-4 committed before it).
    await waitFor(
      () => out.includes('pg_sleep'),
      30_000,
      () => out,
    );
    await waitFor(
      async () => (await pgQuery(db.url, 'SELECT count(*)::int AS n FROM log'))[0]!.n === 4,
      10_000,
      () => out,
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    // The server goes on with the killed client's statement (and its lock) until it ends, as it
    // would after any client crash: end that session, as an operator would.
    await pgQuery(
      db.url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'`,
    );
    await pgQuery(db.url, 'UPDATE ctl SET pause = 0');
    const [rev] = await pgQuery(db.url, `SELECT applied FROM ${REVISIONS}`);
    assert.equal(rev!.applied, '4');
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--tx-mode', 'none');
    assertOk(r);
    assert.match(r.stdout, /-- migrating version 1 \(continuing at statement 5\)\n {4}-> SELECT pg_sleep/);
    const log = await pgQuery(db.url, 'SELECT n, count(*)::int AS c FROM log GROUP BY n ORDER BY n');
    assert.deepEqual(
      log,
      [1, 2, 3, 4, 6, 7, 8, 9, 10].map((n) => ({ n, c: 1 })),
    );
  });

  test('a second run waits for the lock, then fails clearly; released in time, it succeeds', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await migrationDir({ '1_t.sql': 'CREATE TABLE t (id int);\n' });
    const holder = new pg.Client({ connectionString: db.url });
    holder.on('error', () => {});
    await holder.connect();
    t.after(() => holder.end().catch(() => {}));
    await holder.query(`SELECT pg_advisory_lock(${lockKey('atlas_migrate_execute')})`);
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--lock-timeout', '300ms');
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      /another migration run \(atlas-ts or Atlas\) holds the lock "atlas_migrate_execute" on this database; waited 0\.3 s/,
    );
    setTimeout(
      () => void holder.query(`SELECT pg_advisory_unlock(${lockKey('atlas_migrate_execute')})`),
      500,
    );
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--lock-timeout', '10s'));
    assert.deepEqual(
      await pgQuery(db.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'"),
      [{ n: 1 }],
    );
  });

  test('pre-migration checks: a failing assertion stops the file, a passing one lets it run', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await migrationDir({
      '1_users.sql': 'CREATE TABLE users (id int, email text);\nINSERT INTO users VALUES (1, NULL);\n',
      '2_not_null.sql': [
        '-- atlas:txtar',
        '',
        '-- checks/no_null_emails.sql --',
        'SELECT NOT EXISTS (SELECT 1 FROM users WHERE email IS NULL);',
        '',
        '-- migration.sql --',
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        '',
      ].join('\n'),
    });
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      /pre-migration check checks\/no_null_emails\.sql failed: SELECT NOT EXISTS \(SELECT 1 FROM users WHERE email IS NULL\)/,
    );
    assert.deepEqual(
      await pgQuery(
        db.url,
        "SELECT is_nullable AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'",
      ),
      [{ n: 'YES' }],
    );
    await pgQuery(db.url, "UPDATE users SET email = 'a@b.c'");
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url));
    assert.deepEqual(
      await pgQuery(
        db.url,
        "SELECT is_nullable AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'",
      ),
      [{ n: 'NO' }],
    );
  });

  test('down: refused while the table to drop has rows, done once it is empty', async (t) => {
    const db = await freshPgDatabase(t);
    const dev = await freshPgDatabase(t);
    const dir = await migrationDir({
      '1_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
      '2_orders.sql':
        'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));\nALTER TABLE users ADD COLUMN nickname text;\n',
    });
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url));
    await pgQuery(db.url, "INSERT INTO users VALUES (1, 'ann'); INSERT INTO orders VALUES (1, 1)");
    const dry = await cli(
      'migrate',
      'down',
      '--url',
      db.url,
      '--dir',
      dir.url,
      '--dev-url',
      dev.url,
      '--dry-run',
    );
    assertOk(dry);
    assert.match(dry.stdout, /-- Migrate down from version 2 to version 1 \(reverting 2\):/);
    assert.match(dry.stdout, /table "public"\."orders" is empty: not run/);
    assert.match(dry.stdout, /DROP TABLE "public"\."orders"/);
    const refused = await cli('migrate', 'down', '--url', db.url, '--dir', dir.url, '--dev-url', dev.url);
    assert.equal(refused.code, 1, show(refused));
    assert.match(
      refused.stderr,
      /migrate down would lose data, so nothing was changed:\n {2}- column "public"\."users"\."nickname" is NULL in every row: it is not\n {2}- table "public"\."orders" is empty: it is not\n/,
    );
    assert.deepEqual(
      await pgQuery(db.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'orders'"),
      [{ n: 1 }],
    );
    await pgQuery(db.url, 'DELETE FROM orders; UPDATE users SET nickname = NULL');
    const done = await cli('migrate', 'down', '--url', db.url, '--dir', dir.url, '--dev-url', dev.url);
    assertOk(done);
    assert.deepEqual(
      await pgQuery(db.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'orders'"),
      [{ n: 0 }],
    );
    assert.deepEqual(await pgQuery(db.url, `SELECT version FROM ${REVISIONS}`), [{ version: '1' }]);
    // The rows of the table that stays are kept.
    assert.deepEqual(await pgQuery(db.url, 'SELECT id FROM users'), [{ id: 1 }]);
  });

  test('a URL bound to a schema does not silently start the history over', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await migrationDir({ '1_t.sql': 'CREATE TABLE t (id int);\n' });
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url));
    const bound = `${db.url}?search_path=public`;
    const r = await cli('migrate', 'apply', '--url', bound, '--dir', dir.url);
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      /ambiguous revisions table: there is none in schema "public" \(the URL's\), but there is one in "atlas_schema_revisions"/,
    );
    const ok = await cli(
      'migrate',
      'apply',
      '--url',
      bound,
      '--dir',
      dir.url,
      '--revisions-schema',
      'atlas_schema_revisions',
    );
    assertOk(ok);
    assert.equal(ok.stdout.trim(), 'No migration files to execute');
  });

  test('set, baseline, and files added out of order', async (t) => {
    const db = await freshPgDatabase(t);
    await pgQuery(db.url, 'CREATE TABLE legacy (id int)');
    const dir = await migrationDir({
      '1_legacy.sql': 'CREATE TABLE legacy (id int);\n',
      '3_b.sql': 'CREATE TABLE b (id int);\n',
    });
    const dirty = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assert.equal(dirty.code, 1, show(dirty));
    assert.match(
      dirty.stderr,
      /the database is not clean \(found table "legacy" in schema "public"\) and has no migration history: give --baseline VERSION/,
    );
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--baseline', '1'));
    writeFileSync(join(dir.path, '2_a.sql'), 'CREATE TABLE a (id int);\n');
    assertOk(await cli('migrate', 'hash', '--dir', dir.url));
    const linear = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assert.equal(linear.code, 1, show(linear));
    assert.match(
      linear.stderr,
      /migration file 2_a\.sql was added out of order \(older than the applied version 3\)/,
    );
    const status = await cli('migrate', 'status', '--url', db.url, '--dir', dir.url);
    assert.match(status.stdout, /Pending Files: {3}1 \(1 out of order\)/);
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url, '--exec-order', 'non-linear'));
    assert.deepEqual(await pgQuery(db.url, `SELECT version, type FROM ${REVISIONS} ORDER BY version`), [
      { version: '1', type: '1' },
      { version: '2', type: '2' },
      { version: '3', type: '2' },
    ]);
    const set = await cli('migrate', 'set', '1', '--url', db.url, '--dir', dir.url);
    assertOk(set);
    assert.equal(set.stdout.trim(), 'Current version is 1 (0 set, 2 removed):\n  - 2\n  - 3');
  });
});

describe('mariadb', () => {
  async function mysqlDb(t: TestContext) {
    return freshMysqlDatabase(t);
  }

  test('a failing statement stops the run; the rerun continues at it and runs nothing twice', async (t) => {
    const db = await mysqlDb(t);
    if (!db) return;
    const stmts = [1, 2, 3, 4].map((n) => `INSERT INTO log VALUES (${n});`);
    const dir = await migrationDir({
      '1_log.sql': 'CREATE TABLE log (n int);\n',
      '2_steps.sql': `${stmts.join('\n')}\nINSERT INTO later VALUES (5);\n${[6, 7, 8, 9, 10].map((n) => `INSERT INTO log VALUES (${n});`).join('\n')}\n`,
    });
    const r = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assert.equal(r.code, 1, show(r));
    assert.match(r.stderr, /failed at statement 5: .*2_steps\.sql:5:1: Table '.*later' doesn't exist/);
    const [rev] = await mysqlQuery(
      db.url,
      "SELECT applied, total, JSON_LENGTH(partial_hashes) AS hashes FROM atlas_schema_revisions WHERE version = '2'",
    );
    assert.deepEqual(rev, { applied: 4, total: 10, hashes: 4 });
    await mysqlQuery(db.url, 'CREATE TABLE later (n int)');
    const again = await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url);
    assertOk(again);
    assert.match(again.stdout, /continuing at statement 5/);
    assert.deepEqual(
      await mysqlQuery(db.url, 'SELECT n, count(*) AS c FROM log GROUP BY n ORDER BY n'),
      [1, 2, 3, 4, 6, 7, 8, 9, 10].map((n) => ({ n, c: 1 })),
    );
    const cols = await mysqlQuery(
      db.url,
      "SELECT column_name AS c, column_type AS t FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'atlas_schema_revisions' ORDER BY ordinal_position",
    );
    assert.deepEqual(
      cols.map((c) => `${c.c} ${c.t}`),
      [
        'version varchar(255)',
        'description varchar(255)',
        'type bigint(20) unsigned',
        'applied bigint(20)',
        'total bigint(20)',
        'executed_at timestamp',
        'execution_time bigint(20)',
        'error longtext',
        'error_stmt longtext',
        'hash varchar(255)',
        'partial_hashes longtext',
        'operator_version varchar(255)',
      ],
    );
  });

  test('20 files and a down migration on MariaDB', async (t) => {
    const db = await mysqlDb(t);
    if (!db) return;
    const files: Record<string, string> = {};
    for (let i = 1; i <= 20; i++)
      files[`${String(i).padStart(2, '0')}_t${i}.sql`] = `CREATE TABLE t${i} (id int);\n`;
    const dir = await migrationDir(files);
    assertOk(await cli('migrate', 'apply', '--url', db.url, '--dir', dir.url));
    const status = await cli('migrate', 'status', '--url', db.url, '--dir', dir.url);
    assert.match(status.stdout, /Migration Status: OK\n {2}-- Current Version: 20/);
    const devUrl = db.url.replace(/\/[^/?]+(\?|$)/, '/$1');
    await mysqlQuery(db.url, 'INSERT INTO t20 VALUES (1)');
    const refused = await cli('migrate', 'down', '--url', db.url, '--dir', dir.url, '--dev-url', devUrl);
    assert.equal(refused.code, 1, show(refused));
    assert.match(refused.stderr, /table `.*`\.`t20` is empty: it is not/);
    await mysqlQuery(db.url, 'DELETE FROM t20');
    assertOk(await cli('migrate', 'down', '--url', db.url, '--dir', dir.url, '--dev-url', devUrl));
    assert.deepEqual(
      await mysqlQuery(
        db.url,
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't20'",
      ),
      [{ n: 0 }],
    );
    assert.deepEqual(await mysqlQuery(db.url, 'SELECT max(version) AS v FROM atlas_schema_revisions'), [
      { v: '19' },
    ]);
  });
});

async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: () => string,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
