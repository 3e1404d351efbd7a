// Changes -> MySQL statements. MySQL DDL commits as it goes, so the order is what keeps every
// statement valid when it runs:
//   1. new schemas; foreign keys that go away or must be re-made (a column they use changes
//      type, charset or collation, which MySQL refuses under a foreign key); triggers, views,
//      routines and events that are dropped or re-created
//   2. tables: renames, creations (referenced tables first), one ALTER TABLE per changed table
//      (columns with their positions, keys, checks, options), re-partitioning, drops
//   3. foreign keys added or re-made; views, routines, triggers (in firing order), events
//   4. schemas dropped
import type { Change, TableChange } from '../../diff/changes.ts';
import { same } from '../../diff/diff.ts';
import type { Column, ForeignKey, Func, Realm, Table, Trigger } from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import { indexVisibility } from './flavor.ts';
import {
  addForeignKeys,
  createSchema,
  createTableStmt,
  eventStmt,
  type ModalStmt,
  routineStmt,
  tableOrder,
  triggerOrder,
  triggerStmt,
  viewOrder,
  viewStmt,
  withSqlModes,
} from './render.ts';
import {
  checkDef,
  columnDef,
  indexDef,
  objName,
  partitionClause,
  primaryKeyDef,
  type RenderCtx,
  routineKind,
} from './render-objects.ts';
import { ident, literal } from './sql.ts';

export interface PlanCtx extends RenderCtx {
  from: Realm;
  to: Realm;
  sessionMode: string;
}

type ModifyTable = Extract<Change, { kind: 'modify_table' }>;

const fkKey = (schema: string, table: string, fk: string) => `${schema}\0${table}\0${fk}`;

