// loadProject on real files in a temp directory: env selection, variables and locals, policies,
// for_each, and the data sources (programs run for real, queries on an in-memory PGlite).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isUserError } from '../errors.ts';
import { type LoadProjectOptions, loadProject, type ProjectEnv } from './project.ts';

/** Writes the files into a fresh directory; `atlas.hcl` among them is the project file. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'project-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Object values of HCL have no prototype; compare them as plain data. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function load(dir: string, opts: Omit<LoadProjectOptions, 'config'> = {}): Promise<ProjectEnv[]> {
  return loadProject({ config: `file://${join(dir, 'atlas.hcl')}`, ...opts });
}

/** Loads and expects a user error whose message matches `message`. */
async function fails(
  dir: string,
  opts: Omit<LoadProjectOptions, 'config'>,
  message: RegExp | string,
): Promise<string> {
  try {
    await load(dir, opts);
  } catch (e) {
    assert.ok(isUserError(e), `not a user error: ${(e as Error).stack}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return e.message;
  }
  assert.fail('loadProject succeeded');
}

const TWO_ENVS = `
env "dev" {
  url = "postgres://localhost/dev"
  src = "file://schema.sql"
}

env "prod" {
  url     = "postgres://db.example.com/app"
  dev     = "postgres://localhost/dev_scratch"
  src     = ["file://a.sql", "file://b.sql"]
  schemas = ["public", "billing"]
  exclude = ["public.tmp_*"]
  migration {
    dir              = "file://migrations"
    format           = atlas
    revisions_schema = "atlas"
    exec_order       = LINEAR_SKIP
    lock_timeout     = "30s"
  }
}
`;

describe('env selection', () => {
  test('--env picks the env and its attributes', async () => {
    const dir = project({ 'atlas.hcl': TWO_ENVS });
    const [env, ...rest] = await load(dir, { env: 'prod' });
    assert.equal(rest.length, 0);
    assert.deepEqual(env, {
      name: 'prod',
      url: 'postgres://db.example.com/app',
      devUrl: 'postgres://localhost/dev_scratch',
      src: ['file://a.sql', 'file://b.sql'],
      schemas: ['public', 'billing'],
      exclude: ['public.tmp_*'],
      migration: {
        dir: 'file://migrations',
        format: 'atlas',
        revisionsSchema: 'atlas',
        execOrder: 'LINEAR_SKIP',
        lockTimeout: '30s',
      },
      vars: {},
    });
  });

  test('a single src string becomes a list', async () => {
    const dir = project({ 'atlas.hcl': TWO_ENVS });
    const [env] = await load(dir, { env: 'dev' });
    assert.deepEqual(env!.src, ['file://schema.sql']);
    assert.equal(env!.devUrl, undefined);
  });

  test('unknown env: did-you-mean and the defined names', async () => {
    const dir = project({ 'atlas.hcl': TWO_ENVS });
    const msg = await fails(
      dir,
      { env: 'prd' },
      /^env "prd" is not defined in .*atlas\.hcl; did you mean "prod"\? \(defined: dev, prod\)$/,
    );
    assert.doesNotMatch(msg, /\n/);
  });

  test('without --env: the only env, or an error when there are several', async () => {
    const one = project({ 'atlas.hcl': 'env "local" {\n  url = "pglite://"\n}\n' });
    assert.equal((await load(one))[0]!.url, 'pglite://');
    const two = project({ 'atlas.hcl': TWO_ENVS });
    await fails(two, {}, /defines several envs \(dev, prod\): select one with --env NAME$/);
  });

  test('an unlabeled env named atlas.env answers to any --env', async () => {
    const dir = project({
      'atlas.hcl': `env {\n  name = atlas.env\n  url  = "postgres://localhost/\${atlas.env}"\n}\n`,
    });
    const [env] = await load(dir, { env: 'staging' });
    assert.equal(env!.name, 'staging');
    assert.equal(env!.url, 'postgres://localhost/staging');
  });

  test('several blocks of one name are all selected, in order', async () => {
    const dir = project({
      'atlas.hcl': 'env "x" {\n  url = "pglite://one"\n}\nenv "x" {\n  url = "pglite://two"\n}\n',
    });
    assert.deepEqual(
      (await load(dir, { env: 'x' })).map((e) => e.url),
      ['pglite://one', 'pglite://two'],
    );
  });

  test('a missing project file says where it looked', async () => {
    const dir = project({});
    await assert.rejects(loadProject({ cwd: dir, env: 'dev' }), (e: Error) => {
      assert.ok(isUserError(e));
      assert.match(e.message, /^no project file at .*atlas\.hcl: create one or pass --config file:\/\/path$/);
      return true;
    });
    await assert.rejects(loadProject({ config: 'atlas.hcl', env: 'dev' }), /is not a file:\/\/ URL/);
  });

  test('--config is relative to cwd', async () => {
    const dir = project({ 'atlas.hcl': TWO_ENVS });
    const [env] = await loadProject({ config: 'file://atlas.hcl', env: 'dev', cwd: dir });
    assert.equal(env!.url, 'postgres://localhost/dev');
  });
});

describe('variables, locals and functions', () => {
  const VARS = `variable "host" {
  type    = string
  default = "localhost"
}

variable "port" {
  type = number
}

locals {
  base = "postgres://\${var.host}:\${var.port}"
}

env "local" {
  url = "\${local.base}/app"
  dev = "\${local.base}/\${getenv("PROJECT_TEST_DEV_DB")}"
}
`;

  test('--var, defaults, locals and getenv', async () => {
    process.env.PROJECT_TEST_DEV_DB = 'scratch';
    const dir = project({ 'atlas.hcl': VARS });
    const [env] = await load(dir, { env: 'local', vars: { port: '5433' } });
    assert.equal(env!.url, 'postgres://localhost:5433/app');
    assert.equal(env!.devUrl, 'postgres://localhost:5433/scratch');
    const [other] = await load(dir, { env: 'local', vars: { port: '1', host: 'db' } });
    assert.equal(other!.url, 'postgres://db:1/app');
  });

  test('a variable without value or default names the flag to pass', async () => {
    const dir = project({ 'atlas.hcl': VARS });
    await fails(
      dir,
      { env: 'local' },
      `${join(dir, 'atlas.hcl')}:6:1: variable "port" has no value: pass --var port=VALUE (number) or give it a default`,
    );
  });

  test('file() reads next to the project file; url helpers', async () => {
    const dir = project({
      'password.txt': 'p@ss w/rd',
      'atlas.hcl': `locals {
  base = "postgres://app@db.internal:5432/shop?sslmode=disable"
}
env "x" {
  url = urlqueryset(urluserinfo(local.base, "app", trimspace(file("password.txt"))), "search_path", "tenant_1")
  dev = urlsetpath(local.base, "scratch")
  note = urlescape("a b&c")
}
`,
    });
    const [env] = await load(dir, { env: 'x' });
    assert.equal(
      env!.url,
      'postgres://app:p%40ss%20w%2Frd@db.internal:5432/shop?search_path=tenant_1&sslmode=disable',
    );
    assert.equal(env!.devUrl, 'postgres://app@db.internal:5432/scratch?sslmode=disable');
    assert.deepEqual(env!.vars, { note: 'a+b%26c' });
  });
});

describe('mistakes point at the file', () => {
  test('a misspelt env attribute', async () => {
    const dir = project({ 'atlas.hcl': 'env "x" {\n  url    = "pglite://"\n  schema = ["public"]\n}\n' });
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:3:3: env "x": unknown attribute "schema"; did you mean "schemas"? (to pass a variable of that name to the schema files, rename it)`,
    );
  });

  test('other attributes are variables for the schema files', async () => {
    const dir = project({ 'atlas.hcl': 'env "x" {\n  tenant = "acme"\n  limits = { rows = 10 }\n}\n' });
    const [env] = await load(dir, { env: 'x' });
    assert.deepEqual(plain(env!.vars), { tenant: 'acme', limits: { rows: 10 } });
  });

  test('unknown attribute in migration, diff and lint blocks', async () => {
    const file = (body: string) => project({ 'atlas.hcl': `env "x" {\n${body}\n}\n` });
    let dir = file('  migration {\n    dirs = "file://m"\n  }');
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:3:5: migration: unknown attribute "dirs"; did you mean "dir"?`,
    );
    dir = file('  diff {\n    skip {\n      drop_tabel = true\n    }\n  }');
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:4:7: skip: unknown attribute "drop_tabel"; did you mean "drop_table"?`,
    );
    dir = file('  lint {\n    reviews = ERROR\n  }');
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:3:5: lint: unknown attribute "reviews"; did you mean "review"?`,
    );
    dir = file('  lint {\n    review = SOMETIMES\n  }');
    await fails(
      dir,
      { env: 'x' },
      /:3:14: lint: review = SOMETIMES is not valid; use one of ALWAYS, WARNING, ERROR$/,
    );
    dir = file('  migrations {\n  }');
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:2:3: env "x": unknown block "migrations"; did you mean "migration"?`,
    );
  });

  test('wrong types', async () => {
    const dir = project({ 'atlas.hcl': 'env "x" {\n  schemas = "public"\n}\n' });
    await fails(
      dir,
      { env: 'x' },
      `${join(dir, 'atlas.hcl')}:2:13: env "x": schemas must be a list of strings, got string`,
    );
    const src = project({ 'atlas.hcl': 'env "x" {\n  src = 42\n}\n' });
    await fails(
      src,
      { env: 'x' },
      `${join(src, 'atlas.hcl')}:2:9: env "x": src must be a URL or a list of URLs, got number`,
    );
  });

  test('unknown top-level block and --var without a variable', async () => {
    const dir = project({ 'atlas.hcl': 'enviroment "x" {\n}\n' });
    await fails(dir, {}, /atlas\.hcl:1:1: unknown block "enviroment"/);
    const v = project({
      'atlas.hcl': 'variable "url" {\n  type = string\n}\nenv "x" {\n  url = var.url\n}\n',
    });
    await fails(
      v,
      { env: 'x', vars: { urll: 'x' } },
      /--var urll is given but no variable "urll" is declared; did you mean "url"\?/,
    );
  });

  test('a syntax error', async () => {
    const dir = project({ 'atlas.hcl': 'env "x" {\n  url = \n}\n' });
    await fails(
      dir,
      { env: 'x' },
      new RegExp(`^${join(dir, 'atlas.hcl').replace(/[.]/g, '\\.')}:\\d+:\\d+: `),
    );
  });
});

