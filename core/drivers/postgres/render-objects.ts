// Creation DDL of single objects. Each function returns the statements that create one object
// with its comments and flags; ordering between objects is render.ts's job.
import type {
  Aggregate,
  Check,
  Column,
  Composite,
  Domain,
  Enum,
  EventTrigger,
  ExclusionConstraint,
  Extension,
  ForeignKey,
  Func,
  Index,
  KeyValue,
  MaterializedView,
  ObjectRef,
  Policy,
  PrimaryKey,
  RangeType,
  Rule,
  Schema,
  Sequence,
  SequenceOptions,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import { dollarQuote, ident, literal, qname } from './sql.ts';

/** Names objects, schema-qualified unless the output is bound to one schema. */
export class Names {
  constructor(readonly qualify: boolean) {}
  obj(ref: ObjectRef): string {
    return this.qualify ? qname(ref) : ident(ref.name);
  }
  in(schema: Schema | string, name: string): string {
    return this.obj({ schema: typeof schema === 'string' ? schema : schema.name, name });
  }
}

const stmt = (sql: string, comment?: string): Stmt => (comment ? { sql, comment } : { sql });

const commentOn = (what: string, text: string | undefined): Stmt[] =>
  text === undefined ? [] : [stmt(`COMMENT ON ${what} IS ${literal(text)}`)];

const withParams = (params: KeyValue[] | undefined): string =>
  params?.length ? ` WITH (${params.map((p) => `${p.name}=${p.value}`).join(', ')})` : '';

const list = (names: readonly string[]): string => names.map(ident).join(', ');

// ---------------------------------------------------------------- schemas, extensions, types

export function createSchema(s: Schema): Stmt[] {
  // IF NOT EXISTS: `public` exists in every new database.
  return [
    stmt(`CREATE SCHEMA IF NOT EXISTS ${ident(s.name)}`, `Add "${s.name}" schema`),
    ...commentOn(`SCHEMA ${ident(s.name)}`, s.comment),
  ];
}

export function createExtension(e: Extension): Stmt[] {
  // No VERSION: the target may not ship the same one; the default version is installed.
  return [
    stmt(
      `CREATE EXTENSION IF NOT EXISTS ${ident(e.name)} WITH SCHEMA ${ident(e.schema)}`,
      `Add "${e.name}" extension`,
    ),
    ...commentOn(`EXTENSION ${ident(e.name)}`, e.comment),
  ];
}

export function createEnum(schema: string, e: Enum, n: Names): Stmt[] {
  const name = n.in(schema, e.name);
  return [
    stmt(`CREATE TYPE ${name} AS ENUM (${e.values.map(literal).join(', ')})`, `Create enum type "${e.name}"`),
    ...commentOn(`TYPE ${name}`, e.comment),
  ];
}

export function createDomain(schema: string, d: Domain, n: Names): Stmt[] {
  const name = n.in(schema, d.name);
  let sql = `CREATE DOMAIN ${name} AS ${d.type}`;
  if (d.collation) sql += ` COLLATE ${d.collation}`;
  if (d.default !== undefined) sql += ` DEFAULT ${d.default}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const c of d.checks.filter((c) => !c.notValid))
    sql += ` CONSTRAINT ${ident(c.name)} CHECK (${c.expr})`;
  const out = [stmt(sql, `Create domain type "${d.name}"`)];
  for (const c of d.checks.filter((c) => c.notValid)) {
    out.push(stmt(`ALTER DOMAIN ${name} ADD CONSTRAINT ${ident(c.name)} CHECK (${c.expr}) NOT VALID`));
  }
  out.push(...commentOn(`DOMAIN ${name}`, d.comment));
  for (const c of d.checks)
    out.push(...commentOn(`CONSTRAINT ${ident(c.name)} ON DOMAIN ${name}`, c.comment));
  return out;
}

export function createComposite(schema: string, c: Composite, n: Names): Stmt[] {
  const name = n.in(schema, c.name);
  const fields = c.fields.map(
    (f) => `${ident(f.name)} ${f.type}${f.collation ? ` COLLATE ${f.collation}` : ''}`,
  );
  return [
    stmt(`CREATE TYPE ${name} AS (${fields.join(', ')})`, `Create composite type "${c.name}"`),
    ...commentOn(`TYPE ${name}`, c.comment),
    ...c.fields.flatMap((f) => commentOn(`COLUMN ${name}.${ident(f.name)}`, f.comment)),
  ];
}

export function createRange(schema: string, r: RangeType, n: Names): Stmt[] {
  const name = n.in(schema, r.name);
  const opts = [`SUBTYPE = ${r.subtype}`, ...r.options.map((o) => `${o.name} = ${o.value}`)];
  return [
    stmt(`CREATE TYPE ${name} AS RANGE (${opts.join(', ')})`, `Create range type "${r.name}"`),
    ...commentOn(`TYPE ${name}`, r.comment),
  ];
}

// ---------------------------------------------------------------- sequences

const TYPE_MAX: Record<string, string> = {
  smallint: '32767',
  integer: '2147483647',
  bigint: '9223372036854775807',
};

/** Sequence options that differ from what PostgreSQL would choose for the type and direction. */
export function sequenceOptions(o: SequenceOptions, type = o.type ?? 'bigint'): string[] {
  const max = TYPE_MAX[type] ?? TYPE_MAX.bigint!;
  const up = !o.increment.startsWith('-');
  const defMin = up ? '1' : `-${max === TYPE_MAX.bigint ? '9223372036854775808' : String(BigInt(max) + 1n)}`;
  const defMax = up ? max : '-1';
  const out: string[] = [];
  if (o.increment !== '1') out.push(`INCREMENT BY ${o.increment}`);
  if (o.min !== defMin) out.push(`MINVALUE ${o.min}`);
  if (o.max !== defMax) out.push(`MAXVALUE ${o.max}`);
  if (o.start !== (up ? o.min : o.max)) out.push(`START WITH ${o.start}`);
  if (o.cache !== '1') out.push(`CACHE ${o.cache}`);
  if (o.cycle) out.push('CYCLE');
  return out;
}

export function createSequence(schema: string, s: Sequence, n: Names): Stmt[] {
  const name = n.in(schema, s.name);
  const parts = [s.type ? `AS ${s.type}` : '', ...sequenceOptions(s)].filter(Boolean);
  return [
    stmt(
      `CREATE SEQUENCE ${name}${parts.length ? ` ${parts.join(' ')}` : ''}`,
      `Create "${s.name}" sequence`,
    ),
    ...commentOn(`SEQUENCE ${name}`, s.comment),
  ];
}

export function sequenceOwnedBy(schema: string, s: Sequence, n: Names): Stmt[] {
  if (!s.ownedBy) return [];
  return [
    stmt(
      `ALTER SEQUENCE ${n.in(schema, s.name)} OWNED BY ${n.in(schema, s.ownedBy.table)}.${ident(s.ownedBy.column)}`,
    ),
  ];
}

// ---------------------------------------------------------------- tables

/** The catalog prints every array type with one `[]`; declared dimensions are kept apart. */
export function columnType(c: Column): string {
  const dims = c.type.arrayDims ?? 0;
  return dims > 1 ? `${c.type.raw.replace(/(\[\])+$/, '')}${'[]'.repeat(dims)}` : c.type.raw;
}

export function columnDef(c: Column): string {
  let sql = `${ident(c.name)} ${columnType(c)}`;
  if (c.collation) sql += ` COLLATE ${c.collation}`;
  if (c.generated) sql += ` GENERATED ALWAYS AS (${c.generated.expr}) STORED`;
  if (c.identity) {
    const opts = sequenceOptions(c.identity.sequence, c.type.raw);
    sql += ` GENERATED ${c.identity.generation} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
  }
  if (!c.nullable) sql += ' NOT NULL';
  if (c.default) sql += ` DEFAULT ${c.default.value}`;
  return sql;
}

