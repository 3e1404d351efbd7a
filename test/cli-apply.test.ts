// End-to-end tests of `schema apply`, `schema diff` and `schema clean` through the bundled CLI
// (dist/cli.js) against the test PostgreSQL server: approval rules, what a failure prints and
// leaves behind, the JSON documents, and the catalog after each command. Most tests use an empty
// database on the same server as the dev database (--dev-url); one uses the default PGlite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, type TestContext, test } from 'node:test';
import pg from 'pg';
import { openDriver } from '../core/drivers/open.ts';
import { lockKey } from '../core/drivers/postgres/exec.ts';
import { fingerprint } from '../core/schema/fingerprint.ts';
import { CLI, childEnv, type Result, ROOT, runCli } from './helpers/cli.ts';
import { freshPgDatabase, pgQuery, psqlExec } from './helpers/db.ts';

const QUICKSTART = join(ROOT, 'examples/quickstart');

let dir = '';

before(() => {
  dir = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'cli-apply-'));
});

function cli(...args: string[]): Promise<Result> {
  return runCli(dir, args, 90_000);
}

const show = (r: Result) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function assertOk(r: Result): void {
  assert.equal(r.code, 0, show(r));
  assert.doesNotMatch(r.stderr, /Error|unexpected failure/, show(r));
}

/** Exit 1 with an `Error: ` first line on stderr, no stack trace. */
function assertFailed(r: Result, message: RegExp): void {
  assert.equal(r.code, 1, show(r));
  assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, `stack trace:\n${show(r)}`);
  assert.doesNotMatch(r.stderr, /unexpected failure/, show(r));
  assert.match(r.stderr.split('\n')[0]!, /^Error: \S/, show(r));
  assert.match(r.stderr, message, show(r));
}

function writeSql(name: string, sql: string): string {
  const path = join(dir, name);
  writeFileSync(path, sql);
  return `file://${path}`;
}

async function fp(url: string): Promise<string> {
  const driver = await openDriver(url);
  try {
    return fingerprint(await driver.inspect());
  } finally {
    await driver.close();
  }
}

/** Every user object in the database: schemas, relations, types, functions. */
async function userObjects(url: string): Promise<string[]> {
  const rows = await pgQuery<{ o: string }>(
    url,
    `WITH ns AS (
       SELECT oid, nspname FROM pg_namespace
       WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp)'
     )
     SELECT 'schema ' || nspname AS o FROM ns
     UNION ALL SELECT 'relation ' || ns.nspname || '.' || c.relname FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
     UNION ALL SELECT 'type ' || ns.nspname || '.' || t.typname FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
       WHERE t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND
         (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
     UNION ALL SELECT 'function ' || ns.nspname || '.' || p.proname FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace`,
  );
  return rows.map((r) => r.o).sort(); // code-point order, whatever the database's collation
}

