// Top-level blocks other than schemas: tables, views, routines, types, sequences, triggers,
// policies, extensions, events. Objects attached to a table (`trigger`, `policy`, `rule`) name
// it with `on = table.x`, so tables and views are decoded before them.

import { ident as mysqlIdent } from '../../drivers/mysql/sql.ts';
import { ident, printedName } from '../../drivers/postgres/sql.ts';
import type {
  Aggregate,
  Composite,
  Domain,
  EventTrigger,
  Func,
  FuncArg,
  KeyValue,
  MaterializedView,
  MysqlEvent,
  ObjectRef,
  Policy,
  RangeType,
  Realm,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../../schema/model.ts';
import type { BlockReader } from '../block-reader.ts';
import { HclError } from '../syntax/position.ts';
import { Ref, Sql } from '../values.ts';
import type { DecodeContext, Entry } from './decode.ts';
import {
  decodeCheck,
  decodeIndex,
  decodeTable,
  decodeType,
  defaultValue,
  deferrable,
  dependsOn,
  keyValues,
  sequenceOptions,
  setIf,
} from './decode-table.ts';
import { fromWord } from './words.ts';

/** In decoding order: what `on = ...` points at comes first. */
export const OBJECT_KINDS = [
  'view',
  'materialized',
  'enum',
  'domain',
  'composite',
  'range',
  'sequence',
  'function',
  'procedure',
  'aggregate',
  'extension',
  'event_trigger',
  'event',
  'trigger',
  'policy',
  'rule',
] as const;

const PG_ONLY = new Set([
  'materialized',
  'enum',
  'domain',
  'composite',
  'range',
  'sequence',
  'aggregate',
  'extension',
  'event_trigger',
  'policy',
  'rule',
]);
const MYSQL_ONLY = new Set(['event']);

export function decodeObject(kind: string, entry: Entry, ctx: DecodeContext, realm: Realm): void {
  const r = entry.reader;
  if (
    (ctx.dialect === 'mysql' && PG_ONLY.has(kind)) ||
    (ctx.dialect === 'postgres' && MYSQL_ONLY.has(kind))
  ) {
    throw new HclError(
      `${kind} blocks are ${ctx.dialect === 'mysql' ? 'PostgreSQL' : 'MySQL'}-only; this document is read for ${ctx.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'}`,
      entry.block.typeRange,
    );
  }
  switch (kind) {
    case 'table':
      return void ctx.schemaOf(r).tables.push(decodeTable(entry, ctx));
    case 'view':
      return void ctx.schemaOf(r).views.push(decodeView(entry, ctx));
    case 'materialized':
      return void ctx.schemaOf(r).materializedViews.push(decodeMaterialized(entry, ctx));
    case 'enum': {
      const values = r.strings('values');
      if (!values) throw new HclError(`${r.what} needs values = ["a", "b", ...]`, r.block.typeRange);
      const e = { name: entry.name, values, ...opt('comment', r.string('comment')) };
      r.allow(['name', 'schema', 'values', 'comment']);
      return void ctx.schemaOf(r).enums.push(e);
    }
    case 'domain':
      return void ctx.schemaOf(r).domains.push(decodeDomain(entry, ctx));
    case 'composite':
      return void ctx.schemaOf(r).composites.push(decodeComposite(entry, ctx));
    case 'range':
      return void ctx.schemaOf(r).ranges.push(decodeRange(entry, ctx));
    case 'sequence':
      return void ctx.schemaOf(r).sequences.push(decodeSequence(entry, ctx));
    case 'function':
    case 'procedure':
      return void ctx.schemaOf(r).functions.push(decodeRoutine(entry, ctx, kind));
    case 'aggregate':
      return void ctx.schemaOf(r).aggregates.push(decodeAggregate(entry, ctx));
    case 'extension': {
      const schemaRef = r.ref('schema');
      const e = {
        name: entry.name,
        schema: schemaRef ? ctx.schemaOf(r).name : 'public',
        // The version installed is the server's default: the database decides it, not the file.
        version: r.string('version') ?? '',
        ...opt('comment', r.string('comment')),
      };
      // depends_on orders extensions in Atlas; CREATE EXTENSION ... CASCADE-free creation here
      // installs what an extension requires with it, so it is accepted and needs no field.
      r.allow(['name', 'schema', 'version', 'comment', 'depends_on']);
      return void realm.extensions.push(e);
    }
    case 'event_trigger':
      return void realm.eventTriggers.push(decodeEventTrigger(entry, ctx));
    case 'event': {
      const schema = ctx.schemaOf(r);
      schema.events ??= [];
      schema.events.push(decodeEvent(entry));
      return;
    }
    case 'trigger': {
      const { target, schema } = onTable(r, ctx, realm, true);
      return void target.triggers.push(decodeTrigger(entry, ctx, schema.name, target));
    }
    case 'policy': {
      const { target } = onTable(r, ctx, realm, false);
      return void (target as Table).policies.push(decodePolicy(entry));
    }
    case 'rule': {
      const { target } = onTable(r, ctx, realm, true);
      const rule = {
        name: entry.name,
        definition: r.sqlText('as', true)!,
        ...opt('comment', r.string('comment')),
      };
      r.allow(['name', 'on', 'as', 'comment']);
      target.rules ??= [];
      target.rules.push(rule);
      return;
    }
    default:
      throw new HclError(`unexpected block "${kind}"`, entry.block.typeRange);
  }
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** `on = table.x` (or a view, for triggers and rules): the model object it names. */
function onTable(
  r: BlockReader,
  ctx: DecodeContext,
  realm: Realm,
  views: boolean,
): { target: Table | View; schema: Schema } {
  const ref = r.ref('on', true)!;
  const { entry, rest } = ctx.resolve(ref, views ? ['table', 'view'] : ['table']);
  if (rest.length)
    throw new HclError(`on must name a table${views ? ' or view' : ''}, not ${ref.describe()}`, ref.range);
  const at = ctx.objectRef(entry);
  const schema = realm.schemas.find((s) => s.name === at.schema)!;
  const list: (Table | View)[] = entry.kind === 'view' ? schema.views : schema.tables;
  return { target: list.find((t) => t.name === at.name)!, schema };
}

// ---------------------------------------------------------------- views

/** A view's columns; their types are the query's, so they only inform (the database decides). */
function viewColumns(r: BlockReader, ctx: DecodeContext): View['columns'] {
  return r.blocks('column').map((c) => {
    const col: View['columns'][number] = { name: c.name(), type: decodeType(c, 'type', ctx)?.raw ?? '' };
    setIf(col, 'comment', c.string('comment'));
    c.allow(['name', 'type', 'null', 'comment', 'unsigned', 'charset', 'collate']);
    return col;
  });
}

function decodeView(entry: Entry, ctx: DecodeContext): View {
  const r = entry.reader;
  const v: View = {
    name: entry.name,
    definition: r.sqlText('as', true)!,
    columns: viewColumns(r, ctx),
    triggers: [],
  };
  setIf(v, 'comment', r.string('comment'));
  setIf(v, 'dependsOn', dependsOn(r, ctx));
  const check = r.word('check_option', ['LOCAL', 'CASCADED']);
  if (check) v.checkOption = check as 'LOCAL' | 'CASCADED';
  if (ctx.dialect === 'mysql') {
    const algorithm = r.word('algorithm', ['UNDEFINED', 'MERGE', 'TEMPTABLE']);
    if (algorithm && algorithm !== 'UNDEFINED') v.algorithm = algorithm as 'MERGE' | 'TEMPTABLE';
    if (r.word('security', ['DEFINER', 'INVOKER']) === 'INVOKER') v.security = 'INVOKER';
    r.allow(
      ['name', 'schema', 'as', 'comment', 'depends_on', 'check_option', 'algorithm', 'security'],
      ['column'],
    );
  } else {
    if (r.bool('security_barrier')) v.securityBarrier = true;
    if (r.bool('security_invoker')) v.securityInvoker = true;
    r.allow(
      [
        'name',
        'schema',
        'as',
        'comment',
        'depends_on',
        'check_option',
        'security_barrier',
        'security_invoker',
      ],
      ['column'],
    );
  }
  return v;
}

function decodeMaterialized(entry: Entry, ctx: DecodeContext): MaterializedView {
  const r = entry.reader;
  const schema = ctx.schemaOf(r).name;
  const m: MaterializedView = {
    name: entry.name,
    definition: r.sqlText('as', true)!,
    columns: viewColumns(r, ctx),
    indexes: r.blocks('index').map((i) => decodeIndex(i, entry.name, ctx, entry, schema)),
    withData: r.bool('with_data') ?? true,
  };
  setIf(m, 'comment', r.string('comment'));
  setIf(m, 'dependsOn', dependsOn(r, ctx));
  setIf(m, 'storageParams', keyValues(r, 'storage_params'));
  r.allow(
    ['name', 'schema', 'as', 'comment', 'depends_on', 'with_data', 'storage_params'],
    ['column', 'index'],
  );
  return m;
}

// ---------------------------------------------------------------- types and sequences

function decodeDomain(entry: Entry, ctx: DecodeContext): Domain {
  const r = entry.reader;
  const type = decodeType(r, 'type', ctx, true)!;
  const d: Domain = {
    name: entry.name,
    type: type.raw,
    checks: r.blocks('check').map((c) => decodeCheck(c, entry.name, ctx)),
  };
  if (type.ref) d.ref = type.ref;
  // Atlas's `null` defaults to false for columns, but a domain is nullable unless it says otherwise.
  if (r.bool('null') === false) d.notNull = true;
  const def = r.value('default');
  if (def !== undefined && def !== null)
    d.default = defaultValue(def, ctx, () => r.wrongType('default', 'a literal or sql("...")', def)).value;
  setIf(d, 'collation', r.string('collate') ?? r.string('collation'));
  setIf(d, 'comment', r.string('comment'));
  setIf(d, 'dependsOn', dependsOn(r, ctx));
  r.allow(
    ['name', 'schema', 'type', 'null', 'default', 'collate', 'collation', 'comment', 'depends_on'],
    ['check'],
  );
  return d;
}

function decodeComposite(entry: Entry, ctx: DecodeContext): Composite {
  const r = entry.reader;
  const fields = r.blocks('field').map((f) => {
    const type = decodeType(f, 'type', ctx, true)!;
    const field: Composite['fields'][number] = { name: f.name(), type: type.raw };
    if (type.ref) field.ref = type.ref;
    setIf(field, 'collation', f.string('collate') ?? f.string('collation'));
    setIf(field, 'comment', f.string('comment'));
    f.allow(['name', 'type', 'collate', 'collation', 'comment']);
    return field;
  });
  const c: Composite = { name: entry.name, fields };
  setIf(c, 'comment', r.string('comment'));
  r.allow(['name', 'schema', 'comment'], ['field']);
  return c;
}

function decodeRange(entry: Entry, ctx: DecodeContext): RangeType {
  const r = entry.reader;
  const subtype = decodeType(r, 'subtype', ctx, true)!.raw;
  const options: KeyValue[] = [];
  for (const a of r.block.body.attributes) {
    if (['name', 'schema', 'subtype', 'comment', 'for_each'].includes(a.name)) continue;
    options.push({ name: a.name.toUpperCase(), value: r.word(a.name)! });
  }
  const t: RangeType = { name: entry.name, subtype, options };
  setIf(t, 'comment', r.string('comment'));
  return t;
}

function decodeSequence(entry: Entry, ctx: DecodeContext): Sequence {
  const r = entry.reader;
  const type = r.has('type') ? decodeType(r, 'type', ctx)!.raw : 'bigint';
  const s: Sequence = { name: entry.name, ...sequenceOptions(r, type) };
  const owner = r.ref('owner');
  if (owner) {
    const { table, column } = ctx.columnRef(owner, undefined);
    if (table.schema !== ctx.schemaOf(r).name) {
      throw new HclError(
        'a sequence can only be owned by a column of a table in its own schema',
        owner.range,
      );
    }
    s.ownedBy = { table: table.name, column };
  }
  setIf(s, 'comment', r.string('comment'));
  r.allow([
    'name',
    'schema',
    'type',
    'start',
    'increment',
    'min_value',
    'max_value',
    'cache',
    'cycle',
    'owner',
    'comment',
  ]);
  return s;
}

// ---------------------------------------------------------------- routines

const SQL_BODY = /^\s*(BEGIN\s+ATOMIC\b|RETURN\b)/i;

function decodeArgs(r: BlockReader, ctx: DecodeContext): FuncArg[] {
  return r.blocks('arg').map((a) => {
    const arg: FuncArg = { type: decodeType(a, 'type', ctx, true)!.raw };
    if (a.block.labels[0] !== undefined) arg.name = a.block.labels[0];
    const mode = a.word('mode', ['IN', 'OUT', 'INOUT', 'VARIADIC']);
    // MariaDB keeps an explicit IN in the parameter list; PostgreSQL prints none.
    if (mode && (mode !== 'IN' || ctx.dialect === 'mysql')) arg.mode = mode as FuncArg['mode'];
    const def = a.value('default');
    if (def !== undefined && def !== null)
      arg.default = defaultValue(def, ctx, () =>
        a.wrongType('default', 'a literal or sql("...")', def),
      ).value;
    const charset = a.string('charset');
    if (charset) arg.type += ` CHARSET ${charset}`;
    const collation = a.string('collate');
    if (collation) arg.type += ` COLLATE ${collation}`;
    a.allow(['type', 'mode', 'default', 'charset', 'collate']);
    return arg;
  });
}

function decodeRoutine(entry: Entry, ctx: DecodeContext, kind: 'function' | 'procedure'): Func {
  const r = entry.reader;
  const args = decodeArgs(r, ctx);
  const body = r.sqlText('as', true)!;
  const f: Func = {
    name: entry.name,
    kind,
    identityArgs: args
      .filter((a) => a.mode !== 'OUT' && a.mode !== 'TABLE')
      .map((a) =>
        [a.mode === 'INOUT' || a.mode === 'VARIADIC' ? a.mode : '', a.name ?? '', a.type]
          .filter(Boolean)
          .join(' '),
      )
      .join(', '),
    args,
    language: '',
    body,
  };
  if (kind === 'function') f.returns = returnType(r, ctx);
  setIf(f, 'comment', r.string('comment'));
  setIf(f, 'dependsOn', dependsOn(r, ctx));
  const common = [
    'name',
    'schema',
    'as',
    'comment',
    'depends_on',
    ...(kind === 'function' ? ['return', 'return_set'] : []),
  ];
  if (ctx.dialect === 'mysql') {
    f.language = 'SQL';
    // MySQL routines have no overloads: inspection leaves identityArgs empty, and so does this.
    f.identityArgs = '';
    // The parameter list as MariaDB keeps it: names bare where they can be, types as written.
    f.params = args
      .map(
        (a) =>
          `${a.mode ? `${a.mode} ` : ''}${/^[A-Za-z_][\w$]*$/.test(a.name ?? '') ? a.name : mysqlIdent(a.name ?? '')} ${a.type}`,
      )
      .join(', ');
    if (r.bool('deterministic')) f.deterministic = true;
    const access = r.word('data_access', ['CONTAINS_SQL', 'NO_SQL', 'READS_SQL_DATA', 'MODIFIES_SQL_DATA']);
    if (access && access !== 'CONTAINS_SQL') f.dataAccess = fromWord(access) as Func['dataAccess'];
    if (r.word('security', ['DEFINER', 'INVOKER']) === 'INVOKER') f.security = 'INVOKER';
    setIf(f, 'sqlMode', r.string('sql_mode'));
    r.allow([...common, 'lang', 'deterministic', 'data_access', 'security', 'sql_mode'], ['arg']);
    return f;
  }
  const lang = r.word('lang');
  if (!lang) throw new HclError(`${r.what} needs lang = SQL (or PLpgSQL, ...)`, r.block.typeRange);
  f.language = lang.toLowerCase();
  if (f.language === 'sql' && SQL_BODY.test(body)) {
    f.sqlBody = true;
    f.body = body.trim();
  }
  const vol = r.word('volatility', ['VOLATILE', 'STABLE', 'IMMUTABLE']);
  if (vol && vol !== 'VOLATILE') f.volatility = vol as 'STABLE' | 'IMMUTABLE';
  if (r.bool('strict')) f.strict = true;
  if (r.word('security', ['DEFINER', 'INVOKER']) === 'DEFINER') f.securityDefiner = true;
  if (r.bool('leakproof')) f.leakproof = true;
  const parallel = r.word('parallel', ['UNSAFE', 'RESTRICTED', 'SAFE']);
  if (parallel && parallel !== 'UNSAFE') f.parallel = parallel as 'SAFE' | 'RESTRICTED';
  setIf(f, 'cost', r.number('cost'));
  setIf(f, 'rows', r.number('rows'));
  setIf(f, 'config', keyValues(r, 'config'));
  r.allow(
    [
      ...common,
      'lang',
      'volatility',
      'strict',
      'security',
      'leakproof',
      'parallel',
      'cost',
      'rows',
      'config',
    ],
    ['arg', 'return_table'],
  );
  return f;
}

function returnType(r: BlockReader, ctx: DecodeContext): string {
  const table = r.single('return_table');
  if (table) {
    const cols = table.blocks('column').map((c) => {
      c.allow(['name', 'type', 'null']);
      return `${quote(c.name(), ctx)} ${decodeType(c, 'type', ctx, true)!.raw}`;
    });
    table.allow([], ['column']);
    return `TABLE(${cols.join(', ')})`;
  }
  if (r.has('return_set')) return `SETOF ${decodeType(r, 'return_set', ctx)!.raw}`;
  const ret = decodeType(r, 'return', ctx);
  if (!ret)
    throw new HclError(`${r.what} needs return = <type> (or return_set, return_table)`, r.block.typeRange);
  return ret.raw;
}

const quote = (name: string, ctx: DecodeContext) =>
  ctx.dialect === 'mysql' ? mysqlIdent(name) : printedName(name);

function decodeAggregate(entry: Entry, ctx: DecodeContext): Aggregate {
  const r = entry.reader;
  const args = decodeArgs(r, ctx);
  const options: KeyValue[] = [];
  for (const a of r.block.body.attributes) {
    if (['name', 'schema', 'comment', 'depends_on', 'for_each'].includes(a.name)) continue;
    const name = AGG_NAMES[a.name] ?? a.name.toUpperCase();
    let value: string;
    if (name === 'STYPE' || name === 'MSTYPE') {
      options.push({ name, value: decodeType(r, a.name, ctx)!.raw });
      continue;
    }
    // Function names may be bare words (`state_func = int4pl`) as well as references.
    const bare = a.expr.kind === 'variable' && !isRoot(a.expr.name) ? a.expr.name : undefined;
    const v = bare ?? r.value(a.name);
    if (v instanceof Ref) value = qualified(ctx.objectRef(ctx.resolve(v, ['function']).entry));
    else if (v instanceof Sql) value = v.text;
    else if (typeof v === 'string' || typeof v === 'number') value = String(v);
    else if (v === true) value = '';
    else
      value =
        r.word(a.name) ??
        (() => {
          throw r.wrongType(a.name, 'a string, number or function reference', v ?? null);
        })();
    options.push({ name, value });
  }
  const agg: Aggregate = { name: entry.name, identityArgs: args.map((a) => a.type).join(', '), options };
  setIf(agg, 'comment', r.string('comment'));
  setIf(agg, 'dependsOn', dependsOn(r, ctx));
  return agg;
}

const isRoot = (name: string) => ['function', 'var', 'local', 'each'].includes(name);

const qualified = (o: ObjectRef) => `${o.schema}.${o.name}`;

/** Atlas's aggregate attribute names for the CREATE AGGREGATE options. */
export const AGG_NAMES: Record<string, string> = {
  state_type: 'STYPE',
  state_func: 'SFUNC',
  state_space: 'SSPACE',
  final_func: 'FINALFUNC',
  final_extra: 'FINALFUNC_EXTRA',
  combine_func: 'COMBINEFUNC',
  initial_value: 'INITCOND',
  sort_op: 'SORTOP',
};

// ---------------------------------------------------------------- triggers, policies, events

const TIMINGS = [
  ['before', 'BEFORE'],
  ['after', 'AFTER'],
  ['instead_of', 'INSTEAD OF'],
] as const;

function decodeTrigger(entry: Entry, ctx: DecodeContext, schema: string, on: Table | View): Trigger {
  const r = entry.reader;
  const timed = TIMINGS.map(([attr, timing]) => ({ timing, block: r.single(attr) })).filter((t) => t.block);
  if (timed.length !== 1) {
    throw new HclError(
      `${r.what} needs exactly one of before { ... }, after { ... } or instead_of { ... }`,
      r.block.typeRange,
    );
  }
  const { timing, block } = timed[0]!;
  const events: Trigger['events'] = [];
  for (const ev of ['insert', 'update', 'delete', 'truncate'] as const)
    if (block!.bool(ev)) events.push(ev.toUpperCase() as Trigger['events'][number]);
  const updateOf = block!.refs('update_of')?.map((ref) => ctx.columnRef(ref, undefined).column);
  if (updateOf?.length && !events.includes('UPDATE')) events.splice(1, 0, 'UPDATE');
  block!.allow(['insert', 'update', 'delete', 'truncate', 'update_of']);
  if (events.length === 0)
    throw new HclError(
      `${r.what}: ${block!.block.type} { ... } names no event (insert, update, delete, truncate)`,
      block!.block.typeRange,
    );
  const t: Trigger = { name: entry.name, timing, events, forEach: 'ROW' };
  if (updateOf?.length) t.updateOf = updateOf;
  setIf(t, 'comment', r.string('comment'));
  if (ctx.dialect === 'mysql') {
    if (events.length > 1)
      throw new HclError(`${r.what}: a MySQL trigger fires on one event`, block!.block.typeRange);
    t.body = r.sqlText('as', true)!.trim();
    setIf(t, 'follows', triggerName(r, 'follows', ctx));
    // `precedes = trigger.b` is b following this one: set once every trigger is decoded.
    const precedes = triggerName(r, 'precedes', ctx);
    if (precedes !== undefined) {
      ctx.later.push(() => {
        const next = on.triggers.find((x) => x.name === precedes);
        if (!next)
          throw new HclError(
            `${r.what}: precedes names no trigger "${precedes}" of the same table`,
            r.rangeOf('precedes'),
          );
        next.follows = t.name;
      });
    }
    setIf(t, 'sqlMode', r.string('sql_mode'));
    r.word(r.has('foreach') ? 'foreach' : 'for', ['ROW']);
    r.allow(
      ['name', 'on', 'as', 'comment', 'follows', 'precedes', 'sql_mode', 'for', 'foreach'],
      ['before', 'after'],
    );
    return t;
  }
  // `foreach` is the older spelling of `for`.
  const each = r.word(r.has('foreach') ? 'foreach' : 'for', ['ROW', 'STATEMENT']);
  if (each) t.forEach = each as 'ROW' | 'STATEMENT';
  setIf(t, 'when', r.sqlText('when'));
  const exec = r.single('execute');
  if (!exec) throw new HclError(`${r.what} needs execute { function = function.<name> }`, r.block.typeRange);
  t.function = functionTarget(exec, 'function', ctx, schema);
  const args = exec.value('args');
  if (args !== undefined && args !== null) {
    if (!Array.isArray(args)) throw exec.wrongType('args', 'a list', args);
    t.args = args.map((a) => {
      if (typeof a === 'string' || typeof a === 'number') return String(a);
      if (a instanceof Ref) return a.toTemplate();
      throw exec.wrongType('args', 'a list of strings', a);
    });
  }
  exec.allow(['function', 'args']);
  const enabled = r.word('enabled', ['ORIGIN', 'DISABLED', 'REPLICA', 'ALWAYS']);
  if (enabled && enabled !== 'ORIGIN') t.enabled = enabled as Trigger['enabled'];
  setIf(t, 'referencing', referencing(r));
  if (r.bool('constraint')) t.constraint = {};
  const d = deferrable(r);
  if (d) t.constraint = { deferrable: d };
  r.allow(
    ['name', 'on', 'comment', 'for', 'foreach', 'when', 'enabled', 'referencing', 'constraint', 'deferrable'],
    ['before', 'after', 'instead_of', 'execute', 'referencing'],
  );
  return t;
}

/** `follows = trigger.a` or `follows = "a"`: a trigger of the same table. */
function triggerName(r: BlockReader, attr: string, ctx: DecodeContext): string | undefined {
  const v = r.value(attr);
  if (v instanceof Ref) return ctx.resolve(v, ['trigger']).entry.name;
  return r.string(attr);
}

/**
 * Transition tables: `referencing { old_table = "o"  new_table = "n" }`, or the clause as text.
 * Written as inspection prints it (`OLD TABLE AS "o" NEW TABLE AS "n"`).
 */
function referencing(r: BlockReader): string | undefined {
  const block = r.single('referencing');
  if (!block) return r.sqlText('referencing');
  const parts: string[] = [];
  for (const [attr, kw] of [
    ['old_table', 'OLD TABLE'],
    ['new_table', 'NEW TABLE'],
  ] as const) {
    const name = block.string(attr);
    if (name !== undefined) parts.push(`${kw} AS ${ident(name)}`);
  }
  block.allow(['old_table', 'new_table']);
  return parts.join(' ') || undefined;
}

/**
 * The function a trigger runs: `function.f` for one the document declares, or its name as a
 * string (`"pg_catalog.tsvector_update_trigger"`) for one it does not (built in, an extension's).
 */
function functionTarget(r: BlockReader, attr: string, ctx: DecodeContext, schema: string): ObjectRef {
  const v = r.value(attr);
  if (v instanceof Ref) return ctx.objectRef(ctx.resolve(v, ['function']).entry);
  if (typeof v === 'string') {
    const m = /^(?:("?)([^".]+)\1\.)?("?)([^".]+)\3$/.exec(v);
    if (m) return { schema: m[2] ?? schema, name: m[4]! };
  }
  if (v === undefined)
    throw new HclError(`${r.what} is missing the required attribute "${attr}"`, r.block.typeRange);
  throw r.wrongType(attr, 'function.<name> or a function name ("schema.name")', v);
}

