// Whole-realm creation DDL in dependency order, and the ordering helpers the planner shares:
// tables before the tables whose foreign keys point at them, views after what they read, and
// the `sql_mode` each trigger, routine and event was created under.
import type { Func, MysqlEvent, Realm, Schema, Table, Trigger, View } from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import {
  createEvent,
  createRoutine,
  createTable,
  createTrigger,
  createView,
  foreignKeyDef,
  objName,
  type RenderCtx,
} from './render-objects.ts';
import { ident, literal } from './sql.ts';

/** A statement that must run under a given `sql_mode` (triggers, routines, events). */
export type ModalStmt = Stmt & { sqlMode?: string | undefined };

/**
 * Tables in creation order: each after the tables its foreign keys reference. A foreign key
 * that closes a cycle is returned in `deferred` (added with ALTER TABLE once all exist).
 */
export function tableOrder(
  schema: string,
  tables: readonly Table[],
): { order: Table[]; deferred: Map<string, Set<string>> } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: Table[] = [];
  const deferred = new Map<string, Set<string>>();
  const visit = (t: Table) => {
    state.set(t.name, 'visiting');
    for (const fk of t.foreignKeys) {
      const ref = fk.references;
      if (ref.schema !== schema || ref.name === t.name) continue;
      const target = byName.get(ref.name);
      if (!target) continue;
      const s = state.get(ref.name);
      if (s === 'visiting') {
        const set = deferred.get(t.name) ?? new Set<string>();
        set.add(fk.name);
        deferred.set(t.name, set);
      } else if (s === undefined) visit(target);
    }
    state.set(t.name, 'done');
    order.push(t);
  };
  for (const t of tables) if (!state.has(t.name)) visit(t);
  return { order, deferred };
}

/** Views after the views they read. */
export function viewOrder(views: readonly View[]): View[] {
  const byName = new Map(views.map((v) => [v.name, v]));
  const done = new Set<string>();
  const order: View[] = [];
  const visit = (v: View, path: Set<string>) => {
    if (done.has(v.name) || path.has(v.name)) return;
    path.add(v.name);
    for (const d of v.dependsOn ?? []) {
      const dep = byName.get(d.name);
      if (dep) visit(dep, path);
    }
    done.add(v.name);
    order.push(v);
  };
  for (const v of views) visit(v, new Set());
  return order;
}

