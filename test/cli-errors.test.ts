// End-to-end tests of the bundled CLI (dist/cli.js) as a user meets it: every bad input ends
// with exit code 1, one `Error: ` line on stderr (plus the command's usage for flag errors),
// nothing on stdout, no stack trace, and never a password. Also --help/--version and one
// happy path whose SQL runs on another database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { CLI, type Result, ROOT, runCli } from './helpers/cli.ts';
import { type FreshDatabase, freshPgDatabase, psqlExec } from './helpers/db.ts';

const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

/** The one role the harness's pg_hba.conf makes authenticate (scram-sha-256); see scripts/test-servers.mjs. */
const PW_ROLE = 'atlas_pw';
const PASSWORD = 'Sup3rS3cret!pw';
const WRONG_PASSWORD = 'Wr0ngS3cret!pw';

// ---------------------------------------------------------------- running the CLI

/** Newest modification time of the sources bundled into dist/cli.js. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a direct `node --test` run of this file builds only when the bundle is stale. */
function ensureBuilt(): void {
  const stale =
    !existsSync(CLI) ||
    statSync(CLI).mtimeMs < Math.max(newestSource(join(ROOT, 'cli')), newestSource(join(ROOT, 'core')));
  if (stale) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  assert.ok(existsSync(CLI), 'dist/cli.js was not built');
}

let cwd = '';

function cli(...args: string[]): Promise<Result> {
  return runCli(cwd, args, 60_000);
}

// ---------------------------------------------------------------- assertions

/** Forms a password can leak in: as typed, decoded, encoded, and its distinctive fragments. */
function leakForms(password: string): string[] {
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {}
  const forms = [password, decoded, encodeURIComponent(decoded)];
  for (const f of [password, decoded]) forms.push(...f.split(/[^A-Za-z0-9]+/).filter((p) => p.length >= 4));
  return [...new Set(forms)];
}

function assertNoLeak(res: Result, passwords: readonly string[]): void {
  const all = res.stdout + res.stderr;
  for (const pw of passwords) {
    for (const form of leakForms(pw)) {
      assert.ok(!all.includes(form), `password fragment ${JSON.stringify(form)} leaked:\n${all}`);
    }
  }
}

let inspectUsage = '';

/**
 * Exit 1, empty stdout, and stderr = one `Error: ` line matching `message`, followed (only when
 * `usage`) by a blank line and the command's usage; no stack trace, no warning, no password.
 */
function assertUserError(
  res: Result,
  message: RegExp,
  opts: { usage?: boolean; passwords?: readonly string[] } = {},
): void {
  const show = `exit ${res.code}\n--- stdout ---\n${res.stdout}\n--- stderr ---\n${res.stderr}`;
  assert.doesNotMatch(res.stderr, /^\s+at .+:\d+:\d+\)?$/m, `stack trace on stderr:\n${show}`);
  assert.doesNotMatch(res.stderr, /unexpected failure|Warning/i, show);
  assert.equal(res.code, 1, show);
  assert.equal(res.stdout, '', show);
  const [first, ...rest] = res.stderr.split('\n');
  assert.match(first!, /^Error: \S/, show);
  assert.match(first!, message, show);
  const tail = rest.join('\n');
  if (opts.usage) assert.equal(tail, `\n${inspectUsage}`, show);
  else assert.equal(tail, '', `stderr must be exactly one line:\n${show}`);
  assertNoLeak(res, opts.passwords ?? []);
}

function assertSucceeded(res: Result): void {
  assert.equal(res.code, 0, `exit ${res.code}\n--- stderr ---\n${res.stderr}`);
  assert.equal(res.stderr, '');
}

// ---------------------------------------------------------------- the server side

function adminUrl(): string {
  const url = process.env.PG_URL;
  if (!url) throw new Error('PG_URL not set: run tests through `npm test` (scripts/test.mjs)');
  return url;
}

/** host:port of the test server, for URLs with other users, passwords and databases. */
function serverUrl(path: string, userinfo = 'postgres'): string {
  const u = new URL(adminUrl());
  return `postgres://${userinfo}@${u.host}/${path}`;
}

/** A 127.0.0.1 port nothing listens on: the kernel handed it out and it was closed again. */
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