const deferrable = (d: string | undefined) => (d ? ` ${d}` : '');

export function foreignKeyDef(fk: ForeignKey, n: Names): string {
  let sql = `CONSTRAINT ${ident(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${n.obj(fk.references)} (${list(fk.references.columns)})`;
  if (fk.match) sql += ` MATCH ${fk.match}`;
  if (fk.onUpdate) sql += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.onDelete) sql += ` ON DELETE ${fk.onDelete}`;
  return sql + deferrable(fk.deferrable);
}

export const checkDef = (c: Check) =>
  `CONSTRAINT ${ident(c.name)} CHECK (${c.expr})${c.noInherit ? ' NO INHERIT' : ''}`;

export const primaryKeyDef = (pk: PrimaryKey) =>
  `CONSTRAINT ${ident(pk.name)} PRIMARY KEY (${list(pk.columns)})${pk.include ? ` INCLUDE (${list(pk.include)})` : ''}${withParams(pk.storageParams)}`;

export const uniqueDef = (u: UniqueConstraint) =>
  `CONSTRAINT ${ident(u.name)} UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${list(u.columns)})${u.include ? ` INCLUDE (${list(u.include)})` : ''}${withParams(u.storageParams)}${deferrable(u.deferrable)}`;

export const exclusionDef = (x: ExclusionConstraint) =>
  `CONSTRAINT ${ident(x.name)} ${x.definition}${deferrable(x.deferrable)}`;

