// Catalog rows -> tables, views and materialized views with their columns, constraints,
// indexes, triggers and policies.
import type {
  Check,
  Column,
  Composite,
  Deferrable,
  ForeignKey,
  Index,
  IndexPart,
  MaterializedView,
  RefAction,
  Rule,
  Table,
  Trigger,
  View,
} from '../../schema/model.ts';
import { emptyTable } from '../../schema/model.ts';
import { type BuildContext, type Rows, setIf, str } from './build-context.ts';
import { parseOptions, splitTopLevel } from './sql.ts';
import { normalizeType } from './types.ts';

const SYSTEM_TYPE_SCHEMAS = new Set(['pg_catalog', 'information_schema']);

export function buildRelations(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.relations ?? []) {
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const name = str(r.name);
    const oid = str(r.oid);
    const comment = ctx.comment('pg_class', oid);
    if (r.kind === 'r' || r.kind === 'p') {
      const t = emptyTable(name);
      setIf(t, 'comment', comment);
      setIf(t, 'unlogged', r.persistence === 'u');
      if (r.rls || r.rls_forced) t.rls = { enabled: r.rls === true, forced: r.rls_forced === true };
      setIf(t, 'storageParams', parseOptions(r.options));
      if (r.partkey) t.partitioning = parsePartKey(str(r.partkey));
      setIf(t, 'inherits', r.inherits as Table['inherits'] | null);
      if (r.parent_name) {
        t.partitionOf = {
          parent: { schema: str(r.parent_schema), name: str(r.parent_name) },
          bound: str(r.bound),
        };
      }
      schema.tables.push(t);
      ctx.relations.set(oid, { kind: 'table', schema: schema.name, obj: t });
      ctx.depTargets.set(`pg_class:${oid}`, { kind: 'table', schema: schema.name, name });
      ctx.depTargets.set(`pg_type:${r.rowtype}`, { kind: 'table', schema: schema.name, name });
      ctx.depOwners.set(`pg_class:${oid}`, t);
    } else if (r.kind === 'v') {
      const opts = parseOptions(r.options) ?? [];
      const opt = (n: string) => opts.find((o) => o.name === n)?.value;
      const v: View = { name, definition: str(r.viewdef), columns: [], triggers: [] };
      const check = opt('check_option');
      if (check) v.checkOption = check.toUpperCase() === 'LOCAL' ? 'LOCAL' : 'CASCADED';
      setIf(v, 'securityBarrier', isTrue(opt('security_barrier')));
      setIf(v, 'securityInvoker', isTrue(opt('security_invoker')));
      setIf(v, 'comment', comment);
      schema.views.push(v);
      ctx.relations.set(oid, { kind: 'view', schema: schema.name, obj: v });
      ctx.depTargets.set(`pg_class:${oid}`, { kind: 'view', schema: schema.name, name });
      ctx.depTargets.set(`pg_type:${r.rowtype}`, { kind: 'view', schema: schema.name, name });
      ctx.depOwners.set(`pg_class:${oid}`, v);
    } else if (r.kind === 'm') {
      const m: MaterializedView = {
        name,
        definition: str(r.viewdef),
        columns: [],
        indexes: [],
        withData: r.populated === true,
      };
      setIf(m, 'storageParams', parseOptions(r.options));
      setIf(m, 'comment', comment);
      schema.materializedViews.push(m);
      ctx.relations.set(oid, { kind: 'materialized_view', schema: schema.name, obj: m });
      ctx.depTargets.set(`pg_class:${oid}`, { kind: 'materialized_view', schema: schema.name, name });
      ctx.depTargets.set(`pg_type:${r.rowtype}`, { kind: 'materialized_view', schema: schema.name, name });
      ctx.depOwners.set(`pg_class:${oid}`, m);
    }
    // Composite types (relkind 'c') are registered by buildTypes, which knows their type OID.
  }
}

const isTrue = (v: string | undefined) =>
  v !== undefined && ['true', 'on', '1', 'yes'].includes(v.toLowerCase());

function parsePartKey(def: string): Table['partitioning'] {
  const m = /^(RANGE|LIST|HASH)\s*\((.*)\)$/is.exec(def.trim());
  if (!m) throw new Error(`inspect: unexpected partition key "${def}"`);
  return { strategy: m[1]!.toUpperCase() as 'RANGE' | 'LIST' | 'HASH', key: splitTopLevel(m[2]!) };
}