async function pgQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the password role (another run against the same server may have created it already). */
async function ensurePasswordRole(): Promise<void> {
  const setPw = `PASSWORD '${PASSWORD.replace(/'/g, "''")}'`;
  try {
    await pgQuery(adminUrl(), `CREATE ROLE ${PW_ROLE} LOGIN ${setPw}`);
  } catch (e) {
    if ((e as { code?: string }).code !== '42710') throw e; // duplicate_object
    await pgQuery(adminUrl(), `ALTER ROLE ${PW_ROLE} LOGIN ${setPw}`);
  }
}

/** Whether the server really checks atlas_pw's password (it does under scripts/test.mjs). */
async function passwordEnforced(db: string): Promise<boolean> {
  try {
    await pgQuery(serverUrl(db, `${PW_ROLE}:${encodeURIComponent(WRONG_PASSWORD)}`), 'SELECT 1');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === '28P01') return true;
    throw e;
  }
}

const SMALL_SCHEMA = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE authors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  mood mood DEFAULT 'happy'
);
CREATE TABLE books (
  id serial PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title varchar(200) NOT NULL CHECK (title <> ''),
  published date
);
CREATE INDEX books_author_idx ON books (author_id, published DESC);
CREATE VIEW recent_books AS SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id
  WHERE b.published > DATE '2020-01-01';
COMMENT ON TABLE books IS 'every book';
`;

// ---------------------------------------------------------------- tests

before(async () => {
  ensureBuilt();
  cwd = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'cli-errors-'));
  const help = await cli('schema', 'inspect', '--help');
  assertSucceeded(help);
  inspectUsage = help.stdout;
});

describe('help and version', () => {
  test('--help prints the usage on stdout and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const res = await cli(flag);
      assertSucceeded(res);
      assert.match(res.stdout, /^Usage: atlas-ts <command> \[flags\]\n/);
      assert.match(res.stdout, /schema inspect/);
    }
  });

  test('schema inspect --help prints the command usage on stdout and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const res = await cli('schema', 'inspect', flag);
      assertSucceeded(res);
      assert.match(res.stdout, /^Usage: atlas-ts schema inspect --url URL \[flags\]\n/);
      for (const f of ['--url', '--schema', '--exclude', '--format', '--help'])
        assert.ok(res.stdout.includes(f), f);
      assert.ok(res.stdout.endsWith('\n') && !res.stdout.endsWith('\n\n'));
    }
    // --help wins over a missing --url and other flags.
    const res = await cli('schema', 'inspect', '--format', 'yaml', '--help');
    assertSucceeded(res);
    assert.equal(res.stdout, inspectUsage);
  });

  test('--version prints the package version', async () => {
    for (const flag of ['--version', 'version']) {
      const res = await cli(flag);
      assertSucceeded(res);
      assert.equal(res.stdout, `atlas-ts ${VERSION}\n`);
    }
  });
});

describe('flag and command errors', () => {
  test('missing --url', async () => {
    assertUserError(await cli('schema', 'inspect'), /^Error: missing required flag --url$/, { usage: true });
    assertUserError(await cli('schema', 'inspect', '--url', ''), /^Error: missing required flag --url$/, {
      usage: true,
    });
    assertUserError(await cli('schema', 'inspect', '--url'), /--url.*argument missing/, { usage: true });
  });

  test('unknown flag', async () => {
    assertUserError(await cli('schema', 'inspect', '--bogus'), /Unknown option '--bogus'/, { usage: true });
    assertUserError(
      await cli('schema', 'inspect', '--url', serverUrl('db', `u:${PASSWORD}`), `--pasword=${PASSWORD}`),
      /Unknown option '--pasword'/,
      { usage: true, passwords: [PASSWORD] },
    );
  });

  test('a positional argument (a URL without --url) is refused without echoing its password', async () => {
    assertUserError(
      await cli('schema', 'inspect', `postgres://u:${PASSWORD}@127.0.0.1:1/db`),
      /Unexpected argument 'postgres:\/\/u:xxxxx@127\.0\.0\.1:1\/db'/,
      { usage: true, passwords: [PASSWORD] },
    );
  });

  test('unknown command', async () => {
    assertUserError(await cli('frob'), /^Error: unknown command "frob"; available: schema, migrate$/);
    assertUserError(
      await cli('schema', 'frob'),
      /^Error: unknown command "schema frob"; available: schema inspect, schema apply, schema diff, schema clean$/,
    );
    assertUserError(await cli('schema'), /^Error: "schema" needs a subcommand/);
    assertUserError(await cli('schema', '--url', 'x'), /^Error: "schema" needs a subcommand/);
  });

  test('bad --format', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', serverUrl('db', `u:${PASSWORD}`), '--format', 'yaml'),
      /^Error: unknown --format "yaml": use sql, hcl or json$/,
      { passwords: [PASSWORD] },
    );
  });
});

