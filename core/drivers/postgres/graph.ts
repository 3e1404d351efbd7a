// The dependency graph of a realm's objects and its order. Every object becomes a node with the
// nodes it needs before it (column types, `dependsOn`, partitions, trigger functions, ...);
// foreign keys are soft edges that may be cut where they form a cycle. What a node prints is
// up to the caller's emitters: the whole creation DDL for `schema inspect`, only what changed
// for a plan.
import type {
  Aggregate,
  Composite,
  DepRef,
  Domain,
  Enum,
  EventTrigger,
  Extension,
  ForeignKey,
  Func,
  Index,
  MaterializedView,
  Policy,
  RangeType,
  Realm,
  Rule,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../../schema/model.ts';
import { type SortNode, toposort } from '../../util/toposort.ts';
import type { Stmt } from '../driver.ts';

/** What each kind of node prints. Tables get the foreign keys that can be part of them. */
export interface Emitters {
  schema(s: Schema): Stmt[];
  extension(e: Extension): Stmt[];
  enum(schema: string, e: Enum): Stmt[];
  domain(schema: string, d: Domain): Stmt[];
  composite(schema: string, c: Composite): Stmt[];
  range(schema: string, r: RangeType): Stmt[];
  sequence(schema: string, s: Sequence): Stmt[];
  sequenceOwner(schema: string, s: Sequence): Stmt[];
  table(schema: string, t: Table, inlineFks: ForeignKey[]): Stmt[];
  /** A foreign key that could not be inline (cycle, or it needs a unique index); printed last. */
  deferredForeignKey(schema: string, t: Table, fk: ForeignKey): Stmt[];
  index(schema: string, on: Table | MaterializedView, idx: Index): Stmt[];
  trigger(schema: string, on: Table | View, t: Trigger): Stmt[];
  rule(schema: string, on: Table | View, r: Rule): Stmt[];
  policy(schema: string, t: Table, p: Policy): Stmt[];
  func(schema: string, f: Func): Stmt[];
  aggregate(schema: string, a: Aggregate): Stmt[];
  view(schema: string, v: View): Stmt[];
  materializedView(schema: string, m: MaterializedView): Stmt[];
  eventTrigger(e: EventTrigger): Stmt[];
}

interface Node extends SortNode {
  emit: () => Stmt[];
  deps: string[];
  soft?: string[];
}

// Lower goes first among objects whose dependencies are met. SQL-language functions come
// after views: their bodies may read views, which the catalog does not record.
const PRIORITY = {
  schema: 0,
  extension: 1,
  type: 2,
  sequence: 3,
  table: 4,
  function: 5,
  aggregate: 6,
  view: 7,
  sqlFunction: 8,
  materializedView: 9,
  index: 10,
  sequenceOwner: 11,
  trigger: 12,
  rule: 12,
  policy: 13,
  eventTrigger: 14,
};

/** Node ids; also how a plan refers to objects. */
export const key = {
  schema: (s: string) => `schema:${s}`,
  extension: (e: string) => `ext:${e}`,
  type: (s: string, n: string) => `type:${s}.${n}`,
  seq: (s: string, n: string) => `seq:${s}.${n}`,
  table: (s: string, n: string) => `table:${s}.${n}`,
  view: (s: string, n: string) => `view:${s}.${n}`,
  mview: (s: string, n: string) => `mview:${s}.${n}`,
  fn: (s: string, n: string, args: string) => `fn:${s}.${n}(${args})`,
  fnName: (s: string, n: string) => `fnname:${s}.${n}`,
  agg: (s: string, n: string, args: string) => `agg:${s}.${n}(${args})`,
  index: (s: string, n: string) => `index:${s}.${n}`,
  trigger: (s: string, on: string, n: string) => `trigger:${s}.${on}.${n}`,
  rule: (s: string, on: string, n: string) => `rule:${s}.${on}.${n}`,
  policy: (s: string, on: string, n: string) => `policy:${s}.${on}.${n}`,
  eventTrigger: (n: string) => `evt:${n}`,
};

/** The node id of a dependency. */
export function depKey(d: DepRef): string {
  switch (d.kind) {
    case 'table':
      return key.table(d.schema, d.name);
    case 'view':
      return key.view(d.schema, d.name);
    case 'materialized_view':
      return key.mview(d.schema, d.name);
    case 'function':
      // Without arguments (HCL's `depends_on = [function.f]`) it means every overload.
      return d.args === undefined ? key.fnName(d.schema, d.name) : key.fn(d.schema, d.name, d.args);
    case 'aggregate':
      return key.agg(d.schema, d.name, d.args ?? '');
    case 'sequence':
      return key.seq(d.schema, d.name);
    case 'type':
      return key.type(d.schema, d.name);
  }
}

const deps = (o: { dependsOn?: DepRef[] }) => (o.dependsOn ?? []).map(depKey);

/** Whether a key's columns are the ones a foreign key references (in any order). */
export function keyMatches(fk: ForeignKey, cols: readonly string[]): boolean {
  const refs = fk.references.columns;
  return cols.length === refs.length && cols.every((c) => refs.includes(c));
}

/** A foreign key can be part of CREATE TABLE when the referenced key is a constraint, not an index. */
function referencesConstraint(fk: ForeignKey, target: Table | undefined): boolean {
  if (!target) return true;
  return (
    (!!target.primaryKey && keyMatches(fk, target.primaryKey.columns)) ||
    target.uniques.some((u) => keyMatches(fk, u.columns))
  );
}

export interface Ordered {
  /** Node ids in creation order. */
  order: string[];
  /** Foreign keys cut to break cycles, as `table-id>referenced-table-id`. */
  cut: Set<string>;
  /** Statements in order: each node's, then the deferred foreign keys. */
  stmts: Stmt[];
}

export function orderRealm(realm: Realm, emit: Emitters): Ordered {
  const nodes: Node[] = [];
  const add = (id: string, priority: number, fn: () => Stmt[], depList: string[], soft?: string[]) =>
    nodes.push({ id, priority, emit: fn, deps: depList, ...(soft ? { soft } : {}) });
  const tables = new Map<string, { schema: string; table: Table }>();
  for (const s of realm.schemas)
    for (const t of s.tables) tables.set(key.table(s.name, t.name), { schema: s.name, table: t });

  for (const e of realm.extensions)
    add(key.extension(e.name), PRIORITY.extension, () => emit.extension(e), [key.schema(e.schema)]);
  for (const s of realm.schemas) addSchemaNodes(s, emit, add, tables);
  for (const e of realm.eventTriggers) {
    add(key.eventTrigger(e.name), PRIORITY.eventTrigger, () => emit.eventTrigger(e), [
      key.fnName(e.function.schema, e.function.name),
    ]);
  }
  // Triggers name their function without arguments: such a dependency means every overload.
  const overloads = new Map<string, string[]>();
  for (const s of realm.schemas) {
    for (const f of s.functions) {
      const name = key.fnName(s.name, f.name);
      overloads.set(name, [...(overloads.get(name) ?? []), key.fn(s.name, f.name, f.identityArgs)]);
    }
  }
  for (const node of nodes) node.deps = node.deps.flatMap((d) => overloads.get(d) ?? [d]);

  // The first pass, with foreign keys as soft edges, finds the foreign keys that close a cycle
  // (possibly through types or other objects). If it had to cut any, a second pass orders
  // everything with the remaining foreign keys as hard edges, so that a cycle never lets
  // objects jump ahead of the tables it held back. Without cuts the first order is right.
  const first = toposort(nodes);
  const cut = new Set(first.cut.map(([from, to]) => `${from}>${to}`));
  let order = first.order;
  if (cut.size > 0) {
    for (const x of nodes) {
      if (!x.soft) continue;
      x.deps.push(...x.soft.filter((d) => !cut.has(`${x.id}>${d}`)));
      delete x.soft;
    }
    order = toposort(nodes).order;
  }

  const byId = new Map(nodes.map((x) => [x.id, x]));
  const stmts: Stmt[] = [];
  const deferred: Stmt[] = [];
  for (const id of order) {
    const t = tables.get(id);
    if (!t) {
      stmts.push(...touching(id, byId.get(id)!.emit()));
      continue;
    }
    // Inline the foreign keys whose target exists by now; the others wait for the end.
    const inline: ForeignKey[] = [];
    for (const fk of t.table.foreignKeys) {
      const target = key.table(fk.references.schema, fk.references.name);
      const ok =
        !fk.notValid && !cut.has(`${id}>${target}`) && referencesConstraint(fk, tables.get(target)?.table);
      if (ok) inline.push(fk);
      else deferred.push(...touching(`${id}#${fk.name}`, emit.deferredForeignKey(t.schema, t.table, fk)));
    }
    stmts.push(...touching(id, emit.table(t.schema, t.table, inline)));
  }
  return { order, cut, stmts: stmts.concat(deferred) };
}

type Add = (id: string, priority: number, emit: () => Stmt[], deps: string[], soft?: string[]) => void;

function addSchemaNodes(
  s: Schema,
  emit: Emitters,
  add: Add,
  tables: Map<string, { schema: string; table: Table }>,
): void {
  const sk = key.schema(s.name);
  add(sk, PRIORITY.schema, () => emit.schema(s), []);
  for (const e of s.enums) add(key.type(s.name, e.name), PRIORITY.type, () => emit.enum(s.name, e), [sk]);
  for (const d of s.domains) {
    const refs = d.ref ? [key.type(d.ref.schema, d.ref.name)] : [];
    add(key.type(s.name, d.name), PRIORITY.type, () => emit.domain(s.name, d), [sk, ...refs, ...deps(d)]);
  }
  for (const c of s.composites) {
    const refs = c.fields.flatMap((f) =>
      f.ref ? [key.type(f.ref.schema, f.ref.name), key.table(f.ref.schema, f.ref.name)] : [],
    );
    add(key.type(s.name, c.name), PRIORITY.type, () => emit.composite(s.name, c), [sk, ...refs]);
  }
  for (const rt of s.ranges)
    add(key.type(s.name, rt.name), PRIORITY.type, () => emit.range(s.name, rt), [sk]);
  for (const q of s.sequences) {
    add(key.seq(s.name, q.name), PRIORITY.sequence, () => emit.sequence(s.name, q), [sk]);
    if (q.ownedBy) {
      add(`seqown:${s.name}.${q.name}`, PRIORITY.sequenceOwner, () => emit.sequenceOwner(s.name, q), [
        key.seq(s.name, q.name),
        key.table(s.name, q.ownedBy.table),
      ]);
    }
  }
  for (const t of s.tables) {
    const tk = key.table(s.name, t.name);
    const typeRefs = t.columns.flatMap((c) =>
      c.type.ref ? [key.type(c.type.ref.schema, c.type.ref.name)] : [],
    );
    const parents = [...(t.partitionOf ? [t.partitionOf.parent] : []), ...(t.inherits ?? [])].map((p) =>
      key.table(p.schema, p.name),
    );
    const fkTargets = t.foreignKeys
      .map((fk) => key.table(fk.references.schema, fk.references.name))
      .filter((k) => k !== tk && tables.has(k));
    // Tables print in orderRealm, which knows which foreign keys can be inline.
    add(tk, PRIORITY.table, () => [], [sk, ...typeRefs, ...parents, ...deps(t)], fkTargets);
    for (const idx of t.indexes) {
      const attached = idx.attachedTo ? [key.index(idx.attachedTo.schema, idx.attachedTo.name)] : [];
      add(key.index(s.name, idx.name), PRIORITY.index, () => emit.index(s.name, t, idx), [tk, ...attached]);
    }
    for (const tr of t.triggers) {
      const fn = tr.function ? [key.fnName(tr.function.schema, tr.function.name)] : [];
      add(key.trigger(s.name, t.name, tr.name), PRIORITY.trigger, () => emit.trigger(s.name, t, tr), [
        tk,
        ...fn,
      ]);
    }
    for (const rule of t.rules ?? []) {
      add(key.rule(s.name, t.name, rule.name), PRIORITY.rule, () => emit.rule(s.name, t, rule), [
        tk,
        ...deps(rule),
      ]);
    }
    for (const p of t.policies)
      add(key.policy(s.name, t.name, p.name), PRIORITY.policy, () => emit.policy(s.name, t, p), [tk]);
  }
  for (const f of s.functions) {
    const sqlBodied = f.language === 'sql' && !f.sqlBody;
    const prio = sqlBodied ? PRIORITY.sqlFunction : PRIORITY.function;
    add(key.fn(s.name, f.name, f.identityArgs), prio, () => emit.func(s.name, f), [sk, ...deps(f)]);
  }
  for (const a of s.aggregates) {
    add(key.agg(s.name, a.name, a.identityArgs), PRIORITY.aggregate, () => emit.aggregate(s.name, a), [
      sk,
      ...deps(a),
    ]);
  }
  for (const v of s.views) {
    const vk = key.view(s.name, v.name);
    add(vk, PRIORITY.view, () => emit.view(s.name, v), [sk, ...deps(v)]);
    for (const tr of v.triggers) {
      const fn = tr.function ? [key.fnName(tr.function.schema, tr.function.name)] : [];
      add(key.trigger(s.name, v.name, tr.name), PRIORITY.trigger, () => emit.trigger(s.name, v, tr), [
        vk,
        ...fn,
      ]);
    }
    for (const rule of v.rules ?? []) {
      add(key.rule(s.name, v.name, rule.name), PRIORITY.rule, () => emit.rule(s.name, v, rule), [
        vk,
        ...deps(rule),
      ]);
    }
  }
  for (const m of s.materializedViews) {
    const mk = key.mview(s.name, m.name);
    add(mk, PRIORITY.materializedView, () => emit.materializedView(s.name, m), [sk, ...deps(m)]);
    for (const idx of m.indexes)
      add(key.index(s.name, idx.name), PRIORITY.index, () => emit.index(s.name, m, idx), [mk]);
  }
}

/**
 * The object a node or plan entry id names, as a dotted name: `table:public.users` ->
 * `public.users`, `fk:table:public.users#users_org_fkey` -> `public.users.users_org_fkey`.
 */
export function objectOf(id: string): string {
  return id.replace(/^(?:[a-z]+:)+/, '').replace('#', '.');
}

/** Marks statements with the object they touch, unless the emitter said more precisely. */
export function touching(id: string, stmts: Stmt[]): Stmt[] {
  const objects = [objectOf(id)];
  return stmts.map((s) => (s.objects ? s : { ...s, objects }));
}

/** String bodies of SQL functions are checked at creation and may read objects the catalog does not list. */
export function needsBodyCheckOff(funcs: Iterable<Func>): Stmt[] {
  for (const f of funcs) {
    if (f.language === 'sql' && !f.sqlBody) {
      return [
        {
          sql: 'SET check_function_bodies = off',
          comment: 'Check SQL function bodies when they run, not now',
        },
      ];
    }
  }
  return [];
}
