// `atlas_schema` and its data source, called as the plugin server calls them, against the test
// PostgreSQL and MariaDB servers: what plan shows, what apply changes (the catalog), drift,
// plan pinning, destroy of declared objects only, import, and the errors a user can cause.
import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { createConnection } from 'mysql2/promise';
import { withDatabase } from '../../core/drivers/mysql/url.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from '../../test/helpers/db.ts';
import { type CallContext, type Diagnostic, fullObject, type TfObject, Unknown } from '../framework.ts';
import { atlasSchemaResource as res, schemaResourceSchema } from './schema.ts';
import { atlasSchemaDataSource } from './schema-data.ts';

function ctx(): CallContext {
  return {
    diagnostics: [],
    signal: new AbortController().signal,
    provider: { dev_url: null },
    terraformVersion: '1.11.4',
  };
}

const config = (values: TfObject) => fullObject(schemaResourceSchema.block, values);

const summaries = (d: Diagnostic[]) => d.map((x) => `${x.severity}: ${x.summary}`);

/** Plan then apply, as Terraform does for a create or an update. */
async function planApply(prior: TfObject | null, cfg: TfObject) {
  const c = ctx();
  const plan = await res.plan(
    {
      prior,
      proposed: { ...cfg, id: prior?.id ?? Unknown, fingerprint: prior?.fingerprint ?? Unknown },
      config: cfg,
      priorPrivate: undefined,
    },
    c,
  );
  assert.deepEqual(
    c.diagnostics.filter((d) => d.severity === 'error'),
    [],
    'plan errors',
  );
  const a = ctx();
  const applied = await res.apply(
    { prior, planned: plan.planned, config: cfg, plannedPrivate: plan.private },
    a,
  );
  assert.deepEqual(a.diagnostics, [], 'apply diagnostics');
  return { plan, planDiags: c.diagnostics, state: applied.state! };
}

const USERS = `
schema "public" {}
table "users" {
  schema = schema.public
  column "id" {
    type = bigint
  }
  column "email" {
    type = varchar(255)
    null = true
  }
  primary_key {
    columns = [column.id]
  }
}
`;

