// `schema apply` on MariaDB through the bundled CLI: DDL commits statement by statement, so a
// failure must say which statements stay applied and which did not run, and running the same
// command again must finish the job from the database as it is then.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { withDatabase } from '../core/drivers/mysql/url.ts';
import { ROOT, runCli } from './helpers/cli.ts';
import { freshMysqlDatabase, mariadbExec } from './helpers/db.ts';

/** `schema apply` of a desired SQL file to `url`, through a temporary dev database on its server. */
const applyArgs = (url: string, desired: string) => [
  'schema',
  'apply',
  '--url',
  url,
  '--to',
  pathToFileURL(desired).href,
  '--dev-url',
  withDatabase(url, undefined),
  '--auto-approve',
];

const dir = () => mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'cli-mysql-'));

test('mysql apply: the third statement fails, 1-2 stay applied, a re-run completes', {
  timeout: 60_000,
}, async (t) => {
  const db = await freshMysqlDatabase(t);
  if (!db) return;
  await mariadbExec(
    db.url,
    `CREATE TABLE a (id int PRIMARY KEY);
     CREATE TABLE b (id int PRIMARY KEY);
     CREATE TABLE c (id int PRIMARY KEY, code varchar(10));
     INSERT INTO c VALUES (1, 'x1');`,
  );
  const desired = join(dir(), 'schema.sql');
  // Three tables change, one ALTER each, in name order; c's fails while a row holds 'x1'.
  writeFileSync(
    desired,
    `CREATE TABLE a (id int PRIMARY KEY, note text);
     CREATE TABLE b (id int PRIMARY KEY, note text);
     CREATE TABLE c (id int PRIMARY KEY, code int);`,
  );
  const args = applyArgs(db.url, desired);
  const first = await runCli(ROOT, args, 30_000);
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stdout, /Planned changes \(3 statements, each on its own\)/);
  assert.match(first.stderr, /statement 3 of 3 \(Modify "c" table\) failed: .*x1/);
  assert.match(first.stderr, /2 statements before it stay applied/);
  assert.match(
    first.stderr,
    /Applied \(stay applied\):\n {4}1\. Modify "a" table\n {4}2\. Modify "b" table\n/,
  );
  assert.match(first.stderr, /run the same command again/);
  const columns = async () =>
    (
      await mariadbExec(
        db.url,
        `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME, ':', DATA_TYPE) FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      )
    )
      .trim()
      .split('\n')
      .slice(1);
  assert.deepEqual(await columns(), [
    'a.id:int',
    'a.note:text',
    'b.id:int',
    'b.note:text',
    'c.id:int',
    'c.code:varchar',
  ]);

  // The cause fixed, the same command plans only what is left, and finishes.
  await mariadbExec(db.url, `UPDATE c SET code = '1'`);
  const second = await runCli(ROOT, args, 30_000);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /Planned changes \(1 statement, each on its own\):\n-- 1\. Modify "c" table\n/);
  assert.deepEqual(await columns(), [
    'a.id:int',
    'a.note:text',
    'b.id:int',
    'b.note:text',
    'c.id:int',
    'c.code:int',
  ]);
  const third = await runCli(ROOT, args, 30_000);
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /Schema is synced, no changes to be made/);
});

test('mysql apply: SQL desired state without --dev-url says what to give', { timeout: 30_000 }, async (t) => {
  const db = await freshMysqlDatabase(t);
  if (!db) return;
  const desired = join(dir(), 'schema.sql');
  writeFileSync(desired, 'CREATE TABLE a (id int PRIMARY KEY);');
  const res = await runCli(
    ROOT,
    ['schema', 'apply', '--url', db.url, '--to', pathToFileURL(desired).href, '--auto-approve'],
    30_000,
  );
  assert.equal(res.code, 1);
  assert.match(res.stderr, /^Error: a MySQL desired state given as SQL needs a dev database: give --dev-url/);
});

test('mysql apply: USE in a desired state for one database is refused at its line', {
  timeout: 30_000,
}, async (t) => {
  const db = await freshMysqlDatabase(t);
  if (!db) return;
  const desired = join(dir(), 'schema.sql');
  writeFileSync(desired, 'CREATE TABLE a (id int PRIMARY KEY);\n  USE other;\n');
  const res = await runCli(ROOT, applyArgs(db.url, desired), 30_000);
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    new RegExp(`${desired.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: USE is not allowed`),
  );
});