/** A target database and an empty dev database on the test server. */
async function target(t: TestContext): Promise<{ url: string; dev: string }> {
  const [db, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
  return { url: db.url, dev: dev.url };
}

const V1 = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (
  id int PRIMARY KEY,
  name text NOT NULL,
  mood mood
);
CREATE TABLE pets (
  id int PRIMARY KEY,
  owner_id int NOT NULL REFERENCES people (id),
  name varchar(50)
);
CREATE INDEX pets_owner_id_idx ON pets (owner_id);
CREATE VIEW pet_owners AS SELECT p.name AS owner, x.name AS pet FROM people p JOIN pets x ON x.owner_id = p.id;
`;

const apply = (url: string, to: string, dev: string, ...flags: string[]) =>
  cli('schema', 'apply', '--url', url, '--to', to, '--dev-url', dev, ...flags);

describe('schema apply', () => {
  test('--help', async () => {
    for (const verb of ['apply', 'diff', 'clean']) {
      const r = await cli('schema', verb, '--help');
      assertOk(r);
      assert.match(r.stdout, new RegExp(`^Usage: atlas-ts schema ${verb} `), show(r));
    }
  });

  test('bad flags: one line and the usage, exit 1', async () => {
    const url = 'postgres://u:Secr3tPw@127.0.0.1:1/db';
    const cases: [string[], RegExp][] = [
      [['schema', 'apply', '--url', url], /^Error: missing required flag --to$/m],
      [['schema', 'apply', '--to', 'file://x.sql'], /^Error: missing required flag --url$/m],
      [
        ['schema', 'apply', '--url', url, '--to', 'file://x.sql', '--tx-mode', 'all'],
        /unknown --tx-mode "all"/,
      ],
      [
        ['schema', 'apply', '--url', url, '--to', 'file://x.sql', '--format', 'yaml'],
        /unknown --format "yaml"/,
      ],
      [
        ['schema', 'apply', '--url', url, '--to', 'file://x.sql', '--dry-run', '--auto-approve'],
        /--dry-run and --auto-approve exclude each other/,
      ],
      [
        ['schema', 'apply', '--url', url, '--to', 'file://x.sql', '--lock-timeout', '10'],
        /invalid --lock-timeout "10"/,
      ],
      [
        ['schema', 'apply', '--url', url, '--to', 'file://x.sql', '--format', 'json'],
        /--format json never asks/,
      ],
      [['schema', 'diff', '--to', 'file://x.sql'], /missing required flag --from/],
      [['schema', 'clean'], /missing required flag --url/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(...args);
      assertFailed(r, msg);
      assert.equal(r.stdout, '', show(r));
      assert.ok(!r.stderr.includes('Secr3tPw'), show(r));
    }
  });

  test('an unreachable database: one line, password redacted', async () => {
    const port = await closedPort();
    const r = await cli(
      'schema',
      'apply',
      '--url',
      `postgres://u:Secr3tPw@127.0.0.1:${port}/db`,
      '--to',
      'file://x.sql',
    );
    assertFailed(
      r,
      /^Error: cannot reach the database server at postgres:\/\/u:xxxxx@127\.0\.0\.1:\d+\/db: /,
    );
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, show(r));
    assert.ok(!r.stderr.includes('Secr3tPw'), show(r));
  });

  test('no terminal and no --auto-approve: prints the plan, refuses, changes nothing', async (t) => {
    const { url, dev } = await target(t);
    const r = await apply(url, writeSql('v1.sql', V1), dev);
    assertFailed(r, /^Error: not applying without approval: .*--auto-approve$/m);
    assert.match(r.stdout, /^-- Planned changes \(\d+ statements, in one transaction\):$/m, show(r));
    assert.match(r.stdout, /CREATE TABLE .*"people"/, show(r));
    assert.deepEqual(await userObjects(url), ['schema public']);
  });

  test('--dry-run prints the plan and changes nothing', async (t) => {
    const { url, dev } = await target(t);
    const r = await apply(url, writeSql('v1.sql', V1), dev, '--dry-run');
    assertOk(r);
    assert.match(r.stdout, /^-- Planned changes/);
    assert.match(r.stdout, /^-- 1\. .+\n.+;$/m, show(r));
    for (const obj of ['"mood"', '"people"', '"pets"', '"pets_owner_id_idx"', '"pet_owners"']) {
      assert.ok(r.stdout.includes(obj), `${obj} missing:\n${show(r)}`);
    }
    assert.deepEqual(await userObjects(url), ['schema public']);
  });

  test('--auto-approve applies; a second run is synced; the result matches the file', async (t) => {
    const { url, dev } = await target(t);
    const to = writeSql('v1.sql', V1);
    const r = await apply(url, to, dev, '--auto-approve');
    assertOk(r);
    assert.match(r.stdout, /^Applied \d+ statements in one transaction:$/m, show(r));
    assert.deepEqual(await userObjects(url), [
      'relation public.people',
      'relation public.people_pkey',
      'relation public.pet_owners',
      'relation public.pets',
      'relation public.pets_owner_id_idx',
      'relation public.pets_pkey',
      'schema public',
      'type public.mood',
    ]);
    const again = await apply(url, to, dev, '--auto-approve');
    assertOk(again);
    assert.equal(again.stdout, 'Schema is synced, no changes to be made\n');
    // Without --auto-approve and without a terminal, a synced schema is still success.
    const check = await apply(url, to, dev);
    assertOk(check);
    assert.equal(check.stdout, 'Schema is synced, no changes to be made\n');
    // Loaded directly, the file gives the same schema.
    const direct = await freshPgDatabase(t);
    await psqlExec(direct.url, V1);
    assert.equal(await fp(url), await fp(direct.url));
  });

  test('an error in the desired SQL names file:line:col and changes nothing', async (t) => {
    const { url, dev } = await target(t);
    const to = writeSql(
      'bad.sql',
      'CREATE TABLE ok (id int);\nCREATE TABLE broken (\n  id int,\n  x nosuchtype\n);\n',
    );
    const r = await apply(url, to, dev, '--auto-approve');
    assertFailed(r, /bad\.sql:4:5: .*type "nosuchtype" does not exist/);
    assert.deepEqual(await userObjects(url), ['schema public']);
  });

  test('a statement failing mid-plan: exit 1, the statement and the error printed, database unchanged', async (t) => {
    const { url, dev } = await target(t);
    assertOk(await apply(url, writeSql('v1.sql', V1), dev, '--auto-approve'));
    await psqlExec(url, `INSERT INTO people VALUES (1, 'ann', 'happy'), (2, 'bob', NULL);`);
    const before = await fp(url);
    // v2 adds a table and a NOT NULL column without a default: the column fails on existing rows.
    const v2 = `${V1}\nALTER TABLE people ADD COLUMN age int NOT NULL;\nCREATE TABLE aardvarks (id int PRIMARY KEY);\n`;
    const r = await apply(url, writeSql('v2.sql', v2), dev, '--auto-approve');
    assertFailed(
      r,
      /^Error: statement \d+ of 2 .*failed: column "age" of relation "people" contains null values; (the transaction was rolled back \(1 statement undone\), )?the database is unchanged/,
    );
    assert.match(r.stderr, /^ {2}ALTER TABLE .*"people" ADD COLUMN "age" (integer|int4) NOT NULL/m, show(r));
    assert.equal(await fp(url), before);
    assert.ok(!(await userObjects(url)).includes('relation public.aardvarks'));

    // A unique index over duplicate rows, in JSON.
    await psqlExec(url, `INSERT INTO people VALUES (3, 'bob', 'sad');`);
    const v3 = `${V1}\nCREATE UNIQUE INDEX people_name_key ON people (name);\n`;
    const j = await apply(url, writeSql('v3.sql', v3), dev, '--auto-approve', '--format', 'json');
    assert.equal(j.code, 1, show(j));
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.applied, 0);
    assert.match(doc.error.message, /could not create unique index "people_name_key"/);
    assert.match(doc.error.sql, /CREATE UNIQUE INDEX "people_name_key"/);
    assert.equal(
      doc.error.statement,
      doc.statements.findIndex((s: { sql: string }) => s.sql === doc.error.sql) + 1,
    );
    assert.match(doc.error.detail, /Key \(name\)=\(bob\) is duplicated/);
    assert.equal(await fp(url), before);
  });

  test('--format json: a document for machines, dry run and apply', async (t) => {
    const { url, dev } = await target(t);
    const to = writeSql('v1.sql', V1);
    const dry = await apply(url, to, dev, '--dry-run', '--format', 'json');
    assertOk(dry);
    const plan = JSON.parse(dry.stdout);
    assert.ok(plan.changes > 0);
    assert.equal(plan.txMode, 'file');
    assert.equal(plan.applied, 0);
    assert.equal(plan.error, null);
    assert.deepEqual(plan.warnings, []);
    for (const s of plan.statements) {
      assert.deepEqual(Object.keys(s).sort(), ['comment', 'sql', 'transactional']);
      assert.equal(typeof s.sql, 'string');
      assert.equal(s.transactional, true);
    }
    const done = await apply(url, to, dev, '--auto-approve', '--format', 'json');
    assertOk(done);
    const applied = JSON.parse(done.stdout);
    assert.equal(applied.applied, plan.statements.length);
    assert.deepEqual(applied.statements, plan.statements);
    const synced = JSON.parse((await apply(url, to, dev, '--auto-approve', '--format', 'json')).stdout);
    assert.deepEqual([synced.changes, synced.statements, synced.applied, synced.error], [0, [], 0, null]);
  });

  test('--tx-mode none: statements before a failure stay applied', async (t) => {
    const { url, dev } = await target(t);
    assertOk(await apply(url, writeSql('v1.sql', V1), dev, '--auto-approve'));
    await psqlExec(url, `INSERT INTO people VALUES (1, 'ann', 'happy');`);
    const v2 = `${V1}\nALTER TABLE people ADD COLUMN age int NOT NULL;\n`;
    const r = await apply(url, writeSql('v2.sql', v2), dev, '--auto-approve', '--tx-mode', 'none');
    assertFailed(
      r,
      /contains null values; (the database is unchanged|\d+ statements? before it stay applied)/,
    );
    const ok = await apply(
      url,
      writeSql('v1b.sql', `${V1}\nCREATE TABLE toys (id int);\n`),
      dev,
      '--auto-approve',
      '--tx-mode',
      'none',
    );
    assertOk(ok);
    assert.match(ok.stdout, /^Applied 1 statement each on its own:$/m, show(ok));
  });

  test('another apply holds the lock: waits for --lock-timeout, then fails', async (t) => {
    const { url, dev } = await target(t);
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => {});
    await holder.connect();
    t.after(() => holder.end().catch(() => {}));
    await holder.query(`SELECT pg_advisory_lock(${lockKey('atlas_ts_schema_apply')})`);
    const r = await apply(url, writeSql('v1.sql', V1), dev, '--auto-approve', '--lock-timeout', '300ms');
    assertFailed(
      r,
      /^Error: another atlas-ts apply holds the lock "atlas_ts_schema_apply" on this database; waited 0\.3 s$/m,
    );
    const j = await apply(
      url,
      writeSql('v1.sql', V1),
      dev,
      '--auto-approve',
      '--lock-timeout',
      '0',
      '--format',
      'json',
    );
    assert.equal(j.code, 1, show(j));
    assert.match(
      JSON.parse(j.stdout).error.message,
      /holds the lock "atlas_ts_schema_apply" on this database; waited 0 s$/,
    );
    assert.deepEqual(await userObjects(url), ['schema public']);
  });

  test('the default dev database (embedded PGlite) and a directory of files', async (t) => {
    const db = await freshPgDatabase(t);
    const d = mkdtempSync(join(dir, 'schema-'));
    writeFileSync(join(d, '1_types.sql'), `CREATE TYPE mood AS ENUM ('happy', 'sad');\n`);
    writeFileSync(
      join(d, '2_tables.sql'),
      'CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, mood mood);\n',
    );
    const r = await cli('schema', 'apply', '--url', db.url, '--to', `file://${d}/`, '--auto-approve');
    assertOk(r);
    assert.deepEqual(await userObjects(db.url), [
      'relation public.people',
      'relation public.people_pkey',
      'schema public',
      'type public.mood',
    ]);
  });

  test('the quickstart schemas: v1, then v2 changes a type and adds an index', async (t) => {
    const { url, dev } = await target(t);
    const v1 = `file://${QUICKSTART}/schema.sql`;
    const v2 = `file://${QUICKSTART}/schema.v2.sql`;
    assertOk(await apply(url, v1, dev, '--auto-approve'));
    await psqlExec(
      url,
      `INSERT INTO users (email, display_name) VALUES ('ann@example.com', 'Ann');
       INSERT INTO posts (author_id, title) VALUES (1, 'Hello');
       INSERT INTO comments (post_id, author_id, body) VALUES (1, 1, 'First');`,
    );
    const r = await apply(url, v2, dev, '--auto-approve');
    assertOk(r);
    assert.match(r.stdout, /ALTER TABLE .*"comments".* TYPE text/, show(r));
    assert.match(r.stdout, /CREATE INDEX "comments_post_id_created_at_idx"/, show(r));
    const [col] = await pgQuery<{ t: string }>(
      url,
      `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'comments'::regclass AND attname = 'body'`,
    );
    assert.equal(col?.t, 'text');
    assert.deepEqual(await pgQuery(url, 'SELECT body FROM comments'), [{ body: 'First' }]);
    assertOk(await apply(url, v2, dev, '--auto-approve'));
    const direct = await freshPgDatabase(t);
    await psqlExec(direct.url, readFileSync(join(QUICKSTART, 'schema.v2.sql'), 'utf8'));
    assert.equal(await fp(url), await fp(direct.url));
  });

  test('on a terminal it asks; only yes applies', {
    skip: !hasScript() && 'no `script` command',
  }, async (t) => {
    const { url, dev } = await target(t);
    const to = writeSql('v1.sql', V1);
    const no = onTerminal('n\n', ['schema', 'apply', '--url', url, '--to', to, '--dev-url', dev]);
    assert.match(no.out, /Apply\? \[y\/N\]/, no.out);
    assert.match(no.out, /not applied: the database is unchanged/, no.out);
    assert.deepEqual(await userObjects(url), ['schema public']);
    const yes = onTerminal('y\n', ['schema', 'apply', '--url', url, '--to', to, '--dev-url', dev]);
    assert.match(yes.out, /Applied \d+ statements in one transaction/, yes.out);
    assert.ok((await userObjects(url)).includes('relation public.people'));
  });
});

