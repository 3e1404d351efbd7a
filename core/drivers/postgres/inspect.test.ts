// Model-level tests of PostgreSQL inspection: each test loads a small SQL snippet into a fresh
// database, inspects it with PostgresDriver and compares whole model objects, so that a field
// the inspector adds, drops or spells differently fails the test.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshPgDatabase, psqlExec, psqlFile } from '../../../test/helpers/db.ts';
import { isUserError } from '../../errors.ts';
import { fingerprint } from '../../schema/fingerprint.ts';
import type {
  Column,
  ColumnType,
  Extension,
  Func,
  Index,
  MaterializedView,
  Realm,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../../schema/model.ts';
import { emptySchema, emptyTable } from '../../schema/model.ts';
import type { InspectScope } from '../driver.ts';
import { PostgresDriver } from './driver.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ALL_KINDS = join(ROOT, 'test/fixtures/postgres/all-kinds.sql');

// ---------------------------------------------------------------- helpers

interface Scope extends InspectScope {
  /** Bind the URL to a schema (`?search_path=`). */
  searchPath?: string;
}

async function inspectUrl(url: string, scope: InspectScope = {}): Promise<Realm> {
  const driver = await PostgresDriver.open(url);
  try {
    return await driver.inspect(scope);
  } finally {
    await driver.close();
  }
}

/** Loads `sql` into a fresh database and inspects it. */
async function inspectSql(t: TestContext, sql: string, scope: Scope = {}): Promise<Realm> {
  const db = await freshPgDatabase(t);
  await psqlExec(db.url, sql);
  const { searchPath, ...rest } = scope;
  const url = searchPath ? `${db.url}?search_path=${encodeURIComponent(searchPath)}` : db.url;
  return inspectUrl(url, rest);
}

let cachedVersion: number | undefined;
/** `server_version_num` of the test server: view definitions print differently from 16 on. */
async function serverVersion(): Promise<number> {
  if (cachedVersion === undefined) {
    const client = new pg.Client({ connectionString: process.env.PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: number }>(
        `SELECT current_setting('server_version_num')::int AS v`,
      );
      cachedVersion = Number(rows[0]!.v);
    } finally {
      await client.end();
    }
  }
  return cachedVersion;
}

/** PostgreSQL 16 stopped qualifying columns of single-table queries in deparsed views. */
async function viewDef(upTo15: string, from16: string): Promise<string> {
  return (await serverVersion()) < 160000 ? upTo15 : from16;
}

function named<T extends { name: string }>(list: T[], name: string, what: string): T {
  const found = list.filter((o) => o.name === name);
  assert.equal(found.length, 1, `expected exactly one ${what} "${name}", got [${list.map((o) => o.name)}]`);
  return found[0]!;
}

const schemaOf = (realm: Realm, name = 'public'): Schema => named(realm.schemas, name, 'schema');
const tableOf = (realm: Realm, name: string, schema = 'public'): Table =>
  named(schemaOf(realm, schema).tables, name, 'table');

const ty = (raw: string, normalized = raw, extra: Partial<ColumnType> = {}): ColumnType => ({
  raw,
  normalized,
  ...extra,
});
const INT4 = ty('integer', 'int4');
const INT8 = ty('bigint', 'int8');
const TEXT = ty('text');

/** A nullable column without default; `extra` overrides. */
const col = (name: string, type: ColumnType, extra: Partial<Column> = {}): Column => ({
  name,
  type,
  nullable: true,
  ...extra,
});

const tbl = (name: string, fields: Partial<Table> = {}): Table => ({ ...emptyTable(name), ...fields });
const sch = (name: string, fields: Partial<Schema> = {}): Schema => ({ ...emptySchema(name), ...fields });

const TRIGGER_FN = `CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;
const trg = (name: string, fields: Partial<Trigger>): Trigger => ({
  name,
  timing: 'AFTER',
  events: ['INSERT'],
  forEach: 'ROW',
  function: { schema: 'public', name: 'trg' },
  ...fields,
});

const createRoles = (...roles: string[]) =>
  roles
    .map((r) => `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`)
    .join('\n');

// ---------------------------------------------------------------- schemas and tables

test('schemas: user comments are kept, the default comment of public is not', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE SCHEMA app;
     COMMENT ON SCHEMA app IS 'Application data';
     CREATE SCHEMA "Mixed Case";`,
  );
  assert.deepStrictEqual(realm, {
    dialect: 'postgres',
    schemas: [sch('Mixed Case'), sch('app', { comment: 'Application data' }), sch('public')],
    extensions: [],
    eventTriggers: [],
  });

  const commented = await inspectSql(t, `COMMENT ON SCHEMA public IS 'Our own words';`);
  assert.deepStrictEqual(commented.schemas, [sch('public', { comment: 'Our own words' })]);
});

test('tables: comment, unlogged, row level security, storage parameters', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE plain (id int);
     COMMENT ON TABLE plain IS 'A plain table';
     CREATE UNLOGGED TABLE cache (k text);
     CREATE TABLE tuned (id int) WITH (fillfactor = 70, autovacuum_enabled = false);
     CREATE TABLE rls_on (id int);
     ALTER TABLE rls_on ENABLE ROW LEVEL SECURITY;
     CREATE TABLE rls_forced (id int);
     ALTER TABLE rls_forced ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;`,
  );
  const id = col('id', INT4);
  assert.deepStrictEqual(schemaOf(realm).tables, [
    tbl('cache', { columns: [col('k', TEXT)], unlogged: true }),
    tbl('plain', { columns: [id], comment: 'A plain table' }),
    tbl('rls_forced', { columns: [id], rls: { enabled: true, forced: true } }),
    tbl('rls_on', { columns: [id], rls: { enabled: true, forced: false } }),
    tbl('tuned', {
      columns: [id],
      storageParams: [
        { name: 'autovacuum_enabled', value: 'false' },
        { name: 'fillfactor', value: '70' },
      ],
    }),
  ]);
});

// ---------------------------------------------------------------- columns

test('columns: raw and normalized types of the common types', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE types (
       i4 integer, i2 smallint, i8 bigint,
       vc character varying(20), vc_any varchar, ch char(3),
       tstz3 timestamp(3) with time zone, ts timestamp, t2 time(2), ttz timetz,
       num numeric(10,2), num_any numeric,
       f8 double precision, f4 real, b boolean,
       txt2 text[][], i4arr integer[3],
       u uuid, j jsonb, by bytea, iv interval, bits bit(8), vbits bit varying(5)
     );`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'types'),
    tbl('types', {
      columns: [
        col('i4', INT4),
        col('i2', ty('smallint', 'int2')),
        col('i8', INT8),
        col('vc', ty('character varying(20)', 'varchar(20)')),
        col('vc_any', ty('character varying', 'varchar')),
        col('ch', ty('character(3)', 'bpchar(3)')),
        col('tstz3', ty('timestamp(3) with time zone', 'timestamptz(3)')),
        col('ts', ty('timestamp without time zone', 'timestamp')),
        col('t2', ty('time(2) without time zone', 'time(2)')),
        col('ttz', ty('time with time zone', 'timetz')),
        col('num', ty('numeric(10,2)')),
        col('num_any', ty('numeric')),
        col('f8', ty('double precision', 'float8')),
        col('f4', ty('real', 'float4')),
        col('b', ty('boolean', 'bool')),
        // The catalog prints every array type with one []; the declared dimensions are kept apart.
        col('txt2', ty('text[]', 'text[]', { arrayDims: 2 })),
        col('i4arr', ty('integer[]', 'int4[]', { arrayDims: 1 })),
        col('u', ty('uuid')),
        col('j', ty('jsonb')),
        col('by', ty('bytea')),
        col('iv', ty('interval')),
        col('bits', ty('bit(8)')),
        col('vbits', ty('bit varying(5)', 'varbit(5)')),
      ],
    }),
  );
});