describe('malformed URLs', () => {
  test('not a URL', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', 'not a url'),
      /malformed database URL "not a url"/,
    );
  });

  test('a scheme that is not a database', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', 'http://x'),
      /malformed database URL "http:\/\/x"/,
    );
  });

  test('a port that is not a number', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', 'postgres://h:notaport/db'),
      /malformed database URL "postgres:\/\/h:notaport\/db"/,
    );
    for (const pw of [PASSWORD, 'p%40ss']) {
      assertUserError(
        await cli('schema', 'inspect', '--url', `postgres://u:${pw}@h:notaport/db`),
        /malformed database URL "postgres:\/\/u:xxxxx@h:notaport\/db"/,
        { passwords: [pw] },
      );
    }
  });

  test('more than one path segment', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', `postgres://u:${PASSWORD}@h/db/extra`),
      /the path must be one database name/,
      { passwords: [PASSWORD] },
    );
  });

  test('mysql:// URLs: unreachable server and malformed port, one line, no password', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', `mysql://root:${PASSWORD}@127.0.0.1:1/shop`),
      /cannot reach the database server at mysql:\/\/root:xxxxx@127\.0\.0\.1:1\/shop/,
      { passwords: [PASSWORD] },
    );
    assertUserError(
      await cli('schema', 'inspect', '--url', 'mysql://h:notaport/db'),
      /malformed database URL/,
      {
        passwords: [PASSWORD],
      },
    );
  });

  test('a PGlite directory that does not exist', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', 'pglite://./no/such/dir'),
      /^Error: no PGlite database at "\.\/no\/such\/dir": the directory does not exist$/,
    );
    assertUserError(
      await cli('schema', 'inspect', '--url', 'pglite:///no/such/dir'),
      /no PGlite database at "\/no\/such\/dir"/,
    );
  });

  // BUG: main.ts runs redact() over the whole message, which also garbles the message's own
  // static example `postgres://user:pass@host:port/dbname` into `user:xxxxx@`.
  test('the example in the malformed-URL message is not redacted', async () => {
    const res = await cli('schema', 'inspect', '--url', 'not a url');
    assertUserError(res, /malformed database URL/);
    assert.doesNotMatch(res.stderr, /user:xxxxx@host/);
  });

  // BUG: a bad percent-escape makes parsePgUrl's decodeURIComponent throw a URIError, which the
  // CLI reports as an internal bug: exit 2 and a stack trace.
  test('a malformed percent-escape in the database name', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', `postgres://u:${PASSWORD}@127.0.0.1:1/%zz`),
      /malformed database URL/,
      { passwords: [PASSWORD] },
    );
  });

  // BUG: the password is printed: the URL does not parse (`u:Sup3r` reads as host:port), and
  // redact()'s URL pattern stops at the `/` inside the password.
  test('a password with an unencoded slash is not printed', async () => {
    assertUserError(
      await cli('schema', 'inspect', '--url', 'postgres://u:Sup3r/S3cret@127.0.0.1:1/db'),
      /malformed database URL/,
      { passwords: ['Sup3r/S3cret'] },
    );
  });
});