/** Table elements: columns (unless a partition) and every constraint that can be inline. */
function tableElements(t: Table, inlineFks: ForeignKey[], n: Names): string[] {
  const out = t.partitionOf ? [] : t.columns.filter((c) => !c.inherited).map(columnDef);
  if (t.primaryKey) out.push(primaryKeyDef(t.primaryKey));
  for (const u of t.uniques) out.push(uniqueDef(u));
  for (const c of t.checks) if (!c.notValid) out.push(checkDef(c));
  for (const x of t.exclusions) out.push(exclusionDef(x));
  for (const fk of inlineFks) out.push(foreignKeyDef(fk, n));
  return out;
}

export function createTable(schema: string, t: Table, inlineFks: ForeignKey[], n: Names): Stmt[] {
  const name = n.in(schema, t.name);
  const elements = tableElements(t, inlineFks, n);
  const body = elements.length ? ` (\n  ${elements.join(',\n  ')}\n)` : t.partitionOf ? '' : ' ()';
  let sql = `CREATE${t.unlogged ? ' UNLOGGED' : ''} TABLE ${name}`;
  sql += t.partitionOf ? ` PARTITION OF ${n.obj(t.partitionOf.parent)}${body} ${t.partitionOf.bound}` : body;
  if (t.inherits?.length) sql += ` INHERITS (${t.inherits.map((p) => n.obj(p)).join(', ')})`;
  if (t.partitioning) sql += ` PARTITION BY ${t.partitioning.strategy} (${t.partitioning.key.join(', ')})`;
  sql += withParams(t.storageParams);
  const out = [stmt(sql, `Create "${t.name}" table`)];
  for (const c of t.checks.filter((c) => c.notValid)) {
    out.push(stmt(`ALTER TABLE ${name} ADD ${checkDef(c)} NOT VALID`));
  }
  if (t.rls?.enabled) out.push(stmt(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`));
  if (t.rls?.forced) out.push(stmt(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`));
  out.push(...commentOn(`TABLE ${name}`, t.comment));
  for (const c of t.columns) out.push(...commentOn(`COLUMN ${name}.${ident(c.name)}`, c.comment));
  const constraints = [t.primaryKey, ...t.uniques, ...t.checks, ...t.exclusions, ...inlineFks];
  for (const c of constraints)
    if (c) out.push(...commentOn(`CONSTRAINT ${ident(c.name)} ON ${name}`, c.comment));
  return out;
}

/** A foreign key added after its table, to break a reference cycle or wait for a unique index. */
export function addForeignKey(schema: string, t: Table, fk: ForeignKey, n: Names): Stmt[] {
  const name = n.in(schema, t.name);
  return [
    stmt(
      `ALTER TABLE ${name} ADD ${foreignKeyDef(fk, n)}${fk.notValid ? ' NOT VALID' : ''}`,
      `Add foreign key "${fk.name}" to "${t.name}"`,
    ),
    ...commentOn(`CONSTRAINT ${ident(fk.name)} ON ${name}`, fk.comment),
  ];
}

export function createIndex(schema: string, table: Table | MaterializedView, idx: Index, n: Names): Stmt[] {
  const on = n.in(schema, table.name);
  const parts = idx.parts.map((p) => {
    let s = p.column !== undefined ? ident(p.column) : `(${p.expr})`;
    if (p.collation) s += ` COLLATE ${p.collation}`;
    if (p.opclass) s += ` ${p.opclass}`;
    if (p.desc) s += ' DESC';
    if (p.nulls) s += ` NULLS ${p.nulls}`;
    return s;
  });
  // On a partitioned table, ONLY keeps PostgreSQL from creating indexes on the partitions:
  // those are created under their own names and attached.
  const only = 'partitioning' in table && table.partitioning ? 'ONLY ' : '';
  let sql = `CREATE${idx.unique ? ' UNIQUE' : ''} INDEX ${ident(idx.name)} ON ${only}${on}`;
  if (idx.method) sql += ` USING ${idx.method}`;
  sql += ` (${parts.join(', ')})`;
  if (idx.include?.length) sql += ` INCLUDE (${list(idx.include)})`;
  if (idx.nullsNotDistinct) sql += ' NULLS NOT DISTINCT';
  sql += withParams(idx.storageParams);
  if (idx.where) sql += ` WHERE ${idx.where}`;
  const name = n.in(schema, idx.name);
  const out = [stmt(sql, `Create index "${idx.name}" to table: "${table.name}"`)];
  if (idx.attachedTo) out.push(stmt(`ALTER INDEX ${n.obj(idx.attachedTo)} ATTACH PARTITION ${name}`));
  out.push(...commentOn(`INDEX ${name}`, idx.comment));
  return out;
}

