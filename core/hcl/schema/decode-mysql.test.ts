// Acceptance tests for reading Atlas schema HCL (MySQL / MariaDB) into the model: documents
// written after Atlas's documentation (test/fixtures/hcl/mysql), compared in their written form.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Column, Func, Realm, Schema, Table } from '../../schema/model.ts';
import { emptySchema, emptyTable } from '../../schema/model.ts';
import { readSchemaHcl } from '../schema-files.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/hcl/mysql');

function readFixture(name: string) {
  const path = join(FIXTURES, name);
  return readSchemaHcl([{ path, text: readFileSync(path, 'utf8') }], { dialect: 'mysql' });
}

function readText(text: string) {
  return readSchemaHcl([{ path: join(FIXTURES, 'inline.hcl'), text }], { dialect: 'mysql' });
}

function schemaOf(realm: Realm, name = 'shop'): Schema {
  const s = realm.schemas.find((x) => x.name === name);
  assert.ok(s, `schema "${name}" is in the realm`);
  return s;
}

function named<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((x) => x.name === name);
  assert.ok(found, `"${name}" is among ${JSON.stringify(list.map((x) => x.name))}`);
  return found;
}

function tableOf(realm: Realm, name: string): Table {
  return named(schemaOf(realm).tables, name);
}

/** A column type as written: `normalized` is refined only when a database prints it back. */
const type = (raw: string, extra: Partial<Column['type']> = {}): Column['type'] => ({
  raw,
  normalized: raw.toLowerCase(),
  ...extra,
});

/** A routine without `identityArgs`, which MySQL does not use (asserted once, below). */
function routine(realm: Realm, name: string): Omit<Func, 'identityArgs'> {
  const { identityArgs: _, ...f } = named(schemaOf(realm).functions, name);
  return f;
}

test('schema: charset and collate (or collation), comment', () => {
  const { realm } = readFixture('schemas.hcl');
  assert.equal(realm.dialect, 'mysql');
  assert.deepEqual(realm.schemas, [
    { ...emptySchema('legacy'), charset: 'latin1', collation: 'latin1_swedish_ci', events: [] },
    { ...emptySchema('scratch'), events: [] },
    {
      ...emptySchema('shop'),
      charset: 'utf8mb4',
      collation: 'utf8mb4_0900_ai_ci',
      comment: 'Storefront data',
      events: [],
    },
  ]);
});

test('table: engine (word or string), charset, collate, auto_increment, comment', () => {
  const { realm } = readFixture('tables.hcl');
  assert.deepEqual(tableOf(realm, 'products'), {
    ...emptyTable('products'),
    engine: 'InnoDB',
    charset: 'utf8mb4',
    collation: 'utf8mb4_bin',
    autoIncrement: 1000,
    comment: 'Catalog',
    columns: [
      {
        name: 'id',
        type: type('bigint unsigned', { unsigned: true }),
        nullable: false,
        autoIncrement: true,
      },
    ],
    primaryKey: { name: 'PRIMARY', columns: ['id'] },
  });
  assert.equal(tableOf(realm, 'archive').engine, 'MyISAM');
  assert.equal(tableOf(realm, 'rocks').engine, 'MyRocks');
});