describe('connection errors', () => {
  test('unreachable server (closed port)', async () => {
    const port = await closedPort();
    for (const pw of [PASSWORD, encodeURIComponent(PASSWORD), 'p%40ss']) {
      const url = `postgres://${PW_ROLE}:${pw}@127.0.0.1:${port}/db`;
      assertUserError(
        await cli('schema', 'inspect', '--url', url),
        new RegExp(
          `^Error: cannot reach the database server at postgres://${PW_ROLE}:xxxxx@127\\.0\\.0\\.1:${port}/db: .*ECONNREFUSED`,
        ),
        { passwords: [pw] },
      );
    }
  });

  test('unreachable server, password given as a parameter', async () => {
    const port = await closedPort();
    assertUserError(
      await cli(
        'schema',
        'inspect',
        '--url',
        `postgres://${PW_ROLE}@127.0.0.1:${port}/db?password=${PASSWORD}`,
      ),
      /cannot reach the database server at .*ECONNREFUSED/,
      { passwords: [PASSWORD] },
    );
  });

  // BUG: with an unencoded `@` in the password, redact() ends the userinfo at the first `@` (URL
  // parsers use the last), and the decoded secret passed by connectError no longer matches after
  // the URL pattern ran, so `S3cret@` is printed.
  test('unreachable server, password with an unencoded at-sign', async () => {
    const port = await closedPort();
    assertUserError(
      await cli('schema', 'inspect', '--url', `postgres://${PW_ROLE}:Sup3r@S3cret@127.0.0.1:${port}/db`),
      /cannot reach the database server/,
      { passwords: ['Sup3r@S3cret'] },
    );
  });

  test('unknown database', async () => {
    const url = serverUrl('no_such_db_xyz', `postgres:${encodeURIComponent(PASSWORD)}`);
    assertUserError(
      await cli('schema', 'inspect', '--url', url),
      /^Error: database "no_such_db_xyz" does not exist on postgres:\/\/postgres:xxxxx@127\.0\.0\.1:\d+\/no_such_db_xyz$/,
      { passwords: [PASSWORD] },
    );
  });

  test('unknown schema: --schema and ?search_path=', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, 'CREATE TABLE present (id int);');
    const url = serverUrl(db.name, `postgres:${encodeURIComponent(PASSWORD)}`);
    const missing = new RegExp(`^Error: schema "nope" does not exist in database "${db.name}"$`);
    assertUserError(await cli('schema', 'inspect', '--url', url, '--schema', 'nope'), missing, {
      passwords: [PASSWORD],
    });
    assertUserError(await cli('schema', 'inspect', '--url', `${url}?search_path=nope`), missing, {
      passwords: [PASSWORD],
    });
    // One existing and one missing schema still fails.
    assertUserError(await cli('schema', 'inspect', '--url', url, '-s', 'public', '-s', 'nope'), missing, {
      passwords: [PASSWORD],
    });
  });

  // BUG: pg-connection-string prints a multi-line SECURITY WARNING (process.emitWarning) to stderr
  // for sslmode=prefer/require/verify-ca, on every run, before atlas-ts's own one-line error.
  test('sslmode=require against a server without SSL: one line, no driver warning', async () => {
    const url = serverUrl('postgres', `postgres:${encodeURIComponent(PASSWORD)}`);
    assertUserError(
      await cli('schema', 'inspect', '--url', `${url}?sslmode=require`),
      /does not support SSL/,
      { passwords: [PASSWORD] },
    );
  });

  describe('password authentication', () => {
    let fresh: FreshDatabase | undefined;
    let db = '';
    let enforced = false;

    // The role stays: it is cluster-wide and other tests may use it too (the server is throwaway).
    before(async () => {
      await ensurePasswordRole();
      fresh = await freshPgDatabase();
      db = fresh.name;
      await psqlExec(fresh.url, 'CREATE TABLE visible_to_atlas_pw (id int PRIMARY KEY);');
      enforced = await passwordEnforced(db);
    });
    after(() => fresh?.drop());

    test('a wrong password fails with an authentication error', async (t) => {
      if (!enforced) return t.skip(`pg_hba.conf does not require a password for ${PW_ROLE}`);
      for (const pw of [WRONG_PASSWORD, encodeURIComponent(WRONG_PASSWORD), 'p%40ss']) {
        const res = await cli('schema', 'inspect', '--url', serverUrl(db, `${PW_ROLE}:${pw}`));
        assertUserError(
          res,
          new RegExp(
            `^Error: authentication failed for postgres://${PW_ROLE}:xxxxx@127\\.0\\.0\\.1:\\d+/${db}: .*authentication failed for user "${PW_ROLE}"`,
          ),
          { passwords: [pw, PASSWORD] },
        );
      }
    });

    test('a wrong password given as a parameter', async (t) => {
      if (!enforced) return t.skip(`pg_hba.conf does not require a password for ${PW_ROLE}`);
      const res = await cli(
        'schema',
        'inspect',
        '--url',
        `${serverUrl(db, PW_ROLE)}?password=${WRONG_PASSWORD}`,
      );
      assertUserError(res, /authentication failed/, { passwords: [WRONG_PASSWORD] });
    });

    // BUG: pg's SASL client throws a plain Error without a SQLSTATE ("SASL: SCRAM-SERVER-FIRST-MESSAGE:
    // client password must be a string"), so connectError classifies it as CONNECT with a driver
    // internals message instead of an authentication failure that says a password is needed.
    test('no password at all', async (t) => {
      if (!enforced) return t.skip(`pg_hba.conf does not require a password for ${PW_ROLE}`);
      const res = await cli('schema', 'inspect', '--url', serverUrl(db, PW_ROLE));
      assertUserError(res, /^Error: authentication failed/);
    });

    test('the right password works, encoded or not', async () => {
      for (const pw of [encodeURIComponent(PASSWORD), PASSWORD]) {
        const res = await cli('schema', 'inspect', '--url', serverUrl(db, `${PW_ROLE}:${pw}`));
        assertSucceeded(res);
        assert.match(res.stdout, /CREATE TABLE "public"\."visible_to_atlas_pw"/);
        assertNoLeak(res, [PASSWORD]);
      }
    });
  });
});

