// `atlas_migration` (resource and data source), called as the plugin server calls them, against
// the test PostgreSQL and MariaDB servers. Assertions are on what a user sees: the diagnostics,
// the state, and the database itself (its tables and its revisions table).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { openDir } from '../../core/migrate/dir.ts';
import { writeSum } from '../../core/migrate/sum.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from '../../test/helpers/db.ts';
import {
  type CallContext,
  type Diagnostic,
  fullObject,
  type TfObject,
  type TfValue,
  Unknown,
} from '../framework.ts';
import { atlasMigrationResource as res, withTimeout } from './migration.ts';
import { absoluteDirUrl, parseGoDuration, parseVariables, sameValue } from './migration-common.ts';
import { atlasMigrationDataSource as ds } from './migration-data.ts';

const block = res.schema.block;

/** A call's context; `configured: false` is Terraform's first validation, before ConfigureProvider. */
function ctx(provider: TfObject = { dev_url: null }, configured = true): CallContext {
  return {
    diagnostics: [],
    signal: new AbortController().signal,
    provider,
    terraformVersion: configured ? '1.11.4' : '',
  };
}

const config = (values: TfObject) => fullObject(block, values);
const dsConfig = (values: TfObject) => fullObject(ds.schema.block, values);
const summaries = (d: Diagnostic[]) => d.map((x) => `${x.severity}: ${x.summary}`);
const errors = (d: Diagnostic[]) => d.filter((x) => x.severity === 'error');

/**
 * Terraform's proposed new state (config, with computed attributes the config leaves null taken
 * from prior), and then the framework's rule: when it differs from prior, those are Unknown.
 */
function proposedFor(prior: TfObject | null, cfg: TfObject): TfObject {
  const out: TfObject = { ...cfg };
  for (const [name, a] of Object.entries(block.attributes))
    if (a.computed && cfg[name] === null) out[name] = prior?.[name] ?? null;
  if (prior !== null && sameValue(out, prior)) return out;
  for (const [name, a] of Object.entries(block.attributes))
    if (a.computed && cfg[name] === null) out[name] = Unknown;
  return out;
}

/** What Terraform checks of a plan: a value the configuration sets is planned as set. */
function assertPlanValid(cfg: TfObject, planned: TfObject): void {
  for (const name of Object.keys(block.attributes)) {
    if (cfg[name] !== null)
      assert.ok(sameValue(planned[name], cfg[name]), `planned ${name} differs from config`);
  }
}

async function plan(prior: TfObject | null, cfg: TfObject, c = ctx()) {
  const r = await res.plan(
    { prior, proposed: proposedFor(prior, cfg), config: cfg, priorPrivate: undefined },
    c,
  );
  if (errors(c.diagnostics).length === 0) assertPlanValid(cfg, r.planned!);
  return { planned: r.planned!, diags: c.diagnostics };
}

/** Plan then apply, as Terraform does; the plan must have no errors. */
async function planApply(prior: TfObject | null, cfg: TfObject) {
  const p = await plan(prior, cfg);
  assert.deepEqual(errors(p.diags), [], 'plan errors');
  const a = ctx();
  const applied = await res.apply({ prior, planned: p.planned, config: cfg, plannedPrivate: undefined }, a);
  return { planned: p.planned, planDiags: p.diags, state: applied.state, applyDiags: a.diagnostics };
}

/** After apply Terraform requires every value planned as known to be the applied one. */
function assertCompatible(planned: TfObject, state: TfObject): void {
  for (const [k, v] of Object.entries(planned)) {
    if (v === Unknown) assert.notEqual(state[k], Unknown, `${k} left unknown`);
    else assert.ok(sameValue(v, state[k]), `${k}: planned ${String(v)}, applied ${String(state[k])}`);
  }
}

async function readDs(cfg: TfObject) {
  const c = ctx();
  const out = await ds.read(cfg, c);
  return { out, diags: c.diagnostics };
}

const tmp = () => mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'tf-migration-'));

/** A migration directory with its atlas.sum. */
async function migrations(files: Record<string, string>, dir = tmp()): Promise<string> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  await writeSum(await openDir(`file://${dir}`));
  return dir;
}

