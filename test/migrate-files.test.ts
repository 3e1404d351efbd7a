// End-to-end tests of `migrate hash|validate|new|diff` through the bundled CLI (dist/cli.js):
// atlas.sum and checksum errors, new files, diffs written against the test PostgreSQL server
// (a fresh database as the dev database) and MariaDB (the server URL: a scratch database), and
// replaying a directory to find a broken statement.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { type Result, runCli } from './helpers/cli.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from './helpers/db.ts';

function workDir(): string {
  return mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'migrate-files-'));
}

const cli = (cwd: string, ...args: string[]): Promise<Result> => runCli(cwd, args, 120_000);

const show = (r: Result) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function assertOk(r: Result): void {
  assert.equal(r.code, 0, show(r));
  assert.equal(r.stderr, '', show(r));
}

function assertFailed(r: Result, stderr: string | RegExp): void {
  assert.equal(r.code, 1, show(r));
  if (typeof stderr === 'string') assert.equal(r.stderr, stderr, show(r));
  else assert.match(r.stderr, stderr, show(r));
  assert.doesNotMatch(r.stderr, /unexpected failure|^\s+at .+:\d+:\d+\)?$/m, show(r));
}

/** Files of a directory other than atlas.sum, sorted. */
const migrations = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n !== 'atlas.sum')
    .sort();

/** The one file whose name matches, with its content. */
function newFile(dir: string, pattern: RegExp): { name: string; text: string } {
  const found = migrations(dir).filter((n) => pattern.test(n));
  assert.equal(found.length, 1, `one file matching ${pattern} in ${migrations(dir).join(', ')}`);
  return { name: found[0]!, text: readFileSync(join(dir, found[0]!), 'utf8') };
}

/** A dev database bound to `public` on the test PostgreSQL server. */
async function pgDev(t: TestContext): Promise<{ url: string; admin: string }> {
  const db = await freshPgDatabase(t);
  return { url: `${db.url}?search_path=public`, admin: db.url };
}

async function pgTables(url: string): Promise<string[]> {
  const rows = await pgQuery<{ name: string }>(
    url,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
  );
  return rows.map((r) => r.name);
}

