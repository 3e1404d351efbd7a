// Project files (atlas.hcl) through the bundled CLI against the test PostgreSQL server: an env
// that supplies --url, --to and --dev-url, the top-level diff policy, a for_each env over tenant
// schemas found with a `data "sql"` query, and a composite_schema of an SQL file, an HCL file
// and a program's output. The CLI runs in the fixture directory, as a user would run it next to
// their atlas.hcl; the database URLs are passed as input variables.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { type Result, ROOT, runCli } from './helpers/cli.ts';
import { freshPgDatabase, pgQuery } from './helpers/db.ts';

const FIXTURES = join(ROOT, 'test/fixtures/project');

const cli = (fixture: string, ...args: string[]): Promise<Result> =>
  runCli(join(FIXTURES, fixture), args, 120_000);
const show = (r: Result) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function assertOk(r: Result): void {
  assert.equal(r.code, 0, show(r));
  assert.doesNotMatch(r.stderr, /Error|unexpected failure/, show(r));
}

/** `schema.table` of every table outside the system schemas. */
async function tables(url: string): Promise<string[]> {
  const rows = await pgQuery(
    url,
    `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  return rows.map((r) => String(r.t));
}

/** A target and an empty dev database, and the --var flags that hand them to the project. */
async function databases(t: TestContext): Promise<{ url: string; dev: string; vars: string[] }> {
  const db = await freshPgDatabase(t);
  const dev = await freshPgDatabase(t);
  return { url: db.url, dev: dev.url, vars: ['--var', `url=${db.url}`, '--var', `dev=${dev.url}`] };
}

describe('an env supplies the flags', () => {
  test('schema apply --env: url, src and dev from the env; the database is changed', async (t) => {
    const { url, vars } = await databases(t);
    const r = await cli('basic', 'schema', 'apply', '--env', 'local', ...vars, '--auto-approve');
    assertOk(r);
    assert.match(r.stdout, /CREATE TABLE "public"\."users"|CREATE TABLE "users"/, show(r));
    assert.deepEqual(await tables(url), ['public.orders', 'public.users']);
    const cols = await pgQuery(
      url,
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position",
    );
    assert.deepEqual(cols, [
      { column_name: 'id', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'user_id', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'total', data_type: 'numeric', is_nullable: 'NO' },
    ]);
    const again = await cli('basic', 'schema', 'apply', '--env', 'local', ...vars, '--auto-approve');
    assertOk(again);
    assert.match(again.stdout, /Schema is synced, no changes to be made/);
  });

  test('the top-level diff policy applies: a table missing from src is not dropped', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE TABLE legacy (id int)');
    const r = await cli('basic', 'schema', 'apply', '--env', 'local', ...vars, '--auto-approve');
    assertOk(r);
    assert.doesNotMatch(r.stdout, /DROP TABLE/, show(r));
    assert.deepEqual(await tables(url), ['public.legacy', 'public.orders', 'public.users']);
  });

  test('schema inspect --env prints the env database; an explicit --url wins', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE TABLE inspected (id int PRIMARY KEY); CREATE TABLE scratch_tmp (id int)');
    const r = await cli('basic', 'schema', 'inspect', '--env', 'local', ...vars);
    assertOk(r);
    assert.match(r.stdout, /CREATE TABLE "(public"\.")?inspected"/, show(r));
    // The env's exclude applies.
    assert.doesNotMatch(r.stdout, /scratch_tmp/, show(r));
    const other = await freshPgDatabase(t);
    await pgQuery(other.url, 'CREATE TABLE elsewhere (id int)');
    const r2 = await cli('basic', 'schema', 'inspect', '--env', 'local', ...vars, '--url', other.url);
    assertOk(r2);
    assert.match(r2.stdout, /elsewhere/, show(r2));
    assert.doesNotMatch(r2.stdout, /inspected/, show(r2));
  });

  test('schema diff --env: --to from src, policy from the file', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE TABLE legacy (id int)');
    const r = await cli('basic', 'schema', 'diff', '--env', 'local', ...vars, '--from', url);
    assertOk(r);
    assert.match(r.stdout, /CREATE TABLE/, show(r));
    assert.doesNotMatch(r.stdout, /DROP TABLE/, show(r));
  });

  test('mistakes: unknown env, missing variable, missing project file', async () => {
    const unknown = await cli('basic', 'schema', 'apply', '--env', 'prd', '--auto-approve');
    assert.equal(unknown.code, 1, show(unknown));
    assert.equal(
      unknown.stderr.split('\n')[0],
      'Error: env "prd" is not defined in atlas.hcl; did you mean "prod"? (defined: local, prod)',
    );
    const noVar = await cli('basic', 'schema', 'inspect', '--env', 'local');
    assert.equal(noVar.code, 1, show(noVar));
    assert.equal(
      noVar.stderr.split('\n')[0],
      'Error: atlas.hcl:2:1: variable "url" has no value: pass --var url=VALUE (string) or give it a default',
    );
    const none = await runCli(FIXTURES, ['schema', 'inspect', '--env', 'local'], 30_000);
    assert.equal(none.code, 1, show(none));
    assert.equal(
      none.stderr.split('\n')[0],
      'Error: no project file at ./atlas.hcl: create one or pass --config file://path',
    );
  });

  test('--config names a project file elsewhere', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE TABLE found_via_config (id int)');
    const r = await runCli(
      FIXTURES,
      ['schema', 'inspect', '--config', 'file://basic/atlas.hcl', '--env', 'local', ...vars],
      60_000,
    );
    assertOk(r);
    assert.match(r.stdout, /found_via_config/, show(r));
  });
});

describe('for_each over tenants found by a data "sql" query', () => {
  test('schema apply migrates every tenant schema, one header per target', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA other');
    const r = await cli('tenants', 'schema', 'apply', '--env', 'tenants', ...vars, '--auto-approve');
    assertOk(r);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('-- env'));
    assert.deepEqual(headers, [
      `-- env tenants: ${url}?search_path=tenant_a`,
      `-- env tenants: ${url}?search_path=tenant_b`,
    ]);
    assert.deepEqual(await tables(url), ['tenant_a.accounts', 'tenant_b.accounts']);
    const again = await cli('tenants', 'schema', 'apply', '--env', 'tenants', ...vars, '--auto-approve');
    assertOk(again);
    assert.equal(again.stdout.match(/Schema is synced/g)?.length, 2, show(again));
  });

  test('an env offers its attributes to HCL schema files as variables', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b');
    const r = await cli('hcl-tenants', 'schema', 'apply', '--env', 'tenants', ...vars, '--auto-approve');
    assertOk(r);
    const comments = await pgQuery(
      url,
      "SELECT n.nspname AS s, obj_description(c.oid) AS comment FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'accounts' ORDER BY 1",
    );
    assert.deepEqual(comments, [
      { s: 'tenant_a', comment: 'accounts of tenant_a' },
      { s: 'tenant_b', comment: 'accounts of tenant_b' },
    ]);
  });

  test('the first failing tenant stops the run and says what was done', async (t) => {
    const { url, vars } = await databases(t);
    // tenant_b has rows, so adding the NOT NULL column without a default fails there.
    await pgQuery(
      url,
      `CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA tenant_c;
       CREATE TABLE tenant_b.accounts (id bigint PRIMARY KEY); INSERT INTO tenant_b.accounts VALUES (1);`,
    );
    const r = await cli('tenants', 'schema', 'apply', '--env', 'tenants', ...vars, '--auto-approve');
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      new RegExp(
        `stopped at target 2 of 3 \\(${reEscape(url)}\\?search_path=tenant_b\\); done: ${reEscape(url)}\\?search_path=tenant_a; not run: ${reEscape(url)}\\?search_path=tenant_c`,
      ),
      show(r),
    );
    assert.deepEqual(await tables(url), ['tenant_a.accounts', 'tenant_b.accounts']);
  });

  test('schema inspect refuses an env with several targets', async (t) => {
    const { url, vars } = await databases(t);
    await pgQuery(url, 'CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b');
    const r = await cli('tenants', 'schema', 'inspect', '--env', 'tenants', ...vars);
    assert.equal(r.code, 1, show(r));
    assert.match(
      r.stderr,
      /env "tenants" has 2 instances \(for_each\); schema inspect works on one database/,
    );
  });
});

test('composite_schema: an SQL file, an HCL file and a program, each in its schema', async (t) => {
  const { url, vars } = await databases(t);
  const r = await cli('composite', 'schema', 'apply', '--env', 'local', ...vars, '--auto-approve');
  assertOk(r);
  assert.deepEqual(await tables(url), ['app.users', 'billing.invoices', 'reports.daily']);
  const cols = await pgQuery(
    url,
    "SELECT table_schema, column_name, is_nullable FROM information_schema.columns WHERE table_schema IN ('app', 'reports') ORDER BY 1, ordinal_position",
  );
  assert.deepEqual(cols, [
    { table_schema: 'app', column_name: 'id', is_nullable: 'NO' },
    { table_schema: 'app', column_name: 'name', is_nullable: 'YES' },
    { table_schema: 'reports', column_name: 'day', is_nullable: 'NO' },
    { table_schema: 'reports', column_name: 'orders', is_nullable: 'NO' },
  ]);
});

function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
