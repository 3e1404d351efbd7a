// Catalog rows -> Realm. Everything here works on rows already fetched (queries.ts), so the
// number of round trips never depends on the number of objects.
import {
  type Check,
  type Column,
  emptyRealm,
  emptySchema,
  emptyTable,
  type ForeignKey,
  type Func,
  type Index,
  type MysqlEvent,
  type Partitioning,
  type Realm,
  type RefAction,
  type Schema,
  type Table,
  type Trigger,
  type View,
} from '../../schema/model.ts';
import { sortRealm } from '../../schema/order.ts';
import type { Row } from './conn.ts';
import { type Flavor, normalizeType, parseDefault, parseOnUpdate } from './flavor.ts';
import type { CatalogRows } from './queries.ts';
import { quotedNames, unqualify } from './sql.ts';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const opt = (v: unknown): string | undefined =>
  v === null || v === undefined || v === '' ? undefined : String(v);

/** Groups rows by a key, keeping their order. */
function group(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const tkey = (r: Row, table = 't') => `${str(r.s)}\0${str(r[table])}`;

export interface BuildOptions {
  flavor: Flavor;
  /** Set when output is bound to one schema: its name is removed from view definitions. */
  bound: string | undefined;
}

export function buildRealm(rows: CatalogRows, opts: BuildOptions): Realm {
  const realm = emptyRealm('mysql');
  const schemas = new Map<string, Schema>();
  for (const r of rows.schemas) {
    const s: Schema = { ...emptySchema(str(r.name)), charset: str(r.charset), collation: str(r.collation) };
    schemas.set(s.name, s);
    realm.schemas.push(s);
  }
  const columns = group(rows.columns, (r) => tkey(r));
  const indexes = group(rows.indexes, (r) => tkey(r));
  const fks = group(rows.fkColumns, (r) => tkey(r));
  const fkRules = new Map(rows.fkRules.map((r) => [`${tkey(r)}\0${str(r.name)}`, r]));
  const checks = group(rows.checks, (r) => tkey(r));
  const partitions = group(rows.partitions, (r) => tkey(r));
  const triggers = group(rows.triggers, (r) => tkey(r));
  for (const r of rows.tables) {
    const schema = schemas.get(str(r.s));
    if (!schema) continue;
    const key = tkey(r, 'name');
    const t = buildTable(r, {
      columns: columns.get(key) ?? [],
      indexes: indexes.get(key) ?? [],
      fks: fks.get(key) ?? [],
      fkRules,
      checks: checks.get(key) ?? [],
      partitions: partitions.get(key) ?? [],
      triggers: triggers.get(key) ?? [],
      opts,
    });
    schema.tables.push(t);
  }
  for (const r of rows.views) schemas.get(str(r.s))?.views.push(buildView(r, opts));
  const params = group(rows.parameters, (r) => `${str(r.s)}\0${str(r.type)}\0${str(r.name)}`);
  const sources = new Map(rows.routineSources.map((r) => [`${str(r.s)}\0${str(r.type)}\0${str(r.name)}`, r]));
  for (const r of rows.routines) {
    const key = `${str(r.s)}\0${str(r.type)}\0${str(r.name)}`;
    const f = buildRoutine(r, params.get(key) ?? [], sources.get(key));
    schemas.get(str(r.s))?.functions.push(f);
  }
  for (const r of rows.events) {
    const s = schemas.get(str(r.s));
    if (!s) continue;
    s.events = [...(s.events ?? []), buildEvent(r)];
  }
  for (const s of realm.schemas) viewDependencies(s);
  return sortRealm(realm);
}

interface TableRows {
  columns: Row[];
  indexes: Row[];
  fks: Row[];
  fkRules: Map<string, Row>;
  checks: Row[];
  partitions: Row[];
  triggers: Row[];
  opts: BuildOptions;
}

function buildTable(r: Row, rows: TableRows): Table {
  const t = emptyTable(str(r.name));
  const comment = opt(r.comment);
  if (comment) t.comment = comment;
  t.engine = str(r.engine) || 'InnoDB';
  t.collation = str(r.collation);
  t.charset = str(r.charset) || t.collation.split('_')[0]!;
  const counter = Number(r.auto_increment);
  if (Number.isFinite(counter) && counter > 1) t.autoIncrement = counter;
  // CREATE_OPTIONS lists the options given explicitly: `row_format=COMPRESSED key_block_size=8`.
  const options: { name: string; value: string }[] = [];
  for (const [, key, value] of str(r.options).matchAll(/(\w+)=(\S+)/g)) {
    const k = key!.toLowerCase();
    if (k === 'row_format') t.rowFormat = value!.toUpperCase();
    // Aria reports its default TRANSACTIONAL=1 as if it had been given.
    else if (k === 'transactional' && value === '1' && /^aria$/i.test(t.engine)) continue;
    else options.push({ name: key!.toUpperCase(), value: value! });
  }
  if (options.length) t.storageParams = options.sort((a, b) => (a.name < b.name ? -1 : 1));
  t.columns = rows.columns.map((c) => buildColumn(c, rows.opts.flavor));
  buildIndexes(t, rows.indexes);
  t.foreignKeys = buildForeignKeys(rows.fks, rows.fkRules);
  t.checks = rows.checks.map((c) => {
    const check: Check = { name: str(c.name), expr: str(c.expr) };
    if (c.level === 'Column') check.column = check.name;
    if (str(c.enforced) === 'NO') check.notEnforced = true;
    return check;
  });
  const partitioning = buildPartitioning(rows.partitions);
  if (partitioning) t.partitioning = partitioning;
  t.triggers = buildTriggers(rows.triggers);
  return t;
}

function buildColumn(r: Row, flavor: Flavor): Column {
  const raw = str(r.type);
  const extra = str(r.extra);
  const c: Column = {
    name: str(r.name),
    type: { raw, normalized: normalizeType(raw) },
    nullable: r.nullable === 'YES',
  };
  if (/\bunsigned\b/i.test(raw)) c.type.unsigned = true;
  const values = /^(enum|set)\((.*)\)$/is.exec(raw);
  if (values) c.type.values = enumValues(values[2]!);
  const gen = /\b(VIRTUAL|STORED) GENERATED\b/i.exec(extra);
  if (gen) c.generated = { expr: str(r.gen), stored: gen[1]!.toUpperCase() === 'STORED' };
  else {
    const def = parseDefault(
      flavor,
      r.def === null || r.def === undefined ? null : String(r.def),
      extra,
      str(r.data_type),
    );
    if (def) c.default = def;
  }
  const onUpdate = parseOnUpdate(extra);
  if (onUpdate) c.onUpdate = onUpdate;
  if (/\bauto_increment\b/i.test(extra)) c.autoIncrement = true;
  if (opt(r.charset)) c.charset = str(r.charset);
  if (opt(r.collation)) c.collation = str(r.collation);
  const comment = opt(r.comment);
  if (comment) c.comment = comment;
  return c;
}

/** `'a','b''c'` -> ['a', "b'c"]: the values of an ENUM or SET type as the catalog prints them. */
export function enumValues(list: string): string[] {
  const out: string[] = [];
  for (const m of list.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)) {
    out.push(m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  }
  return out;
}

function buildIndexes(t: Table, rows: Row[]): void {
  const defaultIndexType = /^(MEMORY|HEAP)$/i.test(t.engine ?? '') ? 'HASH' : 'BTREE';
  for (const [name, parts] of group(rows, (r) => str(r.name))) {
    const first = parts[0]!;
    // SPATIAL indexes report the geometry's internal key length as a prefix; none can be given.
    const spatial = str(first.type).toUpperCase() === 'SPATIAL';
    if (name === 'PRIMARY') {
      t.primaryKey = { name, columns: parts.map((p) => str(p.col)) };
      continue;
    }
    const idx: Index = {
      name,
      parts: parts.map((p) => {
        const part: Index['parts'][number] = p.col === null ? { expr: str(p.expr) } : { column: str(p.col) };
        if (p.sub_part !== null && p.sub_part !== undefined && !spatial) part.prefix = Number(p.sub_part);
        if (p.ord === 'D') part.desc = true;
        return part;
      }),
    };
    if (Number(first.non_unique) === 0) idx.unique = true;
    // An index type is kept where it is not the engine's default (HASH on MEMORY, BTREE elsewhere).
    const type = str(first.type).toUpperCase();
    const engineDefault = defaultIndexType === 'HASH' ? 'HASH' : 'BTREE';
    if (type !== engineDefault && type !== '') idx.method = type;
    const comment = opt(first.comment);
    if (comment) idx.comment = comment;
    if (Number(first.hidden) === 1) idx.invisible = true;
    t.indexes.push(idx);
  }
}

function buildForeignKeys(rows: Row[], rules: Map<string, Row>): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const [name, cols] of group(rows, (r) => str(r.name))) {
    const first = cols[0]!;
    const fk: ForeignKey = {
      name,
      columns: cols.map((c) => str(c.col)),
      references: { schema: str(first.rs), name: str(first.rt), columns: cols.map((c) => str(c.rc)) },
    };
    const rule = rules.get(`${tkey(first)}\0${name}`);
    // RESTRICT is what MySQL does when no action is given; NO ACTION is kept as written.
    const action = (v: unknown) => (v && v !== 'RESTRICT' ? (String(v) as RefAction) : undefined);
    const onUpdate = action(rule?.on_update);
    const onDelete = action(rule?.on_delete);
    if (onUpdate) fk.onUpdate = onUpdate;
    if (onDelete) fk.onDelete = onDelete;
    out.push(fk);
  }
  return out;
}

