// Unit tests of creation DDL for hand-built realms (exact SQL and dependency order), then the
// same scripts executed on fresh PostgreSQL databases to prove they run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshPgDatabase, psqlExec } from '../../../test/helpers/db.ts';
import { formatScript } from '../../plan/script.ts';
import {
  type Column,
  type ColumnType,
  emptyRealm,
  emptySchema,
  emptyTable,
  type Func,
  type Identity,
  type Realm,
  type Schema,
  type Table,
  type View,
} from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import { createStatements } from './render.ts';

// ---------------------------------------------------------------- builders

const T = {
  int: { raw: 'integer', normalized: 'int4' },
  bigint: { raw: 'bigint', normalized: 'int8' },
  text: { raw: 'text', normalized: 'text' },
} satisfies Record<string, ColumnType>;

const userType = (schema: string, name: string, raw = `${schema}.${name}`): ColumnType => ({
  raw,
  normalized: raw,
  ref: { schema, name },
});

const col = (name: string, type: ColumnType = T.int, extra: Partial<Column> = {}): Column => ({
  name,
  type,
  nullable: true,
  ...extra,
});

const pkCol = (name = 'id', type: ColumnType = T.int): Column => col(name, type, { nullable: false });

function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { ...emptyTable(name), columns, ...extra };
}

const withPk = (name: string, columns: Column[], extra: Partial<Table> = {}): Table =>
  table(name, [pkCol(), ...columns], { primaryKey: { name: `${name}_pkey`, columns: ['id'] }, ...extra });

function realmOf(...schemas: Schema[]): Realm {
  const r = emptyRealm('postgres');
  r.schemas.push(...schemas);
  return r;
}

function schemaWith(name: string, fill: (s: Schema) => void): Schema {
  const s = emptySchema(name);
  fill(s);
  return s;
}

const view = (name: string, definition: string, extra: Partial<View> = {}): View => ({
  name,
  definition,
  columns: [],
  triggers: [],
  ...extra,
});

const func = (name: string, body: string, extra: Partial<Func> = {}): Func => ({
  name,
  kind: 'function',
  identityArgs: '',
  args: [],
  returns: 'integer',
  language: 'sql',
  body,
  ...extra,
});

const identity = (generation: Identity['generation'], seq: Partial<Identity['sequence']> = {}): Identity => ({
  generation,
  sequence: {
    start: '1',
    increment: '1',
    min: '1',
    max: '9223372036854775807',
    cache: '1',
    cycle: false,
    ...seq,
  },
});

const render = (realm: Realm, qualify = true): Stmt[] => createStatements(realm, { qualify });
/** Statements without the objects they touch (asserted on their own below). */
const withoutObjects = (stmts: Stmt[]) => stmts.map(({ objects: _, ...s }) => s);
const comments = (stmts: Stmt[]) => stmts.map((s) => s.comment ?? s.sql);
const indexOf = (stmts: Stmt[], pattern: RegExp) => {
  const i = stmts.findIndex((s) => pattern.test(s.sql));
  assert.ok(i >= 0, `no statement matches ${pattern}:\n${formatScript(stmts)}`);
  return i;
};

// ---------------------------------------------------------------- realms

