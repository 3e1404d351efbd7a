// Unit tests of the differ on hand-built realms: matching, equality rules, hints and policies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Column, emptyRealm, emptySchema, emptyTable, type Realm, type Table } from '../schema/model.ts';
import type { Change, TableChange } from './changes.ts';
import { diffRealms, same } from './diff.ts';

const col = (name: string, type = 'integer', normalized = 'int4', extra: Partial<Column> = {}): Column => ({
  name,
  type: { raw: type, normalized },
  nullable: true,
  ...extra,
});

function realm(...tables: Table[]): Realm {
  const r = emptyRealm('postgres');
  const s = emptySchema('public');
  s.tables.push(...tables);
  r.schemas.push(s);
  return r;
}

function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { ...emptyTable(name), columns, ...extra };
}

const kinds = (changes: Change[]) => changes.map((c) => c.kind);
const tableChanges = (changes: Change[]): TableChange[] =>
  changes.flatMap((c) => (c.kind === 'modify_table' ? c.changes : []));

describe('diffRealms', () => {
  test('equal realms have no changes, whatever dependsOn says', () => {
    const a = realm(
      table('t', [col('id')], { dependsOn: [{ kind: 'sequence', schema: 'public', name: 's' }] }),
    );
    const b = realm(table('t', [col('id')]));
    assert.deepEqual(diffRealms(a, b), []);
  });

  test('tables added, dropped and modified', () => {
    const a = realm(table('gone', [col('id')]), table('kept', [col('id')]));
    const b = realm(table('kept', [col('id'), col('extra', 'text', 'text')]), table('new', [col('id')]));
    const changes = diffRealms(a, b);
    assert.deepEqual(kinds(changes).sort(), ['add_table', 'drop_table', 'modify_table']);
    assert.deepEqual(
      tableChanges(changes).map((c) => c.kind),
      ['add_column'],
    );
  });

  test('column attributes that changed are named', () => {
    const a = realm(table('t', [col('c', 'integer', 'int4')]));
    const b = realm(
      table('t', [
        col('c', 'bigint', 'int8', {
          nullable: false,
          default: { kind: 'literal', value: '0' },
          comment: 'x',
        }),
      ]),
    );
    const [change] = tableChanges(diffRealms(a, b));
    assert.equal(change?.kind, 'modify_column');
    assert.deepEqual(change?.kind === 'modify_column' && change.what, [
      'type',
      'nullable',
      'default',
      'comment',
    ]);
  });

  test('types compare in normalized form, not as printed', () => {
    const a = realm(table('t', [col('c', 'integer', 'int4')]));
    const b = realm(table('t', [col('c', 'int4', 'int4')]));
    assert.deepEqual(diffRealms(a, b), []);
  });

  test('an unnamed constraint matches a named one with the same definition', () => {
    const check = (name: string) => ({ name, expr: '(c > 0)' });
    const a = realm(table('t', [col('c')], { checks: [check('t_c_check')] }));
    const b = realm(table('t', [col('c')], { checks: [check('t_c_check1')] }));
    assert.deepEqual(diffRealms(a, b), []);
  });

  test('a foreign key that now references another table is modified', () => {
    const fk = (to: string) => ({
      name: 'fk',
      columns: ['c'],
      references: { schema: 'public', name: to, columns: ['id'] },
    });
    const a = realm(table('t', [col('c')], { foreignKeys: [fk('a')] }));
    const b = realm(table('t', [col('c')], { foreignKeys: [fk('b')] }));
    assert.deepEqual(
      tableChanges(diffRealms(a, b)).map((c) => c.kind),
      ['modify_foreign_key'],
    );
  });

  test('a comment-only change on an index is a comment change, not a re-created index', () => {
    const idx = (comment?: string) => ({
      name: 'i',
      parts: [{ column: 'c' }],
      ...(comment ? { comment } : {}),
    });
    const a = realm(table('t', [col('c')], { indexes: [idx()] }));
    const b = realm(table('t', [col('c')], { indexes: [idx('why')] }));
    assert.deepEqual(tableChanges(diffRealms(a, b)), [
      { kind: 'modify_comment', target: 'index', name: 'i', comment: 'why' },
    ]);
  });

  test('without a hint a renamed table is dropped and added; with one it is renamed', () => {
    const a = realm(table('old', [col('id')]));
    const b = realm(table('new', [col('id')]));
    assert.deepEqual(kinds(diffRealms(a, b)).sort(), ['add_table', 'drop_table']);
    const hinted = diffRealms(a, b, { hints: [{ kind: 'table', schema: 'public', from: 'old', to: 'new' }] });
    assert.deepEqual(kinds(hinted), ['rename_table']);
  });

  test('a column rename hint renames the column and keeps comparing it', () => {
    const a = realm(table('t', [col('old')]));
    const b = realm(table('t', [col('new', 'bigint', 'int8')]));
    const changes = diffRealms(a, b, {
      hints: [{ kind: 'column', schema: 'public', table: 't', from: 'old', to: 'new' }],
    });
    assert.deepEqual(
      tableChanges(changes).map((c) => c.kind),
      ['rename_column', 'modify_column'],
    );
  });

  test('extension versions and comments come with the package and are not changes', () => {
    const a = emptyRealm('postgres');
    const b = emptyRealm('postgres');
    a.extensions.push({ name: 'citext', schema: 'public', version: '1.6', comment: 'a' });
    b.extensions.push({ name: 'citext', schema: 'public', version: '1.8' });
    assert.deepEqual(diffRealms(a, b), []);
  });

  test('functions are matched by name and identity arguments', () => {
    const fn = (args: string) => ({
      name: 'f',
      kind: 'function' as const,
      identityArgs: args,
      args: [],
      language: 'sql',
      body: 'SELECT 1',
      returns: 'integer',
    });
    const a = emptyRealm('postgres');
    const b = emptyRealm('postgres');
    a.schemas.push({ ...emptySchema('public'), functions: [fn('')] });
    b.schemas.push({ ...emptySchema('public'), functions: [fn(''), fn('x integer')] });
    assert.deepEqual(kinds(diffRealms(a, b)), ['add_function']);
  });
});

