// `table` blocks: columns, keys, indexes, checks, partitioning and the MySQL table options.

import { ident, printedName } from '../../drivers/postgres/sql.ts';
import { quoteIdent, quoteLiteral } from '../../drivers/quote.ts';
import type {
  Check,
  Column,
  DefaultValue,
  Deferrable,
  ForeignKey,
  Index,
  IndexPart,
  KeyValue,
  Partitioning,
  PrimaryKey,
  RefAction,
  SequenceOptions,
  Table,
} from '../../schema/model.ts';
import { emptyTable } from '../../schema/model.ts';
import type { BlockReader } from '../block-reader.ts';
import { type EvalContext, evaluate, isObject, type Value } from '../syntax/eval.ts';
import { HclError } from '../syntax/position.ts';
import { Ref, Sql, TypeCall } from '../values.ts';
import type { DecodeContext, Entry } from './decode.ts';
import { columnType, typeSql } from './types.ts';
import { DEFERRABLE, fromWord, REF_ACTIONS, toWord } from './words.ts';

const TABLE_ATTRS = ['name', 'schema', 'comment', 'depends_on', 'renamed_from'];
const PG_TABLE_ATTRS = ['unlogged', 'partition_of', 'partition_bound', 'inherits', 'storage_params'];
const MYSQL_TABLE_ATTRS = [
  'charset',
  'collate',
  'collation',
  'engine',
  'auto_increment',
  'row_format',
  'options',
];

export function decodeTable(entry: Entry, ctx: DecodeContext): Table {
  const r = entry.reader;
  const mysql = ctx.dialect === 'mysql';
  const t = emptyTable(entry.name);
  const schema = ctx.schemaOf(r).name;
  setIf(t, 'comment', r.string('comment'));
  for (const c of r.blocks('column')) t.columns.push(decodeColumn(c, t, ctx, entry, schema));
  const pk = r.single('primary_key');
  if (pk) t.primaryKey = decodePrimaryKey(pk, t, ctx, entry);
  for (const i of r.blocks('index')) t.indexes.push(decodeIndex(i, t.name, ctx, entry, schema));
  for (const u of r.blocks('unique')) t.uniques.push(decodeUnique(u, t.name, ctx, entry));
  for (const f of r.blocks('foreign_key')) t.foreignKeys.push(decodeForeignKey(f, t.name, ctx, entry));
  for (const c of r.blocks('check')) t.checks.push(decodeCheck(c, t.name, ctx));
  for (const x of r.blocks('exclude')) t.exclusions.push(decodeExclude(x, t.name, ctx, entry));
  const part = r.single('partition');
  if (part) t.partitioning = decodePartition(part, ctx, entry);
  const rls = r.single('row_security');
  if (rls) {
    t.rls = { enabled: rls.bool('enabled') ?? false, forced: rls.bool('enforced') ?? false };
    rls.allow(['enabled', 'enforced']);
  }
  const deps = dependsOn(r, ctx);
  if (deps) t.dependsOn = deps;
  renamedFrom(r, ctx, { kind: 'table', schema, to: t.name });
  if (mysql) {
    setIf(t, 'charset', r.string('charset'));
    setIf(t, 'collation', r.string('collate') ?? r.string('collation'));
    setIf(t, 'engine', r.word('engine'));
    setIf(t, 'autoIncrement', r.number('auto_increment'));
    setIf(t, 'rowFormat', r.word('row_format')?.toUpperCase());
    const opts = keyValues(r, 'options');
    if (opts) t.storageParams = opts;
  } else {
    if (r.bool('unlogged')) t.unlogged = true;
    const parent = r.ref('partition_of');
    if (parent) {
      const { entry: p } = ctx.resolve(parent, ['table']);
      t.partitionOf = { parent: ctx.objectRef(p), bound: r.sqlText('partition_bound', true)! };
    }
    const inherits = r.refs('inherits');
    if (inherits) t.inherits = inherits.map((ref) => ctx.objectRef(ctx.resolve(ref, ['table']).entry));
    const params = keyValues(r, 'storage_params');
    if (params) t.storageParams = params;
  }
  r.allow(
    [...TABLE_ATTRS, ...(mysql ? MYSQL_TABLE_ATTRS : PG_TABLE_ATTRS)],
    [
      'column',
      'primary_key',
      'index',
      'foreign_key',
      'check',
      ...(mysql ? ['partition'] : ['unique', 'exclude', 'partition', 'row_security']),
    ],
  );
  return t;
}

