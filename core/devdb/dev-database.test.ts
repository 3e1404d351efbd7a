// Server dev databases: refused unless empty, bound to a schema, and left as they were found
// after loading, whether it succeeded or failed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshPgDatabase, psqlExec } from '../../test/helpers/db.ts';
import { openDevDatabase } from './dev-database.ts';
import { loadDesiredState } from './load.ts';
import { contents, input, query, rejectsWith, sqlFiles } from './testing.ts';

// Something of every kind cleaning has to find: schemas, extensions, an event trigger, types,
// routines, sequences, views, statistics, casts and objects in `public`.
const EVERYTHING = `
CREATE SCHEMA app;
CREATE EXTENSION hstore;
CREATE EXTENSION citext WITH SCHEMA app;
CREATE TYPE mood AS ENUM ('ok');
CREATE DOMAIN pos AS int CHECK (VALUE > 0);
CREATE TYPE app.r AS RANGE (subtype = int4);
CREATE TABLE users (id serial PRIMARY KEY, mood mood, tags hstore, n pos);
CREATE TABLE app.t (id int REFERENCES public.users (id), e app.citext);
CREATE VIEW v AS SELECT id FROM users;
CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS x;
CREATE STATISTICS st ON id, n FROM users;
CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION evt();
CREATE FUNCTION to_mood(int) RETURNS mood LANGUAGE sql AS $$ SELECT 'ok'::mood $$;
CREATE CAST (int AS mood) WITH FUNCTION to_mood(int);
CREATE AGGREGATE app.total(int) (sfunc = int4pl, stype = int);
`;