export function planChanges(changes: readonly Change[], ctx: PlanCtx): Stmt[] {
  const first: ModalStmt[] = [];
  const tables: ModalStmt[] = [];
  const drops: ModalStmt[] = [];
  const last: ModalStmt[] = [];
  const final: ModalStmt[] = [];
  const name = (schema: string, n: string) => objName(schema, n, ctx);
  const dropEvent = (schema: string, n: string): Stmt => ({
    sql: `DROP EVENT ${name(schema, n)}`,
    comment: `Drop event "${n}"`,
    objects: [`${schema}.${n}`],
  });

  // Foreign keys to drop first and to add at the end, per table (by the table's new name).
  const dropFks = new Map<string, { schema: string; table: string; names: string[] }>();
  const addFks = new Map<string, { schema: string; table: string; fks: ForeignKey[] }>();
  const dropFk = (schema: string, table: string, fk: string) => {
    const k = `${schema}\0${table}`;
    const e = dropFks.get(k) ?? { schema, table, names: [] };
    if (!e.names.includes(fk)) e.names.push(fk);
    dropFks.set(k, e);
  };
  const addFk = (schema: string, table: string, fk: ForeignKey) => {
    const k = `${schema}\0${table}`;
    const e = addFks.get(k) ?? { schema, table, fks: [] };
    if (!e.fks.some((x) => x.name === fk.name)) e.fks.push(fk);
    addFks.set(k, e);
  };

  const rebuilt = foreignKeysToRebuild(changes, ctx.from);
  const modified = changes.filter((c): c is ModifyTable => c.kind === 'modify_table');
  const droppedTables = changes.filter((c) => c.kind === 'drop_table') as Extract<
    Change,
    { kind: 'drop_table' }
  >[];
  const dropped = new Set(droppedTables.map((c) => `${c.schema}\0${c.obj.name}`));

  for (const c of changes) {
    switch (c.kind) {
      case 'add_schema':
        first.push(createSchema(c.obj));
        break;
      case 'modify_schema':
        first.push({
          sql: `ALTER DATABASE ${ident(c.to.name)}${c.to.charset ? ` CHARACTER SET ${c.to.charset}` : ''}${c.to.collation ? ` COLLATE ${c.to.collation}` : ''}`,
          comment: `Modify schema "${c.to.name}"`,
          objects: [c.to.name],
        });
        break;
      case 'drop_schema':
        final.push({
          sql: `DROP DATABASE ${ident(c.obj.name)}`,
          comment: `Drop schema named "${c.obj.name}"`,
          objects: [c.obj.name],
        });
        break;
      case 'drop_view':
        first.push({
          sql: `DROP VIEW ${name(c.schema, c.obj.name)}`,
          comment: `Drop "${c.obj.name}" view`,
          objects: [`${c.schema}.${c.obj.name}`],
        });
        break;
      case 'drop_function':
        first.push(dropRoutine(c.schema, c.obj, ctx));
        break;
      case 'modify_function':
        last.push(dropRoutine(c.schema, c.from, ctx), routineStmt(c.schema, c.to, ctx));
        break;
      case 'add_function':
        last.push(routineStmt(c.schema, c.obj, ctx));
        break;
      case 'drop_event':
        first.push(dropEvent(c.schema, c.obj.name));
        break;
      case 'modify_event':
        last.push(dropEvent(c.schema, c.from.name), eventStmt(c.schema, c.to, ctx));
        break;
      case 'add_event':
        last.push(eventStmt(c.schema, c.obj, ctx));
        break;
      case 'rename_table':
        tables.push({
          sql: `RENAME TABLE ${name(c.schema, c.from.name)} TO ${name(c.schema, c.to.name)}`,
          comment: `Rename a table from "${c.from.name}" to "${c.to.name}"`,
          objects: [`${c.schema}.${c.from.name}`, `${c.schema}.${c.to.name}`],
        });
        break;
      default:
        break;
    }
  }

  // Views: new and changed ones after the tables, in dependency order.
  for (const s of ctx.to.schemas) {
    const viewChanges = new Map(
      changes
        .filter((c) => (c.kind === 'add_view' || c.kind === 'modify_view') && c.schema === s.name)
        .map((c) => [
          c.kind === 'add_view' ? c.obj.name : (c as Extract<Change, { kind: 'modify_view' }>).to.name,
          c.kind,
        ]),
    );
    for (const v of viewOrder(s.views)) {
      const kind = viewChanges.get(v.name);
      if (kind) last.push(viewStmt(s.name, v, ctx, kind === 'modify_view'));
    }
  }

  // New tables, referenced ones first; foreign keys closing a cycle come at the end.
  for (const s of ctx.to.schemas) {
    const added = changes
      .filter(
        (c): c is Extract<Change, { kind: 'add_table' }> => c.kind === 'add_table' && c.schema === s.name,
      )
      .map((c) => c.obj);
    if (added.length === 0) continue;
    const { order, deferred } = tableOrder(s.name, added);
    const addedNames = new Set(added.map((t) => t.name));
    for (const t of order) {
      // Foreign keys to tables that are not new wait until those tables have their final shape.
      const later = new Set(deferred.get(t.name) ?? []);
      for (const fk of t.foreignKeys) {
        if (fk.references.schema !== s.name || !addedNames.has(fk.references.name)) later.add(fk.name);
      }
      tables.push(createTableStmt(s.name, t, ctx, later));
      for (const fk of t.foreignKeys) if (later.has(fk.name)) addFk(s.name, t.name, fk);
      for (const tr of triggerOrder(t.triggers)) last.push(triggerStmt(s.name, t.name, tr, ctx));
    }
  }

  for (const m of modified) {
    const { schema, from, to } = m;
    for (const tc of m.changes) {
      if (tc.kind === 'drop_foreign_key') dropFk(schema, from.name, tc.fk.name);
      else if (tc.kind === 'modify_foreign_key') {
        dropFk(schema, from.name, tc.from.name);
        addFk(schema, to.name, tc.to);
      } else if (tc.kind === 'add_foreign_key') addFk(schema, to.name, tc.fk);
    }
    tables.push(...alterTable(m, ctx));
    const triggers = retriggers(schema, from, to, ctx);
    first.push(...triggers.drop);
    last.push(...triggers.create);
  }

  // Kept foreign keys on or to a column whose type changes: dropped first, re-made at the end.
  for (const { schema, table, fk } of rebuilt) {
    if (dropped.has(`${schema}\0${table.from}`)) continue;
    dropFk(schema, table.from, fk.name);
    addFk(schema, table.to, fk);
  }

  // Dropped tables: referencing ones first; foreign keys between dropped tables in a cycle go first.
  for (const s of ctx.from.schemas) {
    const gone = droppedTables.filter((c) => c.schema === s.name).map((c) => c.obj);
    if (gone.length === 0) continue;
    const { order, deferred } = tableOrder(s.name, gone);
    for (const [table, fks] of deferred) for (const fk of fks) dropFk(s.name, table, fk);
    for (const t of order.reverse()) {
      drops.push({
        sql: `DROP TABLE ${name(s.name, t.name)}`,
        comment: `Drop "${t.name}" table`,
        objects: [`${s.name}.${t.name}`],
      });
    }
  }

  const fkDrops: Stmt[] = [...dropFks.values()].map((e) => ({
    sql: `ALTER TABLE ${name(e.schema, e.table)} ${e.names.map((n) => `DROP FOREIGN KEY ${ident(n)}`).join(', ')}`,
    comment: `Drop foreign keys of "${e.table}" table`,
    objects: [`${e.schema}.${e.table}`],
  }));
  const fkAdds = [...addFks.values()].map((e) => addForeignKeys(e.schema, e.table, e.fks, ctx));
  return withSqlModes(
    [...first, ...fkDrops, ...tables, ...drops, ...fkAdds, ...last, ...final],
    ctx.sessionMode,
  );
}