describe('schema diff', () => {
  test('database to file, file to file, and synced', async (t) => {
    const { url, dev } = await target(t);
    const v1 = writeSql('v1.sql', V1);
    const v2 = writeSql('v2.sql', `${V1}\nCREATE INDEX people_name_idx ON people (name);\n`);

    const fromDb = await cli('schema', 'diff', '--from', url, '--to', v1, '--dev-url', dev);
    assertOk(fromDb);
    assert.match(fromDb.stdout, /^-- .+\nCREATE TYPE .*"mood"/m, show(fromDb));
    // The output runs as a script and brings the database to v1.
    await psqlExec(url, fromDb.stdout);
    const synced = await cli('schema', 'diff', '--from', url, '--to', v1, '--dev-url', dev);
    assertOk(synced);
    assert.equal(synced.stdout, 'Schemas are synced, no changes to be made\n');

    const files = await cli('schema', 'diff', '--from', v1, '--to', v2, '--dev-url', dev);
    assertOk(files);
    assert.match(files.stdout, /CREATE INDEX "people_name_idx" ON .*"people"/, show(files));
    assert.equal(files.stdout.match(/;\n/g)?.length, 1, show(files));

    const json = await cli('schema', 'diff', '--from', v1, '--to', v2, '--dev-url', dev, '--format', 'json');
    assertOk(json);
    const doc = JSON.parse(json.stdout);
    assert.equal(doc.changes, 1);
    assert.equal(doc.statements.length, 1);
    assert.equal(doc.statements[0].transactional, true);

    const same = await cli('schema', 'diff', '--from', v2, '--to', v2, '--dev-url', dev);
    assertOk(same);
    assert.equal(same.stdout, 'Schemas are synced, no changes to be made\n');
    // Nothing was changed anywhere.
    assert.deepEqual(await userObjects(dev), ['schema public']);
  });
});

