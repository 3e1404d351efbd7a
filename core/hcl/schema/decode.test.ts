// Acceptance tests for reading Atlas schema HCL (PostgreSQL) into the model. Each test reads a
// document written after Atlas's documentation of one block kind (test/fixtures/hcl/postgres)
// and compares the model objects it produces with what the document says, in its written form
// (the dev database normalizes spellings later).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Column, Func, Realm, Schema, Table } from '../../schema/model.ts';
import { emptySchema, emptyTable } from '../../schema/model.ts';
import type { InputVars } from '../document.ts';
import { readSchemaHcl } from '../schema-files.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hcl/postgres');

function readFixture(name: string, vars?: InputVars) {
  const path = join(FIXTURES, name);
  return readSchemaHcl([{ path, text: readFileSync(path, 'utf8') }], { dialect: 'postgres', vars });
}

function readText(text: string) {
  return readSchemaHcl([{ path: join(FIXTURES, 'inline.hcl'), text }], { dialect: 'postgres' });
}

function schemaOf(realm: Realm, name = 'public'): Schema {
  const s = realm.schemas.find((x) => x.name === name);
  assert.ok(s, `schema "${name}" is in the realm`);
  return s;
}

function named<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((x) => x.name === name);
  assert.ok(found, `"${name}" is among ${JSON.stringify(list.map((x) => x.name))}`);
  return found;
}

function tableOf(realm: Realm, name: string, schema = 'public'): Table {
  return named(schemaOf(realm, schema).tables, name);
}

function column(t: Table, name: string): Column {
  return named(t.columns, name);
}

/** A column type as written: `normalized` is refined only when a database prints it back. */
const type = (raw: string, extra: Partial<Column['type']> = {}): Column['type'] => ({
  raw,
  normalized: raw.toLowerCase(),
  ...extra,
});

const PUBLIC = 'public';

test('schema: comment, empty block and a name given by attribute', () => {
  const { realm, hints } = readFixture('schemas.hcl');
  assert.equal(realm.dialect, 'postgres');
  assert.deepEqual(realm.schemas, [
    { ...emptySchema('archive'), comment: 'Closed fiscal years' },
    { ...emptySchema('public'), comment: 'Default schema of the shop' },
    emptySchema('reporting'),
  ]);
  assert.deepEqual(realm.extensions, []);
  assert.deepEqual(realm.eventTriggers, []);
  assert.deepEqual(hints, []);
});

test('table and column: types as written, comments, collation, user-defined types', () => {
  const { realm } = readFixture('columns.hcl');
  const moodRef = { schema: PUBLIC, name: 'mood' };
  const emailRef = { schema: PUBLIC, name: 'email' };
  assert.deepEqual(tableOf(realm, 'profiles'), {
    ...emptyTable('profiles'),
    comment: 'One row per registered member',
    columns: [
      { name: 'id', type: type('bigint'), nullable: false },
      { name: 'handle', type: type('varchar(255)'), nullable: false },
      { name: 'balance', type: type('decimal(10,2)'), nullable: false },
      { name: 'nickname', type: type('character varying(64)'), nullable: true },
      { name: 'score', type: type('double precision'), nullable: false },
      { name: 'seen_at', type: type('timestamptz(6)'), nullable: false },
      { name: 'lucky_numbers', type: type('int[]', { arrayDims: 1 }), nullable: false },
      { name: 'grid', type: type('text[][]', { arrayDims: 2 }), nullable: false },
      { name: 'mood', type: type('public.mood', { ref: moodRef }), nullable: false },
      { name: 'contact', type: type('public.email', { ref: emailRef }), nullable: false },
      { name: 'flags', type: type('bit varying(8)'), nullable: false },
      { name: 'about', type: type('text'), nullable: false, comment: 'Free-form biography', collation: 'C' },
      { name: 'external_id', type: type('uuid'), nullable: false },
    ],
  });
});

test('column defaults: strings, numbers, bools, sql() expressions and null; table depends_on', () => {
  const { realm } = readFixture('defaults.hcl');
  const t = tableOf(realm, 'accounts');
  const defaults = Object.fromEntries(t.columns.map((c) => [c.name, c.default]));
  assert.deepEqual(defaults, {
    display_name: { kind: 'literal', value: "'anon'" },
    motto: { kind: 'literal', value: "'it''s fine'" },
    level: { kind: 'literal', value: '3' },
    ratio: { kind: 'literal', value: '0.25' },
    adjustment: { kind: 'literal', value: '-1' },
    active: { kind: 'literal', value: 'true' },
    archived: { kind: 'literal', value: 'false' },
    created_at: { kind: 'expr', value: 'now()' },
    token: { kind: 'expr', value: 'gen_random_uuid()' },
    code: { kind: 'expr', value: 'next_code()' },
    note: undefined,
  });
  // depends_on names the function; the default calling it gives its (empty) identity arguments.
  assert.deepEqual(t.dependsOn, [{ kind: 'function', schema: PUBLIC, name: 'next_code', args: '' }]);
  assert.deepEqual(column(t, 'note'), { name: 'note', type: type('text'), nullable: true });
  assert.deepEqual(column(t, 'created_at'), {
    name: 'created_at',
    type: type('timestamptz'),
    nullable: false,
    default: { kind: 'expr', value: 'now()' },
  });
});

