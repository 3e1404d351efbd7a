// Planning: Change[] -> ordered statements, in three phases.
//
// 1. Pre-drops, in the current schema's reverse dependency order: what is dropped or must be
//    re-created (triggers, policies, views, foreign keys, indexes, constraints, functions whose
//    signature changes), and what blocks a change: views reading a column whose type changes,
//    triggers of a function that is re-created, policies of a table whose column types change.
// 2. Creations and modifications, in the desired schema's dependency order (graph.ts) with
//    emitters that print CREATE for new and re-created objects, ALTER for modified ones and
//    nothing for the rest.
// 3. Final drops (tables, sequences, routines, types, extensions, schemas), in the current
//    schema's reverse dependency order.
import type { Change, TableChange } from '../../diff/changes.ts';
import { same } from '../../diff/diff.ts';
import type { DiffPolicy } from '../../diff/policy.ts';
import type {
  Column,
  Enum,
  ForeignKey,
  Func,
  Index,
  MaterializedView,
  Realm,
  Table,
  View,
} from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import { depKey, type Emitters, key, keyMatches, needsBodyCheckOff, orderRealm, touching } from './graph.ts';
import { creationEmitters } from './render.ts';
import * as alt from './render-alter.ts';
import * as r from './render-objects.ts';
import { ident, literal } from './sql.ts';

export interface PlanContext {
  from: Realm;
  to: Realm;
  policy?: DiffPolicy | undefined;
  qualify: boolean;
}

type ModifyTable = Extract<Change, { kind: 'modify_table' }>;

/** What the changes mean per object, keyed by graph node ids (graph.ts `key`). */
class Classified {
  /** Desired-side ids created from scratch (new, or dropped in phase 1 and created again). */
  readonly create = new Set<string>();
  /** Desired-side ids changed in place, with the change. */
  readonly modify = new Map<string, Change | TableChange>();
  /** Desired-side table id -> its modify_table change. */
  readonly tables = new Map<string, ModifyTable>();
  /** Current-side ids dropped in phase 1, with their statements. */
  readonly preDrop = new Map<string, Stmt[]>();
  /** Current-side ids dropped in phase 3. */
  readonly postDrop = new Map<string, Stmt[]>();
  /** Current-side table ids whose column types change or whose columns go (views on them break). */
  readonly reshaped = new Set<string>();
  /** Desired-side table id -> foreign keys to add again after phase 1 dropped them. */
  readonly readdFks = new Map<string, Set<string>>();
  /** Enum types re-created with their columns moved over, by desired-side id. */
  readonly enumRecreate = new Map<string, { from: Enum; to: Enum; schema: string }>();

  /** Drops an object in phase 1 and, when the desired schema still has it, creates it again. */
  dropFirst(id: string, drop: Stmt, desired: ReadonlySet<string>): void {
    this.preDrop.set(id, [drop]);
    this.modify.delete(id);
    if (desired.has(id)) this.create.add(id);
  }
}

export function planChanges(changes: Change[], ctx: PlanContext): Stmt[] {
  if (changes.length === 0) return [];
  const n = new r.Names(ctx.qualify);
  const c = classify(changes, ctx, n);
  propagate(c, ctx, n);
  settleTableDrops(c, ctx);
  const fromOrder = orderRealm(droppedOnly(ctx.from, c), silent);
  const rank = new Map(fromOrder.order.map((id, i) => [id, i]));
  const reversed = (m: Map<string, Stmt[]>) =>
    [...m.entries()]
      .sort(([a], [b]) => (rank.get(b) ?? -1) - (rank.get(a) ?? -1))
      .flatMap(([id, s]) => touching(id, s));
  const main = orderRealm(ctx.to, planEmitters(c, ctx, n)).stmts;
  const created = ctx.to.schemas.flatMap((s) =>
    s.functions.filter(
      (f) =>
        c.create.has(key.fn(s.name, f.name, f.identityArgs)) ||
        c.modify.has(key.fn(s.name, f.name, f.identityArgs)),
    ),
  );
  return [
    ...needsBodyCheckOff(created),
    ...orderedPreDrops(c, rank),
    ...main,
    ...cycleBreaks(c, ctx, fromOrder.cut, n),
    ...reversed(c.postDrop),
  ];
}

/**
 * The part of the current schema that is dropped: all the drop order needs. A dependency
 * between two dropped objects cannot pass through one that stays (it would block the drop), so
 * ordering this small graph orders the drops; for a large schema it is much cheaper.
 */
function droppedOnly(realm: Realm, c: Classified): Realm {
  const dropped = (id: string) => c.preDrop.has(id) || c.postDrop.has(id);
  return {
    ...realm,
    extensions: realm.extensions.filter((e) => dropped(key.extension(e.name))),
    eventTriggers: [],
    schemas: realm.schemas.map((s) => ({
      ...s,
      tables: s.tables.filter((t) => dropped(key.table(s.name, t.name))),
      views: s.views.filter((v) => dropped(key.view(s.name, v.name))),
      materializedViews: s.materializedViews.filter((m) => dropped(key.mview(s.name, m.name))),
      sequences: s.sequences.filter((q) => dropped(key.seq(s.name, q.name))),
      functions: s.functions.filter((f) => dropped(key.fn(s.name, f.name, f.identityArgs))),
      aggregates: s.aggregates.filter((a) => dropped(key.agg(s.name, a.name, a.identityArgs))),
      enums: s.enums.filter((e) => dropped(key.type(s.name, e.name))),
      domains: s.domains.filter((d) => dropped(key.type(s.name, d.name))),
      composites: s.composites.filter((x) => dropped(key.type(s.name, x.name))),
      ranges: s.ranges.filter((x) => dropped(key.type(s.name, x.name))),
    })),
  };
}

/** Emitters that print nothing: only the order of the current schema is wanted. */
const silent: Emitters = new Proxy({} as Emitters, { get: () => () => [] });