/** One table using every column and table feature the renderer knows. */
function featuresRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.comment = "the app's schema";
      s.enums.push({ name: 'mood', values: ['ok', "it's"], comment: 'feelings' });
      s.tables.push(
        table(
          'items',
          [
            col('id', T.bigint, { nullable: false, identity: identity('ALWAYS') }),
            col('small_id', T.int, {
              nullable: false,
              identity: identity('BY DEFAULT', {
                type: 'integer',
                start: '100',
                increment: '10',
                min: '5',
                max: '1000000',
                cache: '5',
                cycle: true,
              }),
            }),
            col('down_id', T.int, {
              nullable: false,
              identity: identity('ALWAYS', {
                type: 'integer',
                start: '-1',
                increment: '-1',
                min: '-2147483648',
                max: '-1',
              }),
            }),
            col('name', T.text, {
              nullable: false,
              collation: '"C"',
              default: { kind: 'literal', value: "'x'::text" },
              comment: "the item's name",
            }),
            col('mood', userType('app', 'mood')),
            col(
              'total',
              { raw: 'numeric(10,2)', normalized: 'numeric(10,2)' },
              {
                generated: { expr: '(small_id * 2)', stored: true },
              },
            ),
            col('during', { raw: 'tsrange', normalized: 'tsrange' }),
            col('tags', { raw: 'text[]', normalized: 'text[]', arrayDims: 1 }),
            // The catalog prints one [] whatever the declared dimensions.
            col('matrix', { raw: 'integer[]', normalized: 'int4[]', arrayDims: 2 }),
            col('parent_id', T.bigint),
            col('Weird "Col"', T.text, { default: { kind: 'expr', value: 'now()::text' } }),
          ],
          {
            comment: 'things\nwith a C:\\path',
            primaryKey: {
              name: 'items_pkey',
              columns: ['id'],
              include: ['name'],
              storageParams: [{ name: 'fillfactor', value: '90' }],
              comment: 'pk',
            },
            uniques: [
              { name: 'items_name_mood_key', columns: ['name', 'mood'], nullsNotDistinct: true },
              { name: 'items_small_key', columns: ['small_id'], deferrable: 'DEFERRABLE INITIALLY DEFERRED' },
            ],
            checks: [
              { name: 'items_id_check', expr: '(id > 0)', noInherit: true },
              { name: 'items_name_check', expr: "(name <> '')", notValid: true, comment: 'later' },
            ],
            exclusions: [{ name: 'items_during_excl', definition: 'EXCLUDE USING gist (during WITH &&)' }],
            foreignKeys: [
              {
                name: 'items_parent_fk',
                columns: ['parent_id'],
                references: { schema: 'app', name: 'items', columns: ['id'] },
                onDelete: 'SET NULL',
                onUpdate: 'CASCADE',
                match: 'FULL',
                deferrable: 'DEFERRABLE',
              },
            ],
            indexes: [
              {
                name: 'items_lower_name_idx',
                parts: [
                  { expr: 'lower(name)', desc: true, nulls: 'LAST' },
                  { column: 'mood', nulls: 'FIRST' },
                  { column: 'name', collation: '"POSIX"', opclass: 'text_pattern_ops' },
                ],
                include: ['total'],
                storageParams: [{ name: 'fillfactor', value: '80' }],
                where: '(total > (0)::numeric)',
                comment: 'search',
              },
              { name: 'items_tags_idx', method: 'gin', unique: false, parts: [{ column: 'tags' }] },
              { name: 'items_name_uidx', unique: true, parts: [{ column: 'name' }], nullsNotDistinct: true },
            ],
            policies: [
              { name: 'items_read', permissive: true, command: 'SELECT', roles: ['PUBLIC'], using: 'true' },
            ],
            rls: { enabled: true, forced: true },
            storageParams: [{ name: 'fillfactor', value: '70' }],
          },
        ),
      );
      s.sequences.push(
        {
          name: 'big_seq',
          start: '1',
          increment: '1',
          min: '1',
          max: '9223372036854775807',
          cache: '1',
          cycle: false,
        },
        {
          name: 'int_seq',
          type: 'integer',
          start: '10',
          increment: '1',
          min: '10',
          max: '2147483647',
          cache: '1',
          cycle: false,
          ownedBy: { table: 'items', column: 'parent_id' },
          comment: 'owned',
        },
      );
    }),
  );
}

/** a <-> b reference each other; b also has an index, so "the end" is after the indexes. */
function fkCycleRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.tables.push(
        withPk('a', [col('b_id')], {
          foreignKeys: [
            {
              name: 'a_b_fk',
              columns: ['b_id'],
              references: { schema: 'app', name: 'b', columns: ['id'] },
              comment: 'closes the cycle',
            },
          ],
        }),
        withPk('b', [col('a_id')], {
          foreignKeys: [
            {
              name: 'b_a_fk',
              columns: ['a_id'],
              references: { schema: 'app', name: 'a', columns: ['id'] },
              onDelete: 'CASCADE',
            },
          ],
          indexes: [{ name: 'b_a_id_idx', parts: [{ column: 'a_id' }] }],
        }),
      );
    }),
  );
}

/** child references parent's primary key (a constraint) and parent.code (only a unique index). */
function uniqueIndexFkRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.tables.push(
        withPk('child', [col('parent_id'), col('parent_code', T.text)], {
          foreignKeys: [
            {
              name: 'child_parent_code_fk',
              columns: ['parent_code'],
              references: { schema: 'app', name: 'parent', columns: ['code'] },
            },
            {
              name: 'child_parent_id_fk',
              columns: ['parent_id'],
              references: { schema: 'app', name: 'parent', columns: ['id'] },
            },
          ],
        }),
        withPk('parent', [col('code', T.text, { nullable: false })], {
          indexes: [{ name: 'parent_code_idx', unique: true, parts: [{ column: 'code' }] }],
        }),
      );
    }),
  );
}

/** Types named so that their own order would be wrong: dependencies must win. */
function typesRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.enums.push({ name: 'zz_mood', values: ['a', 'b'] });
      s.domains.push({
        name: 'z_dom',
        type: 'app.zz_mood',
        ref: { schema: 'app', name: 'zz_mood' },
        notNull: true,
        default: "'a'::app.zz_mood",
        checks: [{ name: 'z_dom_check', expr: "VALUE <> 'b'::app.zz_mood" }],
      });
      s.composites.push(
        {
          name: 'b_comp',
          fields: [{ name: 'm', type: 'app.zz_mood', ref: { schema: 'app', name: 'zz_mood' } }],
        },
        // A table's row type: the composite must come after the table.
        {
          name: 'a_row',
          fields: [{ name: 'r', type: 'app.m_table', ref: { schema: 'app', name: 'm_table' } }],
        },
      );
      s.ranges.push({ name: 'c_range', subtype: 'integer', options: [] });
      s.tables.push(
        table('m_table', [
          col('d', userType('app', 'z_dom')),
          col('c', userType('app', 'b_comp')),
          col('r', userType('app', 'c_range')),
        ]),
      );
    }),
  );
}