describe('schema clean', () => {
  test('drops everything in the database; the public schema stays', async (t) => {
    const { url } = await target(t);
    await psqlExec(url, `CREATE SCHEMA app; CREATE TABLE app.things (id int);\n${V1}`);
    const before = await fp(url);

    const refused = await cli('schema', 'clean', '--url', url);
    assertFailed(refused, /not applying without approval/);
    assert.match(refused.stdout, /DROP/, show(refused));
    const dry = await cli('schema', 'clean', '--url', url, '--dry-run');
    assertOk(dry);
    assert.match(dry.stdout, /DROP TABLE .*"people"/, show(dry));
    assert.equal(await fp(url), before);

    const r = await cli('schema', 'clean', '--url', url, '--auto-approve');
    assertOk(r);
    assert.deepEqual(await userObjects(url), ['schema public']);
    const again = await cli('schema', 'clean', '--url', url, '--auto-approve');
    assertOk(again);
    assert.equal(again.stdout, 'Nothing to clean: no objects in scope\n');
  });

  test('bound to a schema: drops its objects, keeps it and everything else', async (t) => {
    const { url } = await target(t);
    await psqlExec(
      url,
      `CREATE SCHEMA app; SET search_path = app;\n${V1}\nCREATE TABLE public.keep (id int);`,
    );
    const r = await cli('schema', 'clean', '--url', `${url}?search_path=app`, '--auto-approve');
    assertOk(r);
    assert.deepEqual(await userObjects(url), ['relation public.keep', 'schema app', 'schema public']);
  });
});

// ---------------------------------------------------------------- helpers

function closedPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function hasScript(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `input`; returns what the terminal showed. */
function onTerminal(input: string, args: string[]): { code: number | null; out: string } {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [process.execPath, CLI, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    cwd: dir,
    env: childEnv(),
    input,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
