// Creation DDL for a whole realm in dependency order: schemas and extensions, then types,
// sequences, tables, routines, views, indexes, triggers and policies, with every dependency
// known to the model (column types, `dependsOn`, partitions, foreign keys) respected. Foreign
// keys that form a cycle, or that need a unique index created later, become ALTER TABLE
// statements at the end.
import type { DepRef, ForeignKey, Realm, Schema, Table } from '../../schema/model.ts';
import { type SortNode, toposort } from '../../util/toposort.ts';
import type { Stmt } from '../driver.ts';
import * as r from './render-objects.ts';

type Emit = () => Stmt[];

interface Node extends SortNode {
  emit: Emit;
  deps: string[];
  soft?: string[];
}

// Lower goes first among objects whose dependencies are met. SQL-language functions come
// after views: their bodies are checked at creation and may read views, which the catalog
// does not record as dependencies.
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

const key = {
  schema: (s: string) => `schema:${s}`,
  type: (s: string, n: string) => `type:${s}.${n}`,
  seq: (s: string, n: string) => `seq:${s}.${n}`,
  table: (s: string, n: string) => `table:${s}.${n}`,
  view: (s: string, n: string) => `view:${s}.${n}`,
  mview: (s: string, n: string) => `mview:${s}.${n}`,
  fn: (s: string, n: string, args: string) => `fn:${s}.${n}(${args})`,
  fnName: (s: string, n: string) => `fnname:${s}.${n}`,
  agg: (s: string, n: string, args: string) => `agg:${s}.${n}(${args})`,
  index: (s: string, n: string) => `index:${s}.${n}`,
};

function depKey(d: DepRef): string {
  switch (d.kind) {
    case 'table':
      return key.table(d.schema, d.name);
    case 'view':
      return key.view(d.schema, d.name);
    case 'materialized_view':
      return key.mview(d.schema, d.name);
    case 'function':
      return key.fn(d.schema, d.name, d.args ?? '');
    case 'aggregate':
      return key.agg(d.schema, d.name, d.args ?? '');
    case 'sequence':
      return key.seq(d.schema, d.name);
    case 'type':
      return key.type(d.schema, d.name);
  }
}

const deps = (o: { dependsOn?: DepRef[] }) => (o.dependsOn ?? []).map(depKey);

/** A foreign key can be part of CREATE TABLE when the referenced key is a constraint, not an index. */
function referencesConstraint(fk: ForeignKey, target: Table | undefined): boolean {
  if (!target) return true;
  const same = (cols: string[]) =>
    cols.length === fk.references.columns.length && cols.every((c) => fk.references.columns.includes(c));
  return (
    (!!target.primaryKey && same(target.primaryKey.columns)) || target.uniques.some((u) => same(u.columns))
  );
}