function dropRoutine(schema: string, f: Func, ctx: RenderCtx): Stmt {
  return {
    sql: `DROP ${routineKind(f)} ${objName(schema, f.name, ctx)}`,
    comment: `Drop ${f.kind} "${f.name}"`,
    objects: [`${schema}.${f.name}`],
  };
}

/** Column attributes MySQL refuses to change under a foreign key. */
const FK_SENSITIVE = new Set(['type', 'charset', 'collation']);

/** Foreign keys (of any table) that use or reference a column whose type changes, and that stay. */
function foreignKeysToRebuild(
  changes: readonly Change[],
  from: Realm,
): { schema: string; table: { from: string; to: string }; fk: ForeignKey }[] {
  const touched = new Set<string>();
  const renamedTo = new Map<string, string>();
  const kept = new Map<string, ForeignKey>();
  for (const c of changes) {
    if (c.kind !== 'modify_table') continue;
    renamedTo.set(`${c.schema}\0${c.from.name}`, c.to.name);
    for (const tc of c.changes) {
      if (tc.kind === 'modify_column' && tc.what.some((w) => FK_SENSITIVE.has(w)))
        touched.add(`${c.schema}\0${c.from.name}\0${tc.from.name}`);
    }
    // Only foreign keys the desired state keeps as they are need re-making.
    const changedFks = new Set(
      c.changes.flatMap((tc) =>
        tc.kind === 'drop_foreign_key'
          ? [tc.fk.name]
          : tc.kind === 'modify_foreign_key'
            ? [tc.from.name]
            : [],
      ),
    );
    for (const fk of c.to.foreignKeys)
      if (!changedFks.has(fk.name)) kept.set(fkKey(c.schema, c.from.name, fk.name), fk);
  }
  if (touched.size === 0) return [];
  const out: { schema: string; table: { from: string; to: string }; fk: ForeignKey }[] = [];
  for (const s of from.schemas) {
    for (const t of s.tables) {
      for (const fk of t.foreignKeys) {
        const uses =
          fk.columns.some((col) => touched.has(`${s.name}\0${t.name}\0${col}`)) ||
          fk.references.columns.some((col) =>
            touched.has(`${fk.references.schema}\0${fk.references.name}\0${col}`),
          );
        const desired = kept.get(fkKey(s.name, t.name, fk.name));
        if (uses && desired) {
          out.push({
            schema: s.name,
            table: { from: t.name, to: renamedTo.get(`${s.name}\0${t.name}`) ?? t.name },
            fk: desired,
          });
        }
      }
    }
  }
  return out;
}

/** Text-family types MySQL widens by itself when CONVERT TO changes their character set. */
const TEXT_TYPE = /^(tiny|medium|long)?text\b/i;