test('column null: NOT NULL unless null = true', () => {
  const { realm } = readFixture('nullability.hcl');
  assert.deepEqual(tableOf(realm, 'samples').columns, [
    { name: 'implicit', type: type('int'), nullable: false },
    { name: 'nullable', type: type('int'), nullable: true },
    { name: 'required', type: type('int'), nullable: false },
  ]);
});

test('generated columns: the string form and the as { } block, STORED in PostgreSQL', () => {
  const { realm } = readFixture('generated.hcl');
  const t = tableOf(realm, 'rectangles');
  assert.deepEqual(column(t, 'area'), {
    name: 'area',
    type: type('int'),
    nullable: false,
    generated: { expr: 'width * height', stored: true },
  });
  assert.deepEqual(column(t, 'perimeter').generated, { expr: '2 * (width + height)', stored: true });
  assert.deepEqual(column(t, 'half_width').generated, { expr: 'width / 2.0', stored: true });
  assert.equal(column(t, 'width').generated, undefined);
});

test('identity columns: ALWAYS / BY_DEFAULT with the sequence options PostgreSQL fills in', () => {
  const { realm } = readFixture('identity.hcl');
  const t = tableOf(realm, 'tickets');
  assert.deepEqual(column(t, 'id'), {
    name: 'id',
    type: type('int'),
    nullable: false,
    identity: {
      generation: 'ALWAYS',
      sequence: {
        type: 'integer',
        start: '1000',
        increment: '10',
        min: '1',
        max: '2147483647',
        cache: '1',
        cycle: false,
      },
    },
  });
  assert.deepEqual(column(t, 'serial_no').identity, {
    generation: 'BY DEFAULT',
    sequence: { start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
  });
  // A descending identity starts at its maximum, -1.
  assert.deepEqual(column(t, 'countdown').identity, {
    generation: 'BY DEFAULT',
    sequence: {
      type: 'smallint',
      start: '-1',
      increment: '-1',
      min: '-32768',
      max: '-1',
      cache: '1',
      cycle: false,
    },
  });
  assert.deepEqual(t.primaryKey, { name: 'tickets_pkey', columns: ['id'] });
});

test('primary_key: columns in order, include, comment and the default name', () => {
  const { realm } = readFixture('primary-key.hcl');
  assert.deepEqual(tableOf(realm, 'shipments').primaryKey, {
    name: 'shipments_pkey',
    columns: ['region', 'id'],
    include: ['label'],
    comment: 'Shipments are unique per region',
  });
  assert.deepEqual(tableOf(realm, 'parcels').primaryKey, { name: 'parcels_pkey', columns: ['code'] });
});

test('foreign_key: same table, other table, qualified two-label table, reference actions', () => {
  const { realm } = readFixture('foreign-keys.hcl');
  assert.deepEqual(tableOf(realm, 'employees').foreignKeys, [
    {
      name: 'employees_department_fk',
      columns: ['department_id', 'department_site'],
      references: { schema: PUBLIC, name: 'departments', columns: ['id', 'site'] },
      onDelete: 'CASCADE',
      onUpdate: 'RESTRICT',
    },
    {
      // NO_ACTION is the default and is left out.
      name: 'employees_manager_fk',
      columns: ['manager_id'],
      references: { schema: PUBLIC, name: 'employees', columns: ['id'] },
      onDelete: 'SET NULL',
    },
    {
      name: 'employees_person_fk',
      columns: ['person_id'],
      references: { schema: 'hr', name: 'people', columns: ['id'] },
      onDelete: 'SET DEFAULT',
    },
  ]);
  assert.deepEqual(tableOf(realm, 'people', 'crm').foreignKeys, [
    {
      name: 'crm_people_hr_fk',
      columns: ['hr_person_id'],
      references: { schema: 'hr', name: 'people', columns: ['id'] },
      onUpdate: 'CASCADE',
    },
  ]);
  // Two tables share the name "people": each is in its own schema.
  assert.deepEqual(tableOf(realm, 'people', 'hr').primaryKey, { name: 'people_pkey', columns: ['id'] });
  assert.equal(tableOf(realm, 'people', 'crm').primaryKey, undefined);
});

test('foreign_key, unique: deferrable as the documented words', () => {
  const { realm } = readText(`
schema "public" {}
table "parents" {
  schema = schema.public
  column "id" {
    type = int
  }
  primary_key {
    columns = [column.id]
  }
}
table "children" {
  schema = schema.public
  column "parent_id" {
    type = int
  }
  column "code" {
    type = text
  }
  foreign_key "children_parent_fk" {
    columns     = [column.parent_id]
    ref_columns = [table.parents.column.id]
    deferrable  = INITIALLY_DEFERRED
  }
  unique "children_code_key" {
    columns    = [column.code]
    deferrable = INITIALLY_IMMEDIATE
  }
}
`);
  const t = tableOf(realm, 'children');
  assert.equal(named(t.foreignKeys, 'children_parent_fk').deferrable, 'DEFERRABLE INITIALLY DEFERRED');
  assert.equal(named(t.uniques, 'children_code_key').deferrable, 'DEFERRABLE');
});

test('index: columns, on { } parts, unique, type, where, include, nulls_distinct, page_per_range', () => {
  const { realm } = readFixture('indexes.hcl');
  const t = tableOf(realm, 'articles');
  const expected: Record<string, Omit<Table['indexes'][number], 'name'>> = {
    articles_attrs_idx: { method: 'gin', parts: [{ column: 'attrs', opclass: 'jsonb_path_ops' }] },
    articles_created_brin: {
      method: 'brin',
      parts: [{ column: 'created_at' }],
      storageParams: [{ name: 'pages_per_range', value: '64' }],
    },
    // BTREE is the default access method and is left out.
    articles_id_btree: { parts: [{ column: 'id' }] },
    articles_lower_title_idx: { parts: [{ expr: 'lower(title)' }, { expr: 'score - rank', desc: true }] },
    articles_nulls_idx: {
      parts: [
        { column: 'rank', nulls: 'FIRST' },
        { column: 'score', desc: true, nulls: 'LAST' },
      ],
    },
    articles_rank_gist: { method: 'gist', parts: [{ column: 'rank' }] },
    articles_rank_score_idx: { parts: [{ column: 'rank' }, { column: 'score', desc: true }] },
    articles_recent_idx: { parts: [{ column: 'created_at' }], where: 'published AND rank > 0' },
    articles_slug_hash: { method: 'hash', parts: [{ column: 'slug' }] },
    articles_slug_key: { unique: true, parts: [{ column: 'slug' }] },
    articles_slug_nulls_idx: { unique: true, parts: [{ column: 'slug' }], nullsNotDistinct: true },
    articles_tenant_idx: { parts: [{ column: 'tenant_id' }], include: ['title', 'slug'] },
    articles_title_idx: { parts: [{ column: 'title' }], comment: 'Lookups by exact title' },
  };
  assert.deepEqual(
    t.indexes.map((i) => i.name),
    Object.keys(expected),
  );
  for (const [name, index] of Object.entries(expected))
    assert.deepEqual(named(t.indexes, name), { name, ...index });
});

test('index: ops given with sql() (an operator class with parameters)', () => {
  const { realm } = readText(`
schema "public" {}
table "notes" {
  schema = schema.public
  column "body" {
    type = text
  }
  index "notes_body_trgm" {
    type = GIST
    on {
      column = column.body
      ops    = sql("gist_trgm_ops(siglen=32)")
    }
  }
}
`);
  assert.deepEqual(named(tableOf(realm, 'notes').indexes, 'notes_body_trgm'), {
    name: 'notes_body_trgm',
    method: 'gist',
    parts: [{ column: 'body', opclass: 'gist_trgm_ops(siglen=32)' }],
  });
});

test('unique and check constraints', () => {
  const { realm } = readFixture('constraints.hcl');
  assert.deepEqual(tableOf(realm, 'members').uniques, [
    { name: 'members_email_key', columns: ['email'] },
    {
      name: 'members_team_handle_key',
      columns: ['team', 'handle'],
      include: ['note'],
      nullsNotDistinct: true,
      comment: 'A handle is unique within its team',
    },
  ]);
  assert.deepEqual(tableOf(realm, 'products').checks, [
    { name: 'products_discount_le_price', expr: 'discount <= price', comment: 'No product is given away' },
    { name: 'products_price_positive', expr: 'price > 0' },
    { name: 'products_stock_sane', expr: 'stock BETWEEN 0 AND 100000' },
  ]);
});

test('exclude constraints: columns and expressions with operators, type, where', () => {
  const { realm } = readFixture('constraints.hcl');
  assert.deepEqual(tableOf(realm, 'bookings').exclusions, [
    {
      name: 'bookings_live_overlap',
      definition: 'EXCLUDE USING gist ((tstzrange(starts, ends)) WITH &&) WHERE (NOT cancelled)',
      comment: 'Only live bookings may not overlap',
    },
    { name: 'bookings_no_overlap', definition: 'EXCLUDE USING gist ("room_id" WITH =, "during" WITH &&)' },
  ]);
});

test('exclude: op given with sql()', () => {
  const { realm } = readText(`
schema "public" {}
table "slots" {
  schema = schema.public
  column "during" {
    type = tstzrange
  }
  exclude "slots_no_overlap" {
    type = GIST
    on {
      column = column.during
      op     = sql("&&")
    }
  }
}
`);
  assert.deepEqual(tableOf(realm, 'slots').exclusions, [
    { name: 'slots_no_overlap', definition: 'EXCLUDE USING gist ("during" WITH &&)' },
  ]);
});

test('exclude: include columns', () => {
  const { realm } = readText(`
schema "public" {}
table "slots" {
  schema = schema.public
  column "during" {
    type = tstzrange
  }
  column "label" {
    type = text
  }
  exclude "slots_no_overlap" {
    type = GIST
    on {
      column = column.during
      op     = "&&"
    }
    include = [column.label]
  }
}
`);
  assert.deepEqual(tableOf(realm, 'slots').exclusions, [
    { name: 'slots_no_overlap', definition: 'EXCLUDE USING gist ("during" WITH &&) INCLUDE ("label")' },
  ]);
});

test('exclude: a descending part', () => {
  const { realm } = readText(`
schema "public" {}
table "codes" {
  schema = schema.public
  column "code" {
    type = int
  }
  exclude "codes_unique_desc" {
    type = BTREE
    on {
      column = column.code
      desc   = true
      op     = "="
    }
  }
}
`);
  assert.deepEqual(tableOf(realm, 'codes').exclusions, [
    { name: 'codes_unique_desc', definition: 'EXCLUDE USING btree ("code" DESC WITH =)' },
  ]);
});

test('partition: columns and by { column / expr } keys for RANGE, LIST and HASH', () => {
  const { realm } = readFixture('partitions.hcl');
  assert.deepEqual(tableOf(realm, 'events').partitioning, { strategy: 'RANGE', key: ['"occurred_on"'] });
  assert.deepEqual(tableOf(realm, 'readings').partitioning, {
    strategy: 'RANGE',
    key: ['"sensor"', '(floor(value))'],
  });
  assert.deepEqual(tableOf(realm, 'sessions').partitioning, { strategy: 'HASH', key: ['"token"'] });
  assert.deepEqual(tableOf(realm, 'stores').partitioning, { strategy: 'LIST', key: ['(upper(country))'] });
});

test('row_security: enabled and enforced (FORCE)', () => {
  const { realm } = readFixture('row-security.hcl');
  assert.deepEqual(tableOf(realm, 'secrets').rls, { enabled: true, forced: true });
  assert.deepEqual(tableOf(realm, 'notes').rls, { enabled: true, forced: false });
  assert.equal(tableOf(realm, 'plain').rls, undefined);
});

test('view: as interpolating table.x.name, depends_on, comment, check_option', () => {
  const { realm } = readFixture('views.hcl');
  const s = schemaOf(realm);
  const { columns: activeColumns, ...active } = named(s.views, 'active_customers');
  assert.deepEqual(active, {
    name: 'active_customers',
    definition: 'SELECT c.id, c.name\n  FROM customers AS c\n WHERE c.active\n',
    comment: 'Customers that can still order',
    dependsOn: [{ kind: 'table', schema: PUBLIC, name: 'customers' }],
    triggers: [],
  });
  assert.deepEqual(
    activeColumns.map((c) => [c.name, c.comment]),
    [
      ['id', undefined],
      ['name', 'Display name'],
    ],
  );
  const { columns: _, ...early } = named(s.views, 'early_customers');
  assert.deepEqual(early, {
    name: 'early_customers',
    definition: 'SELECT id, name FROM active_customers WHERE id < 100',
    dependsOn: [{ kind: 'view', schema: PUBLIC, name: 'active_customers' }],
    checkOption: 'CASCADED',
    triggers: [],
  });
});

test('materialized: as, indexes, depends_on, comment', () => {
  const { realm } = readFixture('views.hcl');
  const { columns, ...m } = named(schemaOf(realm).materializedViews, 'customer_counts');
  assert.deepEqual(m, {
    name: 'customer_counts',
    definition: 'SELECT active, count(*) AS total\n  FROM customers\n GROUP BY active\n',
    indexes: [
      { name: 'customer_counts_active_key', unique: true, parts: [{ column: 'active' }] },
      { name: 'customer_counts_big_idx', parts: [{ expr: '(total > 10)' }], where: '(total IS NOT NULL)' },
    ],
    withData: true,
    comment: 'Refreshed nightly',
    dependsOn: [{ kind: 'table', schema: PUBLIC, name: 'customers' }],
  });
  assert.deepEqual(
    columns.map((c) => c.name),
    ['active', 'total'],
  );
  assert.deepEqual(named(schemaOf(realm).materializedViews, 'busy_states'), {
    name: 'busy_states',
    definition: 'SELECT active FROM customer_counts WHERE total > 1000',
    columns: [],
    indexes: [],
    withData: true,
    dependsOn: [{ kind: 'materialized_view', schema: PUBLIC, name: 'customer_counts' }],
  });
});

test('view and materialized columns keep their declared types', () => {
  const { realm } = readFixture('views.hcl');
  const s = schemaOf(realm);
  assert.deepEqual(named(s.views, 'active_customers').columns, [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'text', comment: 'Display name' },
  ]);
  assert.deepEqual(named(s.materializedViews, 'customer_counts').columns, [
    { name: 'active', type: 'boolean' },
    { name: 'total', type: 'bigint' },
  ]);
});