// ---------------------------------------------------------------- columns

function decodeColumn(c: BlockReader, t: Table, ctx: DecodeContext, entry: Entry, schema: string): Column {
  const mysql = ctx.dialect === 'mysql';
  const name = c.name();
  const { raw, ref } = decodeType(c, 'type', ctx, true)!;
  const col: Column = {
    name,
    type: columnType(raw, ctx.dialect, c.bool('unsigned') ?? false),
    nullable: c.bool('null') ?? false,
  };
  if (ref) col.type.ref = ref;
  const def = decodeDefault(c, ctx);
  if (def) col.default = def;
  setIf(col, 'comment', c.string('comment'));
  setIf(col, 'collation', c.string('collate') ?? c.string('collation'));
  const gen = decodeGenerated(c, mysql);
  if (gen) col.generated = gen;
  if (mysql) {
    setIf(col, 'charset', c.string('charset'));
    const onUpdate = c.sqlText('on_update');
    if (onUpdate !== undefined) col.onUpdate = onUpdate;
    if (c.bool('auto_increment')) col.autoIncrement = true;
    const check = c.sqlText('check');
    if (check !== undefined) t.checks.push({ name, expr: check, column: name });
  } else {
    const identity = c.single('identity');
    if (identity) {
      col.identity = {
        generation: fromWord(identity.word('generated', ['ALWAYS', 'BY_DEFAULT']) ?? 'BY_DEFAULT') as
          | 'ALWAYS'
          | 'BY DEFAULT',
        sequence: sequenceOptions(identity, raw),
      };
      identity.allow(['generated', 'start', 'increment', 'min_value', 'max_value', 'cache', 'cycle']);
    }
  }
  renamedFrom(c, ctx, { kind: 'column', schema, table: entry.name, to: name });
  c.allow(
    [
      'name',
      'type',
      'null',
      'default',
      'comment',
      'collate',
      'collation',
      'as',
      'renamed_from',
      ...(mysql ? ['charset', 'unsigned', 'on_update', 'auto_increment', 'check'] : []),
    ],
    mysql ? ['as'] : ['as', 'identity'],
  );
  return col;
}

/** A type attribute: bare identifiers and calls are types, not variables or functions. */
export function decodeType(
  r: BlockReader,
  attr: string,
  ctx: DecodeContext,
  required = false,
): { raw: string; ref?: { schema: string; name: string } } | undefined {
  const a = required ? r.required(attr) : r.attribute(attr);
  if (!a) return undefined;
  let v = evaluate(a.expr, typeContext(r.ctx));
  // A kind's name on its own (`return = trigger`) is a type, not a reference.
  if (v instanceof Ref && v.path.length === 1) v = new TypeCall(v.path[0]!, [], false);
  if (v instanceof Ref) {
    const { entry, rest } = ctx.resolve(v, ['enum', 'domain', 'composite', 'range', 'table', 'view']);
    if (rest.length > 0) throw new HclError(`${v.describe()} is not a type`, a.expr.range);
    const ref = ctx.objectRef(entry);
    return { raw: `${printedName(ref.schema)}.${printedName(ref.name)}`, ref };
  }
  return { raw: typeSql(v, ctx.dialect, a.expr.range) };
}

/** Where unknown identifiers and calls are type names (`int`, `varchar(255)`), and only sql() is a function. */
function typeContext(base: EvalContext): EvalContext {
  return {
    variable: (name, range) => base.variable(name, range) ?? new TypeCall(name, [], false),
    functions: base.functions.sql ? { sql: base.functions.sql } : {},
    unknownFunction: (name, args) => new TypeCall(name, args, true),
  };
}

function decodeDefault(c: BlockReader, ctx: DecodeContext): DefaultValue | undefined {
  const v = c.value('default');
  if (v === undefined || v === null) return undefined;
  return defaultValue(v, ctx, () => c.wrongType('default', 'a string, number, bool or sql("...")', v));
}

