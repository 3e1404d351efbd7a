// `atlas_migration` under the real terraform binary (offline, dev_overrides → dist/): stepping
// through versions with the data source's `next`, jumping to the latest file, an unknown
// version, a checksum error, and a migrate down refused and then allowed. Assertions are on the
// `-json` diagnostics, the state Terraform keeps, and the database.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { openDir } from '../core/migrate/dir.ts';
import { writeSum } from '../core/migrate/sum.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from './helpers/db.ts';
import {
  diagnostics,
  jsonLines,
  type TfDiagnostic,
  type TfResult,
  terraformMissing,
  tf,
} from './helpers/terraform.ts';

const skip = terraformMissing();

const FILES = {
  '1_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
  '2_posts.sql': 'CREATE TABLE posts (id int PRIMARY KEY);\n',
  '3_tags.sql': 'CREATE TABLE tags (id int PRIMARY KEY);\n',
};

/**
 * A working directory with `migrations/` (relative, as users write it) and main.tf: the data
 * source, and the resource with `version` and `allow` as given (HCL expressions).
 */
async function workspace(opts: { version: string; allow?: string }): Promise<string> {
  const dir = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'tf-migration-'));
  mkdirSync(join(dir, 'migrations'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, 'migrations', name), text);
  await writeSum(await openDir(`file://${join(dir, 'migrations')}`));
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {
  required_providers {
    atlas = {
      source = "ariga/atlas"
    }
  }
}

variable "url" {
  type      = string
  sensitive = true
}

variable "target" {
  type    = string
  default = null
}

variable "dev_url" {
  type      = string
  sensitive = true
  default   = null
}

provider "atlas" {
  dev_url = var.dev_url
}

variable "allow_down" {
  type    = bool
  default = false
}

data "atlas_migration" "app" {
  url = var.url
  dir = "file://migrations"
}

resource "atlas_migration" "app" {
  url     = var.url
  dir     = "migrations"
  version = ${opts.version}

  protected_flows {
    migrate_down {
      allow = ${opts.allow ?? 'false'}
    }
  }
}