test('function: SQL and PLpgSQL, arguments with mode and default, return / return_set / return_table, attributes', () => {
  const { realm } = readFixture('functions.hcl');
  const fn = (name: string) => named(schemaOf(realm).functions, name);
  const base = { kind: 'function' as const, language: 'sql' };
  assert.deepEqual(fn('is_positive'), {
    ...base,
    name: 'is_positive',
    identityArgs: 'value integer',
    args: [{ name: 'value', type: 'integer' }],
    returns: 'boolean',
    body: 'SELECT value > 0',
    volatility: 'IMMUTABLE',
    strict: true,
    leakproof: true,
    parallel: 'SAFE',
    comment: 'True for strictly positive numbers',
  });
  assert.deepEqual(fn('greet'), {
    ...base,
    name: 'greet',
    identityArgs: 'who text',
    args: [{ name: 'who', type: 'text', default: "'world'" }],
    returns: 'text',
    body: "SELECT 'hello ' || who",
    volatility: 'STABLE',
    securityDefiner: true,
  });
  // IN is PostgreSQL's default mode and is left out; OUT arguments are not part of the identity.
  assert.deepEqual(fn('split_amount'), {
    ...base,
    name: 'split_amount',
    language: 'plpgsql',
    identityArgs: 'amount numeric, parts int',
    args: [
      { name: 'amount', type: 'numeric' },
      { name: 'parts', type: 'int', default: '2' },
      { name: 'share', mode: 'OUT', type: 'numeric' },
    ],
    returns: 'numeric',
    body: 'BEGIN\n  share := amount / parts;\nEND;\n',
  });
  assert.deepEqual(fn('total_of'), {
    ...base,
    name: 'total_of',
    identityArgs: 'VARIADIC nums int[]',
    args: [{ name: 'nums', mode: 'VARIADIC', type: 'int[]' }],
    returns: 'bigint',
    body: 'SELECT sum(n) FROM unnest(nums) AS n',
  });
  // SQL-standard bodies (RETURN ..., BEGIN ATOMIC ... END).
  assert.deepEqual(fn('double_it'), {
    ...base,
    name: 'double_it',
    identityArgs: 'integer',
    args: [{ type: 'integer' }],
    returns: 'integer',
    body: 'RETURN $1 * 2',
    sqlBody: true,
    volatility: 'IMMUTABLE',
  });
  assert.deepEqual(fn('triple_it'), {
    ...base,
    name: 'triple_it',
    identityArgs: 'n integer',
    args: [{ name: 'n', type: 'integer' }],
    returns: 'integer',
    body: 'BEGIN ATOMIC\n  SELECT n * 3;\nEND',
    sqlBody: true,
  });
  assert.deepEqual(fn('customer_ids'), {
    ...base,
    name: 'customer_ids',
    identityArgs: '',
    args: [],
    returns: 'SETOF int',
    body: 'SELECT id FROM customers',
    parallel: 'RESTRICTED',
  });
  // Argument defaults given with sql(); return types that are user-defined types or table rows.
  assert.deepEqual(fn('make_pair'), {
    ...base,
    name: 'make_pair',
    identityArgs: 'l int, r int',
    args: [
      { name: 'l', type: 'int', default: 'floor(random() * 10)::int' },
      { name: 'r', type: 'int', default: '0' },
    ],
    returns: 'public.pair',
    body: 'SELECT ROW(l, r)::pair',
  });
  assert.deepEqual(fn('customer_rows'), {
    ...base,
    name: 'customer_rows',
    identityArgs: '',
    args: [],
    returns: 'SETOF public.customers',
    body: 'SELECT * FROM customers',
  });
  assert.deepEqual(fn('customer_names'), {
    ...base,
    name: 'customer_names',
    identityArgs: '',
    args: [],
    returns: 'TABLE(id int, name text)',
    body: 'SELECT id, name FROM customers',
  });
});