export function defaultValue(v: Value, ctx: DecodeContext, wrong: () => Error): DefaultValue {
  if (v instanceof Sql) return { kind: 'expr', value: v.text };
  if (typeof v === 'string') return { kind: 'literal', value: quoteLiteral(ctx.dialect, v) };
  if (typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: String(v) };
  throw wrong();
}

function decodeGenerated(c: BlockReader, mysql: boolean): Column['generated'] {
  const text = c.has('as') ? c.sqlText('as') : undefined;
  if (text !== undefined) return { expr: text, stored: !mysql };
  const block = c.single('as');
  if (!block) return undefined;
  const expr = block.sqlText('expr', true)!;
  const type =
    block.word('type', mysql ? ['VIRTUAL', 'STORED', 'PERSISTENT'] : ['STORED']) ??
    (mysql ? 'VIRTUAL' : 'STORED');
  block.allow(['expr', 'type']);
  return { expr, stored: type !== 'VIRTUAL' };
}

const TYPE_MAX: Record<string, bigint> = {
  smallint: 32767n,
  integer: 2147483647n,
  bigint: 9223372036854775807n,
};
const TYPE_ALIASES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int: 'integer',
  int8: 'bigint',
  serial: 'integer',
  bigserial: 'bigint',
  smallserial: 'smallint',
};

/** Sequence options with PostgreSQL's defaults for the type and direction filled in. */
export function sequenceOptions(r: BlockReader, sqlType: string): SequenceOptions {
  const big = (name: string): bigint | undefined => {
    const v = r.value(name);
    if (v === undefined || v === null) return undefined;
    // Large bounds are written as strings: HCL numbers are doubles and lose digits past 2^53.
    if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v)))
      return BigInt(v);
    throw r.wrongType(name, 'an integer', v);
  };
  const opts = sequenceDefaults(sqlType, big('increment') ?? 1n, big('min_value'), big('max_value'));
  const start = big('start');
  if (start !== undefined) opts.start = String(start);
  const cache = big('cache');
  if (cache !== undefined) opts.cache = String(cache);
  if (r.bool('cycle')) opts.cycle = true;
  return opts;
}

/** What PostgreSQL chooses for options a sequence does not give. */
export function sequenceDefaults(sqlType: string, inc: bigint, min?: bigint, max?: bigint): SequenceOptions {
  const type = TYPE_ALIASES[sqlType.toLowerCase()] ?? sqlType.toLowerCase();
  const typeMax = TYPE_MAX[type] ?? TYPE_MAX.bigint!;
  const lo = min ?? (inc > 0n ? 1n : -typeMax - 1n);
  const hi = max ?? (inc > 0n ? typeMax : -1n);
  const opts: SequenceOptions = {
    start: String(inc > 0n ? lo : hi),
    increment: String(inc),
    min: String(lo),
    max: String(hi),
    cache: '1',
    cycle: false,
  };
  if (type !== 'bigint') opts.type = type;
  return opts;
}

// ---------------------------------------------------------------- keys and indexes

function columnsOf(
  r: BlockReader,
  attr: string,
  ctx: DecodeContext,
  entry: Entry | undefined,
): string[] | undefined {
  return r.refs(attr)?.map((ref) => ctx.columnRef(ref, entry).column);
}

function decodePrimaryKey(r: BlockReader, t: Table, ctx: DecodeContext, entry: Entry): PrimaryKey {
  const name =
    r.block.labels[0] ?? r.string('name') ?? (ctx.dialect === 'mysql' ? 'PRIMARY' : `${t.name}_pkey`);
  const columns =
    columnsOf(r, 'columns', ctx, entry) ?? r.blocks('on').map((on) => partOf(on, ctx, entry).column!);
  if (columns.length === 0)
    throw new HclError('primary_key needs columns = [column.<name>, ...]', r.block.typeRange);
  const pk: PrimaryKey = { name, columns };
  const include = columnsOf(r, 'include', ctx, entry);
  if (include?.length) pk.include = include;
  setIf(pk, 'comment', r.string('comment'));
  const params = keyValues(r, 'storage_params');
  if (params) pk.storageParams = params;
  r.allow(['name', 'columns', 'include', 'comment', 'storage_params', 'type'], ['on']);
  return pk;
}