test('columns: NOT NULL, literal and expression defaults, generated, collation, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE attrs (
       a integer NOT NULL,
       lit_int smallint DEFAULT 0,
       lit_bool boolean NOT NULL DEFAULT true,
       lit_text text DEFAULT 'it''s',
       lit_neg numeric DEFAULT -1.5,
       lit_json jsonb DEFAULT '{}'::jsonb,
       expr_now timestamptz DEFAULT now(),
       expr_sum integer DEFAULT (1 + 2),
       expr_user text DEFAULT CURRENT_USER,
       doubled integer GENERATED ALWAYS AS (a * 2) STORED,
       c_name text COLLATE "C",
       commented text
     );
     COMMENT ON COLUMN attrs.commented IS 'Has a comment';`,
  );
  const lit = (value: string) => ({ kind: 'literal' as const, value });
  const expr = (value: string) => ({ kind: 'expr' as const, value });
  assert.deepStrictEqual(
    tableOf(realm, 'attrs'),
    tbl('attrs', {
      columns: [
        col('a', INT4, { nullable: false }),
        col('lit_int', ty('smallint', 'int2'), { default: lit('0') }),
        col('lit_bool', ty('boolean', 'bool'), { nullable: false, default: lit('true') }),
        col('lit_text', TEXT, { default: lit("'it''s'::text") }),
        col('lit_neg', ty('numeric'), { default: lit("'-1.5'::numeric") }),
        col('lit_json', ty('jsonb'), { default: lit("'{}'::jsonb") }),
        col('expr_now', ty('timestamp with time zone', 'timestamptz'), { default: expr('now()') }),
        col('expr_sum', INT4, { default: expr('(1 + 2)') }),
        col('expr_user', TEXT, { default: expr('CURRENT_USER') }),
        col('doubled', INT4, { generated: { expr: '(a * 2)', stored: true } }),
        col('c_name', TEXT, { collation: '"C"' }),
        col('commented', TEXT, { comment: 'Has a comment' }),
      ],
    }),
  );
});

test('columns: identity ALWAYS / BY DEFAULT with their sequence options; no separate sequences', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE ids (
       a bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5 MINVALUE 10 MAXVALUE 1000 CACHE 3 CYCLE),
       b integer GENERATED BY DEFAULT AS IDENTITY,
       c smallint GENERATED BY DEFAULT AS IDENTITY (START WITH 7)
     );`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'ids'),
    tbl('ids', {
      columns: [
        col('a', INT8, {
          nullable: false,
          identity: {
            generation: 'ALWAYS',
            sequence: { start: '10', increment: '5', min: '10', max: '1000', cache: '3', cycle: true },
          },
        }),
        col('b', INT4, {
          nullable: false,
          identity: {
            generation: 'BY DEFAULT',
            sequence: {
              type: 'integer',
              start: '1',
              increment: '1',
              min: '1',
              max: '2147483647',
              cache: '1',
              cycle: false,
            },
          },
        }),
        col('c', ty('smallint', 'int2'), {
          nullable: false,
          identity: {
            generation: 'BY DEFAULT',
            sequence: {
              type: 'smallint',
              start: '7',
              increment: '1',
              min: '1',
              max: '32767',
              cache: '1',
              cycle: false,
            },
          },
        }),
      ],
    }),
  );
  assert.deepStrictEqual(schemaOf(realm).sequences, [], 'identity sequences belong to their columns');
});

test('columns: an enum column has type.ref, and so has an array of it', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TYPE mood AS ENUM ('sad', 'ok');
     CREATE TABLE person (m mood NOT NULL DEFAULT 'ok', history mood[]);`,
  );
  const ref = { schema: 'public', name: 'mood' };
  assert.deepStrictEqual(
    tableOf(realm, 'person'),
    tbl('person', {
      columns: [
        col('m', ty('public.mood', 'public.mood', { ref }), {
          nullable: false,
          default: { kind: 'literal', value: "'ok'::public.mood" },
        }),
        col('history', ty('public.mood[]', 'public.mood[]', { arrayDims: 1, ref })),
      ],
      dependsOn: [{ kind: 'type', ...ref }],
    }),
  );
});

// ---------------------------------------------------------------- constraints

test('primary keys: named with INCLUDE, storage parameters and comment; default-named composite', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE p (id int, note text, CONSTRAINT p_pk PRIMARY KEY (id) INCLUDE (note) WITH (fillfactor = 80));
     COMMENT ON CONSTRAINT p_pk ON p IS 'The key';
     CREATE TABLE pair (a int, b text, PRIMARY KEY (b, a));`,
  );
  assert.deepStrictEqual(schemaOf(realm).tables, [
    tbl('p', {
      columns: [col('id', INT4, { nullable: false }), col('note', TEXT)],
      primaryKey: {
        name: 'p_pk',
        columns: ['id'],
        include: ['note'],
        storageParams: [{ name: 'fillfactor', value: '80' }],
        comment: 'The key',
      },
    }),
    tbl('pair', {
      columns: [col('a', INT4, { nullable: false }), col('b', TEXT, { nullable: false })],
      primaryKey: { name: 'pair_pkey', columns: ['b', 'a'] },
    }),
  ]);
});

test('unique constraints: NULLS NOT DISTINCT, deferrable, INCLUDE, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE u (
       a int, b int, c int, d int,
       CONSTRAINT u_a_b UNIQUE NULLS NOT DISTINCT (a, b),
       CONSTRAINT u_b UNIQUE (b) DEFERRABLE,
       CONSTRAINT u_c UNIQUE (c) DEFERRABLE INITIALLY DEFERRED,
       UNIQUE (d) INCLUDE (a)
     );
     COMMENT ON CONSTRAINT u_b ON u IS 'Deferrable';`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'u'),
    tbl('u', {
      columns: ['a', 'b', 'c', 'd'].map((n) => col(n, INT4)),
      uniques: [
        { name: 'u_a_b', columns: ['a', 'b'], nullsNotDistinct: true },
        { name: 'u_b', columns: ['b'], deferrable: 'DEFERRABLE', comment: 'Deferrable' },
        { name: 'u_c', columns: ['c'], deferrable: 'DEFERRABLE INITIALLY DEFERRED' },
        { name: 'u_d_a_key', columns: ['d'], include: ['a'] },
      ],
    }),
  );
});

test('exclusion constraints: definition, WHERE, deferrable, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE booking (
       room int, during int4range,
       CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room IS NOT NULL),
       CONSTRAINT booking_room_once EXCLUDE USING btree (room WITH =) DEFERRABLE INITIALLY DEFERRED
     );
     COMMENT ON CONSTRAINT booking_no_overlap ON booking IS 'No double booking';`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'booking'),
    tbl('booking', {
      columns: [col('room', INT4), col('during', ty('int4range'))],
      exclusions: [
        {
          name: 'booking_no_overlap',
          definition: 'EXCLUDE USING gist (during WITH &&) WHERE ((room IS NOT NULL))',
          comment: 'No double booking',
        },
        {
          name: 'booking_room_once',
          definition: 'EXCLUDE USING btree (room WITH =)',
          deferrable: 'DEFERRABLE INITIALLY DEFERRED',
        },
      ],
    }),
  );
});

test('foreign keys: actions, MATCH FULL, deferrable, NOT VALID, composite, cross-schema, self-reference', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE SCHEMA other;
     CREATE TABLE other.parent (a int, b int, PRIMARY KEY (a, b));
     CREATE TABLE p (id int PRIMARY KEY);
     CREATE TABLE f (
       id int PRIMARY KEY,
       parent int REFERENCES f (id) ON DELETE CASCADE ON UPDATE SET NULL,
       pid int,
       x int, y int,
       CONSTRAINT f_p FOREIGN KEY (pid) REFERENCES p (id) MATCH FULL
         ON DELETE SET DEFAULT ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
       CONSTRAINT f_other FOREIGN KEY (x, y) REFERENCES other.parent (a, b) DEFERRABLE
     );
     ALTER TABLE f ADD CONSTRAINT f_unchecked FOREIGN KEY (pid) REFERENCES p (id) NOT VALID;
     COMMENT ON CONSTRAINT f_other ON f IS 'Across schemas';`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'f'),
    tbl('f', {
      columns: [
        col('id', INT4, { nullable: false }),
        ...['parent', 'pid', 'x', 'y'].map((n) => col(n, INT4)),
      ],
      primaryKey: { name: 'f_pkey', columns: ['id'] },
      foreignKeys: [
        {
          name: 'f_other',
          columns: ['x', 'y'],
          references: { schema: 'other', name: 'parent', columns: ['a', 'b'] },
          deferrable: 'DEFERRABLE',
          comment: 'Across schemas',
        },
        {
          name: 'f_p',
          columns: ['pid'],
          references: { schema: 'public', name: 'p', columns: ['id'] },
          onUpdate: 'RESTRICT',
          onDelete: 'SET DEFAULT',
          match: 'FULL',
          deferrable: 'DEFERRABLE INITIALLY DEFERRED',
        },
        {
          name: 'f_parent_fkey',
          columns: ['parent'],
          references: { schema: 'public', name: 'f', columns: ['id'] },
          onUpdate: 'SET NULL',
          onDelete: 'CASCADE',
        },
        {
          name: 'f_unchecked',
          columns: ['pid'],
          references: { schema: 'public', name: 'p', columns: ['id'] },
          notValid: true,
        },
      ],
    }),
  );
});

test('checks: NO INHERIT, NOT VALID, multi-column, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE ck (
       a int, b int,
       CONSTRAINT ck_a_positive CHECK (a > 0) NO INHERIT,
       CONSTRAINT ck_a_below_b CHECK (a < b)
     );
     ALTER TABLE ck ADD CONSTRAINT ck_b_positive CHECK (b > 0) NOT VALID;
     COMMENT ON CONSTRAINT ck_a_below_b ON ck IS 'Ordered';`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'ck'),
    tbl('ck', {
      columns: [col('a', INT4), col('b', INT4)],
      checks: [
        { name: 'ck_a_below_b', expr: '(a < b)', comment: 'Ordered' },
        { name: 'ck_a_positive', expr: '(a > 0)', noInherit: true },
        { name: 'ck_b_positive', expr: '(b > 0)', notValid: true },
      ],
    }),
  );
});