test('procedure: arguments with defaults and INOUT, security', () => {
  const { realm } = readFixture('procedures.hcl');
  const procs = schemaOf(realm).functions;
  assert.deepEqual(named(procs, 'archive_orders'), {
    name: 'archive_orders',
    kind: 'procedure',
    identityArgs: 'cutoff date, dry_run boolean',
    args: [
      { name: 'cutoff', type: 'date' },
      { name: 'dry_run', type: 'boolean', default: 'false' },
    ],
    language: 'sql',
    body: 'DELETE FROM orders WHERE placed_on < cutoff AND NOT dry_run;\n',
    comment: 'Moves old orders out of the way',
  } satisfies Func);
  assert.deepEqual(named(procs, 'bump_counter'), {
    name: 'bump_counter',
    kind: 'procedure',
    identityArgs: 'INOUT counter int',
    args: [{ name: 'counter', mode: 'INOUT', type: 'int' }],
    language: 'plpgsql',
    body: 'BEGIN\n  counter := counter + 1;\nEND;\n',
    securityDefiner: true,
  } satisfies Func);
});

test('aggregate: state function and type, initial value, parallel, arguments', () => {
  const { realm } = readFixture('aggregates.hcl');
  assert.deepEqual(schemaOf(realm).aggregates, [
    {
      name: 'sum_of_squares',
      identityArgs: 'int',
      options: [
        { name: 'SFUNC', value: 'public.sum_squares_step' },
        { name: 'STYPE', value: 'bigint' },
        { name: 'INITCOND', value: '0' },
        { name: 'PARALLEL', value: 'SAFE' },
      ],
      comment: 'Sum of the squared inputs',
      // The state function is found in the options: it must exist first.
      dependsOn: [{ kind: 'function', schema: PUBLIC, name: 'sum_squares_step', args: 'acc bigint, v int' }],
    },
  ]);
});