function partOf(on: BlockReader, ctx: DecodeContext, entry: Entry | undefined): IndexPart {
  const p: IndexPart = {};
  const col = on.ref('column');
  if (col) p.column = ctx.columnRef(col, entry).column;
  else p.expr = on.sqlText('expr');
  if (p.column === undefined && p.expr === undefined) {
    throw new HclError(
      'an index part (on { ... }) needs column = column.<name> or expr = "..."',
      on.block.typeRange,
    );
  }
  if (on.bool('desc')) p.desc = true;
  setIf(p, 'collation', on.string('collate') ?? on.string('collation'));
  setIf(p, 'opclass', on.word('ops'));
  setIf(p, 'prefix', on.number('prefix'));
  const nullsFirst = on.bool('nulls_first');
  const nullsLast = on.bool('nulls_last');
  if (nullsFirst !== undefined && !p.desc && nullsFirst) p.nulls = 'FIRST';
  if (nullsLast !== undefined && p.desc && nullsLast) p.nulls = 'LAST';
  on.allow(['column', 'expr', 'desc', 'collate', 'collation', 'ops', 'prefix', 'nulls_first', 'nulls_last']);
  return p;
}

const PG_INDEX_TYPES = ['BTREE', 'HASH', 'GIN', 'GIST', 'SPGIST', 'BRIN'];
const MYSQL_INDEX_TYPES = ['BTREE', 'HASH', 'FULLTEXT', 'SPATIAL'];

export function decodeIndex(
  r: BlockReader,
  table: string,
  ctx: DecodeContext,
  entry: Entry,
  schema: string,
): Index {
  const mysql = ctx.dialect === 'mysql';
  const cols = columnsOf(r, 'columns', ctx, entry);
  const parts = cols
    ? cols.map((column) => ({ column }))
    : r.blocks('on').map((on) => partOf(on, ctx, entry));
  if (parts.length === 0)
    throw new HclError(
      `${r.what} needs columns = [column.<name>, ...] or on { ... } blocks`,
      r.block.typeRange,
    );
  const name =
    r.block.labels[0] ?? r.string('name') ?? `${table}_${parts.map((p) => p.column ?? 'expr').join('_')}_idx`;
  const idx: Index = { name, parts };
  if (r.bool('unique')) idx.unique = true;
  const type = r.word('type');
  if (type !== undefined) {
    const known = mysql ? MYSQL_INDEX_TYPES : PG_INDEX_TYPES;
    const up = type.toUpperCase();
    // PostgreSQL accepts any installed access method (bloom, ...); only btree is the default.
    if (mysql && !known.includes(up))
      throw new HclError(
        `${r.what}: type = ${type} is not valid; use one of ${known.join(', ')}`,
        r.rangeOf('type'),
      );
    if (up !== 'BTREE' || mysql) idx.method = mysql ? up : type.toLowerCase();
  }
  const include = columnsOf(r, 'include', ctx, entry);
  if (include?.length) idx.include = include;
  setIf(idx, 'where', r.sqlText('where'));
  if (r.bool('nulls_distinct') === false) idx.nullsNotDistinct = true;
  setIf(idx, 'comment', r.string('comment'));
  setIf(idx, 'parser', r.word('parser'));
  if (r.bool('visible') === false || r.bool('invisible')) idx.invisible = true;
  const attached = r.string('attached_to');
  if (attached !== undefined) {
    // The parent's index this partition's index belongs to: "schema.index" (indexes are not blocks of their own).
    const dot = attached.indexOf('.');
    idx.attachedTo =
      dot > 0
        ? { schema: attached.slice(0, dot), name: attached.slice(dot + 1) }
        : { schema, name: attached };
  }
  const params = keyValues(r, 'storage_params') ?? [];
  const ppr = r.number('page_per_range');
  if (ppr !== undefined) params.push({ name: 'pages_per_range', value: String(ppr) });
  if (params.length) idx.storageParams = params.sort((a, b) => (a.name < b.name ? -1 : 1));
  renamedFrom(r, ctx, { kind: 'index', schema, table, to: name });
  r.allow(
    [
      'name',
      'columns',
      'unique',
      'type',
      'include',
      'where',
      'nulls_distinct',
      'comment',
      'parser',
      'visible',
      'invisible',
      'storage_params',
      'page_per_range',
      'renamed_from',
      'attached_to',
    ],
    ['on'],
  );
  return idx;
}

