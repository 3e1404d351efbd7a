// `--exclude` globs on dotted paths: `schema`, `schema.object` or `schema.table.child` (a column,
// index, constraint, trigger, rule or policy; also indexes of materialized views and triggers and
// rules of views). `*` and `?` never match across a dot. When the inspection is bound to one
// schema, paths start at the object (`object`, `table.child`).
//
// What references an excluded object goes too (foreign keys to an excluded table, an index on an
// excluded column, the partitions of an excluded table, sequence ownership), so that the
// remaining schema is still one that can be created.
import type { ObjectRef, Realm, Table } from './model.ts';

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^.]*')
    .replace(/\?/g, '[^.]');
  return new RegExp(`^${body}$`);
}

export function applyExcludes(realm: Realm, globs: readonly string[], bound: boolean): Realm {
  if (globs.length === 0) return realm;
  const res = globs.map(globToRegExp);
  const hit = (...path: string[]) => {
    const p = (bound ? path.slice(1) : path).join('.');
    return p !== '' && res.some((r) => r.test(p));
  };
  const schemaNames = new Set(realm.schemas.map((s) => s.name));
  realm.schemas = realm.schemas.filter((s) => !hit(s.name));
  realm.extensions = realm.extensions.filter(
    (e) => !schemaNames.has(e.schema) || realm.schemas.some((s) => s.name === e.schema),
  );
  for (const s of realm.schemas) {
    const keep = <T extends { name: string }>(list: T[]) => list.filter((o) => !hit(s.name, o.name));
    s.tables = keep(s.tables);
    for (const t of s.tables) pruneTable(t, (child) => hit(s.name, t.name, child));
    s.views = keep(s.views);
    for (const v of s.views) {
      v.triggers = v.triggers.filter((x) => !hit(s.name, v.name, x.name));
      if (v.rules) v.rules = v.rules.filter((x) => !hit(s.name, v.name, x.name));
    }
    s.materializedViews = keep(s.materializedViews);
    for (const m of s.materializedViews) m.indexes = m.indexes.filter((x) => !hit(s.name, m.name, x.name));
    s.sequences = keep(s.sequences);
    s.functions = keep(s.functions);
    s.aggregates = keep(s.aggregates);
    s.enums = keep(s.enums);
    s.domains = keep(s.domains);
    s.composites = keep(s.composites);
    s.ranges = keep(s.ranges);
  }
  dropDangling(realm, schemaNames);
  return realm;
}

function pruneTable(t: Table, hit: (child: string) => boolean): void {
  const keep = <T extends { name: string }>(list: T[]) => list.filter((o) => !hit(o.name));
  t.columns = keep(t.columns);
  t.uniques = keep(t.uniques);
  t.exclusions = keep(t.exclusions);
  t.foreignKeys = keep(t.foreignKeys);
  t.checks = keep(t.checks);
  t.indexes = keep(t.indexes);
  t.triggers = keep(t.triggers);
  t.policies = keep(t.policies);
  if (t.rules) t.rules = keep(t.rules);
  if (t.primaryKey && hit(t.primaryKey.name)) delete t.primaryKey;
}

/** Removes references to tables and columns that were excluded. Out-of-scope schemas are not "excluded". */
function dropDangling(realm: Realm, inspectedSchemas: Set<string>): void {
  const columns = new Map<string, Set<string>>();
  for (const s of realm.schemas)
    for (const t of s.tables) columns.set(`${s.name}.${t.name}`, new Set(t.columns.map((c) => c.name)));
  const excluded = (ref: ObjectRef) =>
    inspectedSchemas.has(ref.schema) && !columns.has(`${ref.schema}.${ref.name}`);
  const hasAll = (table: string, cols: readonly string[] | undefined) =>
    (cols ?? []).every((c) => columns.get(table)?.has(c));
  let removed = true;
  // Dropping a partition parent drops its partitions, whose partitions may go in turn.
  while (removed) {
    removed = false;
    for (const s of realm.schemas) {
      const before = s.tables.length;
      s.tables = s.tables.filter((t) => !(t.partitionOf && excluded(t.partitionOf.parent)));
      if (s.tables.length !== before) {
        removed = true;
        for (const key of [...columns.keys()]) {
          if (key.startsWith(`${s.name}.`) && !s.tables.some((t) => `${s.name}.${t.name}` === key))
            columns.delete(key);
        }
      }
    }
  }
  for (const s of realm.schemas) {
    for (const t of s.tables) {
      const self = `${s.name}.${t.name}`;
      t.foreignKeys = t.foreignKeys.filter(
        (fk) =>
          hasAll(self, fk.columns) &&
          !excluded(fk.references) &&
          (!columns.has(`${fk.references.schema}.${fk.references.name}`) ||
            hasAll(`${fk.references.schema}.${fk.references.name}`, fk.references.columns)),
      );
      t.indexes = t.indexes.filter(
        (i) =>
          hasAll(
            self,
            i.parts.flatMap((p) => (p.column ? [p.column] : [])),
          ) && hasAll(self, i.include),
      );
      t.uniques = t.uniques.filter((u) => hasAll(self, u.columns) && hasAll(self, u.include));
      if (t.primaryKey && !hasAll(self, t.primaryKey.columns)) delete t.primaryKey;
      if (t.inherits) t.inherits = t.inherits.filter((p) => !excluded(p));
      if (t.inherits?.length === 0) delete t.inherits;
    }
    for (const q of s.sequences) {
      if (q.ownedBy && !columns.get(`${s.name}.${q.ownedBy.table}`)?.has(q.ownedBy.column)) delete q.ownedBy;
    }
  }
}