describe('migrate hash and validate', () => {
  test('hash, validate, then an edited file fails validation with the exact message', async () => {
    const cwd = workDir();
    mkdirSync(join(cwd, 'migrations'));
    writeFileSync(join(cwd, 'migrations/1_initial.down.sql'), 'DROP TABLE IF EXISTS t;');
    writeFileSync(join(cwd, 'migrations/1_initial.up.sql'), 'CREATE TABLE t(c int);');
    assertOk(await cli(cwd, 'migrate', 'hash'));
    assert.equal(
      readFileSync(join(cwd, 'migrations/atlas.sum'), 'utf8'),
      'h1:M74RrNK69S2pj6C541LR1ew5O32/i0WoyNgsJmyuiUk=\n1_initial.down.sql h1:0zypK43rgPbgvVUgVJABGN25VgM1QSeU+LJDBb8cEQI=\n1_initial.up.sql h1:hFhs5XhRml4KTWGF5td6h1s7xNqAFnaEBbC5Y/NF7i4=\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate'));
    writeFileSync(join(cwd, 'migrations/1_initial.down.sql'), 'DROP TABLE t;');
    assertFailed(
      await cli(cwd, 'migrate', 'validate', '--dir', 'file://migrations'),
      "Error: You have a checksum error in your migration directory.\n\n\tL2: 1_initial.down.sql was edited\n\nPlease check your migration files and run 'atlas-ts migrate hash' to re-hash the contents\n\n1_initial.down.sql is followed by 1 newer file (1_initial.up.sql), so it was likely applied somewhere already: revert the edit and put the change in a new file (atlas-ts migrate new), unless you know no database has run it.\n",
    );
    assertOk(await cli(cwd, 'migrate', 'hash'));
    assertOk(await cli(cwd, 'migrate', 'validate'));
  });

  test('a directory without atlas.sum, a missing directory, a bad format', async () => {
    const cwd = workDir();
    mkdirSync(join(cwd, 'm'));
    assertOk(await cli(cwd, 'migrate', 'validate', '--dir', 'file://m'));
    writeFileSync(join(cwd, 'm/1.sql'), 'SELECT 1;');
    assertFailed(
      await cli(cwd, 'migrate', 'validate', '--dir', 'file://m'),
      "Error: checksum file not found: run 'atlas-ts migrate hash' to create atlas.sum\n",
    );
    assertFailed(
      await cli(cwd, 'migrate', 'hash', '--dir', 'file://nope'),
      /^Error: migration directory "nope" does not exist \(relative to .*\): create it, or pass --dir file:\/\/path\n$/,
    );
    assertFailed(
      await cli(cwd, 'migrate', 'hash', '--dir', 'file://m?format=rails'),
      /^Error: unknown dir format "rails" in file:\/\/m\?format=rails: use one of atlas, golang-migrate, goose, flyway, liquibase, dbmate\n$/,
    );
  });

  test('the dir and its format from an env of the project file', async () => {
    const cwd = workDir();
    mkdirSync(join(cwd, 'db'));
    writeFileSync(join(cwd, 'db/1_a.up.sql'), 'CREATE TABLE a (c int);\n');
    writeFileSync(join(cwd, 'db/1_a.down.sql'), 'DROP TABLE a;\n');
    writeFileSync(
      join(cwd, 'atlas.hcl'),
      'env "local" {\n  migration {\n    dir = "file://db"\n    format = golang-migrate\n  }\n}\n',
    );
    assertOk(await cli(cwd, 'migrate', 'hash', '--env', 'local'));
    assert.match(readFileSync(join(cwd, 'db/atlas.sum'), 'utf8'), /^h1:\S+\n1_a\.up\.sql h1:\S+\n$/);
    assertOk(await cli(cwd, 'migrate', 'validate', '--env', 'local'));
  });
});

describe('migrate new', () => {
  test('an empty timestamped file, added to atlas.sum', async () => {
    const cwd = workDir();
    const r = await cli(cwd, 'migrate', 'new', 'add_users');
    assertOk(r);
    assert.match(r.stdout, /^migrations\/\d{14}_add_users\.sql\n$/);
    const { name, text } = newFile(join(cwd, 'migrations'), /_add_users\.sql$/);
    assert.equal(text, '');
    assert.equal(`migrations/${name}\n`, r.stdout);
    assert.match(readFileSync(join(cwd, 'migrations/atlas.sum'), 'utf8'), new RegExp(`\\n${name} h1:`));
    assertOk(await cli(cwd, 'migrate', 'validate'));
  });

  test('other layouts: golang-migrate up and down, goose markers', async () => {
    const cwd = workDir();
    const r = await cli(cwd, 'migrate', 'new', '--dir', 'file://gm?format=golang-migrate', 'init');
    assertOk(r);
    assert.match(r.stdout, /^gm\/(\d{14})_init\.up\.sql\ngm\/\1_init\.down\.sql\n$/);
    assertOk(await cli(cwd, 'migrate', 'new', '--dir', 'file://gs?format=goose'));
    assert.equal(newFile(join(cwd, 'gs'), /^\d{14}\.sql$/).text, '-- +goose Up\n\n-- +goose Down\n');
    assertOk(await cli(cwd, 'migrate', 'validate', '--dir', 'file://gs?format=goose'));
  });

  test('a name that is not a file name part is refused', async () => {
    assertFailed(
      await cli(workDir(), 'migrate', 'new', '../x'),
      /^Error: migration name "\.\.\/x" must be a plain file name part/,
    );
    assertFailed(
      await cli(workDir(), 'migrate', 'new', 'a', 'b'),
      /^Error: accepts at most 1 argument, received 2: a b\n/,
    );
  });
});