const FILES = {
  '1_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
  '2_posts.sql': 'CREATE TABLE posts (id int PRIMARY KEY);\n',
  '3_tags.sql': 'CREATE TABLE tags (id int PRIMARY KEY, name varchar(20));\n',
};

interface Db {
  url: string;
  dev: string | null;
  tables(): Promise<string[]>;
  revisions(): Promise<string[]>;
  exec(sql: string): Promise<void>;
}

async function pgDb(t: TestContext): Promise<Db> {
  const db = await freshPgDatabase(t);
  const url = db.url;
  return {
    url,
    // The embedded PostgreSQL serves as the dev database when none is set.
    dev: null,
    tables: async () =>
      (
        await pgQuery<{ t: string }>(
          url,
          "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
        )
      ).map((r) => r.t),
    revisions: async () =>
      (
        await pgQuery<{ v: string }>(
          url,
          'SELECT version AS v FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY 1',
        ).catch(() => [])
      ).map((r) => r.v),
    exec: async (sql) => {
      await pgQuery(url, sql);
    },
  };
}

async function mysqlDb(t: TestContext): Promise<Db | null> {
  const [db, dev] = await Promise.all([freshMysqlDatabase(t), freshMysqlDatabase(t)]);
  if (!db || !dev) return null;
  const query = async (sql: string) => {
    const conn = await createConnection(db.url);
    try {
      return (await conn.query<RowDataPacket[]>(sql))[0];
    } finally {
      await conn.end();
    }
  };
  return {
    url: db.url,
    dev: dev.url,
    tables: async () =>
      (
        await query(
          `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = '${db.name}' AND table_name <> 'atlas_schema_revisions' ORDER BY 1`,
        )
      ).map((r) => String(r.t)),
    revisions: async () =>
      (await query('SELECT version AS v FROM atlas_schema_revisions ORDER BY 1').catch(() => [])).map((r) =>
        String(r.v),
      ),
    exec: async (sql) => {
      await query(sql);
    },
  };
}

function statusOf(state: TfObject | null): TfValue {
  return state?.status ?? null;
}

// ------------------------------------------------------------------------------------ engines

