// Schema HCL through the bundled CLI and the engine, against the test PostgreSQL server: input
// variables, rename hints, errors printed without a stack trace, `schema inspect` of a file,
// and a composite desired state of an SQL file plus an HCL file. Each test checks the catalog.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { planSchema } from '../core/plan/schema-plan.ts';
import { type Result, runCli } from './helpers/cli.ts';
import { freshPgDatabase, pgQuery, psqlExec } from './helpers/db.ts';

let dir = '';

before(() => {
  dir = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'hcl-cli-'));
});

const cli = (...args: string[]): Promise<Result> => runCli(dir, args, 120_000);
const show = (r: Result) => `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return `file://${join(dir, name)}`;
}

const TENANT_HCL = `
variable "prefix" {
  type = string
}
variable "audit" {
  type    = bool
  default = false
}
locals {
  tables = ["orders", "invoices"]
}
schema "public" {}
table "accounts" {
  schema  = schema.public
  name    = "\${var.prefix}_accounts"
  comment = format("accounts of %s", upper(var.prefix))
  column "id" {
    type = bigint
  }
  column "audited" {
    type    = boolean
    default = var.audit
  }
  primary_key {
    columns = [column.id]
  }
}
`;

test('hcl: --var values reach names, comments and defaults', async (t) => {
  const db = await freshPgDatabase(t);
  const dev = await freshPgDatabase(t);
  const to = write('tenant.hcl', TENANT_HCL);
  const r = await cli(
    'schema',
    'apply',
    '--url',
    db.url,
    '--to',
    to,
    '--dev-url',
    dev.url,
    '--var',
    'prefix=acme',
    '--var',
    'audit=true',
    '--auto-approve',
  );
  assert.equal(r.code, 0, show(r));
  const rows = await pgQuery(
    db.url,
    `SELECT obj_description('public.acme_accounts'::regclass) AS comment,
            (SELECT column_default FROM information_schema.columns WHERE table_name = 'acme_accounts' AND column_name = 'audited') AS dflt`,
  );
  assert.deepEqual(rows, [{ comment: 'accounts of ACME', dflt: 'true' }]);
  // The same document without the required variable says what to pass, with no stack trace.
  const missing = await cli(
    'schema',
    'apply',
    '--url',
    db.url,
    '--to',
    to,
    '--dev-url',
    dev.url,
    '--dry-run',
  );
  assert.equal(missing.code, 1, show(missing));
  assert.equal(
    missing.stderr.trim(),
    `Error: ${join(dir, 'tenant.hcl')}:2:1: variable "prefix" has no value: pass --var prefix=VALUE (string) or give it a default`,
  );
});

test('hcl: a mistake is one line with file:line:col, and nothing is applied', async (t) => {
  const db = await freshPgDatabase(t);
  const to = write(
    'bad.hcl',
    'schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "id" {\n    tpye = int\n  }\n}\n',
  );
  const r = await cli('schema', 'apply', '--url', db.url, '--to', to, '--auto-approve');
  assert.equal(r.code, 1, show(r));
  assert.equal(
    r.stderr.trim(),
    `Error: ${join(dir, 'bad.hcl')}:5:5: column "id": unknown attribute "tpye"; did you mean "type"?`,
  );
  assert.deepEqual(
    await pgQuery(db.url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
    [{ n: 0 }],
  );
});

test('hcl: renamed_from renames a table and a column and keeps their rows', async (t) => {
  const db = await freshPgDatabase(t);
  const dev = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    'CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users VALUES (1, $$ada$$);',
  );
  const to = write(
    'renamed.hcl',
    `schema "public" {}
table "customers" {
  schema       = schema.public
  renamed_from = "users"
  column "id" {
    type = int
  }
  column "full_name" {
    type         = text
    null         = true
    renamed_from = "name"
  }
  primary_key {
    columns = [column.id]
  }
}
`,
  );
  const plan = await cli('schema', 'apply', '--url', db.url, '--to', to, '--dev-url', dev.url, '--dry-run');
  assert.equal(plan.code, 0, show(plan));
  assert.match(plan.stdout, /ALTER TABLE "public"\."users" RENAME TO "customers"/);
  assert.match(plan.stdout, /RENAME COLUMN "name" TO "full_name"/);
  assert.doesNotMatch(plan.stdout, /DROP TABLE/);
  const r = await cli('schema', 'apply', '--url', db.url, '--to', to, '--dev-url', dev.url, '--auto-approve');
  assert.equal(r.code, 0, show(r));
  assert.deepEqual(await pgQuery(db.url, 'SELECT id, full_name FROM customers'), [
    { id: 1, full_name: 'ada' },
  ]);
});

test('hcl: schema inspect prints an HCL file as SQL and as HCL (embedded dev database)', async () => {
  const file = write(
    'inspect.hcl',
    'schema "public" {}\ntable "t" {\n  schema = schema.public\n  column "id" {\n    type = int4\n  }\n}\n',
  );
  const sql = await cli('schema', 'inspect', '--url', file, '--format', 'sql');
  assert.equal(sql.code, 0, show(sql));
  assert.match(sql.stdout, /CREATE TABLE "public"\."t" \(\n {2}"id" integer NOT NULL\n\)/);
  const hcl = await cli('schema', 'inspect', '--url', file, '--format', 'hcl');
  assert.equal(hcl.code, 0, show(hcl));
  // Normalized by the database: int4 is printed as integer.
  assert.equal(
    hcl.stdout,
    'table "t" {\n  schema = schema.public\n  column "id" {\n    null = false\n    type = integer\n  }\n}\nschema "public" {\n}\n',
  );
});

test('hcl: a composite desired state loads an SQL file and an HCL file into their schemas', async (t) => {
  const db = await freshPgDatabase(t);
  const dev = await freshPgDatabase(t);
  const sqlFile = write('billing.sql', 'CREATE TABLE invoices (id int PRIMARY KEY, total numeric(10,2));\n');
  const hclFile = write(
    'app.hcl',
    'schema "app" {}\ntable "users" {\n  schema = schema.app\n  column "id" {\n    type = int\n  }\n}\n',
  );
  const res = await planSchema({
    url: db.url,
    to: [
      {
        kind: 'composite',
        name: 'data.composite_schema.app',
        members: [
          { schema: 'billing', src: [sqlFile] },
          { schema: 'app', src: [hclFile] },
        ],
      },
    ],
    devUrl: dev.url,
  });
  try {
    await res.driver.exec(res.plan.stmts, { txMode: 'file' });
  } finally {
    await res.driver.close();
  }
  const tables = await pgQuery(
    db.url,
    "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('app', 'billing') ORDER BY 1",
  );
  assert.deepEqual(tables, [{ t: 'app.users' }, { t: 'billing.invoices' }]);
});