/** One ALTER TABLE for a table's columns, keys, checks and options; re-partitioning after it. */
function alterTable(m: ModifyTable, ctx: RenderCtx): Stmt[] {
  const { schema, from, to } = m;
  const out: Stmt[] = [];
  const tname = objName(schema, to.name, ctx);
  const attrs = new Set(m.changes.flatMap((c) => (c.kind === 'modify_table_attrs' ? c.what : [])));
  const clauses: string[] = [];

  // A new table charset converts the columns that follow it: CONVERT TO, when every character
  // column of the desired table uses the table's collation.
  const converting =
    attrs.has('charset') &&
    to.columns.every((c) => c.collation === undefined || c.collation === to.collation) &&
    from.columns.some((c) => c.collation !== undefined);
  if (converting) {
    out.push({
      sql: `ALTER TABLE ${tname} CONVERT TO CHARACTER SET ${to.charset} COLLATE ${to.collation}`,
      comment: `Convert "${to.name}" table to ${to.charset}`,
      objects: [`${schema}.${to.name}`],
    });
  }

  const byKind = <K extends TableChange['kind']>(kind: K) =>
    m.changes.filter((c): c is Extract<TableChange, { kind: K }> => c.kind === kind);

  // Drops first: a check or index re-made under the same name must be gone before it is added.
  const droppedChecks = byKind('drop_check').map((c) => c.check);
  // A MariaDB column-level check goes with its column definition (MODIFY below), not by name.
  for (const c of droppedChecks) if (c.column === undefined) clauses.push(`DROP CONSTRAINT ${ident(c.name)}`);
  for (const c of byKind('drop_index')) clauses.push(`DROP INDEX ${ident(c.index.name)}`);
  // Only the visibility changed: altered in place (dropping and adding would rebuild it).
  const visibility = byKind('modify_index').filter((c) => same(c.from, c.to, ['invisible', 'dependsOn']));
  for (const c of visibility) clauses.push(indexVisibility(ctx.flavor, c.to.name, !!c.to.invisible));
  const rebuiltIdx = byKind('modify_index').filter((c) => !visibility.includes(c));
  for (const c of rebuiltIdx) clauses.push(`DROP INDEX ${ident(c.from.name)}`);
  for (const c of byKind('rename_index'))
    clauses.push(`RENAME INDEX ${ident(c.from.name)} TO ${ident(c.to.name)}`);
  if (byKind('drop_primary_key').length) clauses.push('DROP PRIMARY KEY');
  for (const c of byKind('drop_column')) clauses.push(`DROP COLUMN ${ident(c.column.name)}`);

  // Columns, walking the desired order: each new, changed or misplaced column is written with
  // the column it must follow, which reproduces the desired order exactly.
  const modified = new Map(byKind('modify_column').map((c) => [c.to.name, c]));
  const renamed = new Map(byKind('rename_column').map((c) => [c.to.name, c.from.name]));
  // MariaDB cannot MODIFY a generated column's expression; its values are computed, so it is
  // dropped and added again, losing nothing.
  const regenerated = byKind('modify_column').filter(
    (c) => c.what.includes('generated') && c.from.generated && c.to.generated && !renamed.has(c.to.name),
  );
  for (const c of regenerated) {
    modified.delete(c.to.name);
    clauses.push(`DROP COLUMN ${ident(c.from.name)}`);
  }
  const added = new Set([
    ...byKind('add_column').map((c) => c.column.name),
    ...regenerated.map((c) => c.to.name),
  ]);
  const droppedCols = new Set([
    ...byKind('drop_column').map((c) => c.column.name),
    ...regenerated.map((c) => c.from.name),
  ]);
  // Columns whose inline check changed are re-written with MODIFY too (the check lives in the column).
  const checkColumns = new Set(
    [...droppedChecks, ...byKind('add_check').map((c) => c.check)].flatMap((c) =>
      c.column ? [c.column] : [],
    ),
  );
  const sim = from.columns.map((c) => c.name).filter((n) => !droppedCols.has(n));
  const position = (i: number) => (i === 0 ? ' FIRST' : ` AFTER ${ident(to.columns[i - 1]!.name)}`);
  to.columns.forEach((c: Column, i) => {
    const oldName = renamed.get(c.name) ?? c.name;
    const prev = i === 0 ? undefined : to.columns[i - 1]!.name;
    const at = sim.indexOf(added.has(c.name) ? '' : oldName);
    const inPlace = at >= 0 && (prev === undefined ? at === 0 : sim[at - 1] === prev);
    const appended = added.has(c.name) && i === to.columns.length - 1 && sim[sim.length - 1] === prev;
    const def = columnDef(c, to, true);
    if (added.has(c.name)) {
      clauses.push(`ADD COLUMN ${def}${appended ? '' : position(i)}`);
      sim.splice(prev === undefined ? 0 : sim.indexOf(prev) + 1, 0, c.name);
      return;
    }
    const changed =
      modified.has(c.name) ||
      renamed.has(c.name) ||
      checkColumns.has(c.name) ||
      (converting && TEXT_TYPE.test(c.type.raw));
    if (!changed && inPlace) return;
    const verb = renamed.has(c.name) ? `CHANGE COLUMN ${ident(oldName)} ` : 'MODIFY COLUMN ';
    clauses.push(`${verb}${def}${inPlace ? '' : position(i)}`);
    sim.splice(at, 1);
    sim.splice(prev === undefined ? 0 : sim.indexOf(prev) + 1, 0, c.name);
  });

  const pk = byKind('add_primary_key')[0];
  if (pk) clauses.push(`ADD ${primaryKeyDef(pk.pk.columns)}`);
  for (const c of byKind('add_index')) clauses.push(`ADD ${indexDef(c.index, ctx)}`);
  for (const c of rebuiltIdx) clauses.push(`ADD ${indexDef(c.to, ctx)}`);
  for (const c of byKind('add_check'))
    if (c.check.column === undefined) clauses.push(`ADD ${checkDef(c.check)}`);

  // Comments of indexes and constraints live in their definitions: re-make the index.
  for (const c of byKind('modify_comment')) {
    if (c.target !== 'index') continue;
    const idx = to.indexes.find((i) => i.name === c.name);
    if (idx) clauses.push(`DROP INDEX ${ident(idx.name)}`, `ADD ${indexDef(idx, ctx)}`);
  }

  const options: string[] = [];
  if (attrs.has('engine') && to.engine) options.push(`ENGINE=${to.engine}`);
  if (attrs.has('charset') && !converting) {
    if (to.charset) options.push(`DEFAULT CHARSET=${to.charset}`);
    if (to.collation) options.push(`COLLATE=${to.collation}`);
  }
  if (attrs.has('row_format')) options.push(`ROW_FORMAT=${to.rowFormat ?? 'DEFAULT'}`);
  if (attrs.has('storage_params')) {
    const kept = new Set((to.storageParams ?? []).map((o) => o.name));
    for (const o of to.storageParams ?? []) options.push(`${o.name}=${o.value}`);
    // An option no longer wanted goes back to its default.
    for (const o of from.storageParams ?? []) if (!kept.has(o.name)) options.push(`${o.name}=DEFAULT`);
  }
  if (attrs.has('auto_increment') && to.autoIncrement !== undefined)
    options.push(`AUTO_INCREMENT=${to.autoIncrement}`);
  if (attrs.has('comment')) options.push(`COMMENT=${literal(to.comment ?? '')}`);
  clauses.push(...options);

  if (clauses.length) {
    out.push({
      sql: `ALTER TABLE ${tname} ${clauses.join(', ')}`,
      comment: `Modify "${to.name}" table`,
      objects: [`${schema}.${to.name}`],
    });
  }
  if (attrs.has('partitioning')) {
    out.push({
      sql: to.partitioning
        ? `ALTER TABLE ${tname} ${partitionClause(to.partitioning)}`
        : `ALTER TABLE ${tname} REMOVE PARTITIONING`,
      comment: `Change the partitioning of "${to.name}" table`,
      objects: [`${schema}.${to.name}`],
    });
  }
  return out;
}

