// Dependencies a document does not spell out. Inspection learns what a view reads or which
// function a default calls from the catalog; a hand-written document has only `depends_on`, and
// Atlas fails when it is missing. Names found in SQL text are good enough to order creation:
// a false match only moves an object later. Matches of an object with itself, and of two views
// with each other, are dropped so that no cycle is made.
import type { DepRef, Realm } from '../../schema/model.ts';

export function inferDependencies(realm: Realm): void {
  const relations = new Map<string, DepRef>();
  const routines = new Map<string, DepRef>();
  for (const s of realm.schemas) {
    for (const t of s.tables) add(relations, { kind: 'table', schema: s.name, name: t.name });
    for (const v of s.views) add(relations, { kind: 'view', schema: s.name, name: v.name });
    for (const m of s.materializedViews)
      add(relations, { kind: 'materialized_view', schema: s.name, name: m.name });
    for (const f of s.functions)
      if (f.kind === 'function')
        add(routines, { kind: 'function', schema: s.name, name: f.name, args: f.identityArgs });
    for (const a of s.aggregates)
      add(routines, { kind: 'aggregate', schema: s.name, name: a.name, args: a.identityArgs });
  }
  if (routines.size === 0 && relations.size === 0) return;
  for (const s of realm.schemas) {
    for (const t of s.tables) {
      const texts = [
        ...t.columns.flatMap((c) => [c.default?.value, c.generated?.expr]),
        ...t.checks.map((c) => c.expr),
        ...t.indexes.flatMap((i) => [i.where, ...i.parts.map((p) => p.expr)]),
      ];
      link(t, { kind: 'table', schema: s.name, name: t.name }, texts, routines, true);
    }
    for (const d of s.domains) {
      link(
        d,
        { kind: 'type', schema: s.name, name: d.name },
        [d.default, ...d.checks.map((c) => c.expr)],
        routines,
        true,
      );
    }
    // An aggregate's options name its state and final functions.
    for (const a of s.aggregates) {
      link(
        a,
        { kind: 'aggregate', schema: s.name, name: a.name },
        a.options.map((o) => o.value),
        routines,
        false,
      );
    }
    for (const v of [...s.views, ...s.materializedViews]) {
      const self: DepRef = { kind: 'view', schema: s.name, name: v.name };
      link(v, self, [v.definition], relations, false);
      link(v, self, [v.definition], routines, true);
    }
  }
  dropMutual(realm);
}

/** Two views that name each other cannot both go first: leave their order to the catalog rules. */
function dropMutual(realm: Realm): void {
  const views = realm.schemas.flatMap((s) =>
    [...s.views, ...s.materializedViews].map((v) => ({ key: `${s.name}.${v.name}`, v })),
  );
  const deps = new Map(
    views.map(({ key, v }) => [key, new Set((v.dependsOn ?? []).map((d) => `${d.schema}.${d.name}`))]),
  );
  for (const { key, v } of views) {
    if (!v.dependsOn) continue;
    v.dependsOn = v.dependsOn.filter((d) => !deps.get(`${d.schema}.${d.name}`)?.has(key));
    if (v.dependsOn.length === 0) delete v.dependsOn;
  }
}

function add(map: Map<string, DepRef>, ref: DepRef): void {
  // The bare name and the qualified one both find it; a bare name in two schemas is not used.
  map.set(`${ref.schema}.${ref.name}`.toLowerCase(), ref);
  const bare = ref.name.toLowerCase();
  if (map.has(bare) && map.get(bare)!.schema !== ref.schema) map.set(bare, { ...ref, name: '' });
  else map.set(bare, ref);
}

const NAME = /"((?:[^"]|"")+)"|`((?:[^`]|``)+)`|([A-Za-z_][\w$]*)/g;

function link(
  obj: { dependsOn?: DepRef[] },
  self: DepRef,
  texts: readonly (string | undefined)[],
  known: Map<string, DepRef>,
  calledOnly: boolean,
): void {
  const found = new Map<string, DepRef>();
  for (const text of texts) {
    if (!text) continue;
    const names = [...text.matchAll(NAME)].map((m) => ({
      name: (m[1] ?? m[2] ?? m[3])!,
      end: m.index + m[0].length,
      quoted: m[3] === undefined,
    }));
    for (const [i, n] of names.entries()) {
      const prev = names[i - 1];
      const qualified =
        prev &&
        text.slice(prev.end, i === 0 ? 0 : text.indexOf(n.name, prev.end) - (n.quoted ? 1 : 0)) === '.';
      const key = (qualified ? `${prev.name}.${n.name}` : n.name).toLowerCase();
      if (calledOnly && !/^\s*\(/.test(text.slice(n.end))) continue;
      const ref = known.get(key) ?? known.get(n.name.toLowerCase());
      if (!ref || ref.name === '') continue;
      if (ref.schema === self.schema && ref.name === self.name) continue;
      found.set(`${ref.kind}:${ref.schema}.${ref.name}`, ref);
    }
  }
  if (found.size === 0) return;
  obj.dependsOn ??= [];
  const deps = obj.dependsOn;
  for (const ref of found.values()) {
    const same = deps.find((d) => d.kind === ref.kind && d.schema === ref.schema && d.name === ref.name);
    if (!same) deps.push(ref);
    // `depends_on = [aggregate.x]` names no arguments; the declaration found here has them.
    else if (same.args === undefined && ref.args !== undefined) same.args = ref.args;
  }
}
