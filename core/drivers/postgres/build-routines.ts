// Catalog rows -> functions, procedures, aggregates, extensions and event triggers.
import type { Aggregate, EventTrigger, Func, FuncArg, KeyValue } from '../../schema/model.ts';
import { type BuildContext, type Rows, setIf, str } from './build-context.ts';
import { enabledState } from './build-tables.ts';
import { splitTopLevel } from './sql.ts';

const ARG_MODES: Record<string, FuncArg['mode']> = {
  i: 'IN',
  o: 'OUT',
  b: 'INOUT',
  v: 'VARIADIC',
  t: 'TABLE',
};

export function buildFunctions(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.functions ?? []) {
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const f: Func = {
      name: str(r.name),
      kind: r.kind === 'p' ? 'procedure' : 'function',
      identityArgs: str(r.identity),
      args: functionArgs(r),
      language: str(r.language),
      body: r.sqlbody ? str(r.sqlbody) : str(r.src),
    };
    setIf(f, 'returns', r.result as string | null);
    setIf(f, 'sqlBody', !!r.sqlbody);
    setIf(f, 'volatility', r.volatility === 'i' ? 'IMMUTABLE' : r.volatility === 's' ? 'STABLE' : undefined);
    setIf(f, 'strict', r.strict === true);
    setIf(f, 'securityDefiner', r.secdef === true);
    setIf(f, 'leakproof', r.leakproof === true);
    setIf(f, 'parallel', r.parallel === 's' ? 'SAFE' : r.parallel === 'r' ? 'RESTRICTED' : undefined);
    // Defaults: 1 for C and internal functions, 100 for the rest; 1000 rows for set-returning ones.
    const defaultCost = ['c', 'internal'].includes(f.language) ? 1 : 100;
    if (Number(r.cost) !== defaultCost) f.cost = Number(r.cost);
    if (r.retset === true && Number(r.rows) !== 1000) f.rows = Number(r.rows);
    setIf(f, 'config', settings(r.config));
    setIf(f, 'comment', ctx.comment('pg_proc', r.oid));
    schema.functions.push(f);
    const ref = { kind: 'function' as const, schema: schema.name, name: f.name, args: f.identityArgs };
    ctx.depTargets.set(`pg_proc:${r.oid}`, ref);
    ctx.depOwners.set(`pg_proc:${r.oid}`, f);
  }
}

function functionArgs(r: Record<string, unknown>): FuncArg[] {
  const types = (r.argtypes as string[] | null) ?? [];
  const names = (r.argnames as string[] | null) ?? [];
  const modes = (r.argmodes as string[] | null) ?? [];
  const args: FuncArg[] = types.map((type, i) => {
    const a: FuncArg = { type };
    setIf(a, 'name', names[i] || undefined);
    const mode = ARG_MODES[modes[i] ?? 'i'];
    if (mode !== 'IN') a.mode = mode;
    return a;
  });
  // Defaults belong to the last N input arguments.
  const defaults = r.defaults ? splitTopLevel(str(r.defaults)) : [];
  const inputs = args.filter((a) => a.mode === undefined || a.mode === 'INOUT' || a.mode === 'VARIADIC');
  defaults.forEach((d, i) => {
    const arg = inputs[inputs.length - defaults.length + i];
    if (arg) arg.default = d;
  });
  // TABLE(...) columns are part of the return type, which `returns` already spells out.
  return args.filter((a) => a.mode !== 'TABLE');
}

function settings(config: unknown): KeyValue[] | undefined {
  if (!Array.isArray(config)) return undefined;
  return (config as string[])
    .map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function buildAggregates(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.aggregates ?? []) {
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const options: KeyValue[] = [];
    const opt = (name: string, v: unknown) => {
      if (v !== null && v !== undefined && v !== false) options.push({ name, value: str(v) });
    };
    opt('SFUNC', r.sfunc);
    opt('STYPE', r.stype);
    if (Number(r.sspace) !== 0) opt('SSPACE', r.sspace);
    opt('FINALFUNC', r.finalfunc);
    if (r.finalextra === true) opt('FINALFUNC_EXTRA', '');
    if (r.finalfunc && r.finalmodify !== (r.kind === 'n' ? 'r' : 'w')) {
      opt('FINALFUNC_MODIFY', { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' }[str(r.finalmodify)]);
    }
    opt('COMBINEFUNC', r.combinefunc);
    opt('SERIALFUNC', r.serialfunc);
    opt('DESERIALFUNC', r.deserialfunc);
    opt('INITCOND', r.initcond);
    opt('MSFUNC', r.msfunc);
    opt('MINVFUNC', r.minvfunc);
    opt('MSTYPE', r.mstype);
    opt('MFINALFUNC', r.mfinalfunc);
    opt('MINITCOND', r.minitcond);
    opt('SORTOP', r.sortop);
    if (r.parallel === 's') opt('PARALLEL', 'SAFE');
    if (r.parallel === 'r') opt('PARALLEL', 'RESTRICTED');
    if (r.kind === 'h') opt('HYPOTHETICAL', '');
    const a: Aggregate = { name: str(r.name), identityArgs: str(r.identity), options };
    setIf(a, 'comment', ctx.comment('pg_proc', r.oid));
    schema.aggregates.push(a);
    ctx.depTargets.set(`pg_proc:${r.oid}`, {
      kind: 'aggregate',
      schema: schema.name,
      name: a.name,
      args: a.identityArgs,
    });
    ctx.depOwners.set(`pg_proc:${r.oid}`, a);
  }
}

export function buildExtensions(ctx: BuildContext, rows: Rows, wholeDatabase: boolean): void {
  for (const r of rows.extensions ?? []) {
    // Scoped to some schemas: only the extensions installed in one of them.
    if (!wholeDatabase && !ctx.schema(str(r.schema))) continue;
    const e = { name: str(r.name), schema: str(r.schema), version: str(r.version) };
    setIf(e as { comment?: string }, 'comment', ctx.comment('pg_extension', r.oid));
    ctx.realm.extensions.push(e);
  }
}

export function buildEventTriggers(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.eventTriggers ?? []) {
    const e: EventTrigger = {
      name: str(r.name),
      event: str(r.event),
      function: { schema: str(r.fn_schema), name: str(r.fn_name) },
    };
    setIf(e, 'tags', r.tags as string[] | null);
    setIf(e, 'enabled', enabledState(r.enabled));
    setIf(e, 'comment', ctx.comment('pg_event_trigger', r.oid));
    ctx.realm.eventTriggers.push(e);
  }
}