/**
 * Triggers to drop and create for a table. MySQL fires triggers of the same timing and event in
 * creation order: from the first trigger that differs in a slot, every later one is re-created
 * too, so the order comes out as desired.
 */
function retriggers(
  schema: string,
  from: Table,
  to: Table,
  ctx: RenderCtx,
): { drop: Stmt[]; create: ModalStmt[] } {
  const slot = (t: Trigger) => `${t.timing} ${t.events[0]}`;
  const slots = new Set([...from.triggers, ...to.triggers].map(slot));
  const drop: Stmt[] = [];
  const create: ModalStmt[] = [];
  for (const s of [...slots].sort()) {
    const a = triggerOrder(from.triggers.filter((t) => slot(t) === s));
    const b = triggerOrder(to.triggers.filter((t) => slot(t) === s));
    let i = 0;
    while (i < a.length && i < b.length && same(a[i], b[i])) i++;
    for (const t of a.slice(i)) {
      drop.push({
        sql: `DROP TRIGGER ${objName(schema, t.name, ctx)}`,
        comment: `Drop trigger "${t.name}" on "${from.name}"`,
        objects: [`${schema}.${from.name}`],
      });
    }
    for (const t of b.slice(i)) create.push(triggerStmt(schema, to.name, t, ctx));
  }
  return { drop, create };
}