function buildPartitioning(rows: Row[]): Partitioning | undefined {
  if (rows.length === 0) return undefined;
  const first = rows[0]!;
  const method = str(first.method).toUpperCase();
  const linear = method.startsWith('LINEAR ');
  const columns = method.endsWith(' COLUMNS');
  const strategy = method.replace(/^LINEAR /, '').replace(/ COLUMNS$/, '') as Partitioning['strategy'];
  const p: Partitioning = { strategy, key: [str(first.expr)] };
  if (linear) p.linear = true;
  if (columns) p.columns = true;
  // Sub-partitions repeat their partition's row: the partition is what the model keeps, with
  // the sub-partitioning (server-named, so only their number matters) on the scheme.
  const seen = new Set<string>();
  const parts = rows.filter((r) => !seen.has(str(r.name)) && seen.add(str(r.name)));
  if (opt(first.sub_method)) {
    const sub = str(first.sub_method).toUpperCase();
    p.sub = {
      strategy: sub.replace(/^LINEAR /, '') as 'HASH' | 'KEY',
      key: str(first.sub_expr),
      count: rows.filter((r) => r.name === first.name).length,
    };
    if (sub.startsWith('LINEAR ')) p.sub.linear = true;
  }
  if (
    (strategy === 'HASH' || strategy === 'KEY') &&
    parts.every((r, i) => r.name === `p${i}` && !opt(r.comment))
  ) {
    p.count = parts.length;
    return p;
  }
  p.partitions = parts.map((r) => {
    const bound =
      strategy === 'RANGE'
        ? r.bound === 'MAXVALUE'
          ? 'VALUES LESS THAN MAXVALUE'
          : `VALUES LESS THAN (${str(r.bound)})`
        : strategy === 'LIST'
          ? `VALUES IN (${str(r.bound)})`
          : '';
    const part: { name: string; bound: string; comment?: string } = { name: str(r.name), bound };
    const comment = opt(r.comment);
    if (comment) part.comment = comment;
    return part;
  });
  return p;
}