/** Views named against their dependency order, over a table, with a materialized view on top. */
function viewsRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.tables.push(withPk('z_base', [col('n')]));
      s.views.push(
        view('a_top', 'SELECT id, n FROM app.m_mid WHERE n > 1', {
          dependsOn: [{ kind: 'view', schema: 'app', name: 'm_mid' }],
        }),
        view('m_mid', ' SELECT id, n FROM app.z_base;', {
          dependsOn: [{ kind: 'table', schema: 'app', name: 'z_base' }],
          checkOption: 'CASCADED',
          securityBarrier: true,
          comment: 'middle',
          columns: [{ name: 'n', type: 'integer', comment: 'the n' }],
        }),
      );
      s.materializedViews.push({
        name: 'b_mv',
        definition: 'SELECT count(*) AS c FROM app.a_top',
        dependsOn: [{ kind: 'view', schema: 'app', name: 'a_top' }],
        columns: [],
        indexes: [{ name: 'b_mv_c_idx', parts: [{ column: 'c' }] }],
        withData: true,
      });
    }),
  );
}

/** SQL functions (body checked at creation, dependencies not recorded) must follow the views. */
function functionsRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.tables.push(withPk('t', []));
      s.views.push(
        view('z_view', 'SELECT id FROM app.t', { dependsOn: [{ kind: 'table', schema: 'app', name: 't' }] }),
      );
      s.functions.push(
        func('a_count', 'SELECT count(*)::integer FROM app.z_view', { volatility: 'STABLE' }),
        func('b_atomic', 'RETURN 1', { sqlBody: true, volatility: 'IMMUTABLE', parallel: 'SAFE' }),
        func('z_plpgsql', 'BEGIN RETURN (SELECT count(*) FROM app.t); END', {
          language: 'plpgsql',
          args: [{ name: 'x', type: 'integer', default: '0' }],
          identityArgs: 'x integer',
          strict: true,
          cost: 50,
          config: [{ name: 'search_path', value: 'app, pg_temp' }],
          comment: 'counts',
        }),
      );
    }),
  );
}

/** Triggers on a table and on a view, with an overloaded trigger function name. */
function triggersRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.tables.push(
        withPk('t', [col('n')], {
          triggers: [
            {
              name: 't_audit',
              timing: 'BEFORE',
              events: ['INSERT', 'UPDATE'],
              updateOf: ['n'],
              forEach: 'ROW',
              when: '(new.n IS NOT NULL)',
              function: { schema: 'app', name: 'a_audit' },
              args: ["it's", 'x'],
              enabled: 'REPLICA',
              comment: 'audits',
            },
          ],
        }),
      );
      s.views.push(
        view('v', 'SELECT id, n FROM app.t', {
          dependsOn: [{ kind: 'table', schema: 'app', name: 't' }],
          triggers: [
            {
              name: 'v_write',
              timing: 'INSTEAD OF',
              events: ['INSERT'],
              forEach: 'ROW',
              function: { schema: 'app', name: 'z_view_write' },
            },
          ],
        }),
      );
      s.functions.push(
        func('a_audit', 'BEGIN RETURN NEW; END', { language: 'plpgsql', returns: 'trigger' }),
        // An overload of the trigger function's name (trigger functions themselves take no arguments).
        func('a_audit', 'BEGIN RETURN x; END', {
          language: 'plpgsql',
          identityArgs: 'x integer',
          args: [{ name: 'x', type: 'integer' }],
        }),
        func('z_view_write', 'BEGIN INSERT INTO app.t VALUES (NEW.id, NEW.n); RETURN NEW; END', {
          language: 'plpgsql',
          returns: 'trigger',
        }),
      );
    }),
  );
}

// ---------------------------------------------------------------- exact SQL

