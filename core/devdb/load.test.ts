// loadDesiredState end to end on real databases: the default embedded PGlite, a server dev
// database, and a database URL as the desired state.
import assert from 'node:assert/strict';
import { relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { freshPgDatabase, psqlExec, psqlFile } from '../../test/helpers/db.ts';
import { PostgresDriver } from '../drivers/postgres/driver.ts';
import { loadDesiredState } from './load.ts';
import { input, rejectsWith, sqlFiles } from './testing.ts';

const tableNames = (realm: { schemas: { name: string; tables: { name: string }[] }[] }) =>
  realm.schemas.map((s) => `${s.name}: ${s.tables.map((t) => t.name).join(' ')}`);

// Line 7, column 12 is NOTT; é counts as one character, as PostgreSQL counts it.
const SECOND_FILE = `-- the second file
CREATE TABLE b (
  id int REFERENCES a (id)
);

CREATE TABLE c (
  bébé int NOTT NULL
);
`;

describe('loadDesiredState', { concurrency: true }, () => {
  test('PGlite by default: a directory in lexical order, then a file; hints and a version warning', async () => {
    const dir = await sqlFiles({
      'db/10_tables.sql': `-- atlas:renamed_from people
CREATE TABLE users (
  id bigint PRIMARY KEY,
  mood mood, -- atlas:renamed_from feeling
  team_id int REFERENCES teams (id)
);`,
      'db/02_teams.sql': 'CREATE TABLE teams (id int PRIMARY KEY);',
      'db/01_types.sql': "CREATE TYPE mood AS ENUM ('ok', 'meh');",
      'view.sql': 'CREATE VIEW v AS SELECT id FROM users;',
    });
    const state = await loadDesiredState(input([`file://${dir}/db`, `file://${dir}/view.sql`]));
    assert.deepStrictEqual(tableNames(state.realm), ['public: teams users']);
    assert.deepStrictEqual(
      state.realm.schemas[0]!.views.map((v) => [v.name, v.definition]),
      [['v', ' SELECT id\n   FROM public.users;']],
    );
    assert.deepStrictEqual(state.hints, [
      { kind: 'table', schema: 'public', from: 'people', to: 'users' },
      { kind: 'column', schema: 'public', table: 'users', from: 'feeling', to: 'mood' },
    ]);
    assert.equal(state.warnings.length, 1);
    assert.match(state.warnings[0]!, /^dev database is PostgreSQL 18, target is PostgreSQL 15: /);
  });

  test('PGlite bound to the target schema: unqualified names land there and print unqualified', async () => {
    const dir = await sqlFiles({
      'app.sql': `CREATE TABLE t (id int PRIMARY KEY);
-- atlas:renamed_from t_id_old
CREATE INDEX t_id ON t (id);
CREATE VIEW v AS SELECT id FROM t;`,
    });
    const state = await loadDesiredState(input([`file://${dir}/app.sql`], { bound: 'app', version: 180004 }));
    assert.deepStrictEqual(tableNames(state.realm), ['app: t']);
    assert.equal(state.realm.schemas[0]!.views[0]!.definition, ' SELECT id\n   FROM t;');
    assert.deepStrictEqual(state.hints, [
      { kind: 'index', schema: 'app', table: 't', from: 't_id_old', to: 't_id' },
    ]);
    assert.deepStrictEqual(state.warnings, []);
  });

  for (const dev of ['PGlite', 'server'] as const) {
    test(`${dev}: an error names file:line:col of its position in the second file`, async (t) => {
      const devUrl = dev === 'server' ? (await freshPgDatabase(t)).url : undefined;
      const dir = await sqlFiles({
        'errs/a.sql': 'CREATE TABLE a (id int PRIMARY KEY);',
        'errs/b.sql': SECOND_FILE,
      });
      await rejectsWith(
        loadDesiredState(input([`file://${dir}/errs/`], { devUrl })),
        'SQL',
        `${dir}/errs/b.sql:7:12: syntax error at or near "NOTT"`,
      );
    });

    test(`${dev}: an error without a position names the statement's first token`, async (t) => {
      const devUrl = dev === 'server' ? (await freshPgDatabase(t)).url : undefined;
      const dir = await sqlFiles({
        'dup.sql': 'CREATE TABLE a (id int);\n-- again, indented\n  CREATE TABLE a (id int);\n',
      });
      await rejectsWith(
        loadDesiredState(input([`file://${dir}/dup.sql`], { devUrl })),
        'SQL',
        `${dir}/dup.sql:3:3: relation "a" already exists`,
      );
    });
  }

  test('errors in function bodies point into the body; a hint is kept', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({
      'f.sql': 'CREATE FUNCTION f() RETURNS int\nLANGUAGE sql AS $$\n  SELECT nope\n$$;',
      'g.sql': 'SELECT 1;\nSELECT undefined_fn(1);',
    });
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/f.sql`], { devUrl: db.url })),
      'SQL',
      `${dir}/f.sql:3:10: column "nope" does not exist`,
    );
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/g.sql`], { devUrl: db.url })),
      'SQL',
      new RegExp(
        `^${dir}/g.sql:2:8: function undefined_fn\\(integer\\) does not exist \\(hint: No function matches`,
      ),
    );
  });

  test('a psql meta-command and an unterminated string are refused with file:line:col', async () => {
    const dir = await sqlFiles({
      'meta.sql': 'CREATE TABLE a ();\n\\i other.sql\n',
      'open.sql': "CREATE TABLE a ();\nCOMMENT ON TABLE a IS 'open;\n",
    });
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/meta.sql`])),
      'SQL',
      new RegExp(`^${dir}/meta.sql:2:1: psql meta-command \\\\i is not supported`),
    );
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/open.sql`])),
      'SQL',
      `${dir}/open.sql:2:23: unterminated quoted string`,
    );
  });

  test('a missing file is refused before any database is opened', async () => {
    await rejectsWith(
      loadDesiredState(
        input(['file://does/not/exist.sql'], { devUrl: 'postgres://nobody@127.0.0.1:1/none' }),
      ),
      'BAD_ARGS',
      /no such file or directory "does\/not\/exist\.sql"/,
    );
  });

  test('a schema in scope that the desired state does not create is named', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({ 's.sql': 'CREATE TABLE t ();' });
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/s.sql`], { devUrl: db.url, schemas: ['public', 'billing'] })),
      'NO_SCHEMA',
      /^schema "billing" is in scope but the desired state does not create it/,
    );
  });

  test('scope: schemas and excludes apply to the desired state as to the target', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({
      's.sql':
        'CREATE SCHEMA app; CREATE TABLE app.a (); CREATE TABLE app.audit_log (); CREATE TABLE public.p ();',
    });
    const all = await loadDesiredState(input([`file://${dir}/s.sql`], { devUrl: db.url }));
    assert.deepStrictEqual(tableNames(all.realm), ['app: a audit_log', 'public: p']);
    const some = await loadDesiredState(
      input([`file://${dir}/s.sql`], { devUrl: db.url, schemas: ['app'], exclude: ['app.audit_*'] }),
    );
    assert.deepStrictEqual(tableNames(some.realm), ['app: a']);
  });

  test('the every-kind fixture loads statement by statement exactly as psql loads it', async (t) => {
    const fixture = relative(
      process.cwd(),
      resolve(import.meta.dirname, '../../test/fixtures/postgres/all-kinds.sql'),
    );
    const [dev, viaPsql] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlFile(viaPsql.url, fixture);
    const driver = await PostgresDriver.open(viaPsql.url);
    const expected = await driver.inspect().finally(() => driver.close());
    const state = await loadDesiredState(input([`file://${fixture}`], { devUrl: dev.url }));
    assert.deepStrictEqual(state.realm, expected);
  });

  test('SQL-standard bodies, rules with several actions and dollar quotes execute as one statement each', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({
      'bodies.sql': `CREATE TABLE log (n int);
CREATE FUNCTION sign_of(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO log VALUES (x);
  SELECT CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END;
END;
CREATE RULE twice AS ON UPDATE TO log DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
CREATE FUNCTION semi() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN ';'; END $fn$;
CREATE TABLE after_them ();`,
    });
    const state = await loadDesiredState(input([`file://${dir}/bodies.sql`], { devUrl: db.url }));
    const s = state.realm.schemas[0]!;
    assert.deepStrictEqual(
      s.tables.map((x) => x.name),
      ['after_them', 'log'],
    );
    assert.deepStrictEqual(
      s.functions.map((f) => f.name),
      ['semi', 'sign_of'],
    );
  });
});