test('trigger: before/after/instead_of, update_of, for, when, execute with function and args', () => {
  const { realm } = readFixture('triggers.hcl');
  const audit = { schema: PUBLIC, name: 'audit_row' };
  assert.deepEqual(tableOf(realm, 'orders').triggers, [
    {
      name: 'orders_amount_audit',
      timing: 'AFTER',
      events: ['INSERT', 'UPDATE'],
      updateOf: ['amount', 'status'],
      forEach: 'ROW',
      when: 'NEW.amount > 0',
      function: audit,
      args: ['orders', 'amount'],
      comment: 'Records changes of money',
    },
    {
      name: 'orders_touch',
      timing: 'BEFORE',
      events: ['UPDATE'],
      forEach: 'ROW',
      function: { schema: PUBLIC, name: 'touch_updated_at' },
    },
    {
      name: 'orders_truncate_audit',
      timing: 'AFTER',
      events: ['TRUNCATE'],
      forEach: 'STATEMENT',
      function: audit,
    },
  ]);
  assert.deepEqual(named(schemaOf(realm).views, 'open_orders').triggers, [
    {
      name: 'open_orders_write',
      timing: 'INSTEAD OF',
      events: ['INSERT'],
      forEach: 'ROW',
      function: { schema: PUBLIC, name: 'open_orders_insert' },
    },
  ]);
  assert.equal(named(schemaOf(realm).functions, 'touch_updated_at').returns, 'trigger');
});