function buildTriggers(rows: Row[]): Trigger[] {
  const sorted = [...rows].sort((a, b) => Number(a.action_order) - Number(b.action_order));
  const previous = new Map<string, string>();
  return sorted.map((r) => {
    const tr: Trigger = {
      name: str(r.name),
      timing: str(r.timing).toUpperCase() as Trigger['timing'],
      events: [str(r.event).toUpperCase() as Trigger['events'][number]],
      forEach: 'ROW',
      body: str(r.body),
    };
    // The catalog keeps positions only; FOLLOWS the one before reproduces them.
    const slot = `${tr.timing} ${tr.events[0]}`;
    const before = previous.get(slot);
    if (before) tr.follows = before;
    previous.set(slot, tr.name);
    const mode = opt(r.sql_mode);
    if (mode) tr.sqlMode = mode;
    return tr;
  });
}

function buildView(r: Row, opts: BuildOptions): View {
  const schema = str(r.s);
  const def = str(r.def);
  const v: View = {
    name: str(r.name),
    definition: opts.bound === schema ? unqualify(def, schema) : def,
    columns: [],
    triggers: [],
  };
  const check = str(r.check_option).toUpperCase();
  if (check === 'LOCAL' || check === 'CASCADED') v.checkOption = check;
  const algorithm = str(r.algorithm).toUpperCase();
  if (algorithm === 'MERGE' || algorithm === 'TEMPTABLE') v.algorithm = algorithm;
  if (str(r.security).toUpperCase() === 'INVOKER') v.security = 'INVOKER';
  return v;
}