describe('dev database on a server', { concurrency: true }, () => {
  test('not empty: refused, naming what was found, and left alone', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, 'CREATE TABLE t (id serial PRIMARY KEY);');
    const before = await contents(db.url);
    const dir = await sqlFiles({ 'x.sql': 'CREATE TABLE x ();' });
    await rejectsWith(
      loadDesiredState(input([`file://${dir}/x.sql`], { devUrl: db.url })),
      'BAD_ARGS',
      `dev database "${db.name}" is not empty: found table public.t; give --dev-url an empty database`,
    );
    assert.deepStrictEqual(await contents(db.url), before);

    await psqlExec(db.url, 'DROP TABLE t; CREATE SCHEMA app; CREATE EXTENSION hstore;');
    await rejectsWith(
      openDevDatabase({ devUrl: db.url }),
      'BAD_ARGS',
      `dev database "${db.name}" is not empty: found schema app, extension hstore; give --dev-url an empty database`,
    );
  });

  test('left as it was after loading everything, and after a failure inside a transaction', async (t) => {
    const db = await freshPgDatabase(t);
    const before = await contents(db.url);
    const dir = await sqlFiles({
      'all.sql': EVERYTHING,
      'fail.sql': `${EVERYTHING}\nBEGIN;\nCREATE TABLE in_tx ();\nSELECT 1/0;`,
    });
    const state = await loadDesiredState(input([`file://${dir}/all.sql`], { devUrl: db.url }));
    assert.deepStrictEqual(
      state.realm.schemas.map((s) => s.name),
      ['app', 'public'],
    );
    assert.deepStrictEqual(await contents(db.url), before);

    await rejectsWith(
      loadDesiredState(input([`file://${dir}/fail.sql`], { devUrl: db.url })),
      'SQL',
      // A run-time error has no position: the statement's start.
      `${dir}/fail.sql:21:1: division by zero`,
    );
    assert.deepStrictEqual(await contents(db.url), before);
  });

  test('a script that drops public gets it back', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({
      'drop.sql': 'DROP SCHEMA public CASCADE;\nCREATE SCHEMA other;\nCREATE TABLE other.t ();',
    });
    const state = await loadDesiredState(input([`file://${dir}/drop.sql`], { devUrl: db.url }));
    assert.deepStrictEqual(
      state.realm.schemas.map((s) => s.name),
      ['other'],
    );
    const after = await contents(db.url);
    assert.match(String(after.schemas), /^public:/);
    assert.equal(after.relations, null);
  });

  test('bound to a schema: only that schema must be empty; the rest stays untouched', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(
      db.url,
      'CREATE SCHEMA app; CREATE SCHEMA other; CREATE TABLE public.keep (); CREATE TABLE other.k ();',
    );
    const before = await contents(db.url);
    const devUrl = `${db.url}?search_path=app`;
    const dir = await sqlFiles({
      's.sql':
        'CREATE TABLE t (id int PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\nCREATE SCHEMA extra;\nCREATE TABLE extra.e ();',
    });

    // A target bound to the same schema: loaded there, printed unqualified.
    const same = await loadDesiredState(input([`file://${dir}/s.sql`], { devUrl, bound: 'app' }));
    assert.deepStrictEqual(
      same.realm.schemas.map((s) => [s.name, s.tables.map((x) => x.name)]),
      [['app', ['t']]],
    );
    // PostgreSQL 15 qualifies the column (t.id), 16 and later do not.
    assert.match(same.realm.schemas[0]!.views[0]!.definition, /^ SELECT (t\.)?id\n {3}FROM t;$/);
    assert.deepStrictEqual(await contents(db.url), before);

    // An unbound target: the bound schema and what the script created, qualified.
    const unbound = await loadDesiredState(input([`file://${dir}/s.sql`], { devUrl }));
    assert.deepStrictEqual(
      unbound.realm.schemas.map((s) => [s.name, s.tables.map((x) => x.name)]),
      [
        ['app', ['t']],
        ['extra', ['e']],
      ],
    );
    assert.match(unbound.realm.schemas[0]!.views[0]!.definition, /^ SELECT (t\.)?id\n {3}FROM app\.t;$/);
    assert.deepStrictEqual(await contents(db.url), before);

    // A target bound to another schema: created on the dev database for loading, then dropped.
    const other = await loadDesiredState(input([`file://${dir}/s.sql`], { devUrl, bound: 'billing' }));
    assert.deepStrictEqual(
      other.realm.schemas.map((s) => [s.name, s.tables.map((x) => x.name)]),
      [['billing', ['t']]],
    );
    assert.deepStrictEqual(await contents(db.url), before);
  });

  test('bound to a schema that is missing or not empty: refused', async (t) => {
    const db = await freshPgDatabase(t);
    await rejectsWith(
      openDevDatabase({ devUrl: `${db.url}?search_path=app` }),
      'NO_SCHEMA',
      /^dev database "t_\w+" has no schema "app" \(its URL's search_path\)/,
    );
    await psqlExec(
      db.url,
      'CREATE SCHEMA app; CREATE TABLE app.t (); CREATE SCHEMA billing; CREATE TYPE billing.e AS ENUM ();',
    );
    await rejectsWith(
      openDevDatabase({ devUrl: `${db.url}?search_path=app` }),
      'BAD_ARGS',
      `dev database "${db.name}" is not empty in schema "app": found table app.t; give --dev-url an empty schema`,
    );
    await psqlExec(db.url, 'DROP TABLE app.t;');
    await rejectsWith(
      openDevDatabase({ devUrl: `${db.url}?search_path=app`, boundSchema: 'billing' }),
      'BAD_ARGS',
      /is not empty in schema "app" and "billing": found type billing\.e;/,
    );
  });

  test('a PGlite dev database on disk is refused', async () => {
    await rejectsWith(openDevDatabase({ devUrl: 'pglite://./somewhere' }), 'BAD_ARGS', /in-memory PGlite/);
  });

  test('connections are closed, also after failures', async (t) => {
    const db = await freshPgDatabase(t);
    const dir = await sqlFiles({ 'bad.sql': 'SELECT 1/0;', 'ok.sql': 'CREATE TABLE t ();' });
    await loadDesiredState(input([`file://${dir}/ok.sql`], { devUrl: db.url }));
    await assert.rejects(loadDesiredState(input([`file://${dir}/bad.sql`], { devUrl: db.url })));
    const [row] = await query<{ n: string }>(
      db.url,
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    assert.equal(Number(row!.n), 0);
  });
});