describe('loadDesiredState: a database URL as the desired state', { concurrency: true }, () => {
  const SQL = `CREATE SCHEMA src;
CREATE TABLE src.t (id int PRIMARY KEY);
CREATE TABLE src.u (t_id int REFERENCES src.t (id));
CREATE TABLE public.p ();`;

  test('inspected directly, with the same scope', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, SQL);
    const all = await loadDesiredState(input([db.url]));
    assert.deepStrictEqual(tableNames(all.realm), ['public: p', 'src: t u']);
    assert.deepStrictEqual(all.hints, []);
    assert.deepStrictEqual(all.warnings, []);
    const scoped = await loadDesiredState(input([db.url], { schemas: ['src'], exclude: ['src.u'] }));
    assert.deepStrictEqual(tableNames(scoped.realm), ['src: t']);
    const bound = await loadDesiredState(input([`${db.url}?search_path=src`]));
    assert.deepStrictEqual(tableNames(bound.realm), ['src: t u'], 'an unbound target: its schema, qualified');
  });

  test('bound like the target: rebound to its schema, or renamed to it', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, SQL);
    const same = await loadDesiredState(input([db.url], { bound: 'src' }));
    assert.deepStrictEqual(tableNames(same.realm), ['src: t u']);
    const renamed = await loadDesiredState(input([`${db.url}?search_path=src`], { bound: 'app' }));
    assert.deepStrictEqual(tableNames(renamed.realm), ['app: t u']);
    const fk = renamed.realm.schemas[0]!.tables[1]!.foreignKeys[0]!;
    assert.deepStrictEqual(fk.references, { schema: 'app', name: 't', columns: ['id'] });
  });

  test('a version warning when the desired database is another major version', async (t) => {
    const db = await freshPgDatabase(t);
    const state = await loadDesiredState(input([db.url], { version: 180001 }));
    assert.equal(state.warnings.length, 1);
    assert.match(state.warnings[0]!, /^desired-state database is PostgreSQL 1\d, target is PostgreSQL 18: /);
  });
});