test('column: unsigned, auto_increment, on_update, charset, collate, inline enum/set, defaults', () => {
  const { realm } = readFixture('columns.hcl');
  const t = tableOf(realm, 'items');
  assert.deepEqual(t.columns, [
    { name: 'id', type: type('bigint unsigned', { unsigned: true }), nullable: false, autoIncrement: true },
    { name: 'sku', type: type('varchar(32)'), nullable: false, charset: 'ascii', collation: 'ascii_bin' },
    { name: 'title', type: type('varchar(255)'), nullable: false, comment: 'Shown in listings' },
    { name: 'body', type: type('text'), nullable: true },
    {
      name: 'price',
      type: type('decimal(10,2) unsigned', { unsigned: true }),
      nullable: false,
      default: { kind: 'literal', value: '0' },
    },
    {
      name: 'qty',
      type: type('smallint unsigned', { unsigned: true }),
      nullable: false,
      default: { kind: 'literal', value: '1' },
    },
    {
      name: 'size',
      type: type("enum('small','medium','large')", { values: ['small', 'medium', 'large'] }),
      nullable: false,
      default: { kind: 'literal', value: "'medium'" },
    },
    {
      name: 'finish',
      type: type("enum('matte','it''s glossy')", { values: ['matte', "it's glossy"] }),
      nullable: true,
    },
    { name: 'labels', type: type("set('new','sale')", { values: ['new', 'sale'] }), nullable: true },
    { name: 'in_stock', type: type('bool'), nullable: false, default: { kind: 'literal', value: 'true' } },
    { name: 'weight', type: type('double'), nullable: false, default: { kind: 'literal', value: '1.5' } },
    {
      name: 'created_at',
      type: type('datetime(3)'),
      nullable: false,
      default: { kind: 'expr', value: 'CURRENT_TIMESTAMP(3)' },
    },
    {
      name: 'updated_at',
      type: type('timestamp'),
      nullable: false,
      default: { kind: 'expr', value: 'CURRENT_TIMESTAMP' },
      onUpdate: 'CURRENT_TIMESTAMP',
    },
    {
      name: 'note',
      type: type('varchar(20)'),
      nullable: false,
      default: { kind: 'literal', value: "'n/a'" },
    },
  ]);
  assert.deepEqual(t.primaryKey, { name: 'PRIMARY', columns: ['id'] });
});

test('generated columns: VIRTUAL by default in MySQL, STORED on request', () => {
  const { realm } = readFixture('generated.hcl');
  const generated = Object.fromEntries(tableOf(realm, 'lines').columns.map((c) => [c.name, c.generated]));
  assert.deepEqual(generated, {
    price: undefined,
    qty: undefined,
    total: { expr: 'price * qty', stored: false },
    total_stored: { expr: 'price * qty', stored: true },
    total_virtual: { expr: 'price * qty * 2', stored: false },
    double_price: { expr: 'price * 2', stored: false },
  });
});

test('foreign_key: other table and same table, actions (NO ACTION kept: MariaDB tells it from RESTRICT)', () => {
  const { realm } = readFixture('keys.hcl');
  const t = tableOf(realm, 'orders');
  assert.deepEqual(t.foreignKeys, [
    {
      name: 'orders_customer_fk',
      columns: ['customer_id'],
      references: { schema: 'shop', name: 'customers', columns: ['id'] },
      onDelete: 'CASCADE',
      onUpdate: 'NO ACTION',
    },
    {
      name: 'orders_parent_fk',
      columns: ['parent_id'],
      references: { schema: 'shop', name: 'orders', columns: ['id'] },
      onDelete: 'SET NULL',
    },
  ]);
  assert.deepEqual(t.primaryKey, { name: 'PRIMARY', columns: ['id'] });
});

test('index: prefix, FULLTEXT with parser, unique, desc, expressions, explicit BTREE', () => {
  const { realm } = readFixture('keys.hcl');
  assert.deepEqual(tableOf(realm, 'orders').indexes, [
    { name: 'orders_amount_expr', parts: [{ expr: '(price * qty)' }] },
    { name: 'orders_body_ft', method: 'FULLTEXT', parts: [{ column: 'body' }], parser: 'ngram' },
    // Written explicitly: BTREE is not the default of every engine (MEMORY uses HASH).
    { name: 'orders_customer_btree', method: 'BTREE', parts: [{ column: 'customer_id' }] },
    {
      name: 'orders_price_desc',
      parts: [
        { column: 'price', desc: true },
        { column: 'title', prefix: 10 },
      ],
    },
    {
      name: 'orders_title_key',
      unique: true,
      parts: [{ column: 'customer_id' }, { column: 'title' }],
      comment: 'One title per customer',
    },
    { name: 'orders_title_prefix', parts: [{ column: 'title', prefix: 20 }] },
  ]);
});