describe('skip policies', () => {
  const a = realm(
    table('gone', [col('id')]),
    table('t', [col('id'), col('old')], { indexes: [{ name: 'i', parts: [{ column: 'id' }] }] }),
  );
  const b = realm(table('t', [col('id'), col('new')]), table('added', [col('id')]));

  test('drop_table leaves the table', () => {
    assert.ok(!kinds(diffRealms(a, b, { policy: { skip: ['drop_table'] } })).includes('drop_table'));
  });

  test('drop_column and drop_index leave columns and indexes; the rest of the table change stays', () => {
    const changes = diffRealms(a, b, { policy: { skip: ['drop_column', 'drop_index'] } });
    assert.deepEqual(
      tableChanges(changes).map((c) => c.kind),
      ['add_column'],
    );
  });

  test('modify_table skips every change inside tables', () => {
    assert.deepEqual(kinds(diffRealms(a, b, { policy: { skip: ['modify_table'] } })).sort(), [
      'add_table',
      'drop_table',
    ]);
  });

  test('add_type covers enums', () => {
    const x = emptyRealm('postgres');
    const y = emptyRealm('postgres');
    x.schemas.push(emptySchema('public'));
    y.schemas.push({ ...emptySchema('public'), enums: [{ name: 'e', values: ['a'] }] });
    assert.deepEqual(diffRealms(x, y, { policy: { skip: ['add_type'] } }), []);
    assert.deepEqual(kinds(diffRealms(x, y)), ['add_enum']);
  });
});

describe('same', () => {
  test('ignored names are top-level only', () => {
    const fk = (name: string, to: string) => ({ name, references: { name: to } });
    assert.ok(same(fk('a', 't'), fk('b', 't'), ['name']));
    assert.ok(!same(fk('a', 't'), fk('a', 'u'), ['name']));
  });
});