// ---------------------------------------------------------------- views

const viewBody = (def: string) => def.trim().replace(/;$/, '');

export function createView(schema: string, v: View, n: Names): Stmt[] {
  const name = n.in(schema, v.name);
  const opts: KeyValue[] = [];
  if (v.securityBarrier) opts.push({ name: 'security_barrier', value: 'true' });
  if (v.securityInvoker) opts.push({ name: 'security_invoker', value: 'true' });
  let sql = `CREATE VIEW ${name}${withParams(opts)} AS ${viewBody(v.definition)}`;
  if (v.checkOption) sql += ` WITH ${v.checkOption} CHECK OPTION`;
  return [
    stmt(sql, `Create "${v.name}" view`),
    ...commentOn(`VIEW ${name}`, v.comment),
    ...v.columns.flatMap((c) => commentOn(`COLUMN ${name}.${ident(c.name)}`, c.comment)),
  ];
}

export function createMaterializedView(schema: string, m: MaterializedView, n: Names): Stmt[] {
  const name = n.in(schema, m.name);
  return [
    stmt(
      `CREATE MATERIALIZED VIEW ${name}${withParams(m.storageParams)} AS ${viewBody(m.definition)} WITH ${m.withData ? '' : 'NO '}DATA`,
      `Create "${m.name}" materialized view`,
    ),
    ...commentOn(`MATERIALIZED VIEW ${name}`, m.comment),
    ...m.columns.flatMap((c) => commentOn(`COLUMN ${name}.${ident(c.name)}`, c.comment)),
  ];
}

// ---------------------------------------------------------------- routines

/** `SET` values: list-valued settings (search_path) are already a quoted list; others are literals. */
const LIST_SETTINGS = new Set([
  'search_path',
  'temp_tablespaces',
  'session_preload_libraries',
  'local_preload_libraries',
]);
const setClause = (c: KeyValue) =>
  ` SET ${c.name} = ${LIST_SETTINGS.has(c.name) ? c.value : literal(c.value)}`;