describe('createStatements: SQL', () => {
  test('a table with every column and table feature', () => {
    assert.deepEqual(withoutObjects(render(featuresRealm())), [
      { sql: 'CREATE SCHEMA IF NOT EXISTS "app"', comment: 'Add "app" schema' },
      { sql: `COMMENT ON SCHEMA "app" IS 'the app''s schema'` },
      { sql: `CREATE TYPE "app"."mood" AS ENUM ('ok', 'it''s')`, comment: 'Create enum type "mood"' },
      { sql: `COMMENT ON TYPE "app"."mood" IS 'feelings'` },
      { sql: 'CREATE SEQUENCE "app"."big_seq"', comment: 'Create "big_seq" sequence' },
      { sql: 'CREATE SEQUENCE "app"."int_seq" AS integer MINVALUE 10', comment: 'Create "int_seq" sequence' },
      { sql: `COMMENT ON SEQUENCE "app"."int_seq" IS 'owned'` },
      {
        sql: [
          'CREATE TABLE "app"."items" (',
          '  "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,',
          '  "small_id" integer GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 10 MINVALUE 5 MAXVALUE 1000000 START WITH 100 CACHE 5 CYCLE) NOT NULL,',
          '  "down_id" integer GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1) NOT NULL,',
          `  "name" text COLLATE "C" NOT NULL DEFAULT 'x'::text,`,
          '  "mood" app.mood,',
          '  "total" numeric(10,2) GENERATED ALWAYS AS ((small_id * 2)) STORED,',
          '  "during" tsrange,',
          '  "tags" text[],',
          '  "matrix" integer[][],',
          '  "parent_id" bigint,',
          '  "Weird ""Col""" text DEFAULT now()::text,',
          '  CONSTRAINT "items_pkey" PRIMARY KEY ("id") INCLUDE ("name") WITH (fillfactor=90),',
          '  CONSTRAINT "items_name_mood_key" UNIQUE NULLS NOT DISTINCT ("name", "mood"),',
          '  CONSTRAINT "items_small_key" UNIQUE ("small_id") DEFERRABLE INITIALLY DEFERRED,',
          '  CONSTRAINT "items_id_check" CHECK ((id > 0)) NO INHERIT,',
          '  CONSTRAINT "items_during_excl" EXCLUDE USING gist (during WITH &&),',
          '  CONSTRAINT "items_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "app"."items" ("id") MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE',
          ') WITH (fillfactor=70)',
        ].join('\n'),
        comment: 'Create "items" table',
      },
      { sql: `ALTER TABLE "app"."items" ADD CONSTRAINT "items_name_check" CHECK ((name <> '')) NOT VALID` },
      { sql: 'ALTER TABLE "app"."items" ENABLE ROW LEVEL SECURITY' },
      { sql: 'ALTER TABLE "app"."items" FORCE ROW LEVEL SECURITY' },
      { sql: `COMMENT ON TABLE "app"."items" IS E'things\nwith a C:\\\\path'` },
      { sql: `COMMENT ON COLUMN "app"."items"."name" IS 'the item''s name'` },
      { sql: `COMMENT ON CONSTRAINT "items_pkey" ON "app"."items" IS 'pk'` },
      { sql: `COMMENT ON CONSTRAINT "items_name_check" ON "app"."items" IS 'later'` },
      {
        sql: 'CREATE INDEX "items_lower_name_idx" ON "app"."items" ((lower(name)) DESC NULLS LAST, "mood" NULLS FIRST, "name" COLLATE "POSIX" text_pattern_ops) INCLUDE ("total") WITH (fillfactor=80) WHERE (total > (0)::numeric)',
        comment: 'Create index "items_lower_name_idx" to table: "items"',
      },
      { sql: `COMMENT ON INDEX "app"."items_lower_name_idx" IS 'search'` },
      {
        sql: 'CREATE UNIQUE INDEX "items_name_uidx" ON "app"."items" ("name") NULLS NOT DISTINCT',
        comment: 'Create index "items_name_uidx" to table: "items"',
      },
      {
        sql: 'CREATE INDEX "items_tags_idx" ON "app"."items" USING gin ("tags")',
        comment: 'Create index "items_tags_idx" to table: "items"',
      },
      { sql: 'ALTER SEQUENCE "app"."int_seq" OWNED BY "app"."items"."parent_id"' },
      {
        sql: 'CREATE POLICY "items_read" ON "app"."items" AS PERMISSIVE FOR SELECT TO PUBLIC USING (true)',
        comment: 'Create policy "items_read"',
      },
    ]);
  });

  test('identity and sequence options are printed only when they differ from the defaults', () => {
    const r = realmOf(
      schemaWith('s', (s) => {
        s.tables.push(
          table('t', [
            // Ascending with a non-default MINVALUE but START at it: no START WITH.
            col('a', T.int, {
              nullable: false,
              identity: identity('ALWAYS', { min: '7', start: '7', max: '2147483647' }),
            }),
            // smallint defaults.
            col(
              'b',
              { raw: 'smallint', normalized: 'int2' },
              {
                nullable: false,
                identity: identity('BY DEFAULT', { type: 'smallint', max: '32767' }),
              },
            ),
            // bigint descending defaults.
            col('c', T.bigint, {
              nullable: false,
              identity: identity('ALWAYS', {
                increment: '-5',
                min: '-9223372036854775808',
                max: '-1',
                start: '-1',
              }),
            }),
          ]),
        );
        s.sequences.push(
          {
            name: 'desc_seq',
            type: 'smallint',
            start: '-1',
            increment: '-1',
            min: '-32768',
            max: '-1',
            cache: '1',
            cycle: false,
          },
          { name: 'odd_seq', start: '5', increment: '2', min: '1', max: '100', cache: '20', cycle: true },
        );
      }),
    );
    const sql = render(r).map((s) => s.sql);
    assert.deepEqual(sql, [
      'CREATE SCHEMA IF NOT EXISTS "s"',
      'CREATE SEQUENCE "s"."desc_seq" AS smallint INCREMENT BY -1',
      'CREATE SEQUENCE "s"."odd_seq" INCREMENT BY 2 MAXVALUE 100 START WITH 5 CACHE 20 CYCLE',
      [
        'CREATE TABLE "s"."t" (',
        '  "a" integer GENERATED ALWAYS AS IDENTITY (MINVALUE 7) NOT NULL,',
        '  "b" smallint GENERATED BY DEFAULT AS IDENTITY NOT NULL,',
        '  "c" bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -5) NOT NULL',
        ')',
      ].join('\n'),
    ]);
  });

  test('an empty table and a table without a primary key', () => {
    const r = realmOf(schemaWith('s', (s) => s.tables.push(table('empty', []), table('plain', [col('x')]))));
    assert.deepEqual(
      render(r).map((s) => s.sql),
      [
        'CREATE SCHEMA IF NOT EXISTS "s"',
        'CREATE TABLE "s"."empty" ()',
        'CREATE TABLE "s"."plain" (\n  "x" integer\n)',
      ],
    );
  });

  test('qualify: false prints names unqualified', () => {
    const r = uniqueIndexFkRealm();
    const s = r.schemas[0]!;
    s.enums.push({ name: 'mood', values: ['x'] });
    s.sequences.push({
      name: 'seq',
      start: '1',
      increment: '1',
      min: '1',
      max: '9223372036854775807',
      cache: '1',
      cycle: false,
      ownedBy: { table: 'parent', column: 'id' },
    });
    s.tables[1]!.comment = 'the parent';
    s.tables[1]!.policies.push({
      name: 'p',
      permissive: false,
      command: 'ALL',
      roles: ['PUBLIC'],
      using: 'true',
    });
    s.views.push(
      view('v', 'SELECT id FROM parent', { dependsOn: [{ kind: 'table', schema: 'app', name: 'parent' }] }),
    );
    const stmts = render(r, false);
    for (const st of stmts) assert.doesNotMatch(st.sql, /"app"\./, st.sql);
    assert.deepEqual(
      stmts.map((x) => x.sql),
      [
        // Bound output names no schema, so there is no CREATE SCHEMA either.
        `CREATE TYPE "mood" AS ENUM ('x')`,
        'CREATE SEQUENCE "seq"',
        'CREATE TABLE "parent" (\n  "id" integer NOT NULL,\n  "code" text NOT NULL,\n  CONSTRAINT "parent_pkey" PRIMARY KEY ("id")\n)',
        `COMMENT ON TABLE "parent" IS 'the parent'`,
        'CREATE TABLE "child" (\n  "id" integer NOT NULL,\n  "parent_id" integer,\n  "parent_code" text,\n  CONSTRAINT "child_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "child_parent_id_fk" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id")\n)',
        'CREATE VIEW "v" AS SELECT id FROM parent',
        'CREATE UNIQUE INDEX "parent_code_idx" ON "parent" ("code")',
        'ALTER SEQUENCE "seq" OWNED BY "parent"."id"',
        'CREATE POLICY "p" ON "parent" AS RESTRICTIVE FOR ALL TO PUBLIC USING (true)',
        'ALTER TABLE "child" ADD CONSTRAINT "child_parent_code_fk" FOREIGN KEY ("parent_code") REFERENCES "parent" ("code")',
      ],
    );
  });

  test('the same realm renders the same statements whatever order its arrays are in', () => {
    const a = render(functionsRealm());
    const shuffled = functionsRealm();
    shuffled.schemas[0]!.functions.reverse();
    const b = render(shuffled);
    assert.deepEqual(b, a);
    const c = fkCycleRealm();
    c.schemas[0]!.tables.reverse();
    assert.deepEqual(render(c), render(fkCycleRealm()));
  });
});

