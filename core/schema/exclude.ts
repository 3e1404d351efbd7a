// `--exclude` globs on dotted paths: `schema`, `schema.object`, `schema.table.child` (a column,
// index, constraint, trigger or policy). `*` and `?` never match across a dot. When the
// inspection is bound to one schema, paths start at the object (`object`, `table.child`).
import type { Realm, Table } from './model.ts';

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
  realm.schemas = realm.schemas.filter((s) => !hit(s.name));
  for (const s of realm.schemas) {
    const keep = <T extends { name: string }>(list: T[]) => list.filter((o) => !hit(s.name, o.name));
    s.tables = keep(s.tables);
    for (const t of s.tables) pruneTable(t, (child) => hit(s.name, t.name, child));
    s.views = keep(s.views);
    s.materializedViews = keep(s.materializedViews);
    s.sequences = keep(s.sequences);
    s.functions = keep(s.functions);
    s.aggregates = keep(s.aggregates);
    s.enums = keep(s.enums);
    s.domains = keep(s.domains);
    s.composites = keep(s.composites);
    s.ranges = keep(s.ranges);
  }
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
  if (t.primaryKey && hit(t.primaryKey.name)) delete t.primaryKey;
}