/** A table's triggers in the order they fire: each after the one it follows. */
export function triggerOrder(triggers: readonly Trigger[]): Trigger[] {
  const byName = new Map(triggers.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: Trigger[] = [];
  const visit = (t: Trigger) => {
    if (done.has(t.name)) return;
    done.add(t.name);
    const before = t.follows ? byName.get(t.follows) : undefined;
    if (before) visit(before);
    order.push(t);
  };
  for (const t of triggers) visit(t);
  return order;
}

export function createStatements(realm: Realm, ctx: RenderCtx, sessionMode: string): Stmt[] {
  const out: ModalStmt[] = [];
  const late: ModalStmt[] = [];
  for (const s of realm.schemas) {
    if (ctx.qualify) out.push(createSchema(s));
    const { order, deferred } = tableOrder(s.name, s.tables);
    for (const t of order) out.push(createTableStmt(s.name, t, ctx, deferred.get(t.name) ?? new Set()));
    for (const t of order) {
      const fks = t.foreignKeys.filter((fk) => deferred.get(t.name)?.has(fk.name));
      if (fks.length) late.push(addForeignKeys(s.name, t.name, fks, ctx));
    }
  }
  out.push(...late);
  for (const s of realm.schemas) out.push(...schemaObjects(s, ctx));
  return withSqlModes(out, sessionMode);
}

export function createSchema(s: Schema): Stmt {
  let sql = `CREATE DATABASE ${ident(s.name)}`;
  if (s.charset) sql += ` CHARACTER SET ${s.charset}`;
  if (s.collation) sql += ` COLLATE ${s.collation}`;
  return { sql, comment: `Add new schema named "${s.name}"`, objects: [s.name] };
}

export function createTableStmt(
  schema: string,
  t: Table,
  ctx: RenderCtx,
  deferred: ReadonlySet<string>,
): Stmt {
  return {
    sql: createTable(schema, t, ctx, deferred),
    comment: `Create "${t.name}" table`,
    objects: [`${schema}.${t.name}`],
    reverse: `DROP TABLE ${objName(schema, t.name, ctx)}`,
  };
}

export function addForeignKeys(
  schema: string,
  table: string,
  fks: Table['foreignKeys'],
  ctx: RenderCtx,
): Stmt {
  return {
    sql: `ALTER TABLE ${objName(schema, table, ctx)} ${fks.map((fk) => `ADD ${foreignKeyDef(fk, schema, ctx)}`).join(', ')}`,
    comment: `Add foreign keys to "${table}" table`,
    objects: [`${schema}.${table}`],
  };
}

/** Views, routines, triggers and events of a schema whose tables exist. */
function schemaObjects(s: Schema, ctx: RenderCtx): ModalStmt[] {
  const out: ModalStmt[] = [];
  for (const v of viewOrder(s.views)) out.push(viewStmt(s.name, v, ctx, false));
  for (const f of s.functions) out.push(routineStmt(s.name, f, ctx));
  for (const t of s.tables)
    for (const tr of triggerOrder(t.triggers)) out.push(triggerStmt(s.name, t.name, tr, ctx));
  for (const e of s.events ?? []) out.push(eventStmt(s.name, e, ctx));
  return out;
}

/** A body with `;` inside needs DELIMITER lines in a script for the mysql client. */
const compound = (body: string | undefined) => ((body ?? '').includes(';') ? { compound: true } : {});

export function routineStmt(schema: string, f: Func, ctx: RenderCtx): ModalStmt {
  return {
    sql: createRoutine(schema, f, ctx),
    comment: `Create ${f.kind} "${f.name}"`,
    objects: [`${schema}.${f.name}`],
    sqlMode: f.sqlMode,
    ...compound(f.body),
  };
}

export function eventStmt(schema: string, e: MysqlEvent, ctx: RenderCtx): ModalStmt {
  return {
    sql: createEvent(schema, e, ctx),
    comment: `Create event "${e.name}"`,
    objects: [`${schema}.${e.name}`],
    sqlMode: e.sqlMode,
    ...compound(e.body),
  };
}

export function viewStmt(schema: string, v: View, ctx: RenderCtx, replace: boolean): Stmt {
  return {
    sql: createView(schema, v, ctx, replace),
    comment: `${replace ? 'Replace' : 'Create'} "${v.name}" view`,
    objects: [`${schema}.${v.name}`],
  };
}

export function triggerStmt(schema: string, table: string, tr: Trigger, ctx: RenderCtx): ModalStmt {
  return {
    sql: createTrigger(schema, table, tr, ctx),
    comment: `Create trigger "${tr.name}" on "${table}"`,
    objects: [`${schema}.${table}`],
    sqlMode: tr.sqlMode,
    ...compound(tr.body),
  };
}

/**
 * Puts a `SET SESSION sql_mode` before each statement that must run under another mode than the
 * one before it, and restores the session's mode at the end: a trigger or routine keeps the mode
 * it was created under, and it governs how its body runs.
 */
export function withSqlModes(stmts: readonly ModalStmt[], sessionMode: string): Stmt[] {
  const out: Stmt[] = [];
  let mode = sessionMode;
  const set = (m: string) => {
    out.push({
      sql: `SET SESSION sql_mode = ${literal(m)}`,
      comment: 'Set the sql_mode the next objects were created under',
    });
    mode = m;
  };
  for (const { sqlMode, ...stmt } of stmts) {
    if (sqlMode !== undefined && sqlMode !== mode) set(sqlMode);
    out.push(stmt);
  }
  if (mode !== sessionMode) set(sessionMode);
  return out;
}