function decodeUnique(
  r: BlockReader,
  table: string,
  ctx: DecodeContext,
  entry: Entry,
): Table['uniques'][number] {
  const columns = columnsOf(r, 'columns', ctx, entry);
  if (!columns?.length)
    throw new HclError(`${r.what} needs columns = [column.<name>, ...]`, r.block.typeRange);
  const u: Table['uniques'][number] = {
    name: r.block.labels[0] ?? `${table}_${columns.join('_')}_key`,
    columns,
  };
  const include = columnsOf(r, 'include', ctx, entry);
  if (include?.length) u.include = include;
  if (r.bool('nulls_distinct') === false) u.nullsNotDistinct = true;
  setIf(u, 'deferrable', deferrable(r));
  setIf(u, 'comment', r.string('comment'));
  const params = keyValues(r, 'storage_params');
  if (params) u.storageParams = params;
  r.allow([
    'name',
    'columns',
    'include',
    'nulls_distinct',
    'deferrable',
    'initially_deferred',
    'comment',
    'storage_params',
  ]);
  return u;
}

/** `deferrable = true` (with `initially_deferred`), or the clause as a word: `DEFERRABLE_INITIALLY_DEFERRED`. */
export function deferrable(r: BlockReader): Deferrable | undefined {
  const attr = r.attribute('deferrable');
  if (!attr) return undefined;
  if (attr.expr.kind === 'variable' && !['true', 'false'].includes(attr.expr.name)) {
    const w = r.word('deferrable', [...DEFERRABLE.map(toWord), ...Object.keys(DEFERRABLE_WORDS)])!;
    return w in DEFERRABLE_WORDS ? DEFERRABLE_WORDS[w] : (fromWord(w) as Deferrable);
  }
  const v = r.bool('deferrable');
  if (!v) return undefined;
  return r.bool('initially_deferred') ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE';
}

function decodeForeignKey(r: BlockReader, table: string, ctx: DecodeContext, entry: Entry): ForeignKey {
  const columns = columnsOf(r, 'columns', ctx, entry);
  if (!columns?.length)
    throw new HclError(`${r.what} needs columns = [column.<name>, ...]`, r.block.typeRange);
  const refs = r.refs('ref_columns');
  if (!refs?.length)
    throw new HclError(`${r.what} needs ref_columns = [table.<table>.column.<name>, ...]`, r.block.typeRange);
  const targets = refs.map((ref) => ctx.columnRef(ref, entry));
  const first = targets[0]!.table;
  if (targets.some((t) => t.table.schema !== first.schema || t.table.name !== first.name)) {
    throw new HclError(`${r.what}: ref_columns must all be columns of one table`, r.rangeOf('ref_columns'));
  }
  if (targets.length !== columns.length) {
    throw new HclError(
      `${r.what} has ${columns.length} columns but ${targets.length} ref_columns`,
      r.rangeOf('ref_columns'),
    );
  }
  const fk: ForeignKey = {
    name: r.block.labels[0] ?? `${table}_${columns.join('_')}_fkey`,
    columns,
    references: { ...first, columns: targets.map((t) => t.column) },
  };
  const actions = REF_ACTIONS.map((a) => a.replace(/ /g, '_'));
  const onUpdate = r.word('on_update', actions);
  const onDelete = r.word('on_delete', actions);
  // MariaDB tells an explicit NO ACTION from its default (RESTRICT); PostgreSQL does not.
  const keep = (w: string | undefined) => w !== undefined && (w !== 'NO_ACTION' || ctx.dialect === 'mysql');
  if (keep(onUpdate)) fk.onUpdate = fromWord(onUpdate!) as RefAction;
  if (keep(onDelete)) fk.onDelete = fromWord(onDelete!) as RefAction;
  const match = r.word('match', ['SIMPLE', 'FULL', 'PARTIAL']);
  if (match && match !== 'SIMPLE') fk.match = match as 'FULL' | 'PARTIAL';
  setIf(fk, 'deferrable', deferrable(r));
  if (r.bool('not_valid')) fk.notValid = true;
  setIf(fk, 'comment', r.string('comment'));
  r.allow([
    'name',
    'columns',
    'ref_columns',
    'on_update',
    'on_delete',
    'match',
    'deferrable',
    'initially_deferred',
    'not_valid',
    'comment',
  ]);
  return fk;
}

