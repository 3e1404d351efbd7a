// `atlas_schema` under the real terraform binary (offline, dev_overrides, no `terraform init`)
// against the test PostgreSQL and MariaDB servers: the plan's `Atlas Plan` warning, apply, the
// no-op plan, update, drift, import, destroy of managed objects only, plan pinning, and the
// mistakes a user makes. Assertions are on `-json` output and on the databases' catalogs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { createConnection } from 'mysql2/promise';
import { withDatabase } from '../core/drivers/mysql/url.ts';
import { freshMysqlDatabase, freshPgDatabase, pgQuery } from './helpers/db.ts';
import { diagnostics, type TfResult, terraformMissing, tf } from './helpers/terraform.ts';

const skip = terraformMissing();

function workdir(): string {
  return mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'tf-schema-'));
}

const show = (r: TfResult) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function main(dir: string, body: string): void {
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {\n  required_providers {\n    atlas = {\n      source = "ariga/atlas"\n    }\n  }\n}\n\n${body}\n`,
  );
}

const resource = (url: string, dev: string, hcl: string) => `resource "atlas_schema" "db" {
  url     = ${JSON.stringify(url)}
  dev_url = ${JSON.stringify(dev)}
  hcl     = <<-HCL
${hcl.replace(/^/gm, '    ')}
  HCL
}`;

const USERS = `schema "public" {}
table "users" {
  schema = schema.public
  column "id" {
    type = bigint
  }
  primary_key {
    columns = [column.id]
  }
}`;

const WITH_EMAIL = USERS.replace(
  '  primary_key',
  '  column "email" {\n    type = text\n    null = true\n  }\n  primary_key',
);

const pgTables = async (url: string) =>
  (await pgQuery(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map(
    (r) => r.t,
  );

describe('atlas_schema with terraform (PostgreSQL)', { skip }, () => {
  async function setup(t: TestContext) {
    const [db, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    return {
      dir: workdir(),
      url: `${db.url}?search_path=public`,
      raw: db.url,
      dev: `${dev.url}?search_path=public`,
    };
  }

  test('create shows the SQL, apply runs it, then no changes; update; drift; destroy keeps unmanaged tables', async (t) => {
    const { dir, url, raw, dev } = await setup(t);
    main(dir, resource(url, dev, USERS));
    const plan = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(plan.code, 0, show(plan));
    const warn = diagnostics(plan.stdout).find((d) => d.summary === 'Atlas Plan');
    assert.equal(
      warn?.detail,
      'The following SQL statements will be executed:\n\n\nCREATE TABLE "users" (\n  "id" bigint NOT NULL,\n  CONSTRAINT "users_pkey" PRIMARY KEY ("id")\n);\n',
    );
    assert.equal(warn?.address, 'atlas_schema.db');
    const apply = await tf(dir, ['apply', '-auto-approve', '-input=false']);
    assert.equal(apply.code, 0, show(apply));
    assert.deepEqual(await pgTables(raw), ['users']);

    const noop = await tf(dir, ['plan', '-detailed-exitcode', '-input=false']);
    assert.equal(noop.code, 0, show(noop));
    assert.match(noop.stdout, /No changes\./);

    main(dir, resource(url, dev, WITH_EMAIL));
    const update = await tf(dir, ['apply', '-auto-approve', '-json', '-input=false']);
    assert.equal(update.code, 0, show(update));
    assert.match(
      diagnostics(update.stdout).find((d) => d.summary === 'Atlas Plan')!.detail,
      /ALTER TABLE "users" ADD COLUMN "email" text;/,
    );
    assert.deepEqual(
      await pgQuery(
        raw,
        "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
      ),
      [{ c: 'email' }, { c: 'id' }],
    );

    // Out of band: the plan shows a change and the SQL that undoes it.
    await pgQuery(raw, 'ALTER TABLE users DROP COLUMN email');
    const drift = await tf(dir, ['plan', '-json', '-detailed-exitcode', '-input=false']);
    assert.equal(drift.code, 2, show(drift));
    assert.match(
      diagnostics(drift.stdout).find((d) => d.summary === 'Atlas Plan')!.detail,
      /ADD COLUMN "email" text;/,
    );
    assert.equal((await tf(dir, ['apply', '-auto-approve', '-input=false'])).code, 0);

    await pgQuery(raw, 'CREATE TABLE unmanaged (id int)');
    const destroyPlan = await tf(dir, ['plan', '-destroy', '-json', '-input=false']);
    assert.equal(destroyPlan.code, 0, show(destroyPlan));
    assert.equal(
      diagnostics(destroyPlan.stdout).find((d) => d.summary === 'Atlas Plan')?.detail,
      'The following SQL statements will be executed:\n\n\nDROP TABLE "users";\n',
    );
    const destroy = await tf(dir, ['destroy', '-auto-approve', '-input=false']);
    assert.equal(destroy.code, 0, show(destroy));
    assert.deepEqual(await pgTables(raw), ['unmanaged']);
  });

  test('a saved plan is refused when the database changed since it was made', async (t) => {
    const { dir, url, raw, dev } = await setup(t);
    main(dir, resource(url, dev, USERS));
    assert.equal((await tf(dir, ['apply', '-auto-approve', '-input=false'])).code, 0);
    main(dir, resource(url, dev, WITH_EMAIL));
    const plan = await tf(dir, ['plan', '-out', 'tf.plan', '-input=false']);
    assert.equal(plan.code, 0, show(plan));
    await pgQuery(raw, 'CREATE INDEX users_id_idx ON users (id)');
    const apply = await tf(dir, ['apply', '-json', '-input=false', 'tf.plan']);
    assert.equal(apply.code, 1, show(apply));
    assert.ok(
      diagnostics(apply.stdout).some(
        (d) =>
          d.severity === 'error' && /database changed since plan; run terraform plan again/.test(d.detail),
      ),
      show(apply),
    );
    assert.deepEqual(
      await pgQuery(
        raw,
        "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'",
      ),
      [{ n: 0 }],
    );
  });

  test('import builds the state from the live database', async (t) => {
    const { dir, url, raw, dev } = await setup(t);
    await pgQuery(raw, 'CREATE TABLE users (id bigint PRIMARY KEY)');
    main(dir, resource(url, dev, USERS));
    const imp = await tf(dir, ['import', '-input=false', 'atlas_schema.db', url]);
    assert.equal(imp.code, 0, show(imp));
    assert.match(imp.stdout, /Import successful!/);
    const plan = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(plan.code, 0, show(plan));
    // The database already is what the configuration says: no SQL to run.
    assert.equal(
      diagnostics(plan.stdout).find((d) => d.summary === 'Atlas Plan'),
      undefined,
    );
  });

  test('mistakes: invalid HCL names the line, a bad URL says so, unmanaged objects are not dropped on create', async (t) => {
    const { dir, url, raw, dev } = await setup(t);
    main(dir, resource(url, dev, USERS.replace('type = bigint', 'tpye = bigint')));
    const bad = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(bad.code, 1, show(bad));
    assert.ok(
      diagnostics(bad.stdout).some(
        (d) =>
          d.severity === 'error' &&
          /atlas_schema\.hcl:5:5: column "id": unknown attribute "tpye"; did you mean "type"\?/.test(
            d.detail,
          ),
      ),
      show(bad),
    );

    main(dir, resource('postgres://nobody:secret@127.0.0.1:1/db', dev, USERS));
    const badUrl = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(badUrl.code, 1, show(badUrl));
    const d = diagnostics(badUrl.stdout).find((x) => x.severity === 'error');
    assert.ok(d && /connect/i.test(d.detail) && !/secret/.test(d.detail), show(badUrl));

    await pgQuery(raw, 'CREATE TABLE legacy (id int)');
    main(dir, resource(url, dev, USERS));
    const refused = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(refused.code, 1, show(refused));
    const e = diagnostics(refused.stdout).find((x) => x.summary === 'Unrecognized schema resources');
    assert.match(e?.detail ?? '', /table "public"\."legacy"/);
  });
});

describe('atlas_schema with terraform (MariaDB)', { skip }, () => {
  test('create, no-op, destroy keeps an unmanaged table', async (t) => {
    const db = await freshMysqlDatabase(t);
    if (!db) return;
    const dir = workdir();
    const dev = withDatabase(db.url, undefined);
    main(
      dir,
      resource(
        db.url,
        dev,
        'schema "x" {}\ntable "users" {\n  schema = schema.x\n  column "id" {\n    type = int\n  }\n}',
      ),
    );
    const plan = await tf(dir, ['plan', '-json', '-input=false']);
    assert.equal(plan.code, 0, show(plan));
    assert.match(
      diagnostics(plan.stdout).find((d) => d.summary === 'Atlas Plan')!.detail,
      /CREATE TABLE `users`/,
    );
    assert.equal((await tf(dir, ['apply', '-auto-approve', '-input=false'])).code, 0);
    const noop = await tf(dir, ['plan', '-detailed-exitcode', '-input=false']);
    assert.equal(noop.code, 0, show(noop));
    const conn = await createConnection(db.url);
    try {
      await conn.query('CREATE TABLE unmanaged (id int)');
      assert.equal((await tf(dir, ['destroy', '-auto-approve', '-input=false'])).code, 0);
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