output "next" {
  value = data.atlas_migration.app.next
}
`,
  );
  return dir;
}

interface Run {
  result: TfResult;
  diags: TfDiagnostic[];
}

async function run(dir: string, url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const result = await tf(dir, [...args, '-json', '-no-color'], {
    env: { TF_VAR_url: url, ...env },
    timeout: 180_000,
  });
  return { result, diags: diagnostics(result.stdout) };
}

const apply = (dir: string, url: string, ...vars: string[]) =>
  run(dir, url, ['apply', '-auto-approve', ...vars.flatMap((v) => ['-var', v])]);
const plan = (dir: string, url: string, ...vars: string[]) =>
  run(dir, url, ['plan', ...vars.flatMap((v) => ['-var', v])]);

/** Terraform's count of planned resource changes (outputs and drift not included). */
function changes(r: Run): Record<string, unknown> {
  const line = jsonLines(r.result.stdout).find((l) => l.type === 'change_summary');
  assert.ok(line, `no change summary in:\n${r.result.stdout}\n${r.result.stderr}`);
  return line.changes as Record<string, unknown>;
}

/**
 * The diagnostics' summaries, sorted. `terraform apply` plans twice (once to show, once at apply
 * time) and validates each time, so a warning of the plan is given twice there: `unique` folds them.
 */
const summaries = (r: Run, unique = false) => {
  const all = r.diags.map((d) => `${d.severity}: ${d.summary}`).sort();
  return unique ? [...new Set(all)] : all;
};

async function revisions(url: string): Promise<string[]> {
  const rows = await pgQuery<{ v: string }>(
    url,
    'SELECT version AS v FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY 1',
  ).catch(() => []);
  return rows.map((r) => r.v);
}

async function tables(url: string): Promise<string[]> {
  const rows = await pgQuery<{ t: string }>(
    url,
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  return rows.map((r) => r.t);
}

function ok(r: Run, what: string): void {
  assert.equal(r.result.code, 0, `${what} failed:\n${r.result.stdout}\n${r.result.stderr}`);
}

/** The resource as Terraform stored it. */
async function stateOf(dir: string): Promise<Record<string, unknown>> {
  const r = await tf(dir, ['show', '-json']);
  const doc = JSON.parse(r.stdout) as {
    values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
  };
  const res = doc.values?.root_module?.resources?.find((x) => x.address === 'atlas_migration.app');
  assert.ok(res, 'atlas_migration.app is in the state');
  return res.values;
}

describe('terraform: atlas_migration', { skip, concurrency: true }, () => {
  test('steps through versions with data.atlas_migration.next', async (t: TestContext) => {
    const db = await freshPgDatabase(t);
    const dir = await workspace({ version: 'data.atlas_migration.app.next' });

    const p = await plan(dir, db.url);
    ok(p, 'plan');
    assert.deepEqual(summaries(p), ['warning: Pending migrations', 'warning: dev_url is unset']);
    assert.equal(
      p.diags.find((d) => d.summary === 'Pending migrations')!.detail,
      '1 migration file will be applied:\n1 1_users.sql',
    );
    assert.deepEqual(await revisions(db.url), [], 'plan changes nothing');

    for (const [step, expected] of [
      ['1', ['1']],
      ['2', ['1', '2']],
      ['3', ['1', '2', '3']],
    ] as const) {
      const a = await apply(dir, db.url);
      ok(a, `apply to ${step}`);
      assert.deepEqual(await revisions(db.url), expected);
      const s = await stateOf(dir);
      assert.equal(s.version, step);
      assert.equal((s.status as { current: string }).current, step);
    }
    assert.deepEqual(await tables(db.url), ['posts', 'tags', 'users']);
    const id = (await stateOf(dir)).id;

    // At the latest version next is "": one update records that, then nothing is left to do.
    ok(await apply(dir, db.url), 'apply at latest');
    const s = await stateOf(dir);
    assert.equal(s.version, '');
    assert.equal(s.id, id, 'the id is kept across updates');
    assert.deepEqual(s.status, { status: 'OK', current: '3', next: null, latest: '3' });
    const idle = await plan(dir, db.url);
    ok(idle, 'plan');
    assert.deepEqual(changes(idle), { add: 0, change: 0, import: 0, remove: 0, operation: 'plan' });
  });

  test('without version: the latest file, with the version warning', async (t: TestContext) => {
    const db = await freshPgDatabase(t);
    const dir = await workspace({ version: 'null' });
    const a = await apply(dir, db.url);
    ok(a, 'apply');
    assert.deepEqual(summaries(a, true), [
      'warning: Pending migrations',
      'warning: dev_url is unset',
      'warning: version is unset',
    ]);
    const w = a.diags.find((d) => d.summary === 'version is unset')!;
    assert.equal(w.address, 'atlas_migration.app');
    assert.deepEqual(await revisions(db.url), ['1', '2', '3']);
    assert.equal((await stateOf(dir)).version, '3');

    // A new file is not applied: the version stays where create put it.
    writeFileSync(join(dir, 'migrations', '4_more.sql'), 'CREATE TABLE more (id int);\n');
    await writeSum(await openDir(`file://${join(dir, 'migrations')}`));
    const idle = await plan(dir, db.url);
    ok(idle, 'plan');
    assert.deepEqual(changes(idle), { add: 0, change: 0, import: 0, remove: 0, operation: 'plan' });
    assert.deepEqual(summaries(idle), ['warning: dev_url is unset', 'warning: version is unset']);
  });

  test('an unknown version fails the plan', async (t: TestContext) => {
    const db = await freshPgDatabase(t);
    const dir = await workspace({ version: 'var.target' });
    const p = await plan(dir, db.url, 'target=9');
    assert.equal(p.result.code, 1);
    const e = p.diags.find((d) => d.severity === 'error')!;
    assert.equal(e.summary, 'Incorrect version');
    assert.match(
      e.detail,
      /^The version 9 is not found in the migration directory migrations \(versions 1 to 3\)\.$/,
    );
    assert.equal(e.address, 'atlas_migration.app');
    assert.deepEqual(await revisions(db.url), []);
  });

  test('a checksum error fails the plan', async (t: TestContext) => {
    const db = await freshPgDatabase(t);
    const dir = await workspace({ version: 'var.target' });
    writeFileSync(join(dir, 'migrations', '2_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY);\n');
    const p = await plan(dir, db.url, 'target=2');
    assert.equal(p.result.code, 1);
    const errs = p.diags.filter((d) => d.severity === 'error');
    assert.ok(errs.length > 0);
    for (const e of errs) {
      assert.equal(e.summary, 'Failed to read migration status');
      assert.match(
        e.detail,
        /You have a checksum error in your migration directory\.\n\n\tL3: 2_posts\.sql was edited/,
      );
    }
    assert.deepEqual(await revisions(db.url), []);
  });

  test('migrating down: refused, then allowed', async (t: TestContext) => {
    const [db, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    const dir = await workspace({ version: 'var.target', allow: 'var.allow_down' });
    // The provider's dev_url: a server database, left empty after the down.
    const env = { TF_VAR_dev_url: dev.url };
    const withVars = (cmd: string[], ...vars: string[]) =>
      run(dir, db.url, [...cmd, ...vars.flatMap((v) => ['-var', v])], env);
    ok(await withVars(['apply', '-auto-approve'], 'target=3'), 'apply to 3');
    assert.deepEqual(await tables(db.url), ['posts', 'tags', 'users']);

    const refused = await withVars(['plan'], 'target=1');
    assert.equal(refused.result.code, 1);
    const e = refused.diags.find((d) => d.severity === 'error')!;
    assert.equal(e.summary, 'Protected flow error');
    assert.match(e.detail, /The database is at version 3, later than version 1/);
    assert.match(e.detail, /protected_flows\.migrate_down\.allow = true/);

    const allowed = await withVars(['apply', '-auto-approve'], 'target=1', 'allow_down=true');
    ok(allowed, 'apply down');
    const w = allowed.diags.find((d) => d.summary === 'Migrate down')!;
    assert.match(w.detail, /from version 3 to version 1, reverting 2, 3/);
    assert.match(w.detail, /DROP TABLE "public"\."posts";/);
    assert.match(w.detail, /DROP TABLE "public"\."tags";/);
    assert.deepEqual(await tables(db.url), ['users']);
    assert.deepEqual(await revisions(db.url), ['1']);
    const s = await stateOf(dir);
    assert.equal(s.version, '1');
    assert.deepEqual(s.status, { status: 'PENDING', current: '1', next: '2', latest: '3' });
    assert.deepEqual(await tables(dev.url), [], 'the dev database is left empty');
  });

  test('destroy leaves the database as it is', async (t: TestContext) => {
    const db = await freshPgDatabase(t);
    const dir = await workspace({ version: 'var.target' });
    ok(await apply(dir, db.url, 'target=2'), 'apply');
    const d = await run(dir, db.url, ['destroy', '-auto-approve', '-var', 'target=2']);
    ok(d, 'destroy');
    assert.deepEqual(await tables(db.url), ['posts', 'users']);
    assert.deepEqual(await revisions(db.url), ['1', '2']);
  });

  test("MariaDB: up, then down with the provider's dev_url", async (t: TestContext) => {
    const [db, dev] = await Promise.all([freshMysqlDatabase(t), freshMysqlDatabase(t)]);
    if (!db || !dev) return;
    const query = async (url: string, sql: string) => {
      const conn = await createConnection(url);
      try {
        return (await conn.query<RowDataPacket[]>(sql))[0];
      } finally {
        await conn.end();
      }
    };
    const state = async () => ({
      tables: (await query(db.url, 'SHOW TABLES')).map((r) => String(Object.values(r)[0])).sort(),
      revisions: (await query(db.url, 'SELECT version FROM atlas_schema_revisions ORDER BY 1')).map((r) =>
        String(r.version),
      ),
    });
    const dir = await workspace({ version: 'var.target', allow: 'var.allow_down' });
    const env = { TF_VAR_dev_url: dev.url };
    const withVars = (cmd: string[], ...vars: string[]) =>
      run(dir, db.url, [...cmd, ...vars.flatMap((v) => ['-var', v])], env);
    ok(await withVars(['apply', '-auto-approve'], 'target=2'), 'apply to 2');
    assert.deepEqual(await state(), {
      tables: ['atlas_schema_revisions', 'posts', 'users'],
      revisions: ['1', '2'],
    });
    const refused = await withVars(['plan'], 'target=1');
    assert.equal(refused.result.code, 1);
    assert.deepEqual(summaries(refused), ['error: Protected flow error']);
    const down = await withVars(['apply', '-auto-approve'], 'target=1', 'allow_down=true');
    ok(down, 'apply down');
    assert.match(down.diags.find((d) => d.summary === 'Migrate down')!.detail, /DROP TABLE `posts`;/);
    assert.deepEqual(await state(), { tables: ['atlas_schema_revisions', 'users'], revisions: ['1'] });
    assert.deepEqual(await query(dev.url, 'SHOW TABLES'), [], 'the dev database is left empty');
  });
});