export function decodeCheck(r: BlockReader, table: string, ctx: DecodeContext): Check {
  const expr = r.sqlText('expr', true)!;
  const c: Check = { name: r.block.labels[0] ?? r.string('name') ?? `${table}_check`, expr };
  setIf(c, 'comment', r.string('comment'));
  if (r.bool('no_inherit')) c.noInherit = true;
  if (r.bool('not_valid')) c.notValid = true;
  if (ctx.dialect === 'mysql' && r.bool('enforced') === false) c.notEnforced = true;
  r.allow([
    'name',
    'expr',
    'comment',
    'no_inherit',
    'not_valid',
    ...(ctx.dialect === 'mysql' ? ['enforced'] : []),
  ]);
  return c;
}

function decodeExclude(
  r: BlockReader,
  table: string,
  ctx: DecodeContext,
  entry: Entry,
): Table['exclusions'][number] {
  const using = r.word('type') ?? 'GIST';
  const elems = r.blocks('on').map((on) => {
    const op = on.sqlText('op');
    if (!op)
      throw new HclError(
        'an exclude part needs op = "&&" (the operator rows must not share)',
        on.block.typeRange,
      );
    const col = on.ref('column');
    const base = col ? ident(ctx.columnRef(col, entry).column) : `(${on.sqlText('expr', true)})`;
    const ops = on.word('ops');
    const desc = on.bool('desc') ? ' DESC' : '';
    on.allow(['column', 'expr', 'op', 'ops', 'desc']);
    return `${base}${ops ? ` ${ops}` : ''}${desc} WITH ${op}`;
  });
  if (elems.length === 0)
    throw new HclError(`${r.what} needs on { column = ... op = "..." } blocks`, r.block.typeRange);
  let definition = `EXCLUDE USING ${using.toLowerCase()} (${elems.join(', ')})`;
  const include = columnsOf(r, 'include', ctx, entry);
  if (include?.length) definition += ` INCLUDE (${include.map(ident).join(', ')})`;
  const where = r.sqlText('where');
  if (where) definition += ` WHERE (${where})`;
  const x: Table['exclusions'][number] = { name: r.block.labels[0] ?? `${table}_excl`, definition };
  setIf(x, 'deferrable', deferrable(r));
  setIf(x, 'comment', r.string('comment'));
  r.allow(['name', 'type', 'include', 'where', 'deferrable', 'initially_deferred', 'comment'], ['on']);
  return x;
}

/** Atlas's words for the initial state of a deferrable constraint. */
const DEFERRABLE_WORDS: Record<string, Deferrable | undefined> = {
  INITIALLY_IMMEDIATE: 'DEFERRABLE',
  INITIALLY_DEFERRED: 'DEFERRABLE INITIALLY DEFERRED',
  NOT_DEFERRABLE: undefined,
};

// ---------------------------------------------------------------- partitioning