test('trigger: foreach (the alias of for)', () => {
  const { realm } = readText(`
schema "public" {}
table "t" {
  schema = schema.public
  column "id" {
    type = int
  }
}
function "f" {
  schema = schema.public
  lang   = PLpgSQL
  return = trigger
  as     = "BEGIN RETURN NULL; END;"
}
trigger "t_stmt" {
  on = table.t
  after {
    insert = true
  }
  foreach = STATEMENT
  execute {
    function = function.f
  }
}
`);
  assert.equal(named(tableOf(realm, 't').triggers, 't_stmt').forEach, 'STATEMENT');
});

test('trigger: referencing { old_table new_table } transition tables', () => {
  const { realm } = readText(`
schema "public" {}
table "t" {
  schema = schema.public
  column "id" {
    type = int
  }
}
function "f" {
  schema = schema.public
  lang   = PLpgSQL
  return = trigger
  as     = "BEGIN RETURN NULL; END;"
}
trigger "t_transition" {
  on = table.t
  after {
    update = true
  }
  for = STATEMENT
  referencing {
    old_table = "old_rows"
    new_table = "new_rows"
  }
  execute {
    function = function.f
  }
}
`);
  assert.equal(
    named(tableOf(realm, 't').triggers, 't_transition').referencing,
    'OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"',
  );
});

test('event_trigger: on (word or string), tags, execute, comment', () => {
  const { realm } = readFixture('event-triggers.hcl');
  const fn = { schema: PUBLIC, name: 'log_ddl' };
  assert.deepEqual(realm.eventTriggers, [
    {
      name: 'ddl_logger',
      event: 'ddl_command_end',
      tags: ['CREATE TABLE', 'ALTER TABLE'],
      function: fn,
      comment: 'Logs table DDL',
    },
    { name: 'drop_watch', event: 'sql_drop', function: fn },
  ]);
  assert.equal(named(schemaOf(realm).functions, 'log_ddl').returns, 'event_trigger');
});

test('sequence: defaults per type and direction, options, owner', () => {
  const { realm } = readFixture('sequences.hcl');
  assert.deepEqual(schemaOf(realm).sequences, [
    {
      name: 'countdown',
      start: '-1',
      increment: '-2',
      min: '-9223372036854775808',
      max: '-1',
      cache: '1',
      cycle: false,
    },
    {
      name: 'invoice_numbers',
      start: '1',
      increment: '1',
      min: '1',
      max: '9223372036854775807',
      cache: '1',
      cycle: false,
    },
    {
      name: 'orders_id_seq',
      type: 'integer',
      start: '1',
      increment: '1',
      min: '1',
      max: '2147483647',
      cache: '1',
      cycle: false,
      ownedBy: { table: 'orders', column: 'id' },
    },
    {
      name: 'ticket_numbers',
      type: 'smallint',
      start: '50',
      increment: '5',
      min: '10',
      max: '5000',
      cache: '20',
      cycle: true,
      comment: 'Wraps around every season',
    },
  ]);
});

test('enum: values in order and comment', () => {
  const { realm } = readFixture('types.hcl');
  assert.deepEqual(schemaOf(realm).enums, [
    { name: 'order_status', values: ['pending', 'shipped', 'delivered'], comment: 'Lifecycle of an order' },
    { name: 'weekday', values: ['mon', 'tue'] },
  ]);
});

test('domain: base type, null, default, named checks, comment', () => {
  const { realm } = readFixture('types.hcl');
  assert.deepEqual(schemaOf(realm).domains, [
    { name: 'login_name', type: 'text', default: "'guest'", checks: [] },
    {
      name: 'positive_amount',
      type: 'numeric(12,2)',
      notNull: true,
      default: '0',
      checks: [{ name: 'positive_amount_check', expr: 'VALUE > 0' }],
      comment: 'Money that is owed',
    },
    {
      name: 'status_code',
      type: 'public.order_status',
      ref: { schema: PUBLIC, name: 'order_status' },
      checks: [],
    },
    {
      name: 'zip_code',
      type: 'varchar(10)',
      checks: [
        { name: 'zip_code_digits', expr: "VALUE ~ '^[0-9]{5}$'" },
        { name: 'zip_code_not_zero', expr: "VALUE <> '00000'" },
      ],
    },
  ]);
});

