// normalizeRealm: a realm rendered on a dev database and inspected back prints the way that
// dev database prints it, so a PostgreSQL 15 target compares with a PGlite (18) desired state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshPgDatabase, psqlExec } from '../../test/helpers/db.ts';
import { PostgresDriver } from '../drivers/postgres/driver.ts';
import { fingerprint } from '../schema/fingerprint.ts';
import { emptyRealm, emptySchema, type Realm } from '../schema/model.ts';
import { loadDesiredState, normalizeRealm } from './load.ts';
import { contents, input, rejectsWith, sqlFiles } from './testing.ts';

const SQL = `CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TABLE t (a int PRIMARY KEY, b text DEFAULT 'x', m mood);
CREATE TABLE u (a int REFERENCES t (a), c int CHECK (c > 0));
CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1;
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
CREATE INDEX u_c ON u (c) WHERE c > 10;`;

async function inspect(url: string): Promise<{ realm: Realm; version: number }> {
  const driver = await PostgresDriver.open(url);
  try {
    return { realm: await driver.inspect(), version: driver.serverVersion };
  } finally {
    await driver.close();
  }
}

describe('normalizeRealm', { concurrency: true }, () => {
  test('a PostgreSQL 15 realm normalized on PGlite prints views the PostgreSQL 18 way', async (t) => {
    const db = await freshPgDatabase(t);
    await psqlExec(db.url, SQL);
    const { realm, version } = await inspect(db.url);
    const view = (r: Realm) => r.schemas[0]!.views[0]!.definition;
    if (version < 160000)
      assert.equal(view(realm), ' SELECT t.a,\n    t.b\n   FROM public.t\n  WHERE (t.a > 1);');

    const normalized = await normalizeRealm(realm, {});
    assert.equal(view(normalized), ' SELECT a,\n    b\n   FROM public.t\n  WHERE (a > 1);');
    // The same as the desired state loaded from the same SQL on PGlite: no spurious change.
    const dir = await sqlFiles({ 's.sql': SQL });
    const desired = await loadDesiredState(input([`file://${dir}/s.sql`]));
    assert.deepStrictEqual(normalized, desired.realm);
    assert.equal(fingerprint(normalized), fingerprint(desired.realm));
  });

  test('bound to a schema on a server dev database: the same realm back, the dev database untouched', async (t) => {
    const target = await freshPgDatabase(t);
    const dev = await freshPgDatabase(t);
    await psqlExec(target.url, `CREATE SCHEMA app; SET search_path = app; ${SQL}`);
    await psqlExec(dev.url, 'CREATE SCHEMA app; CREATE TABLE public.keep ();');
    const before = await contents(dev.url);
    const { realm } = await inspect(`${target.url}?search_path=app`);
    const normalized = await normalizeRealm(realm, {
      devUrl: `${dev.url}?search_path=app`,
      boundSchema: 'app',
    });
    assert.deepStrictEqual(normalized, realm);
    assert.deepStrictEqual(await contents(dev.url), before);
  });

  test('a statement the dev database refuses is named; the dev database is left empty', async (t) => {
    const dev = await freshPgDatabase(t);
    const before = await contents(dev.url);
    const realm: Realm = {
      ...emptyRealm('postgres'),
      schemas: [emptySchema('public'), emptySchema('gis')],
      extensions: [{ name: 'no_such_extension', schema: 'gis', version: '1.0' }],
    };
    await rejectsWith(
      normalizeRealm(realm, { devUrl: dev.url }),
      'SQL',
      /^cannot normalize the schema on the dev database \(PostgreSQL 1\d\): statement 3 of 3 \(Add "no_such_extension" extension\) failed: .*"no_such_extension".*: CREATE EXTENSION IF NOT EXISTS "no_such_extension" WITH SCHEMA "gis"$/,
    );
    assert.deepStrictEqual(await contents(dev.url), before);
  });

  test('an empty realm stays empty', async (t) => {
    const dev = await freshPgDatabase(t);
    assert.deepStrictEqual(
      await normalizeRealm(emptyRealm('postgres'), { devUrl: dev.url }),
      emptyRealm('postgres'),
    );
  });
});