describe('happy path', () => {
  test('--format sql runs on another database and reproduces the schema; --format json has it', async (t) => {
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlExec(a.url, SMALL_SCHEMA);

    const sql = await cli('schema', 'inspect', '--url', a.url, '--format', 'sql');
    assertSucceeded(sql);
    for (const want of [
      'CREATE TYPE "public"."mood"',
      'CREATE TABLE "public"."books"',
      'CREATE VIEW "public"."recent_books"',
    ]) {
      assert.ok(sql.stdout.includes(want), `${want} missing from:\n${sql.stdout}`);
    }
    // The default format is sql, and -u is --url.
    const dflt = await cli('schema', 'inspect', '-u', a.url);
    assertSucceeded(dflt);
    assert.equal(dflt.stdout, sql.stdout);

    await psqlExec(b.url, sql.stdout);
    const again = await cli('schema', 'inspect', '--url', b.url, '--format', 'sql');
    assertSucceeded(again);
    assert.equal(again.stdout, sql.stdout);

    const json = await cli('schema', 'inspect', '--url', a.url, '--format', 'json');
    assertSucceeded(json);
    const realm = JSON.parse(json.stdout) as {
      dialect: string;
      schemas: {
        name: string;
        tables: { name: string; columns: { name: string }[] }[];
        views: { name: string }[];
      }[];
    };
    assert.equal(realm.dialect, 'postgres');
    const pub = realm.schemas.find((s) => s.name === 'public');
    assert.ok(pub, json.stdout);
    assert.deepEqual(
      pub.tables.map((x) => x.name),
      ['authors', 'books'],
    );
    assert.deepEqual(
      pub.tables.find((x) => x.name === 'books')!.columns.map((c) => c.name),
      ['id', 'author_id', 'title', 'published'],
    );
    assert.deepEqual(
      pub.views.map((v) => v.name),
      ['recent_books'],
    );
  });

  test('bound to a schema with ?search_path=: unqualified names, applies to another schema', async (t) => {
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlExec(a.url, `CREATE SCHEMA app; SET search_path = app;\n${SMALL_SCHEMA}`);
    const res = await cli('schema', 'inspect', '--url', `${a.url}?search_path=app`);
    assertSucceeded(res);
    assert.doesNotMatch(res.stdout, /"app"\./);
    assert.match(res.stdout, /CREATE TABLE "books"/);
    await psqlExec(b.url, `CREATE SCHEMA other; SET search_path = other;\n${res.stdout}`);
    const other = await cli('schema', 'inspect', '--url', `${b.url}?search_path=other`);
    assertSucceeded(other);
    assert.equal(other.stdout, res.stdout);
  });

  test('--exclude leaves objects out, and the output still runs', async (t) => {
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlExec(a.url, SMALL_SCHEMA);
    const res = await cli('schema', 'inspect', '--url', a.url, '--exclude', 'public.recent_*');
    assertSucceeded(res);
    assert.doesNotMatch(res.stdout, /recent_books/);
    assert.match(res.stdout, /CREATE TABLE "public"\."books"/);
    await psqlExec(b.url, res.stdout);
  });

  // BUG: excluding a table keeps the sequence its serial column owns, and with it
  // `ALTER SEQUENCE ... OWNED BY "public"."books"."id"`, which names the excluded table, so the
  // output fails: relation "public.books" does not exist.
  test('--exclude of a table with a serial column: the output still runs', async (t) => {
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlExec(a.url, SMALL_SCHEMA);
    const res = await cli(
      'schema',
      'inspect',
      '--url',
      a.url,
      '--exclude',
      'public.books',
      '--exclude',
      'public.recent_*',
    );
    assertSucceeded(res);
    assert.match(res.stdout, /CREATE TABLE "public"\."authors"/);
    assert.doesNotMatch(res.stdout, /CREATE TABLE "public"\."books"/);
    await psqlExec(b.url, res.stdout);
  });
});
