// Unit tests of `--exclude` globs on hand-built realms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyExcludes } from './exclude.ts';
import { type Column, emptyRealm, emptySchema, emptyTable, type Realm, type Table } from './model.ts';

const col = (name: string): Column => ({
  name,
  type: { raw: 'integer', normalized: 'int4' },
  nullable: true,
});

function table(name: string, columns: string[]): Table {
  const t = emptyTable(name);
  t.columns = columns.map(col);
  return t;
}

/** public: users (+ children), audit_log, audit_2024, orders, a view, a function, an enum; billing: invoices. */
function realm(): Realm {
  const r = emptyRealm('postgres');
  const pub = emptySchema('public');
  const users = table('users', ['id', 'email', 'password_hash', 'secret_a', 'secret_b']);
  users.primaryKey = { name: 'users_pkey', columns: ['id'] };
  users.uniques.push({ name: 'users_email_key', columns: ['email'] });
  users.checks.push({ name: 'users_email_check', expr: "email <> ''" });
  users.indexes.push({ name: 'users_email_idx', parts: [{ column: 'email' }] });
  users.triggers.push({ name: 'users_audit', timing: 'AFTER', events: ['INSERT'], forEach: 'ROW' });
  users.policies.push({ name: 'users_own', permissive: true, command: 'ALL', roles: ['PUBLIC'] });
  users.exclusions.push({ name: 'users_excl', definition: 'EXCLUDE USING gist (id WITH =)' });
  users.foreignKeys.push({
    name: 'users_org_fk',
    columns: ['id'],
    references: { schema: 'public', name: 'orders', columns: ['id'] },
  });
  pub.tables.push(users, table('audit_log', ['id']), table('audit_2024', ['id']), table('orders', ['id']));
  pub.views.push({ name: 'active_users', definition: 'SELECT 1', columns: [], triggers: [] });
  pub.functions.push({
    name: 'audit_fn',
    kind: 'function',
    identityArgs: '',
    args: [],
    returns: 'trigger',
    language: 'plpgsql',
    body: 'BEGIN RETURN NEW; END',
  });
  pub.enums.push({ name: 'mood', values: ['ok'] });
  pub.sequences.push({
    name: 'audit_seq',
    start: '1',
    increment: '1',
    min: '1',
    max: '9223372036854775807',
    cache: '1',
    cycle: false,
  });
  const billing = emptySchema('billing');
  billing.tables.push(table('invoices', ['id', 'secret_a']));
  r.schemas.push(pub, billing);
  return r;
}

const names = <T extends { name: string }>(list: T[]) => list.map((x) => x.name);
const schema = (r: Realm, name: string) => r.schemas.find((s) => s.name === name)!;
const tbl = (r: Realm, s: string, t: string) => schema(r, s).tables.find((x) => x.name === t)!;