function decodePartition(r: BlockReader, ctx: DecodeContext, entry: Entry): Partitioning {
  const mysql = ctx.dialect === 'mysql';
  const strategy = r.word('type', ['RANGE', 'LIST', 'HASH', 'KEY']) as Partitioning['strategy'] | undefined;
  if (!strategy)
    throw new HclError(
      `${r.what} needs type = RANGE, LIST${mysql ? ', HASH or KEY' : ' or HASH'}`,
      r.block.typeRange,
    );
  const q = (s: string) => quoteIdent(ctx.dialect, s);
  const cols = columnsOf(r, 'columns', ctx, entry);
  const key = cols
    ? cols.map((c) => (mysql ? c : q(c)))
    : r.blocks('by').map((by) => {
        const col = by.ref('column');
        by.allow(['column', 'expr']);
        if (col) return mysql ? ctx.columnRef(col, entry).column : q(ctx.columnRef(col, entry).column);
        return `(${by.sqlText('expr', true)})`;
      });
  if (key.length === 0)
    throw new HclError(`${r.what} needs columns = [...] or by { ... } blocks`, r.block.typeRange);
  const p: Partitioning = { strategy, key };
  if (mysql) {
    if (r.bool('linear')) p.linear = true;
    if (cols && (strategy === 'RANGE' || strategy === 'LIST') && r.bool('by_columns') !== false)
      p.columns = true;
    setIf(p, 'count', r.number('count'));
    const parts = r.blocks('part').map((b) => {
      const part: { name: string; bound: string; comment?: string } = {
        name: b.name(),
        bound: b.sqlText('bound') ?? '',
      };
      setIf(part, 'comment', b.string('comment'));
      b.allow(['name', 'bound', 'comment']);
      return part;
    });
    if (parts.length) p.partitions = parts;
    const sub = r.single('sub');
    if (sub) {
      p.sub = {
        strategy: sub.word('type', ['HASH', 'KEY']) as 'HASH' | 'KEY',
        key: sub.sqlText('key', true)!,
        count: sub.number('count') ?? 1,
      };
      if (sub.bool('linear')) p.sub.linear = true;
      sub.allow(['type', 'key', 'count', 'linear']);
    }
    r.allow(['type', 'columns', 'linear', 'by_columns', 'count'], ['by', 'part', 'sub']);
  } else {
    r.allow(['type', 'columns'], ['by']);
  }
  return p;
}

// ---------------------------------------------------------------- shared bits

/** `depends_on = [table.x, view.y, function.f]`. */
export function dependsOn(r: BlockReader, ctx: DecodeContext): Table['dependsOn'] {
  const refs = r.refs('depends_on');
  if (!refs) return undefined;
  return refs.map((ref) => {
    const { entry, rest } = ctx.resolve(ref, [
      'table',
      'view',
      'materialized',
      'function',
      'procedure',
      'aggregate',
      'sequence',
      'enum',
      'domain',
      'composite',
    ]);
    if (rest.length > 0) throw new HclError(`depends_on lists objects, not ${ref.describe()}`, ref.range);
    const kind = DEP_KIND[entry.kind] ?? 'type';
    return { kind, ...ctx.objectRef(entry) };
  });
}

const DEP_KIND: Record<string, NonNullable<Table['dependsOn']>[number]['kind']> = {
  table: 'table',
  view: 'view',
  materialized: 'materialized_view',
  function: 'function',
  procedure: 'function',
  aggregate: 'aggregate',
  sequence: 'sequence',
};

/** `renamed_from = "old"` (or a list of former names: the first is the one in the database). */
function renamedFrom(
  r: BlockReader,
  ctx: DecodeContext,
  hint: Omit<import('../../devdb/devdb.ts').RenameHint, 'from'>,
): void {
  const v = r.value('renamed_from');
  if (v === undefined || v === null) return;
  const from = Array.isArray(v) ? v[0] : v;
  if (typeof from !== 'string') throw r.wrongType('renamed_from', 'a string (the former name)', v);
  ctx.hints.push({ ...hint, from });
}

/** `storage_params = { fillfactor = 70 }` as sorted key/values. */
export function keyValues(r: BlockReader, attr: string): KeyValue[] | undefined {
  const v = r.value(attr);
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw r.wrongType(attr, 'an object ({ name = value })', v);
  return Object.keys(v)
    .sort()
    .map((name) => {
      const val = v[name];
      if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
        throw r.wrongType(attr, 'an object of strings, numbers or bools', v);
      }
      return { name, value: String(val) };
    });
}

export function setIf<T, K extends keyof T>(o: T, key: K, v: T[K] | undefined): void {
  if (v !== undefined) o[key] = v;
}