/** Views read tables and other views; only views among them order creation. */
function viewDependencies(s: Schema): void {
  const views = new Set(s.views.map((v) => v.name));
  const tables = new Set(s.tables.map((t) => t.name));
  for (const v of s.views) {
    const deps = [...quotedNames(v.definition)]
      .filter((n) => n !== v.name && (views.has(n) || tables.has(n)))
      .map((n) => ({ kind: views.has(n) ? ('view' as const) : ('table' as const), schema: s.name, name: n }));
    if (deps.length) v.dependsOn = deps;
  }
}

function buildRoutine(r: Row, params: Row[], source: Row | undefined): Func {
  const kind = str(r.type).toUpperCase() === 'FUNCTION' ? 'function' : 'procedure';
  const f: Func = {
    name: str(r.name),
    kind,
    identityArgs: '',
    args: params.map((p) => {
      const arg: Func['args'][number] = { name: str(p.param), type: str(p.dtd) };
      if (kind === 'procedure') arg.mode = (str(p.mode).toUpperCase() || 'IN') as 'IN' | 'OUT' | 'INOUT';
      return arg;
    }),
    language: 'SQL',
    body: str(r.body),
  };
  if (kind === 'function') f.returns = opt(source?.returns_text) ?? str(r.returns);
  if (source) f.params = str(source.params);
  if (r.is_deterministic === 'YES') f.deterministic = true;
  const access = str(r.data_access).toUpperCase();
  if (access === 'NO SQL' || access === 'READS SQL DATA' || access === 'MODIFIES SQL DATA')
    f.dataAccess = access;
  if (str(r.security).toUpperCase() === 'INVOKER') f.security = 'INVOKER';
  const comment = opt(r.comment);
  if (comment) f.comment = comment;
  const mode = opt(r.sql_mode);
  if (mode) f.sqlMode = mode;
  return f;
}

function buildEvent(r: Row): MysqlEvent {
  let schedule: string;
  if (str(r.type).toUpperCase() === 'ONE TIME') schedule = `AT '${str(r.execute_at)}'`;
  else {
    const value = str(r.interval_value);
    schedule = `EVERY ${/^\d+$/.test(value) ? value : `'${value}'`} ${str(r.interval_field)}`;
    // A recurring event without STARTS starts when it is created: that time is not schema.
    if (opt(r.starts) && str(r.starts) !== str(r.created)) schedule += ` STARTS '${str(r.starts)}'`;
    if (opt(r.ends)) schedule += ` ENDS '${str(r.ends)}'`;
  }
  const e: MysqlEvent = { name: str(r.name), schedule, body: str(r.body) };
  if (str(r.on_completion).toUpperCase() === 'PRESERVE') e.preserve = true;
  const status = str(r.status).toUpperCase();
  if (status === 'DISABLED' || status === 'SLAVESIDE_DISABLED') e.status = status;
  const comment = opt(r.comment);
  if (comment) e.comment = comment;
  const mode = opt(r.sql_mode);
  if (mode) e.sqlMode = mode;
  return e;
}