test('composite: fields with types, collation and references to other types', () => {
  const { realm } = readFixture('types.hcl');
  const s = schemaOf(realm);
  assert.deepEqual(s.composites, [
    {
      name: 'address',
      fields: [
        { name: 'street', type: 'text' },
        { name: 'zip', type: 'varchar(10)', collation: 'C' },
        { name: 'location', type: 'public.point2d', ref: { schema: PUBLIC, name: 'point2d' } },
        { name: 'status', type: 'public.order_status', ref: { schema: PUBLIC, name: 'order_status' } },
      ],
      comment: 'A postal address',
    },
    {
      name: 'point2d',
      fields: [
        { name: 'x', type: 'double precision' },
        { name: 'y', type: 'double precision' },
      ],
    },
  ]);
  const t = named(s.tables, 'deliveries');
  assert.deepEqual(
    column(t, 'status').type,
    type('public.order_status', { ref: { schema: PUBLIC, name: 'order_status' } }),
  );
  assert.deepEqual(
    column(t, 'cost').type,
    type('public.positive_amount', { ref: { schema: PUBLIC, name: 'positive_amount' } }),
  );
  assert.deepEqual(
    column(t, 'destination').type,
    type('public.address', { ref: { schema: PUBLIC, name: 'address' } }),
  );
});

test('extension: schema, version, comment; database-wide', () => {
  const { realm } = readFixture('extensions.hcl');
  assert.deepEqual(realm.extensions, [
    { name: 'citext', schema: 'public', version: '' },
    { name: 'hstore', schema: 'public', version: '' },
    { name: 'pgcrypto', schema: 'ext', version: '1.3', comment: 'cryptographic functions' },
  ]);
});

test('extension: depends_on other extensions', () => {
  const { realm } = readText(`
schema "public" {}
extension "cube" {}
extension "earthdistance" {
  depends_on = [extension.cube]
}
`);
  assert.deepEqual(
    realm.extensions.map((e) => e.name),
    ['cube', 'earthdistance'],
  );
});

test('policy: as, for, to (words and strings), using, check, comment', () => {
  const { realm } = readFixture('policies.hcl');
  const t = tableOf(realm, 'documents');
  assert.deepEqual(t.rls, { enabled: true, forced: false });
  assert.deepEqual(t.policies, [
    {
      name: 'documents_editor_update',
      permissive: false,
      command: 'UPDATE',
      roles: ['editor', 'reviewer'],
      using: '(owner = current_user)',
      withCheck: '(locked = false)',
      comment: 'Editors may change unlocked documents',
    },
    { name: 'documents_everything', permissive: true, command: 'ALL', roles: ['PUBLIC'], using: 'true' },
    {
      name: 'documents_owner_read',
      permissive: true,
      command: 'SELECT',
      roles: ['PUBLIC'],
      using: '(owner = current_user)',
    },
    {
      name: 'documents_self_insert',
      permissive: true,
      command: 'INSERT',
      roles: ['CURRENT_USER', 'SESSION_USER'],
      withCheck: '(owner = current_user)',
    },
  ]);
});

// ---------------------------------------------------------------- the language around the blocks

test('variable: defaults, --var values converted to the declared type, lists and bools', () => {
  const byDefault = readFixture('variables.hcl', { seat_count: '5' }).realm;
  assert.deepEqual(
    byDefault.schemas.map((s) => s.name),
    ['app'],
  );
  assert.deepEqual(schemaOf(byDefault, 'app').enums, [
    { name: 'publication_status', values: ['draft', 'live'] },
  ]);
  assert.deepEqual(tableOf(byDefault, 'tenants', 'app'), {
    ...emptyTable('tenants'),
    columns: [
      { name: 'seats', type: type('int'), nullable: false, default: { kind: 'literal', value: '5' } },
    ],
  });

  const given = readFixture('variables.hcl', {
    schema_name: 'prod',
    seat_count: '8',
    statuses: ['draft', 'review', 'live'],
    with_comment: 'true',
  }).realm;
  assert.deepEqual(
    given.schemas.map((s) => s.name),
    ['prod'],
  );
  assert.deepEqual(schemaOf(given, 'prod').enums, [
    { name: 'publication_status', values: ['draft', 'review', 'live'] },
  ]);
  const t = tableOf(given, 'tenants', 'prod');
  assert.equal(t.comment, 'Tenants of prod');
  assert.deepEqual(column(t, 'seats').default, { kind: 'literal', value: '8' });

  assert.throws(() => readFixture('variables.hcl'), /variable "seat_count" has no value/);
  assert.throws(() => readFixture('variables.hcl', { seat_count: 'many' }), /seat_count/);
});