// ---------------------------------------------------------------- indexes

test('indexes: every option; constraint-backing indexes are not listed', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE t (
       id int PRIMARY KEY, name text, email text, tags text[], score int, during int4range,
       CONSTRAINT t_email_key UNIQUE (email),
       CONSTRAINT t_no_overlap EXCLUDE USING gist (during WITH &&)
     );
     CREATE UNIQUE INDEX t_name_uq ON t (name);
     CREATE INDEX t_hash ON t USING hash (name);
     CREATE INDEX t_lower ON t (lower(email), id);
     CREATE INDEX t_pattern ON t (name text_pattern_ops);
     CREATE INDEX t_coll ON t (name COLLATE "C");
     CREATE INDEX t_desc ON t (score DESC NULLS LAST, id NULLS FIRST);
     CREATE INDEX t_desc_default ON t (score DESC);
     CREATE INDEX t_partial ON t (score) WHERE score > 0;
     CREATE INDEX t_incl ON t (id) INCLUDE (name, score);
     CREATE UNIQUE INDEX t_nnd ON t (score) NULLS NOT DISTINCT;
     CREATE INDEX t_ff ON t (score) WITH (fillfactor = 70);
     CREATE INDEX t_gin ON t USING gin (tags);
     CREATE INDEX t_brin ON t USING brin (id) WITH (pages_per_range = 32);
     COMMENT ON INDEX t_lower IS 'Expression index';`,
  );
  const expected: Index[] = [
    {
      name: 't_brin',
      method: 'brin',
      parts: [{ column: 'id' }],
      storageParams: [{ name: 'pages_per_range', value: '32' }],
    },
    { name: 't_coll', parts: [{ column: 'name', collation: '"C"' }] },
    {
      name: 't_desc',
      parts: [
        { column: 'score', desc: true, nulls: 'LAST' },
        { column: 'id', nulls: 'FIRST' },
      ],
    },
    { name: 't_desc_default', parts: [{ column: 'score', desc: true }] },
    { name: 't_ff', parts: [{ column: 'score' }], storageParams: [{ name: 'fillfactor', value: '70' }] },
    { name: 't_gin', method: 'gin', parts: [{ column: 'tags' }] },
    { name: 't_hash', method: 'hash', parts: [{ column: 'name' }] },
    { name: 't_incl', parts: [{ column: 'id' }], include: ['name', 'score'] },
    { name: 't_lower', parts: [{ expr: 'lower(email)' }, { column: 'id' }], comment: 'Expression index' },
    { name: 't_name_uq', unique: true, parts: [{ column: 'name' }] },
    { name: 't_nnd', unique: true, parts: [{ column: 'score' }], nullsNotDistinct: true },
    { name: 't_partial', parts: [{ column: 'score' }], where: '(score > 0)' },
    { name: 't_pattern', parts: [{ column: 'name', opclass: 'text_pattern_ops' }] },
  ];
  const t1 = tableOf(realm, 't');
  assert.deepStrictEqual(t1.indexes, expected);
  // The PK, UNIQUE and EXCLUDE indexes are the constraints'.
  assert.deepStrictEqual(t1, {
    ...tbl('t', {
      columns: [
        col('id', INT4, { nullable: false }),
        col('name', TEXT),
        col('email', TEXT),
        col('tags', ty('text[]', 'text[]', { arrayDims: 1 })),
        col('score', INT4),
        col('during', ty('int4range')),
      ],
      primaryKey: { name: 't_pkey', columns: ['id'] },
      uniques: [{ name: 't_email_key', columns: ['email'] }],
      exclusions: [{ name: 't_no_overlap', definition: 'EXCLUDE USING gist (during WITH &&)' }],
    }),
    indexes: expected,
  });
});

// ---------------------------------------------------------------- views

test('views: definition, check options, security options, column comments, dependsOn', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE a (id int PRIMARY KEY, n text);
     CREATE TABLE b (id int, a_id int);
     CREATE VIEW joined AS SELECT a.id, b.id AS b_id FROM a JOIN b ON b.a_id = a.id;
     COMMENT ON VIEW joined IS 'A join';
     COMMENT ON COLUMN joined.b_id IS 'Id of b';
     CREATE VIEW positive AS SELECT id, n FROM a WHERE id > 0 WITH LOCAL CHECK OPTION;
     CREATE VIEW guarded WITH (security_barrier = true, security_invoker = on) AS
       SELECT id FROM positive WITH CASCADED CHECK OPTION;`,
  );
  const views: View[] = [
    {
      name: 'guarded',
      definition: await viewDef(
        ' SELECT positive.id\n   FROM public.positive;',
        ' SELECT id\n   FROM public.positive;',
      ),
      checkOption: 'CASCADED',
      securityBarrier: true,
      securityInvoker: true,
      columns: [{ name: 'id', type: 'integer' }],
      triggers: [],
      dependsOn: [{ kind: 'view', schema: 'public', name: 'positive' }],
    },
    {
      name: 'joined',
      definition:
        ' SELECT a.id,\n    b.id AS b_id\n   FROM (public.a\n     JOIN public.b ON ((b.a_id = a.id)));',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'b_id', type: 'integer', comment: 'Id of b' },
      ],
      triggers: [],
      comment: 'A join',
      dependsOn: [
        { kind: 'table', schema: 'public', name: 'a' },
        { kind: 'table', schema: 'public', name: 'b' },
      ],
    },
    {
      name: 'positive',
      definition: await viewDef(
        ' SELECT a.id,\n    a.n\n   FROM public.a\n  WHERE (a.id > 0);',
        ' SELECT id,\n    n\n   FROM public.a\n  WHERE (id > 0);',
      ),
      checkOption: 'LOCAL',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'n', type: 'text' },
      ],
      triggers: [],
      dependsOn: [{ kind: 'table', schema: 'public', name: 'a' }],
    },
  ];
  assert.deepStrictEqual(schemaOf(realm).views, views);
});

test('materialized views: definition, withData, indexes, storage parameters, comments', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE a (id int, n text);
     CREATE TABLE b (a_id int);
     CREATE MATERIALIZED VIEW counts AS SELECT a.id, count(b.a_id) AS c FROM a LEFT JOIN b ON b.a_id = a.id GROUP BY a.id;
     CREATE UNIQUE INDEX counts_id ON counts (id);
     COMMENT ON MATERIALIZED VIEW counts IS 'Counts per a';
     COMMENT ON COLUMN counts.c IS 'How many';
     CREATE MATERIALIZED VIEW empty_mv WITH (fillfactor = 50) AS SELECT a.id FROM a JOIN b ON b.a_id = a.id WITH NO DATA;`,
  );
  const deps = [
    { kind: 'table' as const, schema: 'public', name: 'a' },
    { kind: 'table' as const, schema: 'public', name: 'b' },
  ];
  const expected: MaterializedView[] = [
    {
      name: 'counts',
      definition:
        ' SELECT a.id,\n    count(b.a_id) AS c\n   FROM (public.a\n     LEFT JOIN public.b ON ((b.a_id = a.id)))\n  GROUP BY a.id;',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'c', type: 'bigint', comment: 'How many' },
      ],
      indexes: [{ name: 'counts_id', unique: true, parts: [{ column: 'id' }] }],
      withData: true,
      comment: 'Counts per a',
      dependsOn: deps,
    },
    {
      name: 'empty_mv',
      definition: ' SELECT a.id\n   FROM (public.a\n     JOIN public.b ON ((b.a_id = a.id)));',
      columns: [{ name: 'id', type: 'integer' }],
      indexes: [],
      withData: false,
      storageParams: [{ name: 'fillfactor', value: '50' }],
      dependsOn: deps,
    },
  ];
  assert.deepStrictEqual(schemaOf(realm).materializedViews, expected);
});

// ---------------------------------------------------------------- sequences and routines

test('sequences: all options, OWNED BY, serial columns; identity sequences are not listed', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE SEQUENCE s_all AS integer START WITH 100 INCREMENT BY 10 MINVALUE 50 MAXVALUE 100000 CACHE 5 CYCLE;
     CREATE SEQUENCE s_plain;
     COMMENT ON SEQUENCE s_plain IS 'Defaults only';
     CREATE SEQUENCE s_down INCREMENT BY -1;
     CREATE TABLE own (id int);
     CREATE SEQUENCE s_owned OWNED BY own.id;
     CREATE TABLE ser (id serial, big bigserial, ident int GENERATED ALWAYS AS IDENTITY);`,
  );
  const BIG = { start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false };
  const expected: Sequence[] = [
    {
      name: 's_all',
      type: 'integer',
      start: '100',
      increment: '10',
      min: '50',
      max: '100000',
      cache: '5',
      cycle: true,
    },
    {
      name: 's_down',
      start: '-1',
      increment: '-1',
      min: '-9223372036854775808',
      max: '-1',
      cache: '1',
      cycle: false,
    },
    { name: 's_owned', ...BIG, ownedBy: { table: 'own', column: 'id' } },
    { name: 's_plain', ...BIG, comment: 'Defaults only' },
    { name: 'ser_big_seq', ...BIG, ownedBy: { table: 'ser', column: 'big' } },
    {
      name: 'ser_id_seq',
      type: 'integer',
      ...BIG,
      max: '2147483647',
      ownedBy: { table: 'ser', column: 'id' },
    },
  ];
  assert.deepStrictEqual(schemaOf(realm).sequences, expected);
  assert.deepStrictEqual(
    tableOf(realm, 'ser'),
    tbl('ser', {
      columns: [
        col('id', INT4, {
          nullable: false,
          default: { kind: 'expr', value: "nextval('public.ser_id_seq'::regclass)" },
        }),
        col('big', INT8, {
          nullable: false,
          default: { kind: 'expr', value: "nextval('public.ser_big_seq'::regclass)" },
        }),
        col('ident', INT4, {
          nullable: false,
          identity: {
            generation: 'ALWAYS',
            sequence: {
              type: 'integer',
              start: '1',
              increment: '1',
              min: '1',
              max: '2147483647',
              cache: '1',
              cycle: false,
            },
          },
        }),
      ],
      dependsOn: [
        { kind: 'sequence', schema: 'public', name: 'ser_big_seq' },
        { kind: 'sequence', schema: 'public', name: 'ser_id_seq' },
      ],
    }),
  );
});

