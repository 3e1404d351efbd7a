// MySQL DDL for single objects and their parts. Used for whole-schema creation (render.ts) and,
// piece by piece, by the planner (plan.ts), so a column or index is written one way only.
import type {
  Check,
  Column,
  ForeignKey,
  Func,
  Index,
  MysqlEvent,
  ObjectRef,
  Partitioning,
  Table,
  Trigger,
  View,
} from '../../schema/model.ts';
import { type Flavor, hiddenIndexClause } from './flavor.ts';
import { ident, literal, qname } from './sql.ts';

export interface RenderCtx {
  flavor: Flavor;
  /** Qualify names with their schema (false when output is bound to the URL's database). */
  qualify: boolean;
}

/** A table or object name as it is written in a statement. */
export const objName = (schema: string, name: string, ctx: RenderCtx) => qname({ schema, name }, ctx.qualify);

/** Expression defaults that MySQL takes without parentheses; every other expression needs them. */
const BARE_DEFAULT = /^(current_timestamp|now|localtime|localtimestamp)(\(\d*\))?$/i;

export function defaultClause(c: Column): string {
  if (!c.default) return '';
  const v = c.default.value;
  if (c.default.kind === 'literal' || BARE_DEFAULT.test(v)) return ` DEFAULT ${v}`;
  return ` DEFAULT (${v})`;
}

/**
 * A column definition. `explicitCharset` writes CHARACTER SET/COLLATE even when they equal the
 * table's (ALTER TABLE must not depend on the table default, which the same plan may change).
 */