describe('diff and lint policies', () => {
  const POLICIES = `diff {
  skip {
    drop_schema = true
    drop_table  = true
  }
  concurrent_index {
    create = true
  }
}

lint {
  review = WARNING
  destructive {
    error = false
  }
  format = "{{ json . }}"
}

env "plain" {
}

env "own" {
  diff {
    skip {
      drop_table  = false
      drop_column = true
    }
    concurrent_index {
      drop = true
    }
  }
  lint {
    review = ERROR
    data_depend {
      error = true
    }
  }
  format {
    schema {
      apply = "{{ sql . }}"
    }
  }
}
`;

  test('an env without blocks takes the top-level ones', async () => {
    const dir = project({ 'atlas.hcl': POLICIES });
    const [env] = await load(dir, { env: 'plain' });
    assert.deepEqual(env!.diff, { skip: ['drop_schema', 'drop_table'], concurrentIndex: { create: true } });
    assert.deepEqual(plain(env!.lint), {
      review: 'WARNING',
      raw: { format: '{{ json . }}', destructive: { error: false } },
    });
  });

  test("an env's blocks override the top-level ones field by field", async () => {
    const dir = project({ 'atlas.hcl': POLICIES });
    const [env] = await load(dir, { env: 'own' });
    assert.deepEqual(env!.diff, {
      skip: ['drop_schema', 'drop_column'],
      concurrentIndex: { create: true, drop: true },
    });
    assert.deepEqual(plain(env!.lint), {
      review: 'ERROR',
      raw: { format: '{{ json . }}', destructive: { error: false }, data_depend: { error: true } },
    });
    assert.deepEqual(plain(env!.format), { schema: { apply: '{{ sql . }}' } });
  });

  test('--config without envs: the top-level policies', async () => {
    const dir = project({ 'atlas.hcl': 'diff {\n  skip {\n    drop_func = true\n  }\n}\n' });
    const [env] = await load(dir);
    assert.equal(env!.name, '');
    assert.deepEqual(env!.diff, { skip: ['drop_function'] });
  });
});