describe('migrate diff on PostgreSQL', () => {
  test('writes the planned file, then finds the directory synced; env policies and txmode', async (t) => {
    const dev = await pgDev(t);
    const cwd = workDir();
    writeFileSync(
      join(cwd, 'schema.sql'),
      'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n',
    );
    const diff = (...more: string[]) =>
      cli(cwd, 'migrate', 'diff', '--to', 'file://schema.sql', '--dev-url', dev.url, ...more);
    assertOk(await diff('initial'));
    const first = newFile(join(cwd, 'migrations'), /^\d{14}_initial\.sql$/);
    assert.equal(
      first.text,
      '-- Create "users" table\nCREATE TABLE "users" (\n  "id" bigint NOT NULL,\n  "email" text NOT NULL,\n  CONSTRAINT "users_pkey" PRIMARY KEY ("id")\n);\n-- Create "posts" table\nCREATE TABLE "posts" (\n  "id" bigint NOT NULL,\n  "user_id" bigint,\n  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")\n);\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate'));
    // The dev database is left as it was found.
    assert.deepEqual(await pgTables(dev.admin), []);

    const again = await diff('again');
    assertOk(again);
    assert.equal(
      again.stdout,
      'The migration directory is synced with the desired state, no changes to be made\n',
    );
    assert.deepEqual(migrations(join(cwd, 'migrations')), [first.name]);

    // An env supplies everything; its diff policy makes the index concurrent, so the file
    // must not run in a transaction.
    writeFileSync(
      join(cwd, 'schema.sql'),
      `${readFileSync(join(cwd, 'schema.sql'), 'utf8')}CREATE INDEX posts_user ON posts (user_id);\n`,
    );
    writeFileSync(
      join(cwd, 'atlas.hcl'),
      `env "dev" {\n  src = "file://schema.sql"\n  dev = "${dev.url}"\n  migration {\n    dir = "file://migrations"\n  }\n  diff {\n    concurrent_index {\n      create = true\n    }\n  }\n}\n`,
    );
    assertOk(await cli(cwd, 'migrate', 'diff', '--env', 'dev', 'index'));
    assert.equal(
      newFile(join(cwd, 'migrations'), /^\d{14}_index\.sql$/).text,
      '-- atlas:txmode none\n\n-- Create index "posts_user" to table: "posts"\nCREATE INDEX CONCURRENTLY "posts_user" ON "posts" ("user_id");\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate', '--env', 'dev'));
    assert.equal((await cli(cwd, 'migrate', 'diff', '--env', 'dev')).stdout, again.stdout);
  });

  test('without search_path the whole database is compared and names are qualified', async (t) => {
    const db = await freshPgDatabase(t);
    const cwd = workDir();
    writeFileSync(join(cwd, 'schema.sql'), 'CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\n');
    assertOk(await cli(cwd, 'migrate', 'diff', '--to', 'file://schema.sql', '--dev-url', db.url));
    assert.equal(
      newFile(join(cwd, 'migrations'), /^\d{14}\.sql$/).text,
      '-- Add new schema named "app"\nCREATE SCHEMA "app";\n-- Create "t" table\nCREATE TABLE "app"."t" (\n  "id" integer\n);\n',
    );
  });

  test('a goose directory gets a goose file', async (t) => {
    const dev = await pgDev(t);
    const cwd = workDir();
    writeFileSync(join(cwd, 'schema.sql'), 'CREATE TABLE t (id int);\n');
    assertOk(
      await cli(
        cwd,
        'migrate',
        'diff',
        '--dir',
        'file://g?format=goose',
        '--to',
        'file://schema.sql',
        '--dev-url',
        dev.url,
        't',
      ),
    );
    assert.equal(
      newFile(join(cwd, 'g'), /^\d{14}_t\.sql$/).text,
      '-- +goose Up\n-- create "t" table\nCREATE TABLE "t" (\n  "id" integer\n);\n\n-- +goose Down\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate', '--dir', 'file://g?format=goose', '--dev-url', dev.url));
  });

  test('a checksum error stops migrate diff before the dev database is used', async (t) => {
    const dev = await pgDev(t);
    const cwd = workDir();
    mkdirSync(join(cwd, 'migrations'));
    writeFileSync(join(cwd, 'migrations/1_a.sql'), 'CREATE TABLE a (id int);\n');
    writeFileSync(join(cwd, 'schema.sql'), 'CREATE TABLE a (id int);\n');
    assertFailed(
      await cli(cwd, 'migrate', 'diff', '--to', 'file://schema.sql', '--dev-url', dev.url),
      "Error: checksum file not found: run 'atlas-ts migrate hash' to create atlas.sum\n",
    );
    assert.equal(existsSync(join(cwd, 'migrations/atlas.sum')), false);
  });
});