test('functions: arguments, return forms, attributes, SQL-standard bodies, overloads', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE film (id int, title text);
     CREATE FUNCTION f_args(a int, INOUT b text DEFAULT 'x', OUT c int, VARIADIC d int[] DEFAULT '{}')
       LANGUAGE sql AS $$ SELECT b, a $$;
     CREATE FUNCTION f_setof(p int) RETURNS SETOF film LANGUAGE sql STABLE ROWS 50
       AS $$ SELECT * FROM film WHERE id = p $$;
     CREATE FUNCTION f_table(p int) RETURNS TABLE(id int, title text) LANGUAGE plpgsql STABLE STRICT
       AS $$ BEGIN RETURN QUERY SELECT f.id, f.title FROM film f; END $$;
     CREATE FUNCTION f_all() RETURNS int LANGUAGE sql IMMUTABLE STRICT SECURITY DEFINER LEAKPROOF
       PARALLEL SAFE COST 5 SET work_mem = '64MB' SET search_path = pg_catalog AS $$ SELECT 1 $$;
     CREATE FUNCTION f_restricted() RETURNS int LANGUAGE sql PARALLEL RESTRICTED AS $$ SELECT 1 $$;
     CREATE FUNCTION f_atomic(x int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT x + 1; END;
     CREATE FUNCTION f_return(x int) RETURNS int LANGUAGE sql RETURN x * 2;
     CREATE FUNCTION over(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
     CREATE FUNCTION over(x text, y text) RETURNS text LANGUAGE sql AS $$ SELECT x || y $$;
     COMMENT ON FUNCTION over(text, text) IS 'Text version';`,
  );
  const expected: Func[] = [
    {
      name: 'f_all',
      kind: 'function',
      identityArgs: '',
      args: [],
      returns: 'integer',
      language: 'sql',
      body: ' SELECT 1 ',
      volatility: 'IMMUTABLE',
      strict: true,
      securityDefiner: true,
      leakproof: true,
      parallel: 'SAFE',
      cost: 5,
      config: [
        { name: 'search_path', value: 'pg_catalog' },
        { name: 'work_mem', value: '64MB' },
      ],
    },
    {
      name: 'f_args',
      kind: 'function',
      identityArgs: 'a integer, INOUT b text, OUT c integer, VARIADIC d integer[]',
      args: [
        { name: 'a', type: 'integer' },
        { name: 'b', mode: 'INOUT', type: 'text', default: "'x'::text" },
        { name: 'c', mode: 'OUT', type: 'integer' },
        { name: 'd', mode: 'VARIADIC', type: 'integer[]', default: "'{}'::integer[]" },
      ],
      returns: 'record',
      language: 'sql',
      body: ' SELECT b, a ',
    },
    {
      name: 'f_atomic',
      kind: 'function',
      identityArgs: 'x integer',
      args: [{ name: 'x', type: 'integer' }],
      returns: 'integer',
      language: 'sql',
      body: 'BEGIN ATOMIC\n SELECT (x + 1);\nEND',
      sqlBody: true,
      volatility: 'IMMUTABLE',
    },
    {
      name: 'f_restricted',
      kind: 'function',
      identityArgs: '',
      args: [],
      returns: 'integer',
      language: 'sql',
      body: ' SELECT 1 ',
      parallel: 'RESTRICTED',
    },
    {
      name: 'f_return',
      kind: 'function',
      identityArgs: 'x integer',
      args: [{ name: 'x', type: 'integer' }],
      returns: 'integer',
      language: 'sql',
      body: 'RETURN (x * 2)',
      sqlBody: true,
    },
    {
      name: 'f_setof',
      kind: 'function',
      identityArgs: 'p integer',
      args: [{ name: 'p', type: 'integer' }],
      returns: 'SETOF public.film',
      language: 'sql',
      body: ' SELECT * FROM film WHERE id = p ',
      volatility: 'STABLE',
      rows: 50,
      dependsOn: [{ kind: 'table', schema: 'public', name: 'film' }],
    },
    {
      name: 'f_table',
      kind: 'function',
      identityArgs: 'p integer',
      args: [{ name: 'p', type: 'integer' }],
      returns: 'TABLE(id integer, title text)',
      language: 'plpgsql',
      body: ' BEGIN RETURN QUERY SELECT f.id, f.title FROM film f; END ',
      volatility: 'STABLE',
      strict: true,
    },
    {
      name: 'over',
      kind: 'function',
      identityArgs: 'x integer',
      args: [{ name: 'x', type: 'integer' }],
      returns: 'integer',
      language: 'sql',
      body: ' SELECT x ',
    },
    {
      name: 'over',
      kind: 'function',
      identityArgs: 'x text, y text',
      args: [
        { name: 'x', type: 'text' },
        { name: 'y', type: 'text' },
      ],
      returns: 'text',
      language: 'sql',
      body: ' SELECT x || y ',
      comment: 'Text version',
    },
  ];
  assert.deepStrictEqual(schemaOf(realm).functions, expected);
});

test('procedures: kind, arguments with modes and defaults, no return type', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE PROCEDURE add_to(IN a int, INOUT b int DEFAULT 0) LANGUAGE plpgsql AS $$ BEGIN b := a + b; END $$;
     COMMENT ON PROCEDURE add_to(int, int) IS 'Adds';`,
  );
  assert.deepStrictEqual(schemaOf(realm).functions, [
    {
      name: 'add_to',
      kind: 'procedure',
      identityArgs: 'IN a integer, INOUT b integer',
      args: [
        { name: 'a', type: 'integer' },
        { name: 'b', mode: 'INOUT', type: 'integer', default: '0' },
      ],
      language: 'plpgsql',
      body: ' BEGIN b := a + b; END ',
      comment: 'Adds',
    },
  ]);
});