// ---------------------------------------------------------------- order

describe('createStatements: order', () => {
  test('every statement names the objects it touches', () => {
    const stmts = render(fkCycleRealm());
    assert.ok(
      stmts.every((x) => x.objects?.length === 1),
      formatScript(stmts),
    );
    const objectsOf = (re: RegExp) => stmts[indexOf(stmts, re)]!.objects;
    assert.deepEqual(objectsOf(/^CREATE SCHEMA/), ['app']);
    assert.deepEqual(objectsOf(/^CREATE TABLE "app"\."a"/), ['app.a']);
    assert.deepEqual(objectsOf(/^CREATE INDEX/), ['app.b_a_id_idx']);
    assert.deepEqual(objectsOf(/ADD CONSTRAINT "a_b_fk"/), ['app.a.a_b_fk']);
  });

  test('FK cycle: the cut foreign key is added with ALTER TABLE at the very end', () => {
    assert.deepEqual(withoutObjects(render(fkCycleRealm())), [
      { sql: 'CREATE SCHEMA IF NOT EXISTS "app"', comment: 'Add "app" schema' },
      {
        sql: 'CREATE TABLE "app"."a" (\n  "id" integer NOT NULL,\n  "b_id" integer,\n  CONSTRAINT "a_pkey" PRIMARY KEY ("id")\n)',
        comment: 'Create "a" table',
      },
      {
        sql: 'CREATE TABLE "app"."b" (\n  "id" integer NOT NULL,\n  "a_id" integer,\n  CONSTRAINT "b_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "b_a_fk" FOREIGN KEY ("a_id") REFERENCES "app"."a" ("id") ON DELETE CASCADE\n)',
        comment: 'Create "b" table',
      },
      {
        sql: 'CREATE INDEX "b_a_id_idx" ON "app"."b" ("a_id")',
        comment: 'Create index "b_a_id_idx" to table: "b"',
      },
      {
        sql: 'ALTER TABLE "app"."a" ADD CONSTRAINT "a_b_fk" FOREIGN KEY ("b_id") REFERENCES "app"."b" ("id")',
        comment: 'Add foreign key "a_b_fk" to "a"',
      },
      { sql: `COMMENT ON CONSTRAINT "a_b_fk" ON "app"."a" IS 'closes the cycle'` },
    ]);
  });

  test('FK cycle across schemas and a three-table ring', () => {
    const r = realmOf(
      schemaWith('x', (s) =>
        s.tables.push(
          withPk('t1', [col('r')], {
            foreignKeys: [
              { name: 't1_fk', columns: ['r'], references: { schema: 'y', name: 't2', columns: ['id'] } },
            ],
          }),
        ),
      ),
      schemaWith('y', (s) =>
        s.tables.push(
          withPk('t2', [col('r')], {
            foreignKeys: [
              { name: 't2_fk', columns: ['r'], references: { schema: 'y', name: 't3', columns: ['id'] } },
            ],
          }),
          withPk('t3', [col('r')], {
            foreignKeys: [
              { name: 't3_fk', columns: ['r'], references: { schema: 'x', name: 't1', columns: ['id'] } },
            ],
          }),
        ),
      ),
    );
    const stmts = render(r);
    assert.deepEqual(comments(stmts), [
      'Add "x" schema',
      'Add "y" schema',
      'Create "t1" table',
      'Create "t3" table',
      'Create "t2" table',
      'Add foreign key "t1_fk" to "t1"',
    ]);
    assert.doesNotMatch(stmts[2]!.sql, /FOREIGN KEY/);
    assert.match(stmts[3]!.sql, /CONSTRAINT "t3_fk" FOREIGN KEY/);
    assert.match(stmts[4]!.sql, /CONSTRAINT "t2_fk" FOREIGN KEY/);
  });

  test('a self-referencing foreign key stays inline', () => {
    const r = realmOf(
      schemaWith('s', (s) =>
        s.tables.push(
          withPk('tree', [col('parent')], {
            foreignKeys: [
              {
                name: 'tree_fk',
                columns: ['parent'],
                references: { schema: 's', name: 'tree', columns: ['id'] },
              },
            ],
          }),
        ),
      ),
    );
    const stmts = render(r);
    assert.deepEqual(comments(stmts), ['Add "s" schema', 'Create "tree" table']);
    assert.match(
      stmts[1]!.sql,
      /CONSTRAINT "tree_fk" FOREIGN KEY \("parent"\) REFERENCES "s"."tree" \("id"\)/,
    );
  });

  test('a foreign key to columns covered only by a unique index waits for the index', () => {
    const stmts = render(uniqueIndexFkRealm());
    assert.deepEqual(comments(stmts), [
      'Add "app" schema',
      'Create "parent" table',
      'Create "child" table',
      'Create index "parent_code_idx" to table: "parent"',
      'Add foreign key "child_parent_code_fk" to "child"',
    ]);
    // The primary-key reference is inline, the unique-index one is not.
    assert.match(stmts[2]!.sql, /"child_parent_id_fk" FOREIGN KEY/);
    assert.doesNotMatch(stmts[2]!.sql, /child_parent_code_fk/);
    assert.equal(
      stmts[4]!.sql,
      'ALTER TABLE "app"."child" ADD CONSTRAINT "child_parent_code_fk" FOREIGN KEY ("parent_code") REFERENCES "app"."parent" ("code")',
    );
  });

  test('NOT VALID foreign keys are added at the end, NOT VALID', () => {
    const r = uniqueIndexFkRealm();
    r.schemas[0]!.tables[0]!.foreignKeys[1]!.notValid = true;
    const stmts = render(r);
    assert.equal(
      stmts.at(-1)!.sql,
      'ALTER TABLE "app"."child" ADD CONSTRAINT "child_parent_id_fk" FOREIGN KEY ("parent_id") REFERENCES "app"."parent" ("id") NOT VALID',
    );
  });

  test('types come before the tables that use them, in dependency order', () => {
    assert.deepEqual(comments(render(typesRealm())), [
      'Add "app" schema',
      'Create range type "c_range"',
      'Create enum type "zz_mood"',
      'Create composite type "b_comp"',
      'Create domain type "z_dom"',
      'Create "m_table" table',
      'Create composite type "a_row"',
    ]);
  });

  test('views come after the tables and views in their dependsOn; materialized views after those', () => {
    const stmts = render(viewsRealm());
    assert.deepEqual(comments(stmts), [
      'Add "app" schema',
      'Create "z_base" table',
      'Create "m_mid" view',
      `COMMENT ON VIEW "app"."m_mid" IS 'middle'`,
      `COMMENT ON COLUMN "app"."m_mid"."n" IS 'the n'`,
      'Create "a_top" view',
      'Create "b_mv" materialized view',
      'Create index "b_mv_c_idx" to table: "b_mv"',
    ]);
    assert.equal(
      stmts[2]!.sql,
      'CREATE VIEW "app"."m_mid" WITH (security_barrier=true) AS SELECT id, n FROM app.z_base WITH CASCADED CHECK OPTION',
    );
    assert.equal(
      stmts[6]!.sql,
      'CREATE MATERIALIZED VIEW "app"."b_mv" AS SELECT count(*) AS c FROM app.a_top WITH DATA',
    );
  });

  test('SQL-language functions with string bodies come after views; others before', () => {
    const [prelude, ...stmts] = render(functionsRealm());
    assert.equal(prelude?.sql, 'SET check_function_bodies = off');
    assert.deepEqual(comments(stmts), [
      'Add "app" schema',
      'Create "t" table',
      'Create "b_atomic" function',
      'Create "z_plpgsql" function',
      `COMMENT ON FUNCTION "app"."z_plpgsql"(x integer) IS 'counts'`,
      'Create "z_view" view',
      'Create "a_count" function',
    ]);
    assert.equal(
      stmts[2]!.sql,
      'CREATE FUNCTION "app"."b_atomic"() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE\nRETURN 1',
    );
    assert.equal(
      stmts[3]!.sql,
      `CREATE FUNCTION "app"."z_plpgsql"("x" integer DEFAULT 0) RETURNS integer LANGUAGE plpgsql STRICT COST 50 SET search_path = app, pg_temp AS $$BEGIN RETURN (SELECT count(*) FROM app.t); END$$`,
    );
    assert.equal(
      stmts[6]!.sql,
      'CREATE FUNCTION "app"."a_count"() RETURNS integer LANGUAGE sql STABLE AS $$SELECT count(*)::integer FROM app.z_view$$',
    );
  });

  test('triggers come after their function (every overload of its name) and their table or view', () => {
    const stmts = render(triggersRealm());
    assert.deepEqual(comments(stmts), [
      'Add "app" schema',
      'Create "t" table',
      'Create "a_audit" function',
      'Create "a_audit" function',
      'Create "z_view_write" function',
      'Create "v" view',
      'Create trigger "t_audit"',
      'ALTER TABLE "app"."t" ENABLE REPLICA TRIGGER "t_audit"',
      `COMMENT ON TRIGGER "t_audit" ON "app"."t" IS 'audits'`,
      'Create trigger "v_write"',
    ]);
    assert.equal(
      stmts[6]!.sql,
      `CREATE TRIGGER "t_audit" BEFORE INSERT OR UPDATE OF "n" ON "app"."t" FOR EACH ROW WHEN ((new.n IS NOT NULL)) EXECUTE FUNCTION "app"."a_audit"('it''s', 'x')`,
    );
    assert.equal(
      stmts[9]!.sql,
      'CREATE TRIGGER "v_write" INSTEAD OF INSERT ON "app"."v" FOR EACH ROW EXECUTE FUNCTION "app"."z_view_write"()',
    );
  });

  // The catalog does not record what a string body reads, so no order can be derived for it:
  // as pg_dump does, the script switches body checks off (the end-to-end runs below prove it).
  test('SQL functions with string bodies switch body checks off for the script', () => {
    const r = viewsRealm();
    r.schemas[0]!.functions.push(func('a_mv_count', 'SELECT c::integer FROM app.b_mv'));
    assert.equal(render(r)[0]!.sql, 'SET check_function_bodies = off');
    const atomic = realmOf(
      schemaWith('app', (s) => s.functions.push({ ...func('f', 'RETURN 1'), sqlBody: true })),
    );
    assert.ok(!render(atomic).some((x) => /check_function_bodies/.test(x.sql)));
  });

  // Foreign-key cycles can pass through other objects, not only tables.
  // Here a -> b is a foreign key, b has a column of composite type c, and c has a field of a's
  // row type: a -> b -> c -> a. No table-only cycle exists, so nothing is cut; the full sort then
  // meets a hard cycle and falls back to priority order (type c first, before table a exists),
  // and a's foreign key to b is inlined before b exists.
  test('a foreign-key cycle through a composite type is still broken', () => {
    const stmts = render(compositeCycleRealm());
    const a = indexOf(stmts, /CREATE TABLE "app"."a"/);
    const c = indexOf(stmts, /CREATE TYPE "app"."c"/);
    const b = indexOf(stmts, /CREATE TABLE "app"."b"/);
    assert.ok(a < c && c < b, formatScript(stmts));
    assert.doesNotMatch(stmts[a]!.sql, /FOREIGN KEY/);
  });
});