describe('migrate validate --dev-url', () => {
  test('replays the directory and names the failing statement at file:line:col', async (t) => {
    const dev = await pgDev(t);
    const cwd = workDir();
    mkdirSync(join(cwd, 'migrations'));
    writeFileSync(join(cwd, 'migrations/1_users.sql'), 'CREATE TABLE users (id int PRIMARY KEY);\n');
    writeFileSync(
      join(cwd, 'migrations/2_posts.sql'),
      '-- Posts of users.\nCREATE TABLE posts (id int);\nALTER TABLE posts\n  ADD COLUMN user_id nosuchtype;\n',
    );
    assertOk(await cli(cwd, 'migrate', 'hash'));
    assertOk(await cli(cwd, 'migrate', 'validate'));
    assertFailed(
      await cli(cwd, 'migrate', 'validate', '--dev-url', dev.url),
      'Error: replaying the migration directory: migrations/2_posts.sql:4:22: type "nosuchtype" does not exist\n',
    );
    assert.deepEqual(await pgTables(dev.admin), []);
  });
});

describe('migrate diff on MariaDB', () => {
  test('a server dev URL: the directory is replayed in a scratch database', async (t) => {
    const admin = process.env.MYSQL_URL;
    if (!admin) {
      t.skip('MYSQL_URL not set: MariaDB not available');
      return;
    }
    const cwd = workDir();
    writeFileSync(
      join(cwd, 'schema.sql'),
      'CREATE TABLE users (\n  id bigint NOT NULL PRIMARY KEY,\n  email varchar(255) NOT NULL,\n  UNIQUE KEY users_email (email)\n) ENGINE=InnoDB;\n',
    );
    const diff = () => cli(cwd, 'migrate', 'diff', 'users', '--to', 'file://schema.sql', '--dev-url', admin);
    assertOk(await diff());
    const first = newFile(join(cwd, 'migrations'), /^\d{14}_users\.sql$/);
    assert.equal(
      first.text,
      '-- Create "users" table\nCREATE TABLE `users` (\n  `id` bigint(20) NOT NULL,\n  `email` varchar(255) NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE INDEX `users_email` (`email`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n',
    );
    const again = await diff();
    assertOk(again);
    assert.equal(
      again.stdout,
      'The migration directory is synced with the desired state, no changes to be made\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate', '--dev-url', admin));
  });

  test('a dev URL naming a database; routine bodies get a delimiter of their own', async (t) => {
    const db = await freshMysqlDatabase(t);
    if (!db) return;
    const cwd = workDir();
    writeFileSync(
      join(cwd, 'schema.sql'),
      'CREATE TABLE t (id int NOT NULL PRIMARY KEY);\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n',
    );
    const diff = () => cli(cwd, 'migrate', 'diff', '--to', 'file://schema.sql', '--dev-url', db.url);
    assertOk(await diff());
    const { text } = newFile(join(cwd, 'migrations'), /^\d{14}\.sql$/);
    assert.ok(
      text.startsWith('-- atlas:delimiter \\n-- end\n\n-- Create "t" table\nCREATE TABLE `t` ('),
      text,
    );
    assert.match(text, /\nCREATE PROCEDURE `p`\(\)[\s\S]*SELECT 2;\s*END\n-- end\n$/);
    assert.equal(
      (await diff()).stdout,
      'The migration directory is synced with the desired state, no changes to be made\n',
    );
    assertOk(await cli(cwd, 'migrate', 'validate', '--dev-url', db.url));
  });
});