test('aggregates: options list, comment, dependencies on their functions', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE FUNCTION acc(s int, v int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT s + v $$;
     CREATE FUNCTION fin(s int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT s::text $$;
     CREATE AGGREGATE agg_sum(int) (SFUNC = acc, STYPE = int, INITCOND = '0');
     CREATE AGGREGATE agg_fin(int) (SFUNC = acc, STYPE = int, FINALFUNC = fin, INITCOND = '0', PARALLEL = SAFE);
     CREATE AGGREGATE agg_builtin(text) (SFUNC = array_append, STYPE = text[]);
     COMMENT ON AGGREGATE agg_sum(int) IS 'Sums';`,
  );
  const acc = { kind: 'function' as const, schema: 'public', name: 'acc', args: 's integer, v integer' };
  assert.deepStrictEqual(schemaOf(realm).aggregates, [
    {
      name: 'agg_builtin',
      identityArgs: 'text',
      options: [
        { name: 'SFUNC', value: 'array_append' },
        { name: 'STYPE', value: 'text[]' },
      ],
    },
    {
      name: 'agg_fin',
      identityArgs: 'integer',
      options: [
        { name: 'SFUNC', value: 'public.acc' },
        { name: 'STYPE', value: 'integer' },
        { name: 'FINALFUNC', value: 'public.fin' },
        { name: 'INITCOND', value: '0' },
        { name: 'PARALLEL', value: 'SAFE' },
      ],
      dependsOn: [acc, { kind: 'function', schema: 'public', name: 'fin', args: 's integer' }],
    },
    {
      name: 'agg_sum',
      identityArgs: 'integer',
      options: [
        { name: 'SFUNC', value: 'public.acc' },
        { name: 'STYPE', value: 'integer' },
        { name: 'INITCOND', value: '0' },
      ],
      comment: 'Sums',
      dependsOn: [acc],
    },
  ]);
});

// ---------------------------------------------------------------- triggers

test('triggers: timing, events, UPDATE OF, statement level, WHEN, args, states, constraint, transition, INSTEAD OF', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE t (id int PRIMARY KEY, a int, b int);
     ${TRIGGER_FN}
     CREATE TRIGGER t_before BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg();
     COMMENT ON TRIGGER t_before ON t IS 'Touches';
     CREATE TRIGGER t_update_of AFTER UPDATE OF b, a ON t FOR EACH ROW EXECUTE FUNCTION trg();
     CREATE TRIGGER t_statement AFTER DELETE OR TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION trg();
     CREATE TRIGGER t_when AFTER UPDATE ON t FOR EACH ROW
       WHEN (OLD.a IS DISTINCT FROM NEW.a AND NEW.b > 0) EXECUTE FUNCTION trg();
     CREATE TRIGGER t_args AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg('one', 'two words', '');
     CREATE TRIGGER t_disabled AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
     ALTER TABLE t DISABLE TRIGGER t_disabled;
     CREATE TRIGGER t_always AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
     ALTER TABLE t ENABLE ALWAYS TRIGGER t_always;
     CREATE TRIGGER t_replica AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
     ALTER TABLE t ENABLE REPLICA TRIGGER t_replica;
     CREATE CONSTRAINT TRIGGER t_deferred AFTER INSERT OR UPDATE ON t
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trg();
     CREATE CONSTRAINT TRIGGER t_immediate AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
     CREATE TRIGGER t_transition AFTER UPDATE ON t REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION trg();
     CREATE VIEW v AS SELECT id, a FROM t;
     CREATE TRIGGER v_instead INSTEAD OF INSERT OR UPDATE ON v FOR EACH ROW EXECUTE FUNCTION trg();`,
  );
  assert.deepStrictEqual(tableOf(realm, 't').triggers, [
    trg('t_always', { enabled: 'ALWAYS' }),
    trg('t_args', { args: ['one', 'two words', ''] }),
    trg('t_before', { timing: 'BEFORE', events: ['INSERT', 'UPDATE'], comment: 'Touches' }),
    trg('t_deferred', {
      events: ['INSERT', 'UPDATE'],
      constraint: { deferrable: 'DEFERRABLE INITIALLY DEFERRED' },
    }),
    trg('t_disabled', { enabled: 'DISABLED' }),
    trg('t_immediate', { constraint: {} }),
    trg('t_replica', { enabled: 'REPLICA' }),
    trg('t_statement', { events: ['DELETE', 'TRUNCATE'], forEach: 'STATEMENT' }),
    trg('t_transition', {
      events: ['UPDATE'],
      forEach: 'STATEMENT',
      referencing: 'OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"',
    }),
    // In the order UPDATE OF names them (pg_trigger.tgattr keeps it).
    trg('t_update_of', { events: ['UPDATE'], updateOf: ['b', 'a'] }),
    trg('t_when', { events: ['UPDATE'], when: '((old.a IS DISTINCT FROM new.a) AND (new.b > 0))' }),
  ]);
  assert.deepStrictEqual(named(schemaOf(realm).views, 'v', 'view').triggers, [
    trg('v_instead', { timing: 'INSTEAD OF', events: ['INSERT', 'UPDATE'] }),
  ]);
});

test('triggers: a WHEN-like text inside a trigger argument is not a WHEN condition', async (t) => {
  // Bug: triggerWhen() searches pg_get_triggerdef() for " WHEN (" anywhere after " FOR EACH ",
  // so it finds one inside the literal arguments of EXECUTE FUNCTION.
  const realm = await inspectSql(
    t,
    `CREATE TABLE t (id int);
     ${TRIGGER_FN}
     CREATE TRIGGER t_args AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg('fires WHEN (cold)');`,
  );
  assert.deepStrictEqual(tableOf(realm, 't').triggers, [trg('t_args', { args: ['fires WHEN (cold)'] })]);
});

test('event triggers: event, tags, disabled state, comment; only when inspecting the whole database', async (t) => {
  const db = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    `CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
     CREATE EVENT TRIGGER e_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION evt();
     CREATE EVENT TRIGGER e_drop ON sql_drop EXECUTE FUNCTION evt();
     ALTER EVENT TRIGGER e_drop DISABLE;
     COMMENT ON EVENT TRIGGER e_ddl IS 'Logs DDL';`,
  );
  const evt = { schema: 'public', name: 'evt' };
  assert.deepStrictEqual((await inspectUrl(db.url)).eventTriggers, [
    {
      name: 'e_ddl',
      event: 'ddl_command_end',
      tags: ['CREATE TABLE', 'ALTER TABLE'],
      function: evt,
      comment: 'Logs DDL',
    },
    { name: 'e_drop', event: 'sql_drop', function: evt, enabled: 'DISABLED' },
  ]);
  assert.deepStrictEqual((await inspectUrl(db.url, { schemas: ['public'] })).eventTriggers, []);
  assert.deepStrictEqual((await inspectUrl(`${db.url}?search_path=public`)).eventTriggers, []);
});

// ---------------------------------------------------------------- types

test('enums: values in their declared order, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
     ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
     COMMENT ON TYPE mood IS 'Feelings';
     CREATE TYPE empty_enum AS ENUM ();`,
  );
  assert.deepStrictEqual(schemaOf(realm).enums, [
    { name: 'empty_enum', values: [] },
    { name: 'mood', values: ['sad', 'meh', 'ok', 'happy'], comment: 'Feelings' },
  ]);
});

test('domains: base type, default, NOT NULL, checks, collation, comments, domain over domain', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE DOMAIN price AS numeric(12,2) DEFAULT 0 NOT NULL
       CONSTRAINT price_pos CHECK (VALUE >= 0) CONSTRAINT price_max CHECK (VALUE < 1000000);
     COMMENT ON DOMAIN price IS 'Money';
     COMMENT ON CONSTRAINT price_pos ON DOMAIN price IS 'Non-negative';
     CREATE DOMAIN code AS text COLLATE "C";
     ALTER DOMAIN code ADD CONSTRAINT code_len CHECK (length(VALUE) = 2) NOT VALID;
     CREATE DOMAIN tags AS text[];
     CREATE DOMAIN pos_price AS price CHECK (VALUE > 0);`,
  );
  const price = { schema: 'public', name: 'price' };
  assert.deepStrictEqual(schemaOf(realm).domains, [
    {
      name: 'code',
      type: 'text',
      collation: '"C"',
      checks: [{ name: 'code_len', expr: '(length(VALUE) = 2)', notValid: true }],
    },
    {
      name: 'pos_price',
      type: 'public.price',
      ref: price,
      // A domain over a domain copies the base domain's default into its own pg_type row.
      default: '0',
      checks: [{ name: 'pos_price_check', expr: '((VALUE)::numeric > (0)::numeric)' }],
      dependsOn: [{ kind: 'type', ...price }],
    },
    {
      name: 'price',
      type: 'numeric(12,2)',
      default: '0',
      notNull: true,
      checks: [
        { name: 'price_max', expr: '(VALUE < (1000000)::numeric)' },
        { name: 'price_pos', expr: '(VALUE >= (0)::numeric)', comment: 'Non-negative' },
      ],
      comment: 'Money',
    },
    { name: 'tags', type: 'text[]', checks: [] },
  ]);
});

test('domains: a default naming a user type prints like every other expression', async (t) => {
  // Bug: the types query reads pg_type.typdefault, the text deparsed when the domain was created
  // (under that session's search_path), not pg_get_expr(typdefaultbin, 0) under the inspection's.
  const sql = `CREATE SCHEMA app;
     SET search_path = app;
     CREATE TYPE mood AS ENUM ('sad', 'ok');
     CREATE DOMAIN dmood AS mood DEFAULT 'ok';
     CREATE TABLE t (m mood DEFAULT 'ok');`;
  const whole = await inspectSql(t, sql);
  assert.deepStrictEqual(tableOf(whole, 't', 'app').columns[0]!.default, {
    kind: 'literal',
    value: "'ok'::app.mood",
  });
  assert.deepStrictEqual(named(schemaOf(whole, 'app').domains, 'dmood', 'domain'), {
    name: 'dmood',
    type: 'app.mood',
    ref: { schema: 'app', name: 'mood' },
    default: "'ok'::app.mood",
    checks: [],
    dependsOn: [{ kind: 'type', schema: 'app', name: 'mood' }],
  });
});