describe('for_each', () => {
  test('one target per item, with each.value in its attributes', async () => {
    const dir = project({
      'atlas.hcl': `variable "url" {
  type = string
}
variable "tenants" {
  type = list(string)
}
env "tenants" {
  for_each = toset(var.tenants)
  url      = urlqueryset(var.url, "search_path", each.value)
  src      = "file://tenant.sql"
  tenant   = each.value
}
`,
    });
    const envs = await load(dir, {
      env: 'tenants',
      vars: { url: 'postgres://localhost/app', tenants: ['b_corp', 'a_corp', 'b_corp'] },
    });
    assert.deepEqual(
      envs.map((e) => ({ key: e.key, url: e.url, vars: e.vars })),
      [
        { key: 'a_corp', url: 'postgres://localhost/app?search_path=a_corp', vars: { tenant: 'a_corp' } },
        { key: 'b_corp', url: 'postgres://localhost/app?search_path=b_corp', vars: { tenant: 'b_corp' } },
      ],
    );
  });
});

describe('data sources', () => {
  const node = JSON.stringify(process.execPath);

  test('external_schema: the program output becomes an inline SQL source', async () => {
    const dir = project({
      'atlas.hcl': `data "external_schema" "app" {
  program = [${node}, "-e", "console.log('CREATE TABLE t (id int);')", "--", "--flag"]
}
data "external_schema" "unused" {
  program = [${node}, "-e", "require('fs').writeFileSync('ran-unused', '')"]
}
env "local" {
  src = [data.external_schema.app.url, "file://extra.sql"]
}
`,
    });
    const [env] = await load(dir, { env: 'local' });
    assert.deepEqual(env!.src, [
      { kind: 'inline', path: 'data.external_schema.app', text: 'CREATE TABLE t (id int);\n' },
      'file://extra.sql',
    ]);
    assert.equal(existsSync(join(dir, 'ran-unused')), false, 'an unreferenced program ran');
  });

  test('external_schema: a failing program is named with its exit code and stderr', async () => {
    const dir = project({
      'atlas.hcl': `data "external_schema" "app" {
  program = [${node}, "-e", "console.error('loading models'); console.error('boom: no models'); process.exit(3)"]
}
env "local" {
  src = data.external_schema.app.url
}
`,
    });
    const msg = await fails(
      dir,
      { env: 'local' },
      /:2:13: data\.external_schema\.app: .* exited with code 3: loading models \| boom: no models$/,
    );
    assert.doesNotMatch(msg, /\n/);
  });

  test('external_schema: a program that does not exist', async () => {
    const dir = project({
      'atlas.hcl':
        'data "external_schema" "app" {\n  program = ["no-such-program-xyz"]\n}\nenv "l" {\n  src = data.external_schema.app.url\n}\n',
    });
    await fails(
      dir,
      { env: 'l' },
      /data\.external_schema\.app: cannot run "no-such-program-xyz": no such program/,
    );
  });

  test('external_schema: working_dir, relative to the project file', async () => {
    const dir = project({
      'atlas.hcl': `data "external_schema" "app" {
  program     = [${node}, "-e", "process.stdout.write(process.cwd())"]
  working_dir = "."
}
env "l" {
  src = data.external_schema.app.url
}
`,
    });
    const [env] = await load(dir, { env: 'l', cwd: '/' });
    assert.deepEqual(env!.src, [{ kind: 'inline', path: 'data.external_schema.app', text: dir }]);
  });

  test('composite_schema: members in order, each resolved', async () => {
    const dir = project({
      'atlas.hcl': `data "external_schema" "orm" {
  program = [${node}, "-e", "console.log('CREATE TABLE orders (id int);')"]
}
data "composite_schema" "app" {
  schema "auth" {
    url = "file://auth.sql"
  }
  schema "inventory" {
    url = "file://inventory.hcl"
  }
  schema "shop" {
    url = data.external_schema.orm.url
  }
}
env "local" {
  src = data.composite_schema.app.url
}
`,
    });
    const [env] = await load(dir, { env: 'local' });
    assert.deepEqual(env!.src, [
      {
        kind: 'composite',
        name: 'data.composite_schema.app',
        members: [
          { schema: 'auth', src: ['file://auth.sql'] },
          { schema: 'inventory', src: ['file://inventory.hcl'] },
          {
            schema: 'shop',
            src: [
              { kind: 'inline', path: 'data.external_schema.orm', text: 'CREATE TABLE orders (id int);\n' },
            ],
          },
        ],
      },
    ]);
  });

  test('composite_schema as url is refused; a nested composite too', async () => {
    let dir = project({
      'atlas.hcl':
        'data "composite_schema" "app" {\n  schema "a" {\n    url = "file://a.sql"\n  }\n}\nenv "l" {\n  url = data.composite_schema.app.url\n}\n',
    });
    await fails(
      dir,
      { env: 'l' },
      /:7:9: env "l": url must be a database URL; composite_schema:\/\/app is a desired schema: give it as src$/,
    );
    dir = project({
      'atlas.hcl':
        'data "composite_schema" "a" {\n  schema "x" {\n    url = data.composite_schema.b.url\n  }\n}\ndata "composite_schema" "b" {\n  schema "y" {\n    url = "file://y.sql"\n  }\n}\nenv "l" {\n  src = data.composite_schema.a.url\n}\n',
    });
    await fails(dir, { env: 'l' }, /:3:11: a composite_schema cannot contain another one/);
  });

  test('sql: count, value and values; for_each over them', async () => {
    const dir = project({
      'atlas.hcl': `data "sql" "tenants" {
  url   = "pglite://"
  query = "SELECT name FROM (VALUES ('t_b'), ('t_a'), ($1)) AS v(name) ORDER BY name"
  args  = ["t_c"]
}
locals {
  count = data.sql.tenants.count
}
env "prod" {
  for_each = toset(data.sql.tenants.values)
  url      = urlsetpath("mysql://root@localhost:3306/", each.value)
  first    = data.sql.tenants.value
  total    = local.count
}
`,
    });
    const envs = await load(dir, { env: 'prod' });
    assert.deepEqual(
      envs.map((e) => [e.url, e.vars]),
      [
        ['mysql://root@localhost:3306/t_a', { first: 't_a', total: 3 }],
        ['mysql://root@localhost:3306/t_b', { first: 't_a', total: 3 }],
        ['mysql://root@localhost:3306/t_c', { first: 't_a', total: 3 }],
      ],
    );
  });

  test('sql: a failing query names the data source', async () => {
    const dir = project({
      'atlas.hcl':
        'data "sql" "t" {\n  url   = "pglite://"\n  query = "SELECT nope FROM nowhere"\n}\nenv "x" {\n  url = data.sql.t.value\n}\n',
    });
    await fails(
      dir,
      { env: 'x' },
      /:3:11: data\.sql\.t: the query failed: relation "nowhere" does not exist$/,
    );
  });

  test('unsupported data sources fail only when referenced', async () => {
    const body = 'data "runtimevar" "pass" {\n  url = "gcpsecretmanager://x"\n}\n';
    let dir = project({ 'atlas.hcl': `${body}env "a" {\n  url = "pglite://"\n}\n` });
    assert.equal((await load(dir, { env: 'a' }))[0]!.url, 'pglite://');
    dir = project({
      'atlas.hcl': `${body}env "a" {\n  url = "postgres://u:\${data.runtimevar.pass}@h/db"\n}\n`,
    });
    await fails(
      dir,
      { env: 'a' },
      `${join(dir, 'atlas.hcl')}:1:6: data source "runtimevar" is not supported; supported: sql, external, external_schema, composite_schema`,
    );
  });

  test('undeclared sources and cycles', async () => {
    let dir = project({
      'atlas.hcl':
        'data "sql" "tenants" {\n  url = "pglite://"\n  query = "SELECT 1"\n}\nenv "a" {\n  url = data.sql.tenant.value\n}\n',
    });
    await fails(
      dir,
      { env: 'a' },
      /:6:18: data\.sql\.tenant is not declared; did you mean data\.sql\.tenants\?$/,
    );
    dir = project({
      'atlas.hcl':
        'data "sql" "a" {\n  url = data.sql.b.value\n  query = "SELECT 1"\n}\ndata "sql" "b" {\n  url = data.sql.a.value\n  query = "SELECT 1"\n}\nenv "x" {\n  url = data.sql.a.value\n}\n',
    });
    await fails(
      dir,
      { env: 'x' },
      /data\.sql\.a depends on itself \(data\.sql\.a -> data\.sql\.b -> data\.sql\.a\)$/,
    );
  });

  test('data "external": the output as a string', async () => {
    const dir = project({
      'atlas.hcl': `data "external" "env" {
  program = [${node}, "-e", "console.log(JSON.stringify({ URL: 'postgres://localhost/from-program' }))"]
}
locals {
  cfg = jsondecode(data.external.env)
}
env "x" {
  url = local.cfg.URL
}
`,
    });
    assert.equal((await load(dir, { env: 'x' }))[0]!.url, 'postgres://localhost/from-program');
  });
});
