// Every skip kind of a diff policy: a pair of realms that produces that change, which the policy
// removes, while the unrelated change in the same pair stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyRealm, emptySchema, emptyTable, type Realm, type Schema, type Table } from '../schema/model.ts';
import type { Change } from './changes.ts';
import { diffRealms } from './diff.ts';
import { SKIPPABLE, type SkipKind } from './policy.ts';

function base(): Realm {
  const t: Table = {
    ...emptyTable('t'),
    columns: [
      { name: 'id', type: { raw: 'integer', normalized: 'int4' }, nullable: false },
      { name: 'a', type: { raw: 'integer', normalized: 'int4' }, nullable: true },
    ],
    primaryKey: { name: 't_pkey', columns: ['id'] },
    indexes: [{ name: 'i', parts: [{ column: 'a' }] }],
    foreignKeys: [
      { name: 'fk', columns: ['a'], references: { schema: 'public', name: 't', columns: ['id'] } },
    ],
    triggers: [
      {
        name: 'tr',
        timing: 'BEFORE',
        events: ['INSERT'],
        forEach: 'ROW',
        function: { schema: 'public', name: 'f' },
      },
    ],
    policies: [{ name: 'p', permissive: true, command: 'ALL', roles: ['PUBLIC'], using: 'true' }],
  };
  const s: Schema = {
    ...emptySchema('public'),
    tables: [t],
    views: [{ name: 'v', definition: 'SELECT 1', columns: [], triggers: [] }],
    functions: [
      {
        name: 'f',
        kind: 'function',
        identityArgs: '',
        args: [],
        language: 'plpgsql',
        body: 'BEGIN RETURN NEW; END',
        returns: 'trigger',
      },
    ],
    enums: [{ name: 'e', values: ['a'] }],
  };
  return { ...emptyRealm('postgres'), schemas: [s, emptySchema('other')] };
}

const pub = (r: Realm) => r.schemas[0]!;
const t = (r: Realm) => pub(r).tables[0]!;

/** For each kind: how to change `to` (or `from`) so that the diff contains that change. */
const CASES: Record<SkipKind, (from: Realm, to: Realm) => void> = {
  add_schema: (_, to) => to.schemas.push(emptySchema('extra')),
  drop_schema: (from) => from.schemas.push(emptySchema('extra')),
  modify_schema: (_, to) => {
    to.schemas[1]!.comment = 'c';
  },
  add_table: (_, to) => pub(to).tables.push(emptyTable('u')),
  drop_table: (from) => pub(from).tables.push(emptyTable('u')),
  modify_table: (_, to) => {
    t(to).comment = 'c';
  },
  add_column: (_, to) =>
    t(to).columns.push({ name: 'b', type: { raw: 'text', normalized: 'text' }, nullable: true }),
  drop_column: (_, to) => {
    t(to).columns.pop();
  },
  modify_column: (_, to) => {
    t(to).columns[1]!.nullable = false;
  },
  add_index: (_, to) => t(to).indexes.push({ name: 'j', parts: [{ column: 'id' }] }),
  drop_index: (_, to) => {
    t(to).indexes = [];
  },
  modify_index: (_, to) => {
    t(to).indexes[0]!.unique = true;
  },
  add_foreign_key: (_, to) =>
    t(to).foreignKeys.push({
      name: 'fk2',
      columns: ['id'],
      references: { schema: 'public', name: 't', columns: ['a'] },
    }),
  drop_foreign_key: (_, to) => {
    t(to).foreignKeys = [];
  },
  modify_foreign_key: (_, to) => {
    t(to).foreignKeys[0]!.onDelete = 'CASCADE';
  },
  add_view: (_, to) => pub(to).views.push({ name: 'w', definition: 'SELECT 2', columns: [], triggers: [] }),
  drop_view: (_, to) => {
    pub(to).views = [];
  },
  modify_view: (_, to) => {
    pub(to).views[0]!.definition = 'SELECT 3';
  },
  add_function: (_, to) => pub(to).functions.push({ ...pub(to).functions[0]!, name: 'g' }),
  drop_function: (from) => pub(from).functions.push({ ...pub(from).functions[0]!, name: 'g' }),
  modify_function: (_, to) => {
    pub(to).functions[0]!.body = 'BEGIN RETURN OLD; END';
  },
  add_trigger: (_, to) => t(to).triggers.push({ ...t(to).triggers[0]!, name: 'tr2' }),
  drop_trigger: (_, to) => {
    t(to).triggers = [];
  },
  modify_trigger: (_, to) => {
    t(to).triggers[0]!.events = ['UPDATE'];
  },
  add_type: (_, to) => pub(to).enums.push({ name: 'e2', values: ['x'] }),
  drop_type: (_, to) => {
    pub(to).enums = [];
  },
  modify_type: (_, to) => {
    pub(to).enums[0]!.values.push('b');
  },
  add_policy: (_, to) => t(to).policies.push({ ...t(to).policies[0]!, name: 'p2' }),
  drop_policy: (_, to) => {
    t(to).policies = [];
  },
  modify_policy: (_, to) => {
    t(to).policies[0]!.using = 'false';
  },
};

/** All change kinds, table changes included, in a diff. */
const kindsOf = (changes: Change[]) =>
  changes.flatMap((c) =>
    c.kind === 'modify_table' ? ['modify_table', ...c.changes.map((x) => x.kind)] : [c.kind],
  );

/** The change kinds a skip kind stands for. */
const covered = (skip: SkipKind) => {
  const [verb, obj] = skip.split(/_(.*)/) as [string, string];
  const objects =
    obj === 'type'
      ? ['enum', 'domain', 'composite', 'range']
      : obj === 'view'
        ? ['view', 'materialized_view']
        : [obj];
  return objects.map((o) => `${verb}_${o}`);
};

test('every skippable change kind has a case', () => {
  assert.deepEqual(Object.keys(CASES).sort(), [...SKIPPABLE].sort());
});

for (const skip of SKIPPABLE) {
  test(`skip ${skip}: the change is planned without the policy and left out with it`, () => {
    const from = base();
    const to = base();
    CASES[skip](from, to);
    // An unrelated change (sequences have no skip kind) that every skip must leave alone.
    to.schemas[1]!.sequences.push({
      name: 'unrelated',
      start: '1',
      increment: '1',
      min: '1',
      max: '9',
      cache: '1',
      cycle: false,
    });
    const all = kindsOf(diffRealms(from, to));
    assert.ok(
      all.some((k) => covered(skip).includes(k)),
      `no ${skip} change in ${all.join(', ')}`,
    );
    const kept = kindsOf(diffRealms(from, to, { policy: { skip: [skip] } }));
    assert.ok(!kept.some((k) => covered(skip).includes(k)), `${skip} still planned: ${kept.join(', ')}`);
    assert.ok(kept.includes('add_sequence'), 'the unrelated change must stay');
  });
}