describe('postgres', () => {
  async function dbs(t: TestContext) {
    const [db, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    return { url: `${db.url}?search_path=public`, raw: db.url, dev: dev.url };
  }

  test('create shows the SQL and applies it; no change after; drift is planned away', async (t) => {
    const { url, raw, dev } = await dbs(t);
    const cfg = config({ url, dev_url: dev, hcl: USERS });
    const { planDiags, state } = await planApply(null, cfg);
    const planWarning = planDiags.find((d) => d.summary === 'Atlas Plan');
    assert.equal(
      planWarning?.detail,
      'The following SQL statements will be executed:\n\n\nCREATE TABLE "users" (\n  "id" bigint NOT NULL,\n  "email" character varying(255),\n  CONSTRAINT "users_pkey" PRIMARY KEY ("id")\n);\n',
    );
    assert.equal(typeof state.fingerprint, 'string');
    assert.equal(typeof state.id, 'string');
    assert.deepEqual(
      await pgQuery(
        raw,
        "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
      ),
      [{ c: 'email' }, { c: 'id' }],
    );
    // The state keeps the HCL as written.
    assert.equal(state.hcl, USERS);

    // Refresh and plan again: nothing to do, no warning, the same fingerprint.
    const r = ctx();
    const refreshed = (await res.read(state, undefined, r)).state!;
    assert.equal(refreshed.fingerprint, state.fingerprint);
    const p = ctx();
    const again = await res.plan(
      { prior: refreshed, proposed: refreshed, config: cfg, priorPrivate: undefined },
      p,
    );
    assert.deepEqual(summaries(p.diagnostics), []);
    assert.equal(again.planned!.fingerprint, state.fingerprint);

    // A change made outside Terraform: refresh sees a new fingerprint, the plan undoes it.
    await pgQuery(raw, 'ALTER TABLE users ADD COLUMN nickname text');
    const drifted = (await res.read(state, undefined, ctx())).state!;
    assert.notEqual(drifted.fingerprint, state.fingerprint);
    const d = ctx();
    const undo = await res.plan(
      { prior: drifted, proposed: drifted, config: cfg, priorPrivate: undefined },
      d,
    );
    assert.match(
      d.diagnostics.find((x) => x.summary === 'Atlas Plan')!.detail!,
      /ALTER TABLE "users" DROP COLUMN "nickname";/,
    );
    assert.equal(undo.planned!.fingerprint, Unknown);
  });

  test('apply refuses when the database changed since the plan', async (t) => {
    const { url, raw, dev } = await dbs(t);
    const cfg = config({ url, dev_url: dev, hcl: USERS });
    const c = ctx();
    const plan = await res.plan(
      {
        prior: null,
        proposed: { ...cfg, id: Unknown, fingerprint: Unknown },
        config: cfg,
        priorPrivate: undefined,
      },
      c,
    );
    await pgQuery(raw, 'CREATE TABLE sneaky (id int)');
    const a = ctx();
    await res.apply({ prior: null, planned: plan.planned, config: cfg, plannedPrivate: plan.private }, a);
    assert.deepEqual(summaries(a.diagnostics), ['error: Apply Error']);
    assert.match(a.diagnostics[0]!.detail!, /^database changed since plan; run terraform plan again$/);
    assert.deepEqual(
      await pgQuery(raw, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'users'"),
      [{ n: 0 }],
    );
  });

  test('create refuses to drop objects it does not manage, unless allowed', async (t) => {
    const { url, raw, dev } = await dbs(t);
    await pgQuery(raw, 'CREATE TABLE legacy (id int)');
    const cfg = config({ url, dev_url: dev, hcl: USERS });
    const c = ctx();
    await res.plan(
      {
        prior: null,
        proposed: { ...cfg, id: Unknown, fingerprint: Unknown },
        config: cfg,
        priorPrivate: undefined,
      },
      c,
    );
    assert.deepEqual(summaries(c.diagnostics), ['error: Unrecognized schema resources']);
    assert.match(c.diagnostics[0]!.detail!, / {2}- table "public"\."legacy"\n/);
    await planApply(null, config({ url, dev_url: dev, hcl: USERS, allow_drop_unmanaged: true }));
    assert.deepEqual(
      await pgQuery(raw, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'legacy'"),
      [{ n: 0 }],
    );
  });

  test('destroy drops only what the desired state declares, and shows it at plan', async (t) => {
    const [db, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    const cfg = config({ url: db.url, dev_url: dev.url, hcl: USERS });
    const { state } = await planApply(null, cfg);
    await pgQuery(db.url, 'CREATE TABLE unmanaged (id int)');
    const c = ctx();
    const plan = await res.plan({ prior: state, proposed: null, config: null, priorPrivate: undefined }, c);
    const shown = c.diagnostics.find((d) => d.summary === 'Atlas Plan')?.detail ?? '';
    assert.match(
      shown,
      /^The following SQL statements will be executed:\n\n\nDROP TABLE "public"\."users";\n$/,
    );
    const a = ctx();
    const done = await res.apply(
      { prior: state, planned: null, config: null, plannedPrivate: plan.private },
      a,
    );
    assert.deepEqual(a.diagnostics, []);
    assert.equal(done.state, null);
    assert.deepEqual(
      await pgQuery(db.url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
      [{ t: 'unmanaged' }],
    );
  });

  test('errors: invalid HCL names the line; a bad URL says what is wrong; credentials never shown', async (t) => {
    const { url, dev } = await dbs(t);
    const c = ctx();
    const bad = config({
      url,
      dev_url: dev,
      hcl: 'schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "id" {\n    tpye = int\n  }\n}\n',
    });
    await res.plan({ prior: null, proposed: bad, config: bad, priorPrivate: undefined }, c);
    assert.deepEqual(summaries(c.diagnostics), ['error: Atlas Plan Error']);
    assert.equal(
      c.diagnostics[0]!.detail,
      'atlas_schema.hcl:5:5: column "id": unknown attribute "tpye"; did you mean "type"?',
    );
    const u = ctx();
    const badUrl = config({ url: 'postgres://bob:hunter2@127.0.0.1:1/db', dev_url: dev, hcl: USERS });
    await res.plan({ prior: null, proposed: badUrl, config: badUrl, priorPrivate: undefined }, u);
    assert.deepEqual(summaries(u.diagnostics), ['error: Atlas Plan Error']);
    assert.doesNotMatch(u.diagnostics[0]!.detail!, /hunter2/);
    assert.match(u.diagnostics[0]!.detail!, /connect|refused/i);
  });

  test('import builds the state from the live database; planning the same schema changes nothing', async (t) => {
    const { url, raw, dev } = await dbs(t);
    await pgQuery(raw, 'CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255))');
    const c = ctx();
    const imported = await res.import!(url, c);
    assert.match(String(imported.hcl), /table "users" \{/);
    const cfg = config({ url, dev_url: dev, hcl: USERS });
    const p = ctx();
    const plan = await res.plan(
      {
        prior: imported,
        proposed: { ...cfg, id: imported.id!, fingerprint: imported.fingerprint! },
        config: cfg,
        priorPrivate: undefined,
      },
      p,
    );
    assert.deepEqual(summaries(p.diagnostics), []);
    assert.equal(plan.planned!.fingerprint, imported.fingerprint);
  });

  test('data source: normalized HCL and an id that ignores spelling', async () => {
    const read = async (src: string) =>
      atlasSchemaDataSource.read({ src, dev_url: null, variables: null, hcl: null, id: null }, ctx());
    const a = await read(USERS);
    const b = await read(
      USERS.replace('type = bigint', 'type = int8').replace('varchar(255)', 'character_varying(255)'),
    );
    assert.equal(a.id, b.id);
    assert.match(String(a.hcl), /column "email" \{\n {4}null = true\n {4}type = character_varying\(255\)\n/);
  });
});

describe('mariadb', () => {
  test('create and destroy on MariaDB; an unmanaged table survives', async (t) => {
    const db = await freshMysqlDatabase(t);
    if (!db) return;
    const dev = withDatabase(db.url, undefined);
    const hcl =
      'schema "x" {}\ntable "users" {\n  schema = schema.x\n  column "id" {\n    type = int\n  }\n}\n';
    const { state } = await planApply(null, config({ url: db.url, dev_url: dev, hcl }));
    const conn = await createConnection(db.url);
    try {
      await conn.query('CREATE TABLE unmanaged (id int)');
      const c = ctx();
      const plan = await res.plan({ prior: state, proposed: null, config: null, priorPrivate: undefined }, c);
      assert.match(c.diagnostics.find((d) => d.summary === 'Atlas Plan')!.detail!, /DROP TABLE `users`;/);
      await res.apply({ prior: state, planned: null, config: null, plannedPrivate: plan.private }, ctx());
      const [rows] = await conn.query('SHOW TABLES');
      assert.deepEqual(
        (rows as Record<string, unknown>[]).map((r) => Object.values(r)[0]),
        ['unmanaged'],
      );
    } finally {
      await conn.end();
    }
  });
});