test('check: enforced = false is NOT ENFORCED', () => {
  const { realm } = readFixture('keys.hcl');
  assert.deepEqual(tableOf(realm, 'orders').checks, [
    { name: 'orders_price_nonneg', expr: 'price >= 0', notEnforced: true },
    { name: 'orders_qty_sane', expr: 'qty < 1000' },
    { name: 'orders_title_len', expr: 'char_length(title) > 2' },
  ]);
});

test('function: deterministic, data_access, security, comment; the parameter list as written', () => {
  const { realm } = readFixture('routines.hcl');
  assert.deepEqual(routine(realm, 'add_vat'), {
    name: 'add_vat',
    kind: 'function',
    args: [{ name: 'amount', type: 'decimal(10,2)' }],
    returns: 'decimal(10,2)',
    language: 'SQL',
    body: 'RETURN amount * 1.2',
    deterministic: true,
    dataAccess: 'NO SQL',
    comment: 'Gross price',
    params: 'amount decimal(10,2)',
  });
  assert.deepEqual(routine(realm, 'order_count'), {
    name: 'order_count',
    kind: 'function',
    args: [{ name: 'uid', type: 'int' }],
    returns: 'int',
    language: 'SQL',
    body: 'BEGIN\n  DECLARE n INT;\n  SELECT COUNT(*) INTO n FROM orders WHERE customer_id = uid;\n  RETURN n;\nEND\n',
    dataAccess: 'READS SQL DATA',
    security: 'INVOKER',
    params: 'uid int',
  });
  // NOT DETERMINISTIC, CONTAINS SQL and SQL SECURITY DEFINER are the defaults and are left out.
  assert.deepEqual(routine(realm, 'answer'), {
    name: 'answer',
    kind: 'function',
    args: [],
    returns: 'int',
    language: 'SQL',
    body: 'RETURN 42',
    params: '',
  });
});

test('procedure: arguments with IN / OUT / INOUT modes and charset', () => {
  const { realm } = readFixture('routines.hcl');
  assert.deepEqual(routine(realm, 'restock'), {
    name: 'restock',
    kind: 'procedure',
    args: [
      { name: 'item', type: 'int' },
      { name: 'amount', mode: 'INOUT', type: 'int' },
      { name: 'total', mode: 'OUT', type: 'int' },
      { name: 'note', mode: 'IN', type: 'char(10) CHARSET latin1' },
    ],
    language: 'SQL',
    body: 'BEGIN\n  SET amount = amount + 1;\n  SET total = item + amount;\nEND\n',
    comment: 'Adds stock',
    deterministic: true,
    dataAccess: 'MODIFIES SQL DATA',
    params: 'item int, INOUT amount int, OUT total int, IN note char(10) CHARSET latin1',
  });
});

test('routines have no identity arguments in MySQL', () => {
  const { realm } = readFixture('routines.hcl');
  assert.deepEqual(
    schemaOf(realm).functions.map((f) => [f.name, f.identityArgs]),
    [
      ['add_vat', ''],
      ['answer', ''],
      ['order_count', ''],
      ['restock', ''],
    ],
  );
});

test('function: arguments with collate', () => {
  const { realm } = readText(`
schema "shop" {}
function "shout" {
  schema = schema.shop
  arg "word" {
    type    = varchar(20)
    charset = "utf8mb4"
    collate = "utf8mb4_bin"
  }
  return = varchar(20)
  as     = "RETURN UPPER(word)"
}
`);
  assert.deepEqual(routine(realm, 'shout').args, [
    { name: 'word', type: 'varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_bin' },
  ]);
});