for (const [name, open] of [
  ['postgres', pgDb],
  ['mariadb', mysqlDb],
] as const) {
  describe(name, () => {
    test('steps through versions with the data source’s next', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      const dsCfg = dsConfig({ url: db.url, dir: `file://${dir}` });

      const first = await readDs(dsCfg);
      assert.deepEqual(first.diags, []);
      assert.deepEqual(
        {
          status: first.out.status,
          current: first.out.current,
          next: first.out.next,
          latest: first.out.latest,
        },
        { status: 'PENDING', current: '', next: '1', latest: '3' },
      );
      // Reading writes nothing, not even the revisions table.
      assert.deepEqual(await db.revisions(), []);

      const cfg1 = config({
        url: db.url,
        dev_url: db.dev,
        dir: `file://${dir}`,
        version: first.out.next ?? null,
      });
      const created = await planApply(null, cfg1);
      assert.deepEqual(created.applyDiags, []);
      assert.deepEqual(summaries(created.planDiags), ['warning: Pending migrations']);
      assert.equal(created.planDiags[0]!.detail, '1 migration file will be applied:\n1 1_users.sql');
      assert.equal(created.planned.id, Unknown);
      assert.equal(created.planned.status, Unknown);
      const s1 = created.state!;
      assertCompatible(created.planned, s1);
      assert.deepEqual(s1.status, { status: 'PENDING', current: '1', next: '2', latest: '3' });
      assert.equal(s1.version, '1');
      assert.match(String(s1.id), /^[0-9a-f-]{36}$/);
      assert.deepEqual(await db.tables(), ['users']);
      assert.deepEqual(await db.revisions(), ['1']);

      // Refresh and plan with the same configuration: nothing to do, the status stays.
      const refreshed = (await res.read(s1, undefined, ctx())).state!;
      assert.deepEqual(refreshed, s1);
      const same = await plan(refreshed, cfg1);
      assert.deepEqual(same.diags, []);
      assert.deepEqual(same.planned, refreshed);

      const second = await readDs(dsCfg);
      assert.equal(second.out.current, '1');
      assert.equal(second.out.next, '2');
      assert.notEqual(second.out.id, first.out.id);

      const cfg2 = { ...cfg1, version: second.out.next ?? null };
      const updated = await planApply(refreshed, cfg2);
      assert.deepEqual(updated.applyDiags, []);
      assert.equal(updated.planDiags[0]!.detail, '1 migration file will be applied:\n2 2_posts.sql');
      assert.equal(updated.planned.id, s1.id, 'the id is kept across updates');
      const s2 = updated.state!;
      assertCompatible(updated.planned, s2);
      assert.equal(s2.id, s1.id);
      assert.deepEqual(s2.status, { status: 'PENDING', current: '2', next: '3', latest: '3' });
      assert.deepEqual(await db.tables(), ['posts', 'users']);
      assert.deepEqual(await db.revisions(), ['1', '2']);

      const third = await readDs(dsCfg);
      const s3 = (await planApply(s2, { ...cfg2, version: third.out.next ?? null })).state!;
      assert.deepEqual(s3.status, { status: 'OK', current: '3', next: null, latest: '3' });
      // At the latest version `next` is empty, and an empty version means the latest.
      const last = await readDs(dsCfg);
      assert.deepEqual([last.out.status, last.out.current, last.out.next], ['OK', '3', '']);
      const atLatest = await plan(s3, { ...cfg2, version: last.out.next ?? null });
      assert.deepEqual(errors(atLatest.diags), []);
      assert.equal(atLatest.planned.version, '');
      assert.equal(atLatest.planned.status, Unknown, 'the version attribute changed');
      const a = ctx();
      const applied = await res.apply(
        { prior: s3, planned: atLatest.planned, config: { ...cfg2, version: '' }, plannedPrivate: undefined },
        a,
      );
      assert.deepEqual(a.diagnostics, []);
      assert.equal(applied.state!.version, '');
      assert.deepEqual(await db.revisions(), ['1', '2', '3']);
    });

    test('without version: the latest file on create, then kept', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      const cfg = config({ url: db.url, dev_url: db.dev, dir: `file://${dir}` });
      // Terraform validates twice; each warning is given once.
      const first = ctx({ dev_url: null }, false);
      await res.validate!(cfg, first);
      assert.deepEqual(
        first.diagnostics.map((d) => [d.summary, d.attribute]),
        [['version is unset', ['version']]],
      );
      const second = ctx({ dev_url: null });
      await res.validate!(cfg, second);
      assert.deepEqual(
        second.diagnostics.map((d) => [d.summary, d.attribute]),
        db.dev === null ? [['dev_url is unset', ['dev_url']]] : [],
      );
      const { planned, planDiags, state } = await planApply(null, cfg);
      assert.equal(planned.version, '3', 'planned as the latest file');
      assert.equal(
        planDiags[0]!.detail,
        '3 migration files will be applied:\n1 1_users.sql\n2 2_posts.sql\n3 3_tags.sql',
      );
      assert.deepEqual(statusOf(state), { status: 'OK', current: '3', next: null, latest: '3' });
      assert.deepEqual(await db.tables(), ['posts', 'tags', 'users']);

      // A new file: refresh shows it as latest, but the version stays where create put it.
      await migrations({ '4_more.sql': 'CREATE TABLE more (id int);\n' }, dir);
      const refreshed = (await res.read(state!, undefined, ctx())).state!;
      assert.deepEqual(refreshed.status, { status: 'PENDING', current: '3', next: '4', latest: '4' });
      const again = await plan(refreshed, cfg);
      assert.deepEqual(again.diags, []);
      assert.deepEqual(again.planned, refreshed);
    });

    test('an unknown version fails the plan on the version attribute', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      const { diags } = await plan(null, config({ url: db.url, dir: `file://${dir}`, version: '7' }));
      assert.deepEqual(diags, [
        {
          severity: 'error',
          summary: 'Incorrect version',
          detail: `The version 7 is not found in the migration directory file://${dir} (versions 1 to 3).`,
          attribute: ['version'],
        },
      ]);
      assert.deepEqual(await db.revisions(), []);
    });

    test('a checksum error fails the plan, the apply and the data source', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      writeFileSync(join(dir, '2_posts.sql'), 'CREATE TABLE posts (id bigint PRIMARY KEY);\n');
      const cfg = config({ url: db.url, dir: `file://${dir}`, version: '3' });
      const { diags } = await plan(null, cfg);
      assert.deepEqual(summaries(diags), ['error: Failed to read migration status']);
      assert.match(
        diags[0]!.detail!,
        /You have a checksum error in your migration directory\.\n\n\tL3: 2_posts\.sql was edited/,
      );
      const a = ctx();
      const applied = await res.apply(
        {
          prior: null,
          planned: { ...cfg, id: Unknown, status: Unknown },
          config: cfg,
          plannedPrivate: undefined,
        },
        a,
      );
      assert.equal(applied.state, null, 'a failed create leaves no state');
      assert.match(a.diagnostics[0]!.detail!, /checksum error/);
      const d = await readDs(dsConfig({ url: db.url, dir: `file://${dir}` }));
      assert.match(d.diags[0]!.detail!, /checksum error/);
      assert.deepEqual(await db.revisions(), []);
      assert.deepEqual(await db.tables(), []);
    });

    test('migrating down is refused, then allowed; data loss needs auto_approve', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      const base = { url: db.url, dev_url: db.dev, dir: `file://${dir}` };
      const s3 = (await planApply(null, config({ ...base, version: '3' }))).state!;
      assert.deepEqual(await db.tables(), ['posts', 'tags', 'users']);

      const blocked = await plan(s3, config({ ...base, version: '1' }));
      assert.deepEqual(summaries(blocked.diags), ['error: Protected flow error']);
      assert.match(blocked.diags[0]!.detail!, /protected_flows\.migrate_down\.allow = true/);
      // Apply refuses as well (a plan made by an older provider, or skipped checks).
      const a0 = ctx();
      const refused = await res.apply(
        {
          prior: s3,
          planned: { ...config({ ...base, version: '1' }), id: s3.id!, status: Unknown },
          config: config({ ...base, version: '1' }),
          plannedPrivate: undefined,
        },
        a0,
      );
      assert.deepEqual(summaries(a0.diagnostics), ['error: Protected flow error']);
      assert.equal(refused.state!.version, '3', 'the state keeps the version the database is at');
      assert.deepEqual(await db.tables(), ['posts', 'tags', 'users']);

      // A row in a table the down drops: allowed, but refused for the data.
      await db.exec("INSERT INTO tags VALUES (1, 'x')");
      const allow = { protected_flows: { migrate_down: { allow: true, auto_approve: null } } };
      const lossy = await plan(s3, config({ ...base, version: '1', ...allow }));
      assert.deepEqual(summaries(lossy.diags), [
        'warning: Migrate down',
        'error: Migrate down would lose data',
      ]);
      assert.match(lossy.diags[0]!.detail!, /from version 3 to version 1, reverting 2, 3/);
      assert.match(lossy.diags[0]!.detail!, /DROP TABLE .*tags.*;/);
      assert.match(lossy.diags[1]!.detail!, /table .*tags.* is empty: it is not/);
      await db.exec('DELETE FROM tags');

      const down = await planApply(s3, config({ ...base, version: '1', ...allow }));
      assert.deepEqual(summaries(down.planDiags), ['warning: Migrate down']);
      assert.match(down.planDiags[0]!.detail!, /The following SQL statements will be executed:/);
      assert.deepEqual(down.applyDiags, []);
      assertCompatible(down.planned, down.state!);
      assert.deepEqual(down.state!.status, { status: 'PENDING', current: '1', next: '2', latest: '3' });
      assert.deepEqual(await db.tables(), ['users']);
      assert.deepEqual(await db.revisions(), ['1']);

      // auto_approve reverts even with data: the plan says what is lost.
      const s3b = (await planApply(down.state!, config({ ...base, version: '3', ...allow }))).state!;
      await db.exec("INSERT INTO tags VALUES (1, 'x')");
      const force = { protected_flows: { migrate_down: { allow: true, auto_approve: true } } };
      const forced = await planApply(s3b, config({ ...base, version: '2', ...force }));
      assert.deepEqual(summaries(forced.planDiags), ['warning: Migrate down']);
      assert.match(forced.planDiags[0]!.detail!, /is empty: FAILS \(auto_approve: reverted anyway\)/);
      assert.deepEqual(forced.applyDiags, []);
      assert.deepEqual(await db.tables(), ['posts', 'users']);
      assert.deepEqual(await db.revisions(), ['1', '2']);
    });

    test('read forgets the resource when the revisions table is gone', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations(FILES);
      const s = (
        await planApply(null, config({ url: db.url, dev_url: db.dev, dir: `file://${dir}`, version: '2' }))
      ).state!;
      await db.exec(
        name === 'postgres'
          ? 'DROP TABLE atlas_schema_revisions.atlas_schema_revisions'
          : 'DROP TABLE atlas_schema_revisions',
      );
      const c = ctx();
      assert.deepEqual(await res.read(s, undefined, c), { state: null });
      assert.deepEqual(c.diagnostics, []);
    });

    test('a failing file: the error, no state on create, the prior version on update', async (t) => {
      const db = await open(t);
      if (!db) return;
      const dir = await migrations({
        ...FILES,
        '4_bad.sql': 'CREATE TABLE nope (id int REFERENCES missing(id));\n',
      });
      const cfg = config({ url: db.url, dev_url: db.dev, dir: `file://${dir}`, version: '4' });
      const created = await planApply(null, cfg);
      assert.equal(created.state, null);
      assert.deepEqual(summaries(created.applyDiags), ['error: Failed to apply migrations']);
      assert.match(created.applyDiags[0]!.detail!, /migration 4 \(4_bad\.sql\) failed at statement 1/);
      // The files before it were applied: a new plan continues from there.
      assert.deepEqual(await db.revisions(), ['1', '2', '3', '4']);

      const fresh = await open(t);
      if (!fresh) return;
      const ok = (await planApply(null, config({ url: fresh.url, dir: `file://${dir}`, version: '2' })))
        .state!;
      const bad = await planApply(ok, config({ url: fresh.url, dir: `file://${dir}`, version: '4' }));
      assert.deepEqual(summaries(bad.applyDiags), ['error: Failed to apply migrations']);
      assert.equal(bad.state!.version, '2');
      assert.equal(bad.state!.id, ok.id);
      assert.deepEqual((bad.state!.status as TfObject).current, '4', 'the status shows where it stopped');
    });
  });
}