function compositeCycleRealm(): Realm {
  return realmOf(
    schemaWith('app', (s) => {
      s.composites.push({
        name: 'c',
        fields: [{ name: 'row_a', type: 'app.a', ref: { schema: 'app', name: 'a' } }],
      });
      s.tables.push(
        withPk('a', [col('b_id')], {
          foreignKeys: [
            { name: 'a_b_fk', columns: ['b_id'], references: { schema: 'app', name: 'b', columns: ['id'] } },
          ],
        }),
        withPk('b', [col('c', userType('app', 'c'))]),
      );
    }),
  );
}

// ---------------------------------------------------------------- on a real database

describe('createStatements: the scripts run on PostgreSQL', () => {
  const run = async (t: import('node:test').TestContext, realm: Realm, qualify = true) => {
    const db = await freshPgDatabase(t);
    const script = formatScript(render(realm, qualify));
    await psqlExec(db.url, script);
    return db;
  };

  test('every column and table feature', async (t) => {
    const db = await run(t, featuresRealm());
    // The table accepts rows as declared: identities, default, generated column, NOT VALID check.
    const out = await psqlExec(
      db.url,
      `INSERT INTO app.items (parent_id) VALUES (NULL);
       SELECT id, small_id, down_id, name, total FROM app.items;`,
    );
    assert.match(out, /1 \| +100 \| +-1 \| x +\| +200\.00/);
  });

  test('FK cycle', async (t) => {
    const db = await run(t, fkCycleRealm());
    const out = await psqlExec(
      db.url,
      "SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = 'app'::regnamespace ORDER BY 1;",
    );
    assert.match(out, /a_b_fk\n.*b_a_fk/s);
  });

  test('FK cycle across schemas', async (t) => {
    const r = realmOf(
      schemaWith('x', (s) =>
        s.tables.push(
          withPk('t1', [col('r')], {
            foreignKeys: [
              { name: 't1_fk', columns: ['r'], references: { schema: 'y', name: 't2', columns: ['id'] } },
            ],
          }),
        ),
      ),
      schemaWith('y', (s) =>
        s.tables.push(
          withPk('t2', [col('r')], {
            foreignKeys: [
              { name: 't2_fk', columns: ['r'], references: { schema: 'x', name: 't1', columns: ['id'] } },
            ],
          }),
        ),
      ),
    );
    await run(t, r);
  });

  test('foreign key to a unique index', async (t) => {
    await run(t, uniqueIndexFkRealm());
  });

  test('types before tables', async (t) => {
    await run(t, typesRealm());
  });

  test('views and materialized views', async (t) => {
    await run(t, viewsRealm());
  });

  test('SQL functions after views', async (t) => {
    const db = await run(t, functionsRealm());
    assert.match(
      await psqlExec(db.url, 'SELECT app.a_count(), app.b_atomic(), app.z_plpgsql();'),
      /0 \| +1 \| +0/,
    );
  });

  test('triggers after their functions', async (t) => {
    const db = await run(t, triggersRealm());
    await psqlExec(db.url, 'INSERT INTO app.v VALUES (1, 2);');
    assert.match(await psqlExec(db.url, 'SELECT n FROM app.t;'), /\b2\b/);
  });

  test('qualify: false, run with the schema on the search path', async (t) => {
    const db = await freshPgDatabase(t);
    const r = uniqueIndexFkRealm();
    r.schemas[0]!.views.push(
      view('v', 'SELECT id FROM parent', { dependsOn: [{ kind: 'table', schema: 'app', name: 'parent' }] }),
    );
    await psqlExec(
      db.url,
      `CREATE SCHEMA other; SET search_path = other;\n${formatScript(render(r, false))}`,
    );
    const out = await psqlExec(
      db.url,
      "SELECT relname FROM pg_class WHERE relnamespace = 'other'::regnamespace AND relkind IN ('r', 'v') ORDER BY 1;",
    );
    assert.match(out, /child\n.*parent\n.*v\b/s);
  });

  test('SQL function reading a materialized view', async (t) => {
    const r = viewsRealm();
    r.schemas[0]!.functions.push(func('a_mv_count', 'SELECT c::integer FROM app.b_mv'));
    await run(t, r);
  });

  test('SQL function calling a later SQL function', async (t) => {
    const r = realmOf(
      schemaWith('app', (s) =>
        s.functions.push(func('a_total', 'SELECT app.b_helper() + 1'), func('b_helper', 'SELECT 41')),
      ),
    );
    await run(t, r);
  });

  test('FK cycle through a composite type', async (t) => {
    await run(t, compositeCycleRealm());
  });
});