function decodePolicy(entry: Entry): Policy {
  const r = entry.reader;
  const as = r.word('as', ['PERMISSIVE', 'RESTRICTIVE']) ?? 'PERMISSIVE';
  const command = (r.word('for', ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']) ??
    'ALL') as Policy['command'];
  const to = r.attribute('to');
  let roles = ['PUBLIC'];
  if (to) {
    const items = to.expr.kind === 'tuple' ? to.expr.items : [to.expr];
    roles = items.map((e) => {
      if (e.kind === 'variable') return e.name === 'PUBLIC' || e.name === 'public' ? 'PUBLIC' : e.name;
      if (e.kind === 'template' && e.parts.length === 1 && e.parts[0]!.kind === 'text')
        return e.parts[0]!.value;
      throw new HclError('to = [...] lists role names: PUBLIC, CURRENT_USER or "role"', e.range);
    });
    roles.sort();
  }
  const p: Policy = { name: entry.name, permissive: as === 'PERMISSIVE', command, roles };
  setIf(p, 'using', r.sqlText('using'));
  setIf(p, 'withCheck', r.sqlText('check'));
  setIf(p, 'comment', r.string('comment'));
  r.allow(['name', 'on', 'as', 'for', 'to', 'using', 'check', 'comment']);
  return p;
}

function decodeEventTrigger(entry: Entry, ctx: DecodeContext): EventTrigger {
  const r = entry.reader;
  const event = r.word('on', ['DDL_COMMAND_START', 'DDL_COMMAND_END', 'TABLE_REWRITE', 'SQL_DROP', 'LOGIN']);
  if (!event)
    throw new HclError(
      `${r.what} needs on = ddl_command_start (or ddl_command_end, sql_drop, table_rewrite, login)`,
      r.block.typeRange,
    );
  const e: EventTrigger = {
    name: entry.name,
    event: event.toLowerCase(),
    function: functionTarget(r, 'execute', ctx, 'public'),
  };
  const tags = r.strings('tags');
  if (tags?.length) e.tags = tags;
  const enabled = r.word('enabled', ['ORIGIN', 'DISABLED', 'REPLICA', 'ALWAYS']);
  if (enabled && enabled !== 'ORIGIN') e.enabled = enabled as EventTrigger['enabled'];
  setIf(e, 'comment', r.string('comment'));
  r.allow(['name', 'on', 'execute', 'tags', 'enabled', 'comment']);
  return e;
}

function decodeEvent(entry: Entry): MysqlEvent {
  const r = entry.reader;
  const e: MysqlEvent = {
    name: entry.name,
    schedule: r.sqlText('schedule', true)!,
    body: r.sqlText('as', true)!.trim(),
  };
  if (r.bool('preserve')) e.preserve = true;
  const status = r.word('status', ['ENABLED', 'DISABLED', 'SLAVESIDE_DISABLED']);
  if (status && status !== 'ENABLED') e.status = status as MysqlEvent['status'];
  setIf(e, 'comment', r.string('comment'));
  setIf(e, 'sqlMode', r.string('sql_mode'));
  r.allow(['name', 'schema', 'schedule', 'as', 'preserve', 'status', 'comment', 'sql_mode']);
  return e;
}