// ------------------------------------------------------------------------------------ postgres only

describe('postgres', () => {
  test('the data source: outputs, a stable id, an empty directory', async (t) => {
    const db = await pgDb(t);
    const dir = await migrations(FILES);
    const cfg = dsConfig({ url: db.url, dir: `file://${dir}` });
    const a = await readDs(cfg);
    const b = await readDs(cfg);
    assert.equal(a.out.id, b.out.id, 'the same inputs and status give the same id');
    assert.equal(typeof a.out.id, 'string');
    assert.equal(a.out.url, db.url);
    // The id does not depend on the URL (it is not secret-derived).
    const other = await pgDb(t);
    assert.equal((await readDs({ ...cfg, url: other.url })).out.id, a.out.id);

    const empty = tmp();
    const e = await readDs(dsConfig({ url: db.url, dir: `file://${empty}` }));
    assert.deepEqual(summaries(e.diags), ['warning: The migration directory is empty']);
    assert.deepEqual([e.out.status, e.out.current, e.out.next, e.out.latest], ['OK', '', '', null]);

    const missing = await readDs(dsConfig({ url: db.url, dir: `file://${empty}/nope` }));
    assert.deepEqual(summaries(missing.diags), ['error: Failed to read migration status']);
    assert.match(missing.diags[0]!.detail!, /does not exist/);
  });

  test('a password never reaches a diagnostic', async (t) => {
    const db = await pgDb(t);
    const u = new URL(db.url);
    u.username = 'nobody';
    u.password = 's3cr3t-pw';
    const dir = await migrations(FILES);
    const { diags } = await plan(null, config({ url: u.toString(), dir: `file://${dir}`, version: '1' }));
    assert.equal(errors(diags).length, 1);
    assert.doesNotMatch(JSON.stringify(diags), /s3cr3t-pw/);
  });

  test('baseline: a database with a schema starts after it', async (t) => {
    const db = await pgDb(t);
    await db.exec('CREATE TABLE users (id int PRIMARY KEY)');
    const dir = await migrations(FILES);
    const cfg = config({ url: db.url, dir: `file://${dir}`, version: '2' });
    const dirty = await planApply(null, cfg);
    assert.deepEqual(summaries(dirty.applyDiags), ['error: Failed to apply migrations']);
    assert.match(dirty.applyDiags[0]!.detail!, /not clean/);
    const based = await planApply(null, { ...cfg, baseline: '1' });
    assert.equal(based.planDiags[0]!.detail, '1 migration file will be applied:\n2 2_posts.sql');
    assert.deepEqual(based.applyDiags, []);
    assert.deepEqual(await db.tables(), ['posts', 'users']);
  });

  test('config, env_name and variables supply the directory and settings', async (t) => {
    const db = await pgDb(t);
    const dir = await migrations(FILES);
    const hcl = `
variable "dir" {
  type = string
}
env "prod" {
  migration {
    dir              = "file://\${var.dir}"
    revisions_schema = "public"
  }
}
`;
    const cfg = config({
      url: db.url,
      config: hcl,
      env_name: 'prod',
      variables: JSON.stringify({ dir }),
      version: '2',
    });
    const v = ctx();
    await res.validate!(cfg, v);
    assert.deepEqual(errors(v.diagnostics), []);
    const { state, applyDiags } = await planApply(null, cfg);
    assert.deepEqual(applyDiags, []);
    assert.deepEqual(statusOf(state), { status: 'PENDING', current: '2', next: '3', latest: '3' });
    const rows = await pgQuery<{ v: string }>(
      db.url,
      'SELECT version AS v FROM public.atlas_schema_revisions',
    );
    assert.deepEqual(
      rows.map((r) => r.v),
      ['1', '2'],
      'the revisions table is where the env put it',
    );

    const missingEnv = ctx();
    await res.validate!(config({ url: db.url, config: hcl }), missingEnv);
    assert.deepEqual(missingEnv.diagnostics, [
      { severity: 'error', summary: 'env_name is empty', detail: 'env_name is required when config is set' },
    ]);
    const wrongEnv = await plan(
      null,
      config({ url: db.url, config: hcl, env_name: 'dev', version: '1', variables: '{"dir":"x"}' }),
    );
    assert.deepEqual(summaries(wrongEnv.diags), ['error: Generate config failure']);
    assert.match(wrongEnv.diags[0]!.detail!, /env "dev" is not defined in config/);
  });

  test('a timeout stops the apply', async (t) => {
    const db = await pgDb(t);
    const dir = await migrations({ '1_slow.sql': 'SELECT pg_sleep(30);\n' });
    const cfg = config({
      url: db.url,
      dir: `file://${dir}`,
      version: '1',
      timeouts: { create: '1s', update: null },
    });
    const started = Date.now();
    const { state, applyDiags } = await planApply(null, cfg);
    assert.ok(Date.now() - started < 15_000, 'stopped well before the statement ends');
    assert.equal(state, null);
    assert.deepEqual(summaries(applyDiags), ['error: Apply timed out']);
    assert.match(applyDiags[0]!.detail!, /did not finish within 1s/);
  });
});