export function funcArgs(f: Func): string {
  return f.args
    .map((a) =>
      [
        a.mode,
        a.name !== undefined ? ident(a.name) : '',
        a.type,
        a.default !== undefined ? `DEFAULT ${a.default}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(', ');
}

export function createFunction(schema: string, f: Func, n: Names): Stmt[] {
  const name = n.in(schema, f.name);
  const kind = f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
  let sql = `CREATE ${kind} ${name}(${funcArgs(f)})`;
  if (f.returns) sql += ` RETURNS ${f.returns}`;
  sql += ` LANGUAGE ${f.language}`;
  if (f.volatility) sql += ` ${f.volatility}`;
  if (f.strict) sql += ' STRICT';
  if (f.securityDefiner) sql += ' SECURITY DEFINER';
  if (f.leakproof) sql += ' LEAKPROOF';
  if (f.parallel) sql += ` PARALLEL ${f.parallel}`;
  if (f.cost !== undefined) sql += ` COST ${f.cost}`;
  if (f.rows !== undefined) sql += ` ROWS ${f.rows}`;
  for (const c of f.config ?? []) sql += setClause(c);
  sql += f.sqlBody ? `\n${f.body}` : ` AS ${dollarQuote(f.body)}`;
  return [
    stmt(sql, `Create "${f.name}" ${f.kind}`),
    ...commentOn(`${kind} ${name}(${f.identityArgs})`, f.comment),
  ];
}

/** Aggregate options that are flags, without a value. */
const AGG_FLAGS = new Set(['FINALFUNC_EXTRA', 'HYPOTHETICAL']);
/** Aggregate options whose values are string literals rather than names. */
const LITERAL_AGG_OPTIONS = new Set(['INITCOND', 'MINITCOND']);

export function createAggregate(schema: string, a: Aggregate, n: Names): Stmt[] {
  const name = n.in(schema, a.name);
  const opts = a.options.map((o) => {
    if (AGG_FLAGS.has(o.name)) return o.name;
    if (LITERAL_AGG_OPTIONS.has(o.name)) return `${o.name} = ${literal(o.value)}`;
    if (o.name === 'SORTOP' && o.value.includes('.')) return `SORTOP = OPERATOR(${o.value})`;
    return `${o.name} = ${o.value}`;
  });
  return [
    stmt(
      `CREATE AGGREGATE ${name}(${a.identityArgs || '*'}) (${opts.join(', ')})`,
      `Create "${a.name}" aggregate`,
    ),
    ...commentOn(`AGGREGATE ${name}(${a.identityArgs || '*'})`, a.comment),
  ];
}

// ---------------------------------------------------------------- triggers, policies

/** The ALTER ... clause that puts a trigger or rule in its `enabled` state. */
export const ENABLE_CLAUSE: Record<NonNullable<Trigger['enabled']>, string> = {
  DISABLED: 'DISABLE',
  REPLICA: 'ENABLE REPLICA',
  ALWAYS: 'ENABLE ALWAYS',
};

export function createTrigger(schema: string, on: Table | View, t: Trigger, n: Names): Stmt[] {
  const table = n.in(schema, on.name);
  const events = t.events.map((e) =>
    e === 'UPDATE' && t.updateOf?.length ? `UPDATE OF ${list(t.updateOf)}` : e,
  );
  let sql = `CREATE ${t.constraint ? 'CONSTRAINT ' : ''}TRIGGER ${ident(t.name)} ${t.timing} ${events.join(' OR ')} ON ${table}`;
  if (t.constraint?.deferrable) sql += ` ${t.constraint.deferrable}`;
  if (t.referencing) sql += ` REFERENCING ${t.referencing}`;
  sql += ` FOR EACH ${t.forEach}`;
  if (t.when) sql += ` WHEN (${t.when})`;
  const fn = t.function ? n.obj(t.function) : '';
  sql += ` EXECUTE FUNCTION ${fn}(${(t.args ?? []).map(literal).join(', ')})`;
  const out = [stmt(sql, `Create trigger "${t.name}"`)];
  if (t.enabled) out.push(stmt(`ALTER TABLE ${table} ${ENABLE_CLAUSE[t.enabled]} TRIGGER ${ident(t.name)}`));
  out.push(...commentOn(`TRIGGER ${ident(t.name)} ON ${table}`, t.comment));
  return out;
}

export function createPolicy(schema: string, t: Table, p: Policy, n: Names): Stmt[] {
  const table = n.in(schema, t.name);
  const roles = p.roles.map((r) => (r === 'PUBLIC' ? r : ident(r))).join(', ');
  let sql = `CREATE POLICY ${ident(p.name)} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${roles}`;
  if (p.using) sql += ` USING (${p.using})`;
  if (p.withCheck) sql += ` WITH CHECK (${p.withCheck})`;
  return [
    stmt(sql, `Create policy "${p.name}"`),
    ...commentOn(`POLICY ${ident(p.name)} ON ${table}`, p.comment),
  ];
}

export function createEventTrigger(e: EventTrigger, n: Names): Stmt[] {
  let sql = `CREATE EVENT TRIGGER ${ident(e.name)} ON ${e.event}`;
  if (e.tags?.length) sql += ` WHEN TAG IN (${e.tags.map(literal).join(', ')})`;
  sql += ` EXECUTE FUNCTION ${n.obj(e.function)}()`;
  const out = [stmt(sql, `Create event trigger "${e.name}"`)];
  if (e.enabled) out.push(stmt(`ALTER EVENT TRIGGER ${ident(e.name)} ${ENABLE_CLAUSE[e.enabled]}`));
  out.push(...commentOn(`EVENT TRIGGER ${ident(e.name)}`, e.comment));
  return out;
}

export function createRule(schema: string, on: Table | View, rule: Rule, n: Names): Stmt[] {
  const table = n.in(schema, on.name);
  const out = [stmt(rule.definition, `Create rule "${rule.name}"`)];
  if (rule.enabled)
    out.push(stmt(`ALTER TABLE ${table} ${ENABLE_CLAUSE[rule.enabled]} RULE ${ident(rule.name)}`));
  out.push(...commentOn(`RULE ${ident(rule.name)} ON ${table}`, rule.comment));
  return out;
}