describe('applyExcludes', () => {
  test('no globs: the realm is returned untouched', () => {
    const r = realm();
    const before = JSON.stringify(r);
    assert.equal(applyExcludes(r, [], false), r);
    assert.equal(JSON.stringify(r), before);
  });

  test('a schema name removes the whole schema', () => {
    const r = applyExcludes(realm(), ['billing'], false);
    assert.deepEqual(names(r.schemas), ['public']);
  });

  test('schema.object removes objects of every kind', () => {
    const r = applyExcludes(
      realm(),
      ['public.orders', 'public.active_users', 'public.audit_fn', 'public.mood', 'public.audit_seq'],
      false,
    );
    const pub = schema(r, 'public');
    assert.deepEqual(names(pub.tables), ['users', 'audit_log', 'audit_2024']);
    assert.deepEqual(pub.views, []);
    assert.deepEqual(pub.functions, []);
    assert.deepEqual(pub.enums, []);
    assert.deepEqual(pub.sequences, []);
    assert.deepEqual(names(schema(r, 'billing').tables), ['invoices']);
  });

  test('* and ? match within one name', () => {
    const r = applyExcludes(realm(), ['public.audit_*'], false);
    assert.deepEqual(names(schema(r, 'public').tables), ['users', 'orders']);
    const q = applyExcludes(realm(), ['public.audit_20?4'], false);
    assert.deepEqual(names(schema(q, 'public').tables), ['users', 'audit_log', 'orders']);
  });

  test('* never matches across a dot', () => {
    // `public*` is not `public.<anything>`, and `*` alone is only schema names.
    let r = applyExcludes(realm(), ['public*'], false);
    assert.deepEqual(names(r.schemas), ['billing']);
    r = applyExcludes(realm(), ['pub*.users'], false);
    assert.deepEqual(names(schema(r, 'public').tables), ['audit_log', 'audit_2024', 'orders']);
    // `public.*` drops the objects of public but not the schema itself, nor reaches table children.
    r = applyExcludes(realm(), ['public.*'], false);
    assert.deepEqual(names(r.schemas), ['public', 'billing']);
    assert.deepEqual(schema(r, 'public').tables, []);
    assert.deepEqual(names(schema(r, 'billing').tables), ['invoices']);
    r = applyExcludes(realm(), ['*'], false);
    assert.deepEqual(r.schemas, []);
  });

  test('wildcards in the schema part match every schema', () => {
    const r = applyExcludes(realm(), ['*.*.secret_*'], false);
    assert.deepEqual(names(tbl(r, 'public', 'users').columns), ['id', 'email', 'password_hash']);
    assert.deepEqual(names(tbl(r, 'billing', 'invoices').columns), ['id']);
  });

  test('schema.table.child removes columns, constraints, indexes, triggers and policies', () => {
    const r = applyExcludes(
      realm(),
      [
        'public.users.password_hash',
        'public.users.users_pkey',
        'public.users.users_email_key',
        'public.users.users_email_check',
        'public.users.users_email_idx',
        'public.users.users_audit',
        'public.users.users_own',
        'public.users.users_excl',
        'public.users.users_org_fk',
      ],
      false,
    );
    const users = tbl(r, 'public', 'users');
    assert.deepEqual(names(users.columns), ['id', 'email', 'secret_a', 'secret_b']);
    assert.equal(users.primaryKey, undefined);
    assert.equal('primaryKey' in users, false);
    for (const list of [
      users.uniques,
      users.checks,
      users.indexes,
      users.triggers,
      users.policies,
      users.exclusions,
      users.foreignKeys,
    ]) {
      assert.deepEqual(list, []);
    }
  });

  test('a child glob does not remove the table itself', () => {
    const r = applyExcludes(realm(), ['public.users.*'], false);
    const users = tbl(r, 'public', 'users');
    assert.deepEqual(users.columns, []);
    assert.equal(users.name, 'users');
  });

  test('regular expression characters in globs are literal', () => {
    const r = realm();
    schema(r, 'public').tables.push(table('a+b', []), table('aab', []), table('x(1)', []), table('x1', []));
    applyExcludes(r, ['public.a+b', 'public.x(1)'], false);
    assert.deepEqual(names(schema(r, 'public').tables), [
      'users',
      'audit_log',
      'audit_2024',
      'orders',
      'aab',
      'x1',
    ]);
  });

  test('dots in a glob are literal, not "any character"', () => {
    const r = applyExcludes(realm(), ['publicXusers'], false);
    assert.deepEqual(names(schema(r, 'public').tables), ['users', 'audit_log', 'audit_2024', 'orders']);
  });

  test('globs are case-sensitive', () => {
    const r = applyExcludes(realm(), ['public.USERS'], false);
    assert.ok(tbl(r, 'public', 'users'));
  });

  test('bound to one schema: paths start at the object', () => {
    const r = emptyRealm('postgres');
    const s = emptySchema('app');
    s.tables.push(table('users', ['id', 'token']), table('audit_x', []));
    r.schemas.push(s);
    applyExcludes(r, ['audit_*', 'users.token', 'app'], true);
    // `app` would be the schema's own (empty) path: the schema is never excluded when bound.
    assert.deepEqual(names(r.schemas), ['app']);
    assert.deepEqual(names(s.tables), ['users']);
    assert.deepEqual(names(s.tables[0]!.columns), ['id']);
  });

  test('bound: schema-qualified globs do not match', () => {
    const r = emptyRealm('postgres');
    const s = emptySchema('app');
    s.tables.push(table('users', ['id']));
    r.schemas.push(s);
    applyExcludes(r, ['app.users'], true);
    assert.deepEqual(names(s.tables), ['users']);
  });
});