test('locals, for expressions and the format / join / upper functions', () => {
  const { realm } = readFixture('locals.hcl');
  const s = schemaOf(realm);
  assert.deepEqual(s.enums, [
    { name: 'domestic_region', values: ['eu', 'us'] },
    { name: 'region', values: ['EU', 'US', 'APAC'] },
  ]);
  // The table's name attribute wins over its label; references use either.
  const t = tableOf(realm, 'shop_orders');
  assert.equal(t.comment, 'SHOP data');
  assert.deepEqual(column(t, 'region').default, { kind: 'literal', value: "'eu-07'" });
  assert.deepEqual(column(t, 'size').default, { kind: 'literal', value: '10' });
  assert.deepEqual(t.checks, [{ name: 'orders_region_known', expr: "region IN ('eu', 'us', 'apac')" }]);
  assert.deepEqual(named(s.views, 'order_regions'), {
    name: 'order_regions',
    definition: 'SELECT region FROM shop_orders',
    columns: [],
    triggers: [],
    dependsOn: [{ kind: 'table', schema: PUBLIC, name: 'shop_orders' }],
  });
});

test('for_each: one trigger per table of [table.a, table.b], with each.value', () => {
  const { realm } = readFixture('for-each.hcl');
  const fn = { schema: PUBLIC, name: 'audit_log_table' };
  for (const name of ['users', 'payments']) {
    assert.deepEqual(tableOf(realm, name).triggers, [
      {
        name: 'audit_changes',
        timing: 'AFTER',
        events: ['INSERT', 'UPDATE', 'DELETE'],
        forEach: 'ROW',
        function: fn,
      },
      {
        name: 'stamp',
        timing: 'BEFORE',
        events: ['INSERT'],
        forEach: 'ROW',
        function: fn,
        args: [`${name}_log`],
      },
    ]);
  }
});

test('for_each: a name computed from each.value', () => {
  const { realm } = readFixture('for-each-name.hcl');
  const fn = { schema: PUBLIC, name: 'stamp_row' };
  for (const name of ['users', 'payments']) {
    assert.deepEqual(tableOf(realm, name).triggers, [
      { name: `${name}_stamp`, timing: 'BEFORE', events: ['INSERT'], forEach: 'ROW', function: fn },
    ]);
  }
});

test('a string that is only an interpolation of table.x.name is the name', () => {
  const { realm } = readText(`
schema "public" {}
table "users" {
  schema = schema.public
  column "id" {
    type = int
  }
}
function "f" {
  schema = schema.public
  lang   = PLpgSQL
  return = trigger
  as     = "BEGIN RETURN NEW; END;"
}
trigger "users_stamp" {
  for_each = [table.users]
  on       = each.value
  before {
    insert = true
  }
  execute {
    function = function.f
    args     = ["\${each.value.name}"]
  }
}
view "user_ids" {
  schema  = schema.public
  as      = "SELECT id FROM users"
  comment = "\${table.users.name}"
}
`);
  assert.deepEqual(named(tableOf(realm, 'users').triggers, 'users_stamp').args, ['users']);
  assert.equal(named(schemaOf(realm).views, 'user_ids').comment, 'users');
});

test('file(): a view body read from a file next to the document', () => {
  const { realm } = readFixture('file-function.hcl');
  const v = named(schemaOf(realm).views, 'top_buyers');
  assert.equal(v.definition, readFileSync(join(FIXTURES, 'sql/top_buyers.sql'), 'utf8'));
  assert.deepEqual(v.dependsOn, [{ kind: 'table', schema: PUBLIC, name: 'purchases' }]);
});

test('renamed_from: hints for a table, a column and an index', () => {
  const { realm, hints } = readFixture('renames.hcl');
  const t = tableOf(realm, 'clients');
  assert.deepEqual(
    t.columns.map((c) => c.name),
    ['id', 'full_name'],
  );
  assert.deepEqual(
    t.indexes.map((i) => i.name),
    ['clients_full_name_idx'],
  );
  const order = ['table', 'column', 'index'];
  assert.deepEqual(
    [...hints].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)),
    [
      { kind: 'table', schema: PUBLIC, from: 'customers', to: 'clients' },
      { kind: 'column', schema: PUBLIC, table: 'clients', from: 'name', to: 'full_name' },
      {
        kind: 'index',
        schema: PUBLIC,
        table: 'clients',
        from: 'customers_name_idx',
        to: 'clients_full_name_idx',
      },
    ],
  );
});

test('dynamic blocks: columns from a list, with an iterator and labels, referable by name', () => {
  const { realm } = readSchemaHcl(
    [
      {
        path: 'dynamic.hcl',
        text: `locals {
  audit = { created_at = "timestamptz", created_by = "text" }
}
schema "public" {}
table "t" {
  schema = schema.public
  column "id" {
    type = bigint
  }
  dynamic "column" {
    for_each = local.audit
    iterator = col
    labels   = [col.key]
    content {
      type = sql(col.value)
      null = true
    }
  }
  index "t_created" {
    columns = [column.created_at]
  }
}
`,
      },
    ],
    { dialect: 'postgres' },
  );
  const t = realm.schemas[0]!.tables[0]!;
  assert.deepEqual(
    t.columns.map((c) => [c.name, c.type.raw, c.nullable]),
    [
      ['id', 'bigint', false],
      ['created_at', 'timestamptz', true],
      ['created_by', 'text', true],
    ],
  );
  assert.deepEqual(t.indexes[0]!.parts, [{ column: 'created_at' }]);
});