/**
 * Phase 1 in a fixed kind order (what depends on more goes first), each kind in reverse
 * dependency order of the current schema.
 */
function orderedPreDrops(c: Classified, rank: Map<string, number>): Stmt[] {
  const kinds = [
    'evt:',
    'trigger:',
    'rule:',
    'policy:',
    'mview:',
    'view:',
    'detach:',
    'fk:',
    'index:',
    'constraint:',
    'table:',
    'agg:',
    'fn:',
    'type:',
  ];
  const kindOf = (id: string) => kinds.findIndex((k) => id.startsWith(k));
  const rankOf = (id: string) =>
    rank.get(id.replace(/^(fk|constraint):/, 'table:').replace(/#.*$/, '')) ?? -1;
  return [...c.preDrop.entries()]
    .sort(([a], [b]) => kindOf(a) - kindOf(b) || rankOf(b) - rankOf(a) || (a < b ? -1 : 1))
    .flatMap(([id, s]) => touching(id, s));
}

function classify(changes: Change[], ctx: PlanContext, n: r.Names): Classified {
  const c = new Classified();
  for (const ch of changes) {
    switch (ch.kind) {
      case 'add_schema':
        c.create.add(key.schema(ch.obj.name));
        break;
      case 'drop_schema':
        c.postDrop.set(key.schema(ch.obj.name), [alt.drop.schema(ch.obj.name)]);
        break;
      case 'modify_schema':
        c.modify.set(key.schema(ch.to.name), ch);
        break;
      case 'add_extension':
        c.create.add(key.extension(ch.obj.name));
        break;
      case 'drop_extension':
        c.postDrop.set(key.extension(ch.obj.name), [alt.drop.extension(ch.obj.name)]);
        break;
      case 'modify_extension':
        c.modify.set(key.extension(ch.to.name), ch);
        break;
      case 'add_event_trigger':
        c.create.add(key.eventTrigger(ch.obj.name));
        break;
      case 'drop_event_trigger':
        c.preDrop.set(key.eventTrigger(ch.obj.name), [alt.drop.eventTrigger(ch.obj.name)]);
        break;
      case 'modify_event_trigger':
        if (same(ch.from, ch.to, ['enabled', 'comment'])) c.modify.set(key.eventTrigger(ch.to.name), ch);
        else {
          c.preDrop.set(key.eventTrigger(ch.from.name), [alt.drop.eventTrigger(ch.from.name)]);
          c.create.add(key.eventTrigger(ch.to.name));
        }
        break;
      case 'add_table':
        c.create.add(key.table(ch.schema, ch.obj.name));
        break;
      case 'drop_table':
        c.postDrop.set(key.table(ch.schema, ch.obj.name), [
          alt.drop.table(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        c.reshaped.add(key.table(ch.schema, ch.obj.name));
        break;
      case 'rename_table':
        // Printed by the table's emitter; a modify_table for the same table replaces this one.
        c.tables.set(key.table(ch.schema, ch.to.name), {
          kind: 'modify_table',
          schema: ch.schema,
          from: ch.from,
          to: ch.to,
          changes: [],
        });
        break;
      case 'modify_table':
        c.tables.set(key.table(ch.schema, ch.to.name), ch);
        classifyTable(c, ch, ctx, n);
        break;
      case 'add_view':
        c.create.add(key.view(ch.schema, ch.obj.name));
        break;
      case 'drop_view':
        c.preDrop.set(key.view(ch.schema, ch.obj.name), [
          alt.drop.view(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        break;
      case 'modify_view':
        if (replaceableView(ch.from, ch.to)) c.modify.set(key.view(ch.schema, ch.to.name), ch);
        else recreateView(c, ch.schema, ch.from, n);
        break;
      case 'add_materialized_view':
        c.create.add(key.mview(ch.schema, ch.obj.name));
        break;
      case 'drop_materialized_view':
        c.preDrop.set(key.mview(ch.schema, ch.obj.name), [
          alt.drop.materializedView(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        break;
      case 'modify_materialized_view':
        if (same(ch.from, ch.to, ['comment'])) c.modify.set(key.mview(ch.schema, ch.to.name), ch);
        else recreateView(c, ch.schema, ch.from, n);
        break;
      case 'add_sequence':
        c.create.add(key.seq(ch.schema, ch.obj.name));
        break;
      case 'drop_sequence':
        c.postDrop.set(key.seq(ch.schema, ch.obj.name), [
          alt.drop.sequence(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        break;
      case 'modify_sequence':
        c.modify.set(key.seq(ch.schema, ch.to.name), ch);
        break;
      case 'add_function':
        c.create.add(key.fn(ch.schema, ch.obj.name, ch.obj.identityArgs));
        break;
      case 'drop_function':
        c.postDrop.set(key.fn(ch.schema, ch.obj.name, ch.obj.identityArgs), [
          alt.drop.func(n.in(ch.schema, ch.obj.name), ch.obj),
        ]);
        break;
      case 'modify_function': {
        const id = key.fn(ch.schema, ch.to.name, ch.to.identityArgs);
        if (alt.replaceableFunction(ch.from, ch.to)) c.modify.set(id, ch);
        else {
          c.preDrop.set(id, [alt.drop.func(n.in(ch.schema, ch.from.name), ch.from)]);
          c.create.add(id);
        }
        break;
      }
      case 'add_aggregate':
        c.create.add(key.agg(ch.schema, ch.obj.name, ch.obj.identityArgs));
        break;
      case 'drop_aggregate':
        c.postDrop.set(key.agg(ch.schema, ch.obj.name, ch.obj.identityArgs), [
          alt.drop.aggregate(n.in(ch.schema, ch.obj.name), ch.obj.name, ch.obj.identityArgs),
        ]);
        break;
      case 'modify_aggregate': {
        const id = key.agg(ch.schema, ch.to.name, ch.to.identityArgs);
        c.preDrop.set(id, [
          alt.drop.aggregate(n.in(ch.schema, ch.from.name), ch.from.name, ch.from.identityArgs),
        ]);
        c.create.add(id);
        break;
      }
      case 'add_enum':
      case 'add_domain':
      case 'add_composite':
      case 'add_range':
        c.create.add(key.type(ch.schema, ch.obj.name));
        break;
      case 'drop_enum':
      case 'drop_composite':
      case 'drop_range':
        c.postDrop.set(key.type(ch.schema, ch.obj.name), [
          alt.drop.type(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        break;
      case 'drop_domain':
        c.postDrop.set(key.type(ch.schema, ch.obj.name), [
          alt.drop.domain(n.in(ch.schema, ch.obj.name), ch.obj.name),
        ]);
        break;
      case 'modify_enum':
        if (
          alt.enumAdditions(ch.from, ch.to) &&
          !usesNewValues(desiredText(ctx.to), ch.schema, ch.from, ch.to)
        )
          c.modify.set(key.type(ch.schema, ch.to.name), ch);
        else
          c.enumRecreate.set(key.type(ch.schema, ch.to.name), {
            from: ch.from,
            to: ch.to,
            schema: ch.schema,
          });
        break;
      case 'modify_domain':
      case 'modify_composite':
        c.modify.set(key.type(ch.schema, ch.to.name), ch);
        break;
      case 'modify_range': {
        const id = key.type(ch.schema, ch.to.name);
        c.preDrop.set(id, [alt.drop.type(n.in(ch.schema, ch.from.name), ch.from.name)]);
        c.create.add(id);
        break;
      }
    }
  }
  return c;
}

/** The changes inside one table that need phase-1 drops or mark the table as reshaped. */
function classifyTable(c: Classified, ch: ModifyTable, ctx: PlanContext, n: r.Names): void {
  const s = ch.schema;
  const fromQ = n.in(s, ch.from.name);
  const fromId = key.table(s, ch.from.name);
  const concurrentDrop = !!ctx.policy?.concurrentIndex?.drop;
  for (const tc of ch.changes) {
    switch (tc.kind) {
      case 'modify_table_attrs':
        // Partitions whose bounds change are all detached before any is attached again, so
        // that a new bound never overlaps an old one.
        if (tc.what.includes('partition_bound') && ch.from.partitionOf) {
          c.preDrop.set(`detach:${fromId}`, [
            { sql: `ALTER TABLE ${n.obj(ch.from.partitionOf.parent)} DETACH PARTITION ${fromQ}` },
          ]);
        }
        break;
      case 'drop_column':
        c.reshaped.add(fromId);
        break;
      case 'modify_column':
        if (tc.what.includes('type') || tc.what.includes('collation') || tc.what.includes('generated'))
          c.reshaped.add(fromId);
        break;
      case 'drop_primary_key':
        c.preDrop.set(`constraint:${fromId}#${tc.pk.name}`, [
          alt.drop.constraint(fromQ, ch.from.name, tc.pk.name),
        ]);
        break;
      case 'drop_unique':
      case 'drop_check':
      case 'drop_exclusion': {
        const name =
          tc.kind === 'drop_unique'
            ? tc.unique.name
            : tc.kind === 'drop_check'
              ? tc.check.name
              : tc.exclusion.name;
        c.preDrop.set(`constraint:${fromId}#${name}`, [alt.drop.constraint(fromQ, ch.from.name, name)]);
        break;
      }
      case 'drop_foreign_key':
        c.preDrop.set(`fk:${fromId}#${tc.fk.name}`, [alt.drop.constraint(fromQ, ch.from.name, tc.fk.name)]);
        break;
      case 'modify_foreign_key':
        c.preDrop.set(`fk:${fromId}#${tc.from.name}`, [
          alt.drop.constraint(fromQ, ch.from.name, tc.from.name),
        ]);
        break;
      case 'drop_index':
        c.preDrop.set(key.index(s, tc.index.name), [
          alt.drop.index(n.in(s, tc.index.name), tc.index.name, concurrentDrop),
        ]);
        break;
      case 'modify_index':
        c.preDrop.set(key.index(s, tc.from.name), [
          alt.drop.index(n.in(s, tc.from.name), tc.from.name, false),
        ]);
        c.create.add(key.index(s, tc.to.name));
        break;
      case 'add_index':
        c.create.add(key.index(s, tc.index.name));
        break;
      case 'rename_index':
        c.modify.set(key.index(s, tc.to.name), tc);
        break;
      case 'drop_trigger':
        c.preDrop.set(key.trigger(s, ch.from.name, tc.trigger.name), [
          alt.drop.trigger(fromQ, tc.trigger.name),
        ]);
        break;
      case 'add_trigger':
        c.create.add(key.trigger(s, ch.to.name, tc.trigger.name));
        break;
      case 'modify_trigger':
        if (same(tc.from, tc.to, ['enabled', 'comment']))
          c.modify.set(key.trigger(s, ch.to.name, tc.to.name), tc);
        else {
          c.preDrop.set(key.trigger(s, ch.from.name, tc.from.name), [alt.drop.trigger(fromQ, tc.from.name)]);
          c.create.add(key.trigger(s, ch.to.name, tc.to.name));
        }
        break;
      case 'drop_policy':
        c.preDrop.set(key.policy(s, ch.from.name, tc.policy.name), [alt.drop.policy(fromQ, tc.policy.name)]);
        break;
      case 'add_policy':
        c.create.add(key.policy(s, ch.to.name, tc.policy.name));
        break;
      case 'modify_policy':
        if (alt.alterPolicy(fromQ, tc.from, tc.to)) c.modify.set(key.policy(s, ch.to.name, tc.to.name), tc);
        else {
          c.preDrop.set(key.policy(s, ch.from.name, tc.from.name), [alt.drop.policy(fromQ, tc.from.name)]);
          c.create.add(key.policy(s, ch.to.name, tc.to.name));
        }
        break;
      case 'drop_rule':
        c.preDrop.set(key.rule(s, ch.from.name, tc.rule.name), [alt.drop.rule(fromQ, tc.rule.name)]);
        break;
      case 'add_rule':
      case 'modify_rule': {
        const rule = tc.kind === 'add_rule' ? tc.rule : tc.to;
        c.create.add(key.rule(s, ch.to.name, rule.name));
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Whether the desired schema uses a value the enum gains. PostgreSQL refuses to use a value
 * added by ALTER TYPE ... ADD VALUE in the transaction that added it; such an enum is re-created
 * instead. (A new value can only be used by objects this plan creates or changes.)
 */
function usesNewValues(text: string, schema: string, from: Enum, next: Enum): boolean {
  const old = new Set(from.values);
  const type = `(?:\\\\?"?${escapeRe(schema)}\\\\?"?\\.)?\\\\?"?${escapeRe(next.name)}\\\\?"?`;
  return next.values.some(
    (v) =>
      !old.has(v) &&
      text.includes(`'${v.replace(/'/g, "''")}'::`) &&
      new RegExp(`'${escapeRe(v.replace(/'/g, "''"))}'::${type}`).test(text),
  );
}

/** The desired realm as text, serialized once per realm however many enums gain values. */
const desiredTexts = new WeakMap<Realm, string>();
function desiredText(to: Realm): string {
  let text = desiredTexts.get(to);
  if (text === undefined) {
    text = JSON.stringify(to);
    desiredTexts.set(to, text);
  }
  return text;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** CREATE OR REPLACE VIEW keeps the existing columns and may only append new ones. */
function replaceableView(from: View, to: View): boolean {
  return from.columns.every((col, i) => to.columns[i]?.name === col.name && to.columns[i]?.type === col.type);
}

function recreateView(c: Classified, schema: string, from: View | MaterializedView, n: r.Names): void {
  const isView = 'triggers' in from;
  const id = isView ? key.view(schema, from.name) : key.mview(schema, from.name);
  const q = n.in(schema, from.name);
  c.preDrop.set(id, [isView ? alt.drop.view(q, from.name) : alt.drop.materializedView(q, from.name)]);
  c.create.add(id);
  c.modify.delete(id);
}

/**
 * Objects that must be dropped and created again because something they depend on changes:
 * views on reshaped tables or on re-created views, functions and types; triggers of
 * re-created functions; policies of reshaped tables; foreign keys whose referenced key is
 * re-created; the children of re-created views.
 */
function propagate(c: Classified, ctx: PlanContext, n: r.Names): void {
  const fromTables = new Map(
    ctx.from.schemas.flatMap((s) => s.tables.map((t) => [key.table(s.name, t.name), t] as const)),
  );
  const toIds = idsOf(ctx.to);
  const broken = (id: string) => c.reshaped.has(id) || c.preDrop.has(id) || c.postDrop.has(id);
  for (const [, e] of c.enumRecreate) {
    for (const s of ctx.from.schemas) {
      for (const t of s.tables) {
        if (t.columns.some((col) => refersTo(col, e.schema, e.from.name)))
          c.reshaped.add(key.table(s.name, t.name));
      }
    }
    c.reshaped.add(key.type(e.schema, e.from.name));
  }
  // Views and routines that use something broken break too, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of ctx.from.schemas) {
      for (const v of [...s.views, ...s.materializedViews]) {
        const id = 'triggers' in v ? key.view(s.name, v.name) : key.mview(s.name, v.name);
        if (c.preDrop.has(id) || !(v.dependsOn ?? []).map(depKey).some(broken)) continue;
        recreateView(c, s.name, v, n);
        if (!toIds.has(id)) c.create.delete(id);
        changed = true;
      }
      for (const f of s.functions) {
        const id = key.fn(s.name, f.name, f.identityArgs);
        if (c.preDrop.has(id) || c.postDrop.has(id) || !(f.dependsOn ?? []).map(depKey).some(broken))
          continue;
        c.dropFirst(id, alt.drop.func(n.in(s.name, f.name), f), toIds);
        changed = true;
      }
      for (const a of s.aggregates) {
        const id = key.agg(s.name, a.name, a.identityArgs);
        if (c.preDrop.has(id) || c.postDrop.has(id) || !(a.dependsOn ?? []).map(depKey).some(broken))
          continue;
        c.dropFirst(id, alt.drop.aggregate(n.in(s.name, a.name), a.name, a.identityArgs), toIds);
        changed = true;
      }
    }
  }
  for (const s of ctx.from.schemas) {
    for (const t of s.tables) {
      const tid = key.table(s.name, t.name);
      if (c.postDrop.has(tid)) continue;
      const q = n.in(s.name, t.name);
      const reshaped = c.reshaped.has(tid);
      for (const tr of t.triggers) {
        const trid = key.trigger(s.name, t.name, tr.name);
        // Trigger functions take no arguments: their id has an empty argument list.
        const fid = tr.function ? key.fn(tr.function.schema, tr.function.name, '') : '';
        const fnDropped = c.preDrop.has(fid) || c.postDrop.has(fid);
        // A column a trigger's WHEN or UPDATE OF names cannot change type under it.
        const columnsChange = reshaped && (!!tr.when || !!tr.updateOf?.length);
        if ((fnDropped || columnsChange) && !c.preDrop.has(trid))
          c.dropFirst(trid, alt.drop.trigger(q, tr.name), toIds);
      }
      if (reshaped) {
        for (const p of t.policies) {
          const pid = key.policy(s.name, t.name, p.name);
          if (!c.preDrop.has(pid)) c.dropFirst(pid, alt.drop.policy(q, p.name), toIds);
        }
      }
      // A foreign key to a key that phase 1 drops must go first and come back afterwards.
      for (const fk of t.foreignKeys) {
        const target = key.table(fk.references.schema, fk.references.name);
        const targetKeyDropped = referencedKeys(fromTables, fk).some((id) => c.preDrop.has(id));
        const fid = `fk:${tid}#${fk.name}`;
        if (targetKeyDropped && !c.preDrop.has(fid) && !c.postDrop.has(target)) {
          c.preDrop.set(fid, [alt.drop.constraint(q, t.name, fk.name)]);
          const toTable = renamedTo(c, tid) ?? tid;
          const set = c.readdFks.get(toTable) ?? new Set<string>();
          set.add(fk.name);
          c.readdFks.set(toTable, set);
        }
      }
    }
  }
}

/** Phase-1 ids of the key (primary key, unique constraint or unique index) a foreign key references. */
function referencedKeys(tables: ReadonlyMap<string, Table>, fk: ForeignKey): string[] {
  const { schema, name } = fk.references;
  const t = tables.get(key.table(schema, name));
  if (!t) return [];
  const same = (cols: readonly string[]) => keyMatches(fk, cols);
  const tid = key.table(schema, name);
  return [
    ...(t.primaryKey && same(t.primaryKey.columns) ? [`constraint:${tid}#${t.primaryKey.name}`] : []),
    ...t.uniques.filter((u) => same(u.columns)).map((u) => `constraint:${tid}#${u.name}`),
    ...t.indexes
      .filter((i) => i.unique && same(i.parts.flatMap((p) => (p.column ? [p.column] : []))))
      .map((i) => key.index(schema, i.name)),
  ];
}

function refersTo(col: Column, schema: string, name: string): boolean {
  return col.type.ref?.schema === schema && col.type.ref.name === name;
}

function renamedTo(c: Classified, fromId: string): string | undefined {
  for (const [id, ch] of c.tables) if (key.table(ch.schema, ch.from.name) === fromId) return id;
  return undefined;
}

function idsOf(realm: Realm): Set<string> {
  const ids = new Set<string>();
  for (const s of realm.schemas) {
    for (const v of s.views) {
      ids.add(key.view(s.name, v.name));
      for (const t of v.triggers) ids.add(key.trigger(s.name, v.name, t.name));
    }
    for (const m of s.materializedViews) ids.add(key.mview(s.name, m.name));
    for (const f of s.functions) ids.add(key.fn(s.name, f.name, f.identityArgs));
    for (const a of s.aggregates) ids.add(key.agg(s.name, a.name, a.identityArgs));
    for (const t of s.tables) {
      for (const tr of t.triggers) ids.add(key.trigger(s.name, t.name, tr.name));
      for (const p of t.policies) ids.add(key.policy(s.name, t.name, p.name));
    }
  }
  return ids;
}

/** Names of the relations (tables, indexes, key constraints, sequences, views) of a table. */
function relationNames(t: Table): string[] {
  return [
    t.name,
    ...t.indexes.map((i) => i.name),
    ...(t.primaryKey ? [t.primaryKey.name] : []),
    ...t.uniques.map((u) => u.name),
    ...t.exclusions.map((x) => x.name),
  ];
}

/**
 * Dropped tables normally go last. One whose relation names a new object reuses (a table
 * re-created under another name without a rename hint) must go before the creations. Serial
 * sequences owned by a dropped table go with it.
 */
function settleTableDrops(c: Classified, ctx: PlanContext): void {
  const created = new Set<string>();
  for (const s of ctx.to.schemas) {
    for (const t of s.tables) {
      if (c.create.has(key.table(s.name, t.name)))
        for (const name of relationNames(t)) created.add(`${s.name}.${name}`);
      for (const i of t.indexes)
        if (c.create.has(key.index(s.name, i.name))) created.add(`${s.name}.${i.name}`);
    }
    for (const q of s.sequences)
      if (c.create.has(key.seq(s.name, q.name))) created.add(`${s.name}.${q.name}`);
    for (const v of [...s.views, ...s.materializedViews]) created.add(`${s.name}.${v.name}`);
  }
  for (const s of ctx.from.schemas) {
    for (const t of s.tables) {
      const id = key.table(s.name, t.name);
      const stmts = c.postDrop.get(id);
      if (!stmts) continue;
      if (relationNames(t).some((name) => created.has(`${s.name}.${name}`))) {
        c.postDrop.delete(id);
        c.preDrop.set(id, stmts);
      }
    }
    for (const q of s.sequences) {
      if (
        q.ownedBy &&
        c.postDrop.has(key.seq(s.name, q.name)) &&
        (c.postDrop.has(key.table(s.name, q.ownedBy.table)) ||
          c.preDrop.has(key.table(s.name, q.ownedBy.table)))
      ) {
        c.postDrop.delete(key.seq(s.name, q.name));
      }
    }
  }
}

/** Foreign keys between two dropped tables that were added after both: drop them first. */
function cycleBreaks(c: Classified, ctx: PlanContext, cut: Set<string>, n: r.Names): Stmt[] {
  const out: Stmt[] = [];
  for (const s of ctx.from.schemas) {
    for (const t of s.tables) {
      const tid = key.table(s.name, t.name);
      if (!c.postDrop.has(tid)) continue;
      for (const fk of t.foreignKeys) {
        const target = key.table(fk.references.schema, fk.references.name);
        if (c.postDrop.has(target) && cut.has(`${tid}>${target}`)) {
          out.push(alt.drop.constraint(n.in(s.name, t.name), t.name, fk.name));
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- phase 2 emitters

function planEmitters(c: Classified, ctx: PlanContext, n: r.Names): Emitters {
  const create = creationEmitters(n);
  const made = (id: string) => c.create.has(id);
  const tableMade = (schema: string, name: string) => made(key.table(schema, name));
  const parentMade = (schema: string, on: Table | View | MaterializedView) =>
    'columns' in on && 'uniques' in on
      ? tableMade(schema, on.name)
      : 'triggers' in on
        ? made(key.view(schema, on.name))
        : made(key.mview(schema, on.name));
  const concurrentCreate = !!ctx.policy?.concurrentIndex?.create;
  return {
    schema: (s) => {
      if (made(key.schema(s.name)))
        return [
          { sql: `CREATE SCHEMA ${ident(s.name)}`, comment: `Add new schema named "${s.name}"` },
          ...(s.comment ? [alt.commentOn(`SCHEMA ${ident(s.name)}`, s.comment)] : []),
        ];
      return c.modify.has(key.schema(s.name)) ? [alt.commentOn(`SCHEMA ${ident(s.name)}`, s.comment)] : [];
    },
    extension: (e) => {
      if (made(key.extension(e.name))) return create.extension(e);
      return c.modify.has(key.extension(e.name))
        ? [{ sql: `ALTER EXTENSION ${ident(e.name)} SET SCHEMA ${ident(e.schema)}` }]
        : [];
    },
    enum: (schema, e) => {
      const id = key.type(schema, e.name);
      if (made(id)) return create.enum(schema, e);
      const recreate = c.enumRecreate.get(id);
      if (recreate) return recreateEnum(recreate, ctx, n);
      const ch = c.modify.get(id);
      if (ch?.kind !== 'modify_enum') return [];
      const q = n.in(schema, e.name);
      return [
        ...alt.addEnumValues(q, ch.from, ch.to),
        ...(ch.from.comment !== ch.to.comment ? [alt.commentOn(`TYPE ${q}`, ch.to.comment)] : []),
      ];
    },
    domain: (schema, d) => {
      const id = key.type(schema, d.name);
      if (made(id)) return create.domain(schema, d);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_domain' ? alt.alterDomain(n.in(schema, d.name), ch.from, ch.to) : [];
    },
    composite: (schema, x) => {
      const id = key.type(schema, x.name);
      if (made(id)) return create.composite(schema, x);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_composite' ? alt.alterComposite(n.in(schema, x.name), ch.from, ch.to) : [];
    },
    range: (schema, x) => (made(key.type(schema, x.name)) ? create.range(schema, x) : []),
    sequence: (schema, q) => {
      const id = key.seq(schema, q.name);
      if (made(id)) return create.sequence(schema, q);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_sequence' ? alt.alterSequence(n.in(schema, q.name), ch.from, q) : [];
    },
    sequenceOwner: (schema, q) => {
      const id = key.seq(schema, q.name);
      const ch = c.modify.get(id);
      const changed =
        ch?.kind === 'modify_sequence' &&
        JSON.stringify(ch.from.ownedBy ?? null) !== JSON.stringify(q.ownedBy ?? null);
      return made(id) || changed ? create.sequenceOwner(schema, q) : [];
    },
    table: (schema, t, inline) => {
      const id = key.table(schema, t.name);
      if (made(id)) return create.table(schema, t, inline);
      const mod = c.tables.get(id);
      return alterTable(
        schema,
        t,
        mod,
        new Set(inline.map((fk) => fk.name)),
        c.readdFks.get(id) ?? new Set(),
        n,
      );
    },
    deferredForeignKey: (schema, t, fk) => {
      const id = key.table(schema, t.name);
      const mod = c.tables.get(id);
      const isNew =
        made(id) ||
        c.readdFks.get(id)?.has(fk.name) ||
        mod?.changes.some(
          (tc) =>
            (tc.kind === 'add_foreign_key' && tc.fk.name === fk.name) ||
            (tc.kind === 'modify_foreign_key' && tc.to.name === fk.name),
        );
      return isNew ? create.deferredForeignKey(schema, t, fk) : [];
    },
    index: (schema, on, idx) => {
      const id = key.index(schema, idx.name);
      // A new partition of an existing table gets the parent's existing indexes by itself.
      const parentTable = 'partitionOf' in on ? on.partitionOf?.parent : undefined;
      const parentIndexNew =
        !!idx.attachedTo &&
        (made(key.index(idx.attachedTo.schema, idx.attachedTo.name)) ||
          (!!parentTable && tableMade(parentTable.schema, parentTable.name)));
      if (idx.attachedTo && !parentIndexNew) {
        return made(id) && !parentMade(schema, on) ? create.index(schema, on, idx) : [];
      }
      if (parentMade(schema, on)) return create.index(schema, on, idx);
      if (made(id)) {
        const partitioned = 'partitioning' in on && !!on.partitioning;
        const concurrently = concurrentCreate && !partitioned && !idx.attachedTo;
        return concurrently ? createIndexConcurrently(schema, on, idx, n) : create.index(schema, on, idx);
      }
      const ch = c.modify.get(id);
      return ch?.kind === 'rename_index' ? [alt.renameIndex(n.in(schema, ch.from.name), ch.from, ch.to)] : [];
    },
    trigger: (schema, on, tr) => {
      const id = key.trigger(schema, on.name, tr.name);
      if (parentMade(schema, on) || made(id)) return create.trigger(schema, on, tr);
      const ch = c.modify.get(id);
      if (ch?.kind !== 'modify_trigger' || ch.from.enabled === ch.to.enabled) return [];
      const clause = tr.enabled ? r.ENABLE_CLAUSE[tr.enabled] : 'ENABLE';
      return [
        {
          sql: `ALTER TABLE ${n.in(schema, on.name)} ${clause} TRIGGER ${ident(tr.name)}`,
          comment: `Modify trigger "${tr.name}"`,
        },
      ];
    },
    rule: (schema, on, rule) => {
      const id = key.rule(schema, on.name, rule.name);
      if (!parentMade(schema, on) && !made(id)) return [];
      // CREATE OR REPLACE: a changed rule is replaced in place; a new one is simply created.
      const [first, ...rest] = create.rule(schema, on, rule);
      return [{ ...first!, sql: first!.sql.replace(/^CREATE RULE/, 'CREATE OR REPLACE RULE') }, ...rest];
    },
    policy: (schema, t, p) => {
      const id = key.policy(schema, t.name, p.name);
      if (parentMade(schema, t) || made(id)) return create.policy(schema, t, p);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_policy'
        ? (alt.alterPolicy(n.in(schema, t.name), ch.from, ch.to) ?? [])
        : [];
    },
    func: (schema, f) => {
      const id = key.fn(schema, f.name, f.identityArgs);
      if (made(id)) return create.func(schema, f);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_function' ? replaceFunction(schema, ch.from, f, n) : [];
    },
    aggregate: (schema, a) =>
      made(key.agg(schema, a.name, a.identityArgs)) ? create.aggregate(schema, a) : [],
    view: (schema, v) => {
      const id = key.view(schema, v.name);
      if (made(id)) return create.view(schema, v);
      const ch = c.modify.get(id);
      if (ch?.kind !== 'modify_view') return [];
      const [first, ...rest] = create.view(schema, v);
      return [
        {
          ...first!,
          sql: first!.sql.replace(/^CREATE VIEW/, 'CREATE OR REPLACE VIEW'),
          comment: `Modify "${v.name}" view`,
        },
        ...rest,
      ];
    },
    materializedView: (schema, m) => {
      const id = key.mview(schema, m.name);
      if (made(id)) return create.materializedView(schema, m);
      const ch = c.modify.get(id);
      return ch?.kind === 'modify_materialized_view'
        ? [alt.commentOn(`MATERIALIZED VIEW ${n.in(schema, m.name)}`, m.comment)]
        : [];
    },
    eventTrigger: (e) => {
      if (made(key.eventTrigger(e.name))) return create.eventTrigger(e);
      const ch = c.modify.get(key.eventTrigger(e.name));
      if (ch?.kind !== 'modify_event_trigger') return [];
      const out: Stmt[] = [];
      if (ch.from.enabled !== ch.to.enabled) {
        out.push({
          sql: `ALTER EVENT TRIGGER ${ident(e.name)} ${e.enabled ? r.ENABLE_CLAUSE[e.enabled] : 'ENABLE'}`,
          comment: `Modify event trigger "${e.name}"`,
        });
      }
      if (ch.from.comment !== ch.to.comment)
        out.push(alt.commentOn(`EVENT TRIGGER ${ident(e.name)}`, e.comment));
      return out;
    },
  };
}

function replaceFunction(schema: string, from: Func, to: Func, n: r.Names): Stmt[] {
  const [first] = r.createFunction(schema, to, n);
  const out: Stmt[] = [
    {
      ...first!,
      sql: first!.sql.replace(/^CREATE (FUNCTION|PROCEDURE)/, 'CREATE OR REPLACE $1'),
      comment: `Modify "${to.name}" ${to.kind}`,
    },
  ];
  if (from.comment !== to.comment) {
    const kind = to.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
    out.push(alt.commentOn(`${kind} ${n.in(schema, to.name)}(${to.identityArgs})`, to.comment));
  }
  return out;
}

function createIndexConcurrently(
  schema: string,
  on: Table | MaterializedView,
  idx: Index,
  n: r.Names,
): Stmt[] {
  const [first, ...rest] = r.createIndex(schema, on, idx, n);
  return [
    {
      ...first!,
      sql: first!.sql.replace(/^CREATE (UNIQUE )?INDEX/, 'CREATE $1INDEX CONCURRENTLY'),
      transactional: false,
    },
    ...rest.map((s) => ({ ...s, transactional: false })),
  ];
}

/**
 * Takes the enum's columns to a new type with the desired values, then swaps the names. Checks
 * and partial or expression indexes that mention such a column compare it with values of the
 * old type, so they are dropped first and created again from the desired schema.
 */
function recreateEnum(e: { from: Enum; to: Enum; schema: string }, ctx: PlanContext, n: r.Names): Stmt[] {
  const tmpQ = n.in(e.schema, `${e.to.name}__new`);
  const values = e.to.values.map(literal).join(', ');
  const before: Stmt[] = [];
  const moves: Stmt[] = [];
  const after: Stmt[] = [];
  for (const s of ctx.from.schemas) {
    for (const t of s.tables) {
      const cols = t.columns.filter((col) => refersTo(col, e.schema, e.from.name) && !col.inherited);
      if (cols.length === 0) continue;
      const q = n.in(s.name, t.name);
      const desired = ctx.to.schemas.find((x) => x.name === s.name)?.tables.find((x) => x.name === t.name);
      const mentions = (text: string | undefined) =>
        !!text && cols.some((col) => new RegExp(`\\b${col.name}\\b`).test(text));
      for (const ck of t.checks.filter((x) => mentions(x.expr))) {
        before.push(alt.drop.constraint(q, t.name, ck.name));
        const again = desired?.checks.find((x) => x.name === ck.name);
        if (again)
          after.push({
            sql: `ALTER TABLE ${q} ADD ${r.checkDef(again)}${again.notValid ? ' NOT VALID' : ''}`,
          });
      }
      for (const idx of t.indexes.filter((x) => mentions(x.where) || x.parts.some((p) => mentions(p.expr)))) {
        before.push(alt.drop.index(n.in(s.name, idx.name), idx.name, false));
        const again = desired?.indexes.find((x) => x.name === idx.name);
        if (again && desired) after.push(...r.createIndex(s.name, desired, again, n));
      }
      for (const col of cols) {
        const c = ident(col.name);
        const dims = col.type.raw.endsWith('[]') ? '[]' : '';
        if (col.default) before.push({ sql: `ALTER TABLE ${q} ALTER COLUMN ${c} DROP DEFAULT` });
        moves.push({
          sql: `ALTER TABLE ${q} ALTER COLUMN ${c} TYPE ${tmpQ}${dims} USING ${c}::text${dims}::${tmpQ}${dims}`,
        });
        // A changed default is set by the table's own modification later in the plan.
        const def = desired?.columns.find((x) => x.name === col.name)?.default;
        if (def && same(def, col.default))
          after.push({ sql: `ALTER TABLE ${q} ALTER COLUMN ${c} SET DEFAULT ${def.value}` });
      }
    }
  }
  const comment =
    e.from.comment !== e.to.comment || e.to.comment
      ? [alt.commentOn(`TYPE ${n.in(e.schema, e.to.name)}`, e.to.comment)]
      : [];
  return [
    {
      sql: `CREATE TYPE ${tmpQ} AS ENUM (${values})`,
      comment: `Re-create enum type "${e.to.name}" with values removed or reordered`,
    },
    ...before,
    ...moves,
    { sql: `DROP TYPE ${n.in(e.schema, e.from.name)}` },
    { sql: `ALTER TYPE ${tmpQ} RENAME TO ${ident(e.to.name)}` },
    ...comment,
    ...after,
  ];
}

/**
 * The statements that take an existing table to its desired definition. Foreign keys are added
 * here only when they can be inline (`inline`); the others come at the end of the plan.
 */
function alterTable(
  schema: string,
  t: Table,
  mod: ModifyTable | undefined,
  inline: Set<string>,
  readd: Set<string>,
  n: r.Names,
): Stmt[] {
  const q = n.in(schema, t.name);
  const out: Stmt[] = [];
  if (mod && mod.from.name !== t.name) {
    out.push({
      sql: `ALTER TABLE ${n.in(schema, mod.from.name)} RENAME TO ${ident(t.name)}`,
      comment: `Rename table "${mod.from.name}" to "${t.name}"`,
    });
  }
  const changes = mod?.changes ?? [];
  for (const tc of changes) {
    if (tc.kind === 'rename_column') {
      out.push({
        sql: `ALTER TABLE ${q} RENAME COLUMN ${ident(tc.from.name)} TO ${ident(tc.to.name)}`,
        comment: `Rename column "${tc.from.name}" to "${tc.to.name}"`,
      });
    }
  }
  // Partitions and inheritance children get their columns from the parent.
  const inheritedColumns = !!t.partitionOf;
  const actions: string[] = [];
  const comments: Stmt[] = [];
  const validations: Stmt[] = [];
  for (const tc of changes) {
    switch (tc.kind) {
      case 'add_column':
        if (inheritedColumns || tc.column.inherited) break;
        actions.push(`ADD COLUMN ${r.columnDef(tc.column)}`);
        if (tc.column.comment)
          comments.push(alt.commentOn(`COLUMN ${q}.${ident(tc.column.name)}`, tc.column.comment));
        break;
      case 'drop_column':
        if (inheritedColumns || tc.column.inherited) break;
        actions.push(`DROP COLUMN ${ident(tc.column.name)}`);
        break;
      case 'modify_column':
        if (!inheritedColumns && !tc.to.inherited)
          actions.push(...alt.alterColumnActions(tc.from, tc.to, tc.what));
        if (tc.what.includes('comment'))
          comments.push(alt.commentOn(`COLUMN ${q}.${ident(tc.to.name)}`, tc.to.comment));
        break;
      case 'validate_constraint':
        validations.push({
          sql: `ALTER TABLE ${q} VALIDATE CONSTRAINT ${ident(tc.name)}`,
          comment: `Validate constraint "${tc.name}" of "${t.name}"`,
        });
        break;
      case 'modify_comment': {
        const target =
          tc.target === 'index'
            ? `INDEX ${n.in(schema, tc.name)}`
            : `${tc.target.toUpperCase()} ${ident(tc.name)} ON ${q}`;
        comments.push(alt.commentOn(target, tc.comment));
        break;
      }
      default: {
        const fk =
          tc.kind === 'add_foreign_key' ? tc.fk : tc.kind === 'modify_foreign_key' ? tc.to : undefined;
        if (fk && !inline.has(fk.name)) break;
        const action = alt.addConstraintAction(tc, n);
        if (action) {
          actions.push(action);
          const cmt = constraintComment(tc);
          if (cmt) comments.push(alt.commentOn(`CONSTRAINT ${ident(cmt.name)} ON ${q}`, cmt.comment));
        }
      }
    }
  }
  for (const fk of t.foreignKeys)
    if (readd.has(fk.name) && inline.has(fk.name)) actions.push(`ADD ${r.foreignKeyDef(fk, n)}`);
  // A generated column reading a column whose type changes is dropped and added back around it.
  const retyped = changes.flatMap((tc) =>
    tc.kind === 'modify_column' && tc.what.includes('type') ? [tc.to.name] : [],
  );
  const touched = new Set(
    changes.flatMap((tc) =>
      tc.kind === 'modify_column'
        ? [tc.to.name]
        : tc.kind === 'add_column' || tc.kind === 'drop_column'
          ? [tc.column.name]
          : [],
    ),
  );
  for (const g of t.columns.filter((x) => x.generated && !touched.has(x.name))) {
    if (retyped.some((name) => new RegExp(`\\b${name}\\b`).test(g.generated!.expr))) {
      actions.unshift(`DROP COLUMN ${ident(g.name)}`);
      actions.push(`ADD COLUMN ${r.columnDef(g)}`);
    }
  }
  if (actions.length)
    out.push({ sql: `ALTER TABLE ${q} ${actions.join(', ')}`, comment: `Modify "${t.name}" table` });
  out.push(...validations, ...comments);
  const attrs = changes.find((tc) => tc.kind === 'modify_table_attrs');
  if (mod && attrs?.kind === 'modify_table_attrs')
    out.push(...alt.tableAttrStmts(q, mod.from, t, attrs.what, n));
  return out;
}

function constraintComment(tc: TableChange): { name: string; comment: string } | undefined {
  const obj =
    tc.kind === 'add_primary_key'
      ? tc.pk
      : tc.kind === 'add_unique'
        ? tc.unique
        : tc.kind === 'add_check'
          ? tc.check
          : tc.kind === 'add_exclusion'
            ? tc.exclusion
            : tc.kind === 'add_foreign_key'
              ? tc.fk
              : tc.kind === 'modify_foreign_key'
                ? tc.to
                : undefined;
  return obj?.comment ? { name: obj.name, comment: obj.comment } : undefined;
}