// ------------------------------------------------------------------------------------ no database

describe('validation', () => {
  test('enumerations, timeouts, dir and variables', async () => {
    const c = ctx({ dev_url: 'pglite://' });
    await res.validate!(
      config({
        url: 'postgres://x@localhost/db',
        version: '1',
        exec_order: 'sideways',
        tx_mode: 'some',
        timeouts: { create: '20 minutes', update: '1h30m' },
      }),
      c,
    );
    assert.deepEqual(
      c.diagnostics.map((d) => [d.severity, d.summary, d.attribute]),
      [
        ['error', 'Invalid Attribute Value Match', ['exec_order']],
        ['error', 'Invalid Attribute Value Match', ['tx_mode']],
        ['error', 'Timeout Cannot Be Parsed', ['timeouts', 'create']],
      ],
    );
    assert.equal(
      c.diagnostics[0]!.detail,
      'Attribute exec_order value must be one of: "linear", "linear-skip", "non-linear", got: "sideways"',
    );

    const d = ctx();
    await res.validate!(config({ url: 'postgres://x@localhost/db', version: '1', dir: 'atlas://app' }), d);
    assert.deepEqual(summaries(d.diagnostics), ['error: url is invalid']);
    assert.match(d.diagnostics[0]!.detail!, /atlas:\/\/ directories \(Atlas Cloud\) are not supported/);

    const v = ctx();
    await res.validate!(config({ url: 'postgres://x@localhost/db', version: '1', variables: '[1]' }), v);
    assert.deepEqual(summaries(v.diagnostics), ['error: Invalid variables']);
  });

  test('unknown values are not validated, and plan waits for them', async () => {
    const c = ctx({ dev_url: null }, false);
    const cfg = config({ url: Unknown, version: null, dir: Unknown, exec_order: Unknown });
    await res.validate!(cfg, c);
    assert.deepEqual(summaries(c.diagnostics), ['warning: version is unset']);
    const p = await plan(null, cfg);
    assert.deepEqual(p.diags, []);
    assert.equal(p.planned.version, Unknown);
    assert.equal(p.planned.status, Unknown);
  });

  test('the dev_url warning counts the provider and the config env', async () => {
    const base = { url: 'postgres://x@localhost/db', version: '1' };
    const withProvider = ctx({ dev_url: 'postgres://x@localhost/dev' });
    await res.validate!(config(base), withProvider);
    assert.deepEqual(withProvider.diagnostics, []);
    const withEnv = ctx({ dev_url: null });
    await res.validate!(
      config({ ...base, config: 'env "a" {\n  dev = "pglite://"\n}', env_name: 'a' }),
      withEnv,
    );
    assert.deepEqual(withEnv.diagnostics, []);
  });

  test('destroy plans nothing and leaves the database alone', async () => {
    const c = ctx();
    const prior = config({ url: 'postgres://x@localhost/db', version: '1', id: 'i', status: null });
    assert.deepEqual(await res.plan({ prior, proposed: null, config: null, priorPrivate: undefined }, c), {
      planned: null,
    });
    assert.deepEqual(await res.apply({ prior, planned: null, config: null, plannedPrivate: undefined }, c), {
      state: null,
    });
    assert.deepEqual(c.diagnostics, []);
  });

  test('Go durations', () => {
    assert.equal(parseGoDuration('20m'), 1_200_000);
    assert.equal(parseGoDuration('1h30m'), 5_400_000);
    assert.equal(parseGoDuration('1.5h'), 5_400_000);
    assert.equal(parseGoDuration('300ms'), 300);
    assert.equal(parseGoDuration('2h45m30s'), 9_930_000);
    assert.equal(parseGoDuration('0'), 0);
    for (const bad of ['', '20', 'm', '1d', '20 m', '.m', '1h-5m'])
      assert.throws(() => parseGoDuration(bad), /invalid duration/);
  });

  test('timeouts run the stop callbacks and reject', async () => {
    let stopped = false;
    await assert.rejects(
      withTimeout(50, new AbortController().signal, (onStop) => {
        onStop(() => {
          stopped = true;
        });
        return new Promise(() => {});
      }),
      /Apply timed out/,
    );
    assert.ok(stopped);
    const ac = new AbortController();
    let late = false;
    let register: ((cb: () => void) => void) | undefined;
    const p = withTimeout(60_000, ac.signal, (onStop) => {
      register = onStop;
      return new Promise(() => {});
    });
    ac.abort();
    await assert.rejects(p, /Apply interrupted/);
    // A connection opened after the stop is closed at once.
    register!(() => {
      late = true;
    });
    assert.ok(late);
    assert.equal(await withTimeout(1000, new AbortController().signal, async () => 7), 7);
  });

  test('directories resolve against the working directory', () => {
    assert.equal(absoluteDirUrl('migrations', '/srv/tf'), 'file:///srv/tf/migrations');
    assert.equal(absoluteDirUrl('file://db/m?format=goose', '/srv/tf'), 'file:///srv/tf/db/m?format=goose');
    assert.equal(absoluteDirUrl('file:///abs/my%20dir', '/srv/tf'), 'file:///abs/my%20dir');
    assert.throws(() => absoluteDirUrl('s3://bucket'), /unsupported scheme/);
    assert.deepEqual(parseVariables('{"a":"x","n":1,"l":["p",true]}'), { a: 'x', n: '1', l: ['p', 'true'] });
  });
});
