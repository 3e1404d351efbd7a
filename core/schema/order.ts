// Deterministic ordering of a realm. Everything is sorted by name except what carries meaning
// in its order: table columns, enum values, key and index parts, function arguments.
import type { DepRef, Realm, Schema, Table } from './model.ts';

const byName = <T extends { name: string }>(a: T, b: T): number => cmp(a.name, b.name);

/** Code-point comparison: locale-independent, so every machine sorts the same way. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const depKey = (d: DepRef) => `${d.kind}\0${d.schema}\0${d.name}\0${d.args ?? ''}`;

function sortDeps(o: { dependsOn?: DepRef[] }): void {
  o.dependsOn?.sort((a, b) => cmp(depKey(a), depKey(b)));
}

function sortTable(t: Table): void {
  sortDeps(t);
  t.rules?.sort(byName);
  for (const r of t.rules ?? []) sortDeps(r);
  for (const list of [t.uniques, t.exclusions, t.foreignKeys, t.checks, t.indexes, t.triggers, t.policies]) {
    list.sort(byName);
  }
}

function sortSchema(s: Schema): void {
  s.tables.sort(byName);
  for (const t of s.tables) sortTable(t);
  s.views.sort(byName);
  for (const v of s.views) {
    v.triggers.sort(byName);
    v.rules?.sort(byName);
    for (const r of v.rules ?? []) sortDeps(r);
    sortDeps(v);
  }
  s.materializedViews.sort(byName);
  for (const m of s.materializedViews) {
    m.indexes.sort(byName);
    sortDeps(m);
  }
  s.sequences.sort(byName);
  s.functions.sort((a, b) => cmp(a.name, b.name) || cmp(a.identityArgs, b.identityArgs));
  s.aggregates.sort((a, b) => cmp(a.name, b.name) || cmp(a.identityArgs, b.identityArgs));
  for (const f of [...s.functions, ...s.aggregates]) sortDeps(f);
  s.enums.sort(byName);
  s.domains.sort(byName);
  for (const d of s.domains) {
    d.checks.sort(byName);
    sortDeps(d);
  }
  s.composites.sort(byName);
  s.ranges.sort(byName);
  s.events?.sort(byName);
}

/** Sorts a realm in place and returns it. */
export function sortRealm(realm: Realm): Realm {
  realm.schemas.sort(byName);
  for (const s of realm.schemas) sortSchema(s);
  realm.extensions.sort(byName);
  realm.eventTriggers.sort(byName);
  return realm;
}