export function createStatements(realm: Realm, opts: { qualify: boolean }): Stmt[] {
  const n = new r.Names(opts.qualify);
  const nodes: Node[] = [];
  const add = (id: string, priority: number, emit: Emit, depList: string[], soft?: string[]) =>
    nodes.push({ id, priority, emit, deps: depList, ...(soft ? { soft } : {}) });
  const tables = new Map<string, { schema: string; table: Table }>();
  for (const s of realm.schemas)
    for (const t of s.tables) tables.set(key.table(s.name, t.name), { schema: s.name, table: t });

  for (const e of realm.extensions)
    add(`ext:${e.name}`, PRIORITY.extension, () => r.createExtension(e), [key.schema(e.schema)]);
  for (const s of realm.schemas) addSchemaNodes(s, n, add, tables);
  for (const e of realm.eventTriggers) {
    add(`evt:${e.name}`, PRIORITY.eventTrigger, () => r.createEventTrigger(e, n), [
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
  const cutEdges = new Set(first.cut.map(([from, to]) => `${from}>${to}`));
  let order = first.order;
  if (cutEdges.size > 0) {
    for (const x of nodes) {
      if (!x.soft) continue;
      x.deps.push(...x.soft.filter((d) => !cutEdges.has(`${x.id}>${d}`)));
      delete x.soft;
    }
    order = toposort(nodes).order;
  }
  const byId = new Map(nodes.map((x) => [x.id, x]));
  const out: Stmt[] = [];
  const deferred: Stmt[] = [];
  for (const id of order) {
    const t = tables.get(id);
    if (!t) {
      out.push(...byId.get(id)!.emit());
      continue;
    }
    // Inline the foreign keys whose target exists by now; the others wait for the end.
    const inline: ForeignKey[] = [];
    for (const fk of t.table.foreignKeys) {
      const target = key.table(fk.references.schema, fk.references.name);
      const ok =
        !fk.notValid &&
        !cutEdges.has(`${id}>${target}`) &&
        referencesConstraint(fk, tables.get(target)?.table);
      if (ok) inline.push(fk);
      else deferred.push(...r.addForeignKey(t.schema, t.table, fk, n));
    }
    out.push(...r.createTable(t.schema, t.table, inline, n));
  }
  // String bodies of SQL functions are checked at creation and may read objects the catalog
  // does not list as their dependencies; pg_dump switches the check off for the same reason.
  const sqlBodies = realm.schemas.some((s) => s.functions.some((f) => f.language === 'sql' && !f.sqlBody));
  const prelude: Stmt[] = sqlBodies
    ? [
        {
          sql: 'SET check_function_bodies = off',
          comment: 'Check SQL function bodies when they run, not now',
        },
      ]
    : [];
  return [...prelude, ...out, ...deferred];
}

type Add = (id: string, priority: number, emit: Emit, deps: string[], soft?: string[]) => void;

function addSchemaNodes(
  s: Schema,
  n: r.Names,
  add: Add,
  tables: Map<string, { schema: string; table: Table }>,
): void {
  const sk = key.schema(s.name);
  // Output bound to one schema applies to whichever schema the reader chooses: it names none.
  add(sk, PRIORITY.schema, () => (n.qualify ? r.createSchema(s) : []), []);
  for (const e of s.enums)
    add(key.type(s.name, e.name), PRIORITY.type, () => r.createEnum(s.name, e, n), [sk]);
  for (const d of s.domains) {
    const refs = d.ref ? [key.type(d.ref.schema, d.ref.name)] : [];
    add(key.type(s.name, d.name), PRIORITY.type, () => r.createDomain(s.name, d, n), [
      sk,
      ...refs,
      ...deps(d),
    ]);
  }
  for (const c of s.composites) {
    const refs = c.fields.flatMap((f) =>
      f.ref ? [key.type(f.ref.schema, f.ref.name), key.table(f.ref.schema, f.ref.name)] : [],
    );
    add(key.type(s.name, c.name), PRIORITY.type, () => r.createComposite(s.name, c, n), [sk, ...refs]);
  }
  for (const rt of s.ranges)
    add(key.type(s.name, rt.name), PRIORITY.type, () => r.createRange(s.name, rt, n), [sk]);
  for (const q of s.sequences) {
    add(key.seq(s.name, q.name), PRIORITY.sequence, () => r.createSequence(s.name, q, n), [sk]);
    if (q.ownedBy) {
      add(`seqown:${s.name}.${q.name}`, PRIORITY.sequenceOwner, () => r.sequenceOwnedBy(s.name, q, n), [
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
    // emit is a placeholder: tables are rendered by createStatements, which knows the FK order.
    add(tk, PRIORITY.table, () => [], [sk, ...typeRefs, ...parents, ...deps(t)], fkTargets);
    for (const idx of t.indexes) {
      const attached = idx.attachedTo ? [key.index(idx.attachedTo.schema, idx.attachedTo.name)] : [];
      add(key.index(s.name, idx.name), PRIORITY.index, () => r.createIndex(s.name, t, idx, n), [
        tk,
        ...attached,
      ]);
    }
    for (const tr of t.triggers) {
      const fn = tr.function ? [key.fnName(tr.function.schema, tr.function.name)] : [];
      add(
        `trigger:${s.name}.${t.name}.${tr.name}`,
        PRIORITY.trigger,
        () => r.createTrigger(s.name, t, tr, n),
        [tk, ...fn],
      );
    }
    for (const rule of t.rules ?? []) {
      add(`rule:${s.name}.${t.name}.${rule.name}`, PRIORITY.rule, () => r.createRule(s.name, t, rule, n), [
        tk,
        ...deps(rule),
      ]);
    }
    for (const p of t.policies) {
      add(`policy:${s.name}.${t.name}.${p.name}`, PRIORITY.policy, () => r.createPolicy(s.name, t, p, n), [
        tk,
      ]);
    }
  }
  for (const f of s.functions) {
    const sqlBodied = f.language === 'sql' && !f.sqlBody;
    add(
      key.fn(s.name, f.name, f.identityArgs),
      sqlBodied ? PRIORITY.sqlFunction : PRIORITY.function,
      () => r.createFunction(s.name, f, n),
      [sk, ...deps(f)],
    );
  }
  for (const a of s.aggregates) {
    add(key.agg(s.name, a.name, a.identityArgs), PRIORITY.aggregate, () => r.createAggregate(s.name, a, n), [
      sk,
      ...deps(a),
    ]);
  }
  for (const v of s.views) {
    const vk = key.view(s.name, v.name);
    add(vk, PRIORITY.view, () => r.createView(s.name, v, n), [sk, ...deps(v)]);
    for (const tr of v.triggers) {
      const fn = tr.function ? [key.fnName(tr.function.schema, tr.function.name)] : [];
      add(
        `trigger:${s.name}.${v.name}.${tr.name}`,
        PRIORITY.trigger,
        () => r.createTrigger(s.name, v, tr, n),
        [vk, ...fn],
      );
    }
    for (const rule of v.rules ?? []) {
      add(`rule:${s.name}.${v.name}.${rule.name}`, PRIORITY.rule, () => r.createRule(s.name, v, rule, n), [
        vk,
        ...deps(rule),
      ]);
    }
  }
  for (const m of s.materializedViews) {
    const mk = key.mview(s.name, m.name);
    add(mk, PRIORITY.materializedView, () => r.createMaterializedView(s.name, m, n), [sk, ...deps(m)]);
    for (const idx of m.indexes)
      add(key.index(s.name, idx.name), PRIORITY.index, () => r.createIndex(s.name, m, idx, n), [mk]);
  }
}