test('trigger: before / after with an as body, follows', () => {
  const { realm } = readFixture('triggers.hcl');
  assert.deepEqual(tableOf(realm, 'products').triggers, [
    {
      name: 'products_after_update',
      timing: 'AFTER',
      events: ['UPDATE'],
      forEach: 'ROW',
      body: "INSERT INTO audit_log (item, action) VALUES (NEW.id, 'update')",
    },
    {
      name: 'products_after_update_more',
      timing: 'AFTER',
      events: ['UPDATE'],
      forEach: 'ROW',
      body: 'SET @last_updated = NEW.id',
      follows: 'products_after_update',
    },
    {
      name: 'products_before_delete',
      timing: 'BEFORE',
      events: ['DELETE'],
      forEach: 'ROW',
      body: "INSERT INTO audit_log (item, action) VALUES (OLD.id, 'delete')",
    },
    {
      name: 'products_before_insert',
      timing: 'BEFORE',
      events: ['INSERT'],
      forEach: 'ROW',
      body: 'BEGIN\n  SET NEW.sku = UPPER(NEW.sku);\nEND',
    },
  ]);
});

const TRIGGER_TABLE = `
schema "shop" {}
table "products" {
  schema = schema.shop
  column "id" {
    type = int
  }
}
`;

test('trigger: for = ROW', () => {
  const { realm } = readText(`${TRIGGER_TABLE}
trigger "products_stamp" {
  on = table.products
  before {
    insert = true
  }
  for = ROW
  as  = "SET @n = NEW.id"
}
`);
  assert.equal(named(tableOf(realm, 'products').triggers, 'products_stamp').forEach, 'ROW');
});

test('trigger: foreach = ROW', () => {
  const { realm } = readText(`${TRIGGER_TABLE}
trigger "products_stamp" {
  on = table.products
  before {
    insert = true
  }
  foreach = ROW
  as      = "SET @n = NEW.id"
}
`);
  assert.equal(named(tableOf(realm, 'products').triggers, 'products_stamp').forEach, 'ROW');
});

test('trigger: precedes', () => {
  const { realm } = readText(`${TRIGGER_TABLE}
trigger "products_first" {
  on = table.products
  before {
    insert = true
  }
  precedes = trigger.products_second
  as       = "SET @a = 1"
}
trigger "products_second" {
  on = table.products
  before {
    insert = true
  }
  as = "SET @b = 2"
}
`);
  // PRECEDES x puts this trigger right before x: x follows it.
  assert.equal(named(tableOf(realm, 'products').triggers, 'products_second').follows, 'products_first');
});

test('view: as interpolating table.x.name, depends_on, check_option, security, comment', () => {
  const { realm } = readFixture('views.hcl');
  const s = schemaOf(realm);
  const { columns, ...cheap } = named(s.views, 'cheap_products');
  assert.deepEqual(cheap, {
    name: 'cheap_products',
    definition: 'SELECT id, title FROM products WHERE price < 10',
    checkOption: 'CASCADED',
    security: 'INVOKER',
    comment: 'Bargains',
    dependsOn: [{ kind: 'table', schema: 'shop', name: 'products' }],
    triggers: [],
  });
  assert.deepEqual(
    columns.map((c) => [c.name, c.comment]),
    [
      ['id', undefined],
      ['title', 'Listing title'],
    ],
  );
  // SQL SECURITY DEFINER is the default and is left out.
  assert.deepEqual(named(s.views, 'all_products'), {
    name: 'all_products',
    definition: 'SELECT * FROM products',
    columns: [],
    triggers: [],
    dependsOn: [{ kind: 'table', schema: 'shop', name: 'products' }],
  });
});

test('view: column unsigned', () => {
  const { realm } = readText(`
schema "shop" {}
table "counters" {
  schema = schema.shop
  column "n" {
    type     = int
    unsigned = true
  }
}
view "counter_values" {
  schema = schema.shop
  column "n" {
    type     = int
    unsigned = true
  }
  as = "SELECT n FROM counters"
}
`);
  assert.deepEqual(
    named(schemaOf(realm).views, 'counter_values').columns.map((c) => c.name),
    ['n'],
  );
});