export function columnDef(c: Column, t: Table, explicitCharset = false): string {
  let sql = `${ident(c.name)} ${c.type.raw}`;
  if (c.collation && (explicitCharset || c.collation !== t.collation)) {
    sql += `${c.charset ? ` CHARACTER SET ${c.charset}` : ''} COLLATE ${c.collation}`;
  }
  if (c.generated) {
    sql += ` GENERATED ALWAYS AS (${c.generated.expr}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
    // MariaDB has no NOT NULL generated columns; MySQL does.
    if (!c.nullable) sql += ' NOT NULL';
  } else {
    sql += c.nullable ? ' NULL' : ' NOT NULL';
    sql += defaultClause(c);
  }
  if (c.onUpdate) sql += ` ON UPDATE ${c.onUpdate}`;
  if (c.autoIncrement) sql += ' AUTO_INCREMENT';
  if (c.comment) sql += ` COMMENT ${literal(c.comment)}`;
  // MariaDB column-level checks (among them the json_valid() of a JSON column) live in the column.
  for (const ch of t.checks) if (ch.column === c.name) sql += ` CHECK (${ch.expr})`;
  return sql;
}

function indexParts(i: Index): string {
  return i.parts
    .map((p) => {
      const base = p.column !== undefined ? ident(p.column) : `(${p.expr})`;
      return `${base}${p.prefix !== undefined ? `(${p.prefix})` : ''}${p.desc ? ' DESC' : ''}`;
    })
    .join(', ');
}

/** `UNIQUE KEY `name` (...)` inside CREATE TABLE, `ADD UNIQUE INDEX ...` in ALTER TABLE. */
export function indexDef(i: Index, ctx: RenderCtx): string {
  const kind =
    i.method === 'FULLTEXT' ? 'FULLTEXT ' : i.method === 'SPATIAL' ? 'SPATIAL ' : i.unique ? 'UNIQUE ' : '';
  let sql = `${kind}INDEX ${ident(i.name)} (${indexParts(i)})`;
  if (i.method === 'HASH' || i.method === 'BTREE') sql += ` USING ${i.method}`;
  if (i.parser) sql += ` WITH PARSER ${ident(i.parser)}`;
  if (i.comment) sql += ` COMMENT ${literal(i.comment)}`;
  if (i.invisible) sql += ` ${hiddenIndexClause(ctx.flavor)}`;
  return sql;
}

export const primaryKeyDef = (columns: string[]) => `PRIMARY KEY (${columns.map(ident).join(', ')})`;

export function foreignKeyDef(fk: ForeignKey, schema: string, ctx: RenderCtx): string {
  const ref: ObjectRef = fk.references;
  const target = ctx.qualify || ref.schema !== schema ? qname(ref, true) : ident(ref.name);
  let sql = `CONSTRAINT ${ident(fk.name)} FOREIGN KEY (${fk.columns.map(ident).join(', ')}) REFERENCES ${target} (${fk.references.columns.map(ident).join(', ')})`;
  if (fk.onUpdate) sql += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.onDelete) sql += ` ON DELETE ${fk.onDelete}`;
  return sql;
}

export const checkDef = (c: Check) =>
  `CONSTRAINT ${ident(c.name)} CHECK (${c.expr})${c.notEnforced ? ' NOT ENFORCED' : ''}`;

export function partitionClause(p: Partitioning): string {
  const method = `${p.linear ? 'LINEAR ' : ''}${p.strategy}${p.columns ? ' COLUMNS' : ''}`;
  let sql = `PARTITION BY ${method} (${p.key.join(', ')})`;
  if (p.count !== undefined) return `${sql} PARTITIONS ${p.count}`;
  if (p.sub) {
    sql += ` SUBPARTITION BY ${p.sub.linear ? 'LINEAR ' : ''}${p.sub.strategy} (${p.sub.key}) SUBPARTITIONS ${p.sub.count}`;
  }
  const parts = (p.partitions ?? []).map(
    (x) =>
      `PARTITION ${ident(x.name)}${x.bound ? ` ${x.bound}` : ''}${x.comment ? ` COMMENT = ${literal(x.comment)}` : ''}`,
  );
  sql += ` (${parts.join(', ')})`;
  return sql;
}

/** Table options after the closing parenthesis of CREATE TABLE (or in ALTER TABLE). */
export function tableOptions(t: Table): string[] {
  const out: string[] = [];
  if (t.engine) out.push(`ENGINE=${t.engine}`);
  if (t.autoIncrement !== undefined) out.push(`AUTO_INCREMENT=${t.autoIncrement}`);
  if (t.charset) out.push(`DEFAULT CHARSET=${t.charset}`);
  if (t.collation) out.push(`COLLATE=${t.collation}`);
  if (t.rowFormat) out.push(`ROW_FORMAT=${t.rowFormat}`);
  for (const o of t.storageParams ?? []) out.push(`${o.name}=${o.value}`);
  if (t.comment) out.push(`COMMENT=${literal(t.comment)}`);
  return out;
}

/** CREATE TABLE with its keys, checks and the foreign keys not in `deferred`. */
export function createTable(schema: string, t: Table, ctx: RenderCtx, deferred: ReadonlySet<string>): string {
  const lines = t.columns.map((c) => columnDef(c, t));
  if (t.primaryKey) lines.push(primaryKeyDef(t.primaryKey.columns));
  for (const i of t.indexes) lines.push(indexDef(i, ctx));
  for (const c of t.checks) if (c.column === undefined) lines.push(checkDef(c));
  for (const fk of t.foreignKeys) if (!deferred.has(fk.name)) lines.push(foreignKeyDef(fk, schema, ctx));
  let sql = `CREATE TABLE ${objName(schema, t.name, ctx)} (\n  ${lines.join(',\n  ')}\n)`;
  const options = tableOptions(t);
  if (options.length) sql += ` ${options.join(' ')}`;
  if (t.partitioning) sql += `\n${partitionClause(t.partitioning)}`;
  return sql;
}

export function createView(schema: string, v: View, ctx: RenderCtx, replace = false): string {
  let sql = `CREATE ${replace ? 'OR REPLACE ' : ''}`;
  if (v.algorithm) sql += `ALGORITHM = ${v.algorithm} `;
  if (v.security) sql += `SQL SECURITY ${v.security} `;
  sql += `VIEW ${objName(schema, v.name, ctx)} AS ${v.definition}`;
  if (v.checkOption) sql += ` WITH ${v.checkOption} CHECK OPTION`;
  return sql;
}

export function createRoutine(schema: string, f: Func, ctx: RenderCtx): string {
  const args =
    f.params ??
    f.args
      .map((a) => `${f.kind === 'procedure' ? `${a.mode ?? 'IN'} ` : ''}${ident(a.name ?? '')} ${a.type}`)
      .join(', ');
  let sql = `CREATE ${f.kind.toUpperCase()} ${objName(schema, f.name, ctx)}(${args})`;
  if (f.kind === 'function') sql += ` RETURNS ${f.returns}`;
  if (f.comment) sql += `\n  COMMENT ${literal(f.comment)}`;
  if (f.deterministic) sql += '\n  DETERMINISTIC';
  if (f.dataAccess) sql += `\n  ${f.dataAccess}`;
  if (f.security) sql += `\n  SQL SECURITY ${f.security}`;
  return `${sql}\n${f.body}`;
}

export function createTrigger(schema: string, table: string, tr: Trigger, ctx: RenderCtx): string {
  const event = tr.events[0] ?? 'INSERT';
  let sql = `CREATE TRIGGER ${objName(schema, tr.name, ctx)} ${tr.timing} ${event} ON ${objName(schema, table, ctx)} FOR EACH ROW`;
  if (tr.follows) sql += ` FOLLOWS ${ident(tr.follows)}`;
  return `${sql} ${tr.body ?? ''}`;
}

export function createEvent(schema: string, e: MysqlEvent, ctx: RenderCtx): string {
  let sql = `CREATE EVENT ${objName(schema, e.name, ctx)} ON SCHEDULE ${e.schedule}`;
  sql += ` ON COMPLETION ${e.preserve ? '' : 'NOT '}PRESERVE`;
  sql +=
    e.status === 'DISABLED'
      ? ' DISABLE'
      : e.status === 'SLAVESIDE_DISABLED'
        ? ' DISABLE ON SLAVE'
        : ' ENABLE';
  if (e.comment) sql += ` COMMENT ${literal(e.comment)}`;
  return `${sql}\nDO ${e.body}`;
}

/** A routine's kind as a DROP statement spells it. */
export const routineKind = (f: Func) => (f.kind === 'function' ? 'FUNCTION' : 'PROCEDURE');