test('composite types: fields with types, refs, collation and comments', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE DOMAIN price AS numeric(12,2);
     CREATE TYPE addr AS (street text, city varchar(40) COLLATE "C", p price);
     COMMENT ON TYPE addr IS 'Address';
     COMMENT ON COLUMN addr.city IS 'The city';`,
  );
  assert.deepStrictEqual(schemaOf(realm).composites, [
    {
      name: 'addr',
      fields: [
        { name: 'street', type: 'text' },
        { name: 'city', type: 'character varying(40)', collation: '"C"', comment: 'The city' },
        { name: 'p', type: 'public.price', ref: { schema: 'public', name: 'price' } },
      ],
      comment: 'Address',
    },
  ]);
});

test('range types: subtype, options, custom multirange name, comment; constructors are not functions', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
     COMMENT ON TYPE floatrange IS 'Floats';
     CREATE TYPE textrange AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = textranges);`,
  );
  assert.deepStrictEqual(
    schemaOf(realm),
    sch('public', {
      ranges: [
        {
          name: 'floatrange',
          subtype: 'double precision',
          options: [{ name: 'SUBTYPE_DIFF', value: 'float8mi' }],
          comment: 'Floats',
        },
        {
          name: 'textrange',
          subtype: 'text',
          options: [
            { name: 'COLLATION', value: '"C"' },
            { name: 'MULTIRANGE_TYPE_NAME', value: 'public.textranges' },
          ],
        },
      ],
    }),
  );
});

test('range types: in a schema-bound inspection the default multirange name is no option', async (t) => {
  // Bug: defaultMultirangeName() always builds the schema-qualified name, but format_type()
  // prints the multirange unqualified when its schema is on the inspection's search_path.
  const realm = await inspectSql(t, `CREATE TYPE floatrange AS RANGE (SUBTYPE = float8);`, {
    searchPath: 'public',
  });
  assert.deepStrictEqual(schemaOf(realm).ranges, [
    { name: 'floatrange', subtype: 'double precision', options: [] },
  ]);
});

// ---------------------------------------------------------------- extensions

test("extensions: name, schema, version, comment; the extension's own objects are not user objects", async (t) => {
  const db = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    `CREATE EXTENSION citext;
     CREATE SCHEMA ext;
     CREATE EXTENSION hstore SCHEMA ext;
     COMMENT ON EXTENSION citext IS 'Case-insensitive text';
     CREATE TABLE t (e citext, h ext.hstore);`,
  );
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const versions = new Map<string, string>();
  try {
    const { rows } = await client.query<{ name: string; v: string }>(
      `SELECT extname AS name, extversion AS v FROM pg_extension`,
    );
    for (const r of rows) versions.set(r.name, r.v);
  } finally {
    await client.end();
  }
  const citext: Extension = {
    name: 'citext',
    schema: 'public',
    version: versions.get('citext')!,
    comment: 'Case-insensitive text',
  };
  // CREATE EXTENSION sets the comment of the control file; like pg_dump, inspection keeps it.
  const hstore: Extension = {
    name: 'hstore',
    schema: 'ext',
    version: versions.get('hstore')!,
    comment: 'data type for storing sets of (key, value) pairs',
  };
  assert.deepStrictEqual(await inspectUrl(db.url), {
    dialect: 'postgres',
    schemas: [
      sch('ext'),
      sch('public', {
        tables: [
          tbl('t', {
            columns: [
              col('e', ty('public.citext', 'public.citext', { ref: { schema: 'public', name: 'citext' } })),
              col('h', ty('ext.hstore', 'ext.hstore', { ref: { schema: 'ext', name: 'hstore' } })),
            ],
          }),
        ],
      }),
    ],
    extensions: [citext, hstore],
    eventTriggers: [],
  });
  // Scoped to some schemas: only the extensions installed in them.
  assert.deepStrictEqual((await inspectUrl(db.url, { schemas: ['ext'] })).extensions, [hstore]);
});

// ---------------------------------------------------------------- policies

test('policies: permissive/restrictive, command, sorted roles, USING, WITH CHECK, comment', async (t) => {
  const realm = await inspectSql(
    t,
    `${createRoles('insp_reader', 'insp_writer')}
     CREATE TABLE doc (id int, owner text, state text);
     ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
     CREATE POLICY doc_select ON doc FOR SELECT TO insp_writer, insp_reader USING (owner = current_user);
     COMMENT ON POLICY doc_select ON doc IS 'Readers';
     CREATE POLICY doc_insert ON doc AS PERMISSIVE FOR INSERT TO insp_writer WITH CHECK (state = 'draft');
     CREATE POLICY doc_update ON doc FOR UPDATE USING (owner = current_user) WITH CHECK (state <> 'void');
     CREATE POLICY doc_delete ON doc FOR DELETE TO PUBLIC USING (state = 'draft');
     CREATE POLICY doc_hidden ON doc AS RESTRICTIVE FOR ALL TO insp_reader USING (state <> 'hidden');`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'doc'),
    tbl('doc', {
      columns: [col('id', INT4), col('owner', TEXT), col('state', TEXT)],
      rls: { enabled: true, forced: false },
      policies: [
        {
          name: 'doc_delete',
          permissive: true,
          command: 'DELETE',
          roles: ['PUBLIC'],
          using: "(state = 'draft'::text)",
        },
        {
          name: 'doc_hidden',
          permissive: false,
          command: 'ALL',
          roles: ['insp_reader'],
          using: "(state <> 'hidden'::text)",
        },
        {
          name: 'doc_insert',
          permissive: true,
          command: 'INSERT',
          roles: ['insp_writer'],
          withCheck: "(state = 'draft'::text)",
        },
        {
          name: 'doc_select',
          permissive: true,
          command: 'SELECT',
          roles: ['insp_reader', 'insp_writer'],
          using: '(owner = CURRENT_USER)',
          comment: 'Readers',
        },
        {
          name: 'doc_update',
          permissive: true,
          command: 'UPDATE',
          roles: ['PUBLIC'],
          using: '(owner = CURRENT_USER)',
          withCheck: "(state <> 'void'::text)",
        },
      ],
    }),
  );
});

// ---------------------------------------------------------------- partitioning, inheritance, rules

