// Catalog rows -> enums, domains, composite and range types, and sequences (including the
// sequences behind identity columns, whose options belong to the column).
import type { Check, Composite, Domain, RangeType, Sequence, SequenceOptions } from '../../schema/model.ts';
import { type BuildContext, type Rows, setIf, str } from './build-context.ts';

export function buildEnums(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.enums ?? []) {
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const e = { name: str(r.name), values: (r.labels as string[] | null) ?? [] };
    setIf(e as { comment?: string }, 'comment', ctx.comment('pg_type', r.oid));
    schema.enums.push(e);
    ctx.depTargets.set(`pg_type:${r.oid}`, { kind: 'type', schema: schema.name, name: e.name });
  }
}

const SYSTEM = new Set(['pg_catalog', 'information_schema']);

export function buildTypes(ctx: BuildContext, rows: Rows, domainChecks: Map<string, Check[]>): void {
  for (const r of rows.types ?? []) {
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const name = str(r.name);
    const oid = str(r.oid);
    const comment = ctx.comment('pg_type', oid);
    const target = { kind: 'type' as const, schema: schema.name, name };
    ctx.depTargets.set(`pg_type:${oid}`, target);
    if (r.kind === 'd') {
      const d: Domain = { name, type: str(r.base), checks: domainChecks.get(oid) ?? [] };
      if (r.base_schema && !SYSTEM.has(str(r.base_schema))) {
        d.ref = { schema: str(r.base_schema), name: str(r.base_name) };
      }
      setIf(d, 'collation', r.collation as string | null);
      setIf(d, 'default', r.def as string | null);
      setIf(d, 'notNull', r.notnull === true);
      setIf(d, 'comment', comment);
      schema.domains.push(d);
      ctx.depOwners.set(`pg_type:${oid}`, d);
    } else if (r.kind === 'c') {
      const c: Composite = { name, fields: [] };
      setIf(c, 'comment', comment);
      schema.composites.push(c);
      // Fields arrive with the columns of relation `rel`; dependencies come through it too.
      ctx.relations.set(str(r.rel), { kind: 'composite', schema: schema.name, obj: c });
      ctx.depTargets.set(`pg_class:${r.rel}`, target);
    } else if (r.kind === 'r') {
      const options: RangeType['options'] = [];
      const opt = (k: string, v: unknown) => {
        if (v !== null && v !== undefined) options.push({ name: k, value: str(v) });
      };
      opt('SUBTYPE_OPCLASS', r.subtype_opclass);
      opt('COLLATION', r.range_collation);
      opt('CANONICAL', r.canonical);
      opt('SUBTYPE_DIFF', r.subdiff);
      // Only a multirange name that differs from the one PostgreSQL would choose is an option.
      if (
        r.multirange_name &&
        (r.multirange_name !== defaultMultirangeName(name) || r.multirange_schema !== schema.name)
      ) {
        opt('MULTIRANGE_TYPE_NAME', r.multirange);
      }
      const rt: RangeType = { name, subtype: str(r.subtype), options };
      setIf(rt, 'comment', comment);
      schema.ranges.push(rt);
    }
  }
}

/** PostgreSQL names a range's multirange by replacing "range" with "multirange", else appending. */
function defaultMultirangeName(range: string): string {
  const i = range.indexOf('range');
  return i >= 0 ? `${range.slice(0, i)}multirange${range.slice(i + 5)}` : `${range}_multirange`;
}

export function buildSequences(ctx: BuildContext, rows: Rows): void {
  for (const r of rows.sequences ?? []) {
    const opts: SequenceOptions = {
      start: str(r.start),
      increment: str(r.increment),
      min: str(r.min),
      max: str(r.max),
      cache: str(r.cache),
      cycle: r.cycle === true,
    };
    if (r.type !== 'bigint') opts.type = str(r.type);
    if (r.dep === 'i') {
      const col = ctx.table(r.owner_rel)?.columns.find((c) => c.name === r.owner_column);
      if (col?.identity) col.identity.sequence = opts;
      continue;
    }
    const schema = ctx.schema(str(r.schema));
    if (!schema) continue;
    const seq: Sequence = { name: str(r.name), ...opts };
    if (r.dep === 'a' && r.owner_table)
      seq.ownedBy = { table: str(r.owner_table), column: str(r.owner_column) };
    setIf(seq, 'comment', ctx.comment('pg_class', r.oid));
    schema.sequences.push(seq);
    ctx.depTargets.set(`pg_class:${r.oid}`, { kind: 'sequence', schema: schema.name, name: seq.name });
  }
}