export function buildColumns(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.columns ?? []) {
    const rel = str(r.rel);
    let names = ctx.columnNames.get(rel);
    if (!names) {
      names = new Map();
      ctx.columnNames.set(rel, names);
    }
    names.set(Number(r.num), str(r.name));
    const owner = ctx.relations.get(rel);
    if (!owner) continue;
    const comment = ctx.comment('pg_class', rel, Number(r.num));
    const typeRef =
      r.typschema && !SYSTEM_TYPE_SCHEMAS.has(str(r.typschema))
        ? { schema: str(r.typschema), name: str(r.typname) }
        : undefined;
    const collation = r.collation ? str(r.collation) : undefined;
    if (owner.kind === 'table') {
      const c: Column = {
        name: str(r.name),
        type: { raw: str(r.type), normalized: normalizeType(str(r.type)) },
        nullable: r.notnull !== true,
      };
      setIf(c.type, 'arrayDims', Number(r.dims) > 0 ? Number(r.dims) : undefined);
      setIf(c.type, 'ref', typeRef);
      if (r.generated === 's') c.generated = { expr: str(r.def), stored: true };
      else if (r.def !== null && r.def !== undefined) c.default = classifyDefault(str(r.def));
      if (r.identity === 'a' || r.identity === 'd') {
        // Options are filled in from the identity's sequence by buildSequences.
        c.identity = {
          generation: r.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT',
          sequence: { start: '1', increment: '1', min: '1', max: '', cache: '1', cycle: false },
        };
      }
      setIf(c, 'collation', collation);
      setIf(c, 'comment', comment);
      setIf(c, 'inherited', r.local === false && !!owner.obj.inherits);
      owner.obj.columns.push(c);
    } else if (owner.kind === 'composite') {
      const f: Composite['fields'][number] = { name: str(r.name), type: str(r.type) };
      setIf(f, 'ref', typeRef);
      setIf(f, 'collation', collation);
      setIf(f, 'comment', comment);
      owner.obj.fields.push(f);
    } else {
      const vc: View['columns'][number] = { name: str(r.name), type: str(r.type) };
      setIf(vc, 'comment', comment);
      owner.obj.columns.push(vc);
    }
  }
}

/** A default is a literal when it is a constant (optionally cast), otherwise an expression. */
export function classifyDefault(def: string): Column['default'] {
  const literal =
    /^'(?:[^']|'')*'(?:::[\w ."[\]()]+)?$/.test(def) ||
    /^-?\d+(\.\d+)?$/.test(def) ||
    /^\(?-?\d+(\.\d+)?\)?::[\w ."[\]()]+$/.test(def) ||
    /^(true|false|NULL)$/i.test(def);
  return { kind: literal ? 'literal' : 'expr', value: def };
}