test('partitioning: RANGE/LIST/HASH, sub-partitions, attached indexes; inherited objects not repeated', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE cust (id int PRIMARY KEY);
     ${TRIGGER_FN}
     CREATE TABLE orders (
       id int NOT NULL, cust_id int REFERENCES cust (id), at date NOT NULL, total numeric,
       CONSTRAINT orders_pkey PRIMARY KEY (id, at),
       CONSTRAINT orders_total_check CHECK (total >= 0)
     ) PARTITION BY RANGE (at);
     CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
     CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
       PARTITION BY RANGE (at);
     CREATE TABLE orders_2025_h1 PARTITION OF orders_2025 FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
     CREATE TABLE orders_default PARTITION OF orders DEFAULT;
     CREATE INDEX orders_cust_idx ON orders (cust_id, at DESC);
     CREATE TRIGGER orders_trg BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION trg();
     ALTER TABLE orders_2024 ADD CONSTRAINT orders_2024_small CHECK (total < 1000);
     CREATE TABLE items (order_id int, at date, FOREIGN KEY (order_id, at) REFERENCES orders (id, at));
     CREATE TABLE ev (kind text, x int) PARTITION BY LIST (kind);
     CREATE TABLE ev_ab PARTITION OF ev FOR VALUES IN ('a', 'b');
     CREATE TABLE h (id int, k text) PARTITION BY HASH (id, lower(k));
     CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
     CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);`,
  );
  const orderCols = [
    col('id', INT4, { nullable: false }),
    col('cust_id', INT4),
    col('at', ty('date'), { nullable: false }),
    col('total', ty('numeric')),
  ];
  const orders = { schema: 'public', name: 'orders' };
  const custIdx = (name: string, parent: string): Index => ({
    name,
    parts: [{ column: 'cust_id' }, { column: 'at', desc: true }],
    attachedTo: { schema: 'public', name: parent },
  });
  const byName = (n: string) => tableOf(realm, n);

  assert.deepStrictEqual(
    byName('orders'),
    tbl('orders', {
      columns: orderCols,
      partitioning: { strategy: 'RANGE', key: ['at'] },
      primaryKey: { name: 'orders_pkey', columns: ['id', 'at'] },
      foreignKeys: [
        {
          name: 'orders_cust_id_fkey',
          columns: ['cust_id'],
          references: { schema: 'public', name: 'cust', columns: ['id'] },
        },
      ],
      checks: [{ name: 'orders_total_check', expr: '(total >= (0)::numeric)' }],
      indexes: [{ name: 'orders_cust_idx', parts: [{ column: 'cust_id' }, { column: 'at', desc: true }] }],
      triggers: [trg('orders_trg', { timing: 'BEFORE', events: ['UPDATE'] })],
    }),
  );
  // Partitions: no copy of the parent's PK, FK, CHECK or trigger; their own CHECK stays.
  assert.deepStrictEqual(
    byName('orders_2024'),
    tbl('orders_2024', {
      columns: orderCols,
      partitionOf: { parent: orders, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" },
      checks: [{ name: 'orders_2024_small', expr: '(total < (1000)::numeric)' }],
      indexes: [custIdx('orders_2024_cust_id_at_idx', 'orders_cust_idx')],
    }),
  );
  assert.deepStrictEqual(
    byName('orders_2025'),
    tbl('orders_2025', {
      columns: orderCols,
      partitioning: { strategy: 'RANGE', key: ['at'] },
      partitionOf: { parent: orders, bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')" },
      indexes: [custIdx('orders_2025_cust_id_at_idx', 'orders_cust_idx')],
    }),
  );
  assert.deepStrictEqual(
    byName('orders_2025_h1'),
    tbl('orders_2025_h1', {
      columns: orderCols,
      partitionOf: {
        parent: { schema: 'public', name: 'orders_2025' },
        bound: "FOR VALUES FROM ('2025-01-01') TO ('2025-07-01')",
      },
      indexes: [custIdx('orders_2025_h1_cust_id_at_idx', 'orders_2025_cust_id_at_idx')],
    }),
  );
  assert.deepStrictEqual(
    byName('orders_default'),
    tbl('orders_default', {
      columns: orderCols,
      partitionOf: { parent: orders, bound: 'DEFAULT' },
      indexes: [custIdx('orders_default_cust_id_at_idx', 'orders_cust_idx')],
    }),
  );
  // An FK to a partitioned table is one constraint, not one per partition.
  assert.deepStrictEqual(byName('items').foreignKeys, [
    {
      name: 'items_order_id_at_fkey',
      columns: ['order_id', 'at'],
      references: { ...orders, columns: ['id', 'at'] },
    },
  ]);
  const evCols = [col('kind', TEXT), col('x', INT4)];
  assert.deepStrictEqual(
    byName('ev'),
    tbl('ev', { columns: evCols, partitioning: { strategy: 'LIST', key: ['kind'] } }),
  );
  assert.deepStrictEqual(
    byName('ev_ab'),
    tbl('ev_ab', {
      columns: evCols,
      partitionOf: { parent: { schema: 'public', name: 'ev' }, bound: "FOR VALUES IN ('a', 'b')" },
    }),
  );
  const hCols = [col('id', INT4), col('k', TEXT)];
  assert.deepStrictEqual(
    byName('h'),
    tbl('h', { columns: hCols, partitioning: { strategy: 'HASH', key: ['id', 'lower(k)'] } }),
  );
  assert.deepStrictEqual(
    byName('h1'),
    tbl('h1', {
      columns: hCols,
      partitionOf: {
        parent: { schema: 'public', name: 'h' },
        bound: 'FOR VALUES WITH (modulus 2, remainder 1)',
      },
    }),
  );
});

test('inheritance: INHERITS parents in order, inherited columns marked, inherited checks not repeated', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE base (id int NOT NULL, note text, CONSTRAINT base_id_check CHECK (id > 0));
     CREATE TABLE extra (flag boolean);
     CREATE TABLE child (own text, note text) INHERITS (base, extra);`,
  );
  assert.deepStrictEqual(
    tableOf(realm, 'child'),
    tbl('child', {
      columns: [
        col('id', INT4, { nullable: false, inherited: true }),
        // Declared again by the child: merged, but local.
        col('note', TEXT),
        col('flag', ty('boolean', 'bool'), { inherited: true }),
        col('own', TEXT),
      ],
      inherits: [
        { schema: 'public', name: 'base' },
        { schema: 'public', name: 'extra' },
      ],
      dependsOn: [
        { kind: 'table', schema: 'public', name: 'base' },
        { kind: 'table', schema: 'public', name: 'extra' },
      ],
    }),
  );
  assert.deepStrictEqual(tableOf(realm, 'base').checks, [{ name: 'base_id_check', expr: '(id > 0)' }]);
});

test('rules: CREATE RULE on a table, with comment and dependencies', async (t) => {
  const realm = await inspectSql(
    t,
    `CREATE TABLE ruled (id int);
     CREATE TABLE ruled_log (id int);
     CREATE RULE ruled_log_insert AS ON INSERT TO ruled DO ALSO INSERT INTO ruled_log VALUES (NEW.id);
     CREATE RULE ruled_no_delete AS ON DELETE TO ruled DO INSTEAD NOTHING;
     COMMENT ON RULE ruled_no_delete ON ruled IS 'No deletes';`,
  );
  const ruled = { kind: 'table' as const, schema: 'public', name: 'ruled' };
  assert.deepStrictEqual(
    tableOf(realm, 'ruled'),
    tbl('ruled', {
      columns: [col('id', INT4)],
      rules: [
        {
          name: 'ruled_log_insert',
          definition:
            'CREATE RULE ruled_log_insert AS\n    ON INSERT TO public.ruled DO  INSERT INTO public.ruled_log (id)\n  VALUES (new.id)',
          dependsOn: [ruled, { kind: 'table', schema: 'public', name: 'ruled_log' }],
        },
        {
          name: 'ruled_no_delete',
          definition: 'CREATE RULE ruled_no_delete AS\n    ON DELETE TO public.ruled DO INSTEAD NOTHING',
          comment: 'No deletes',
          dependsOn: [ruled],
        },
      ],
    }),
  );
});

// ---------------------------------------------------------------- scope

test('scope: --schema lists only the given schemas; an unknown one is NO_SCHEMA', async (t) => {
  const db = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    `CREATE SCHEMA app; CREATE SCHEMA other;
     CREATE TABLE app.a (id int); CREATE TABLE other.o (id int); CREATE TABLE public.p (id int);
     CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
     CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION evt();`,
  );
  const one = (n: string) => [tbl(n, { columns: [col('id', INT4)] })];
  assert.deepStrictEqual(await inspectUrl(db.url, { schemas: ['app'] }), {
    dialect: 'postgres',
    schemas: [sch('app', { tables: one('a') })],
    extensions: [],
    eventTriggers: [],
  });
  const two = await inspectUrl(db.url, { schemas: ['other', 'app', 'other'] });
  assert.deepStrictEqual(two.schemas, [sch('app', { tables: one('a') }), sch('other', { tables: one('o') })]);

  await assert.rejects(inspectUrl(db.url, { schemas: ['app', 'nope'] }), (e: unknown) => {
    assert.ok(isUserError(e), `expected a UserError, got ${e}`);
    assert.equal(e.code, 'NO_SCHEMA');
    assert.match(e.message, /"nope"/);
    return true;
  });
});

test('scope: a search_path-bound URL inspects that schema with unqualified names', async (t) => {
  const db = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    `CREATE SCHEMA app;
     SET search_path = app;
     CREATE TYPE mood AS ENUM ('sad', 'ok');
     CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'ok');
     CREATE TABLE u (t_id int REFERENCES t (id));
     CREATE VIEW v AS SELECT t.id, u.t_id FROM t JOIN u ON u.t_id = t.id WHERE t.m = 'ok';
     CREATE FUNCTION f(x mood) RETURNS SETOF t LANGUAGE sql AS $$ SELECT * FROM t WHERE m = x $$;
     RESET search_path;
     CREATE TABLE public.elsewhere (id int);`,
  );
  const mood = { schema: 'app', name: 'mood' };
  const bound = await inspectUrl(`${db.url}?search_path=app`);
  assert.deepStrictEqual(
    bound.schemas.map((s) => s.name),
    ['app'],
  );
  const app = schemaOf(bound, 'app');
  assert.deepStrictEqual(
    named(app.tables, 't', 'table'),
    tbl('t', {
      columns: [
        col('id', INT4, { nullable: false }),
        col('m', ty('mood', 'mood', { ref: mood }), { default: { kind: 'literal', value: "'ok'::mood" } }),
      ],
      primaryKey: { name: 't_pkey', columns: ['id'] },
      dependsOn: [{ kind: 'type', ...mood }],
    }),
  );
  // References are model refs and keep their schema; only printed SQL loses it.
  assert.deepStrictEqual(named(app.tables, 'u', 'table').foreignKeys, [
    { name: 'u_t_id_fkey', columns: ['t_id'], references: { schema: 'app', name: 't', columns: ['id'] } },
  ]);
  assert.equal(
    named(app.views, 'v', 'view').definition,
    " SELECT t.id,\n    u.t_id\n   FROM (t\n     JOIN u ON ((u.t_id = t.id)))\n  WHERE (t.m = 'ok'::mood);",
  );
  const f = named(app.functions, 'f', 'function');
  assert.deepStrictEqual(
    [f.identityArgs, f.returns, f.args],
    ['x mood', 'SETOF t', [{ name: 'x', type: 'mood' }]],
  );

  // The same schema inspected unbound prints qualified names.
  const unbound = schemaOf(await inspectUrl(db.url, { schemas: ['app'] }), 'app');
  assert.equal(named(unbound.tables, 't', 'table').columns[1]!.type.raw, 'app.mood');
  // Bound, but asked for more schemas: qualified again.
  const wider = await inspectUrl(`${db.url}?search_path=app`, { schemas: ['app', 'public'] });
  assert.equal(tableOf(wider, 't', 'app').columns[1]!.type.raw, 'app.mood');
  assert.deepStrictEqual(tableOf(wider, 'elsewhere').columns, [col('id', INT4)]);
});