const REF_ACTIONS: Record<string, RefAction | undefined> = {
  a: undefined,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

const deferrable = (r: Record<string, unknown>): Deferrable | undefined =>
  r.deferred ? 'DEFERRABLE INITIALLY DEFERRED' : r.deferrable ? 'DEFERRABLE' : undefined;

export interface IndexInfo {
  include: string[];
  nullsNotDistinct: boolean;
  storageParams: ReturnType<typeof parseOptions>;
}

/** CHECK constraints of domains, by domain type OID. */
export function domainChecks(ctx: BuildContext, rows: Rows): Map<string, Check[]> {
  const out = new Map<string, Check[]>();
  for (const r of rows.constraints ?? []) {
    if (!r.domain || r.domain === '0' || r.type !== 'c') continue;
    const ck: Check = { name: str(r.name), expr: str(r.expr) };
    setIf(ck, 'notValid', r.validated === false);
    setIf(ck, 'comment', ctx.comment('pg_constraint', r.oid));
    const list = out.get(str(r.domain)) ?? [];
    list.push(ck);
    out.set(str(r.domain), list);
  }
  return out;
}

/** Constraints of tables; returns the OIDs of the indexes that back a constraint. */
export function buildConstraints(
  ctx: BuildContext,
  rows: Rows,
  indexInfo: Map<string, IndexInfo>,
): Set<string> {
  const backing = new Set<string>();
  for (const r of rows.constraints ?? []) {
    if (r.index && r.index !== '0' && r.type !== 'f') backing.add(str(r.index));
    const name = str(r.name);
    const comment = ctx.comment('pg_constraint', r.oid);
    const t = ctx.table(r.rel);
    // Constraints a partition inherits from its parent are created with the partition.
    if (!t || r.inherited === true || r.local === false) continue;
    const columns = () => ctx.columns(r.rel, r.keys);
    const idx = indexInfo.get(str(r.index));
    switch (r.type) {
      case 'p': {
        t.primaryKey = { name, columns: columns() };
        setIf(t.primaryKey, 'include', idx?.include);
        setIf(t.primaryKey, 'storageParams', idx?.storageParams);
        setIf(t.primaryKey, 'comment', comment);
        break;
      }
      case 'u': {
        const u: Table['uniques'][number] = { name, columns: columns() };
        setIf(u, 'include', idx?.include);
        setIf(u, 'nullsNotDistinct', idx?.nullsNotDistinct);
        setIf(u, 'deferrable', deferrable(r));
        setIf(u, 'storageParams', idx?.storageParams);
        setIf(u, 'comment', comment);
        t.uniques.push(u);
        break;
      }
      case 'x': {
        const x: Table['exclusions'][number] = {
          name,
          definition: str(r.def).replace(/\s+DEFERRABLE(\s+INITIALLY DEFERRED)?$/, ''),
        };
        setIf(x, 'deferrable', deferrable(r));
        setIf(x, 'comment', comment);
        t.exclusions.push(x);
        break;
      }
      case 'f': {
        const fk: ForeignKey = {
          name,
          columns: columns(),
          references: {
            schema: str(r.ref_schema),
            name: str(r.ref_table),
            columns: (r.ref_columns as string[] | null) ?? [],
          },
        };
        setIf(fk, 'onUpdate', REF_ACTIONS[str(r.on_update)]);
        setIf(fk, 'onDelete', REF_ACTIONS[str(r.on_delete)]);
        setIf(fk, 'match', r.match === 'f' ? 'FULL' : r.match === 'p' ? 'PARTIAL' : undefined);
        setIf(fk, 'deferrable', deferrable(r));
        setIf(fk, 'notValid', r.validated === false);
        setIf(fk, 'comment', comment);
        t.foreignKeys.push(fk);
        break;
      }
      case 'c': {
        const ck: Check = { name, expr: str(r.expr) };
        setIf(ck, 'noInherit', r.noinherit === true);
        setIf(ck, 'notValid', r.validated === false);
        setIf(ck, 'comment', comment);
        t.checks.push(ck);
        break;
      }
    }
  }
  return backing;
}

/** Per-index facts that constraints need too (INCLUDE columns, NULLS NOT DISTINCT, WITH). */
export function indexInfos(rows: Rows): Map<string, IndexInfo> {
  const includes = new Map<string, string[]>();
  const nkeys = new Map<string, number>();
  for (const r of rows.indexes ?? []) nkeys.set(str(r.oid), Number(r.nkeys));
  for (const p of rows.indexParts ?? []) {
    const oid = str(p.oid);
    if (Number(p.pos) > (nkeys.get(oid) ?? 0)) {
      const list = includes.get(oid) ?? [];
      list.push(str(p.column));
      includes.set(oid, list);
    }
  }
  const out = new Map<string, IndexInfo>();
  for (const r of rows.indexes ?? []) {
    const oid = str(r.oid);
    out.set(oid, {
      include: includes.get(oid) ?? [],
      nullsNotDistinct: r.nulls_not_distinct === true,
      storageParams: parseOptions(r.options),
    });
  }
  return out;
}

export function buildIndexes(
  ctx: BuildContext,
  rows: Rows,
  backing: Set<string>,
  info: Map<string, IndexInfo>,
): void {
  const parts = new Map<string, Record<string, unknown>[]>();
  for (const p of rows.indexParts ?? []) {
    const list = parts.get(str(p.oid)) ?? [];
    list.push(p);
    parts.set(str(p.oid), list);
  }
  for (const r of rows.indexes ?? []) {
    const oid = str(r.oid);
    if (backing.has(oid)) continue;
    const owner = ctx.relations.get(str(r.rel));
    if (!owner || (owner.kind !== 'table' && owner.kind !== 'materialized_view')) continue;
    const nkeys = Number(r.nkeys);
    const idx: Index = { name: str(r.name), parts: [] };
    setIf(idx, 'unique', r.unique === true);
    if (r.method !== 'btree') idx.method = str(r.method);
    for (const p of parts.get(oid) ?? []) {
      if (Number(p.pos) > nkeys) continue;
      const part: IndexPart = p.expr ? { expr: str(p.expr) } : { column: str(p.column) };
      setIf(part, 'collation', p.collation as string | null);
      setIf(part, 'opclass', p.opclass as string | null);
      const opt = Number(p.option);
      const desc = (opt & 1) !== 0;
      const nullsFirst = (opt & 2) !== 0;
      setIf(part, 'desc', desc);
      if (nullsFirst !== desc) part.nulls = nullsFirst ? 'FIRST' : 'LAST';
      idx.parts.push(part);
    }
    const i = info.get(oid);
    setIf(idx, 'include', i?.include);
    setIf(idx, 'where', r.pred as string | null);
    setIf(idx, 'nullsNotDistinct', i?.nullsNotDistinct);
    setIf(idx, 'storageParams', i?.storageParams);
    setIf(idx, 'comment', ctx.comment('pg_class', oid));
    if (r.attached === true && r.parent_name) {
      idx.attachedTo = { schema: str(r.parent_schema), name: str(r.parent_name) };
    }
    owner.obj.indexes.push(idx);
  }
}

const TRIGGER_ENABLED: Record<string, Trigger['enabled']> = { D: 'DISABLED', R: 'REPLICA', A: 'ALWAYS' };
export const enabledState = (v: unknown) => TRIGGER_ENABLED[str(v)];

export function buildTriggers(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.triggers ?? []) {
    const owner = ctx.relations.get(str(r.rel));
    if (!owner || (owner.kind !== 'table' && owner.kind !== 'view')) continue;
    const type = Number(r.type);
    const events: Trigger['events'] = [];
    if (type & 4) events.push('INSERT');
    if (type & 16) events.push('UPDATE');
    if (type & 8) events.push('DELETE');
    if (type & 32) events.push('TRUNCATE');
    const t: Trigger = {
      name: str(r.name),
      timing: type & 64 ? 'INSTEAD OF' : type & 2 ? 'BEFORE' : 'AFTER',
      events,
      forEach: type & 1 ? 'ROW' : 'STATEMENT',
      function: { schema: str(r.fn_schema), name: str(r.fn_name) },
    };
    setIf(t, 'updateOf', r.columns as string[] | null);
    setIf(t, 'when', triggerWhen(str(r.def)));
    setIf(t, 'args', decodeTriggerArgs(str(r.args), Number(r.nargs)));
    setIf(t, 'enabled', enabledState(r.enabled));
    if (r.is_constraint === true) {
      t.constraint = {};
      setIf(t.constraint, 'deferrable', deferrable(r));
    }
    const refs = [
      r.old_table ? `OLD TABLE AS ${quoteIdent(str(r.old_table))}` : '',
      r.new_table ? `NEW TABLE AS ${quoteIdent(str(r.new_table))}` : '',
    ];
    setIf(t, 'referencing', refs.filter(Boolean).join(' ') || undefined);
    setIf(t, 'comment', ctx.comment('pg_trigger', r.oid));
    owner.obj.triggers.push(t);
  }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The WHEN condition of `pg_get_triggerdef` output, without its parentheses. */
export function triggerWhen(def: string): string | undefined {
  // WHEN follows FOR EACH directly; anywhere else the words belong to a name or an argument.
  const m = / FOR EACH (?:ROW|STATEMENT) WHEN \(/.exec(def);
  if (!m) return undefined;
  const start = m.index + m[0].length - ' WHEN ('.length;
  const open = start + ' WHEN '.length;
  let depth = 0;
  for (let i = open; i < def.length; i++) {
    const c = def[i];
    if (c === "'") {
      for (i++; i < def.length && !(def[i] === "'" && def[i + 1] !== "'"); i++) if (def[i] === "'") i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return def.slice(open + 1, i);
  }
  return undefined;
}

function decodeTriggerArgs(hex: string, n: number): string[] | undefined {
  if (n === 0 || !hex) return undefined;
  return Buffer.from(hex, 'hex').toString('utf8').split('\0').slice(0, n);
}

const POLICY_COMMANDS: Record<string, Table['policies'][number]['command']> = {
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
  '*': 'ALL',
};

export function buildPolicies(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.policies ?? []) {
    const t = ctx.table(r.rel);
    if (!t) continue;
    const p: Table['policies'][number] = {
      name: str(r.name),
      permissive: r.permissive === true,
      command: POLICY_COMMANDS[str(r.cmd)] ?? 'ALL',
      roles: ((r.roles as string[] | null) ?? []).slice().sort(),
    };
    setIf(p, 'using', r.using as string | null);
    setIf(p, 'withCheck', r.check as string | null);
    setIf(p, 'comment', ctx.comment('pg_policy', r.oid));
    t.policies.push(p);
  }
}

export function buildRules(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.rules ?? []) {
    const owner = ctx.relations.get(str(r.rel));
    if (!owner || (owner.kind !== 'table' && owner.kind !== 'view')) continue;
    const rule: Rule = { name: str(r.name), definition: str(r.def).trim().replace(/;$/, '') };
    setIf(rule, 'enabled', enabledState(r.enabled));
    setIf(rule, 'comment', ctx.comment('pg_rewrite', r.oid));
    owner.obj.rules ??= [];
    owner.obj.rules.push(rule);
    ctx.depOwners.set(`pg_rewrite:${r.oid}`, rule);
  }
}