test('scope: a search_path-bound URL prints opclasses and collations of that schema unqualified', async (t) => {
  // Bug: the indexParts query (and the columns/types queries for collations) qualify every
  // opclass and collation outside pg_catalog, whatever the search_path; pg_get_indexdef()
  // qualifies only what is not visible (pg_opclass_is_visible / pg_collation_is_visible).
  const realm = await inspectSql(
    t,
    `CREATE EXTENSION pg_trgm;
     CREATE COLLATION mycoll FROM "C";
     CREATE TABLE t (name text, label text COLLATE mycoll);
     CREATE INDEX t_trgm ON t USING gin (name gin_trgm_ops);
     CREATE INDEX t_coll ON t (name COLLATE mycoll);`,
    { searchPath: 'public' },
  );
  assert.deepStrictEqual(tableOf(realm, 't'), {
    ...tbl('t', {
      columns: [col('name', TEXT), col('label', TEXT, { collation: 'mycoll' })],
      indexes: [
        { name: 't_coll', parts: [{ column: 'name', collation: 'mycoll' }] },
        { name: 't_trgm', method: 'gin', parts: [{ column: 'name', opclass: 'gin_trgm_ops' }] },
      ],
    }),
  });
});

test('collations: a user collation is spelled the same on columns, indexes and domains', async (t) => {
  // Bug: buildColumns() builds `"schema".name` with JSON.stringify (always quoted, JSON
  // escaping), while indexes and domains get `schema.name` from quote_ident().
  const realm = await inspectSql(
    t,
    `CREATE COLLATION mycoll FROM "C";
     CREATE TABLE t (x text COLLATE mycoll, y text);
     CREATE INDEX t_y ON t (y COLLATE mycoll);
     CREATE DOMAIN d AS text COLLATE mycoll;`,
  );
  const s = schemaOf(realm);
  const spellings = [
    named(s.tables, 't', 'table').columns[0]!.collation,
    named(s.tables, 't', 'table').indexes[0]!.parts[0]!.collation,
    named(s.domains, 'd', 'domain').collation,
  ];
  assert.deepStrictEqual(spellings, ['public.mycoll', 'public.mycoll', 'public.mycoll']);
});

test('scope: exclude globs on schemas, objects and table children', async (t) => {
  const db = await freshPgDatabase(t);
  await psqlExec(
    db.url,
    `CREATE SCHEMA app; CREATE SCHEMA tmp_a; CREATE SCHEMA tmp_b;
     CREATE TABLE app.users (id int PRIMARY KEY, email text, secret_hash text, secret_salt text);
     CREATE INDEX users_email_idx ON app.users (email);
     CREATE TABLE app.audit_2024 (id int);
     CREATE TABLE app.audit_2025 (id int);
     CREATE TABLE app.keep (id int);
     CREATE TABLE tmp_a.x (id int);
     CREATE TABLE tmp_b.y (id int);
     CREATE VIEW app.v AS SELECT id FROM app.keep;`,
  );
  const keep = tbl('keep', { columns: [col('id', INT4)] });
  const users = (indexes: Index[]) =>
    tbl('users', {
      columns: [col('id', INT4, { nullable: false }), col('email', TEXT)],
      primaryKey: { name: 'users_pkey', columns: ['id'] },
      indexes,
    });
  const realm = await inspectUrl(db.url, {
    exclude: ['tmp_*', 'app.audit_*', 'app.users.secret_*', 'app.users.users_email_idx', 'app.v'],
  });
  assert.deepStrictEqual(realm.schemas, [sch('app', { tables: [keep, users([])] }), sch('public')]);

  // `*` stays within one segment: `*.secret_*` names objects, not columns; `tmp_a.*` keeps the schema.
  const shallow = await inspectUrl(db.url, { exclude: ['*.secret_*', 'tmp_a.*', 'public', 'app.audit_*'] });
  assert.deepStrictEqual(
    shallow.schemas.map((s) => [s.name, s.tables.map((x) => [x.name, x.columns.length])]),
    [
      [
        'app',
        [
          ['keep', 1],
          ['users', 4],
        ],
      ],
      ['tmp_a', []],
      ['tmp_b', [['y', 1]]],
    ],
  );
  const deep = await inspectUrl(db.url, { exclude: ['*.*.secret_*'] });
  assert.deepStrictEqual(
    tableOf(deep, 'users', 'app').columns.map((c) => c.name),
    ['id', 'email'],
  );

  // Bound to a schema, paths start at the object.
  const bound = await inspectUrl(`${db.url}?search_path=app`, {
    exclude: ['audit_*', 'users.secret_*', 'v', 'app.keep'],
  });
  assert.deepStrictEqual(bound.schemas, [
    sch('app', { tables: [keep, users([{ name: 'users_email_idx', parts: [{ column: 'email' }] }])] }),
  ]);
});

// ---------------------------------------------------------------- fingerprint

test('fingerprint: equal for one schema created in different orders, different when a type differs', async (t) => {
  const inOrder = `
    CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors (id), title text, isbn text UNIQUE);
    CREATE INDEX authors_name_idx ON authors (name);
    CREATE INDEX books_title_idx ON books (title);
    ALTER TABLE books ADD CONSTRAINT books_title_check CHECK (title <> '');
    CREATE FUNCTION book_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM books $$;
    CREATE VIEW book_titles AS SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id;`;
  const shuffled = `
    CREATE FUNCTION book_count() RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint $$;
    CREATE TABLE books (id int, author_id int, title text, isbn text);
    CREATE INDEX books_title_idx ON books (title);
    CREATE TABLE authors (id int, name text NOT NULL);
    ALTER TABLE books ADD CONSTRAINT books_title_check CHECK (title <> '');
    ALTER TABLE books ADD CONSTRAINT books_isbn_key UNIQUE (isbn);
    CREATE INDEX authors_name_idx ON authors (name);
    ALTER TABLE authors ADD PRIMARY KEY (id);
    ALTER TABLE books ADD PRIMARY KEY (id);
    ALTER TABLE books ADD FOREIGN KEY (author_id) REFERENCES authors (id);
    CREATE VIEW book_titles AS SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id;
    CREATE OR REPLACE FUNCTION book_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM books $$;`;
  const [a, b, c] = await Promise.all([
    inspectSql(t, inOrder),
    inspectSql(t, shuffled),
    inspectSql(t, inOrder.replace('title text,', 'title varchar(200),')),
  ]);
  assert.deepStrictEqual(b, a);
  assert.equal(fingerprint(b), fingerprint(a));
  assert.match(fingerprint(a), /^[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(fingerprint(c), fingerprint(a));
});

// ---------------------------------------------------------------- PGlite

/** Version-dependent text: deparsed view bodies (PostgreSQL 16 changed them) and extension versions. */
function withoutVersionText(realm: Realm): Realm {
  const copy = structuredClone(realm);
  for (const s of copy.schemas) {
    for (const v of [...s.views, ...s.materializedViews]) {
      assert.match(v.definition, /^ SELECT /);
      v.definition = '<definition>';
    }
  }
  for (const e of copy.extensions) e.version = '<version>';
  return copy;
}

test('PGlite: the every-kind fixture inspects like on the server (modulo version-dependent text)', async (t) => {
  const sql = await readFile(ALL_KINDS, 'utf8');
  const dir = await mkdtemp(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'pglite-'));
  const driver = await PostgresDriver.open(`pglite://${dir}`);
  let lite: Realm;
  try {
    assert.ok(driver.serverVersion >= 180000, `PGlite runs PostgreSQL ${driver.serverVersion}`);
    // conn.ts registers PGlite's contrib bundles, so CREATE EXTENSION works as on a server.
    await driver.execScript(sql);
    lite = await driver.inspect();
  } finally {
    await driver.close();
  }
  const db = await freshPgDatabase(t);
  await psqlFile(db.url, ALL_KINDS);
  const server = await inspectUrl(db.url);

  const count = (r: Realm, f: (s: Schema) => unknown[]) => r.schemas.reduce((n, s) => n + f(s).length, 0);
  assert.deepStrictEqual(
    [
      count(server, (s) => s.tables),
      count(server, (s) => s.views),
      count(server, (s) => s.materializedViews),
    ],
    [25, 6, 2],
  );
  assert.deepStrictEqual(
    lite.extensions.map((e) => `${e.schema}.${e.name}`),
    ['public.btree_gist', 'public.citext', 'billing.hstore', 'public.pg_trgm'],
  );
  assert.equal(lite.eventTriggers.length, 2);
  assert.deepStrictEqual(withoutVersionText(lite), withoutVersionText(server));
  // PostgreSQL 18 prints single-table view columns unqualified.
  assert.equal(
    named(schemaOf(lite).views, 'active_customers', 'view').definition,
    ' SELECT id,\n    email,\n    username,\n    full_name,\n    country,\n    created_at\n   FROM public.customers\n  WHERE (deleted_at IS NULL);',
  );
});
