// Statements that change or drop existing objects in place: ALTER and DROP for every kind, and
// the pieces of ALTER TABLE. Creation statements are in render-objects.ts.
import type { ColumnAttr, TableAttr, TableChange } from '../../diff/changes.ts';
import { UserError } from '../../errors.ts';
import type {
  Column,
  Composite,
  Domain,
  Enum,
  Func,
  Index,
  Policy,
  Sequence,
  Table,
} from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';
import {
  checkDef,
  columnDef,
  columnType,
  exclusionDef,
  foreignKeyDef,
  type Names,
  primaryKeyDef,
  sequenceOptions,
  uniqueDef,
} from './render-objects.ts';
import { ident, literal } from './sql.ts';

const stmt = (sql: string, comment?: string, extra: Partial<Stmt> = {}): Stmt => ({
  sql,
  ...(comment ? { comment } : {}),
  ...extra,
});
const commentValue = (c: string | undefined) => (c === undefined ? 'NULL' : literal(c));

// ---------------------------------------------------------------- drops

export const drop = {
  schema: (name: string) => stmt(`DROP SCHEMA ${ident(name)} CASCADE`, `Drop schema "${name}"`),
  extension: (name: string) => stmt(`DROP EXTENSION ${ident(name)}`, `Drop extension "${name}"`),
  table: (q: string, name: string) => stmt(`DROP TABLE ${q}`, `Drop "${name}" table`),
  view: (q: string, name: string) => stmt(`DROP VIEW ${q}`, `Drop "${name}" view`),
  materializedView: (q: string, name: string) =>
    stmt(`DROP MATERIALIZED VIEW ${q}`, `Drop "${name}" materialized view`),
  sequence: (q: string, name: string) => stmt(`DROP SEQUENCE ${q}`, `Drop "${name}" sequence`),
  func: (q: string, f: Func) =>
    stmt(
      `DROP ${f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${q}(${f.identityArgs})`,
      `Drop "${f.name}" ${f.kind}`,
    ),
  aggregate: (q: string, name: string, args: string) =>
    stmt(`DROP AGGREGATE ${q}(${args || '*'})`, `Drop "${name}" aggregate`),
  type: (q: string, name: string) => stmt(`DROP TYPE ${q}`, `Drop "${name}" type`),
  domain: (q: string, name: string) => stmt(`DROP DOMAIN ${q}`, `Drop "${name}" domain`),
  index: (q: string, name: string, concurrently: boolean) =>
    stmt(
      `DROP INDEX${concurrently ? ' CONCURRENTLY' : ''} ${q}`,
      `Drop index "${name}"`,
      concurrently ? { transactional: false } : {},
    ),
  trigger: (table: string, name: string) =>
    stmt(`DROP TRIGGER ${ident(name)} ON ${table}`, `Drop trigger "${name}"`),
  rule: (table: string, name: string) => stmt(`DROP RULE ${ident(name)} ON ${table}`, `Drop rule "${name}"`),
  policy: (table: string, name: string) =>
    stmt(`DROP POLICY ${ident(name)} ON ${table}`, `Drop policy "${name}"`),
  constraint: (table: string, tableName: string, name: string) =>
    stmt(
      `ALTER TABLE ${table} DROP CONSTRAINT ${ident(name)}`,
      `Drop constraint "${name}" from "${tableName}"`,
    ),
  eventTrigger: (name: string) => stmt(`DROP EVENT TRIGGER ${ident(name)}`, `Drop event trigger "${name}"`),
};

// ---------------------------------------------------------------- tables

/** ALTER COLUMN actions that take column `from` to `to` for the attributes that changed. */
export function alterColumnActions(
  from: Column,
  to: Column,
  what: readonly ColumnAttr[],
  using?: string,
): string[] {
  const c = ident(to.name);
  const out: string[] = [];
  if (what.includes('generated')) {
    // PostgreSQL can only remove a generation expression in place; other changes re-create the column.
    if (from.generated && !to.generated) out.push(`ALTER COLUMN ${c} DROP EXPRESSION`);
    else return [`DROP COLUMN ${c}`, `ADD COLUMN ${columnDef(to)}`];
  }
  if (what.includes('type') || what.includes('collation')) {
    const base = (t: string) => t.replace(/\(.*$/, '').replace(/\[\]$/, '');
    const cast =
      using ??
      (base(from.type.normalized) !== base(to.type.normalized) ? `${c}::${columnType(to)}` : undefined);
    out.push(
      `ALTER COLUMN ${c} TYPE ${columnType(to)}${to.collation ? ` COLLATE ${to.collation}` : ''}${cast ? ` USING ${cast}` : ''}`,
    );
  }
  if (what.includes('nullable')) out.push(`ALTER COLUMN ${c} ${to.nullable ? 'DROP' : 'SET'} NOT NULL`);
  if (what.includes('default'))
    out.push(
      to.default ? `ALTER COLUMN ${c} SET DEFAULT ${to.default.value}` : `ALTER COLUMN ${c} DROP DEFAULT`,
    );
  if (what.includes('identity')) out.push(...identityActions(from, to));
  return out;
}

function identityActions(from: Column, to: Column): string[] {
  const c = ident(to.name);
  if (!to.identity) return [`ALTER COLUMN ${c} DROP IDENTITY`];
  if (!from.identity) {
    const opts = sequenceOptions(to.identity.sequence, to.type.raw);
    return [
      `ALTER COLUMN ${c} ADD GENERATED ${to.identity.generation} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`,
    ];
  }
  const out: string[] = [];
  if (from.identity.generation !== to.identity.generation)
    out.push(`ALTER COLUMN ${c} SET GENERATED ${to.identity.generation}`);
  const a = from.identity.sequence;
  const b = to.identity.sequence;
  const sets: string[] = [];
  if (a.increment !== b.increment) sets.push(`SET INCREMENT BY ${b.increment}`);
  if (a.min !== b.min) sets.push(`SET MINVALUE ${b.min}`);
  if (a.max !== b.max) sets.push(`SET MAXVALUE ${b.max}`);
  if (a.start !== b.start) sets.push(`SET START WITH ${b.start}`);
  if (a.cache !== b.cache) sets.push(`SET CACHE ${b.cache}`);
  if (a.cycle !== b.cycle) sets.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
  if (sets.length) out.push(`ALTER COLUMN ${c} ${sets.join(' ')}`);
  return out;
}

/** ADD CONSTRAINT actions for the constraints a table change adds. */
export function addConstraintAction(tc: TableChange, n: Names): string | undefined {
  switch (tc.kind) {
    case 'add_primary_key':
      return `ADD ${primaryKeyDef(tc.pk)}`;
    case 'add_unique':
      return `ADD ${uniqueDef(tc.unique)}`;
    case 'add_check':
      return `ADD ${checkDef(tc.check)}${tc.check.notValid ? ' NOT VALID' : ''}`;
    case 'add_exclusion':
      return `ADD ${exclusionDef(tc.exclusion)}`;
    case 'add_foreign_key':
      return `ADD ${foreignKeyDef(tc.fk, n)}${tc.fk.notValid ? ' NOT VALID' : ''}`;
    case 'modify_foreign_key':
      return `ADD ${foreignKeyDef(tc.to, n)}${tc.to.notValid ? ' NOT VALID' : ''}`;
    default:
      return undefined;
  }
}

/** Statements for table-level attributes. `parent` is the partition parent's qualified name. */
export function tableAttrStmts(
  q: string,
  from: Table,
  to: Table,
  what: readonly TableAttr[],
  n: Names,
): Stmt[] {
  const out: Stmt[] = [];
  if (what.includes('comment')) out.push(stmt(`COMMENT ON TABLE ${q} IS ${commentValue(to.comment)}`));
  if (what.includes('rls')) {
    const a = from.rls ?? { enabled: false, forced: false };
    const b = to.rls ?? { enabled: false, forced: false };
    if (a.enabled !== b.enabled)
      out.push(stmt(`ALTER TABLE ${q} ${b.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`));
    if (a.forced !== b.forced)
      out.push(stmt(`ALTER TABLE ${q} ${b.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`));
  }
  if (what.includes('unlogged'))
    out.push(stmt(`ALTER TABLE ${q} SET ${to.unlogged ? 'UNLOGGED' : 'LOGGED'}`));
  if (what.includes('storage_params')) {
    const next = new Map((to.storageParams ?? []).map((p) => [p.name, p.value]));
    const reset = (from.storageParams ?? []).filter((p) => !next.has(p.name)).map((p) => p.name);
    if (reset.length) out.push(stmt(`ALTER TABLE ${q} RESET (${reset.join(', ')})`));
    // Only what changed: PostgreSQL keeps parameters in the order they were set.
    const prev = new Map((from.storageParams ?? []).map((p) => [p.name, p.value]));
    const set = (to.storageParams ?? []).filter((p) => prev.get(p.name) !== p.value);
    if (set.length)
      out.push(stmt(`ALTER TABLE ${q} SET (${set.map((p) => `${p.name}=${p.value}`).join(', ')})`));
  }
  if (what.includes('partition_bound')) {
    // The plan detaches in its first phase (plan.ts); here the partition is attached again.
    if (to.partitionOf)
      out.push(
        stmt(`ALTER TABLE ${n.obj(to.partitionOf.parent)} ATTACH PARTITION ${q} ${to.partitionOf.bound}`),
      );
  }
  if (what.includes('inherits')) {
    const next = new Set((to.inherits ?? []).map((p) => n.obj(p)));
    const prev = new Set((from.inherits ?? []).map((p) => n.obj(p)));
    for (const p of prev) if (!next.has(p)) out.push(stmt(`ALTER TABLE ${q} NO INHERIT ${p}`));
    for (const p of next) if (!prev.has(p)) out.push(stmt(`ALTER TABLE ${q} INHERIT ${p}`));
  }
  return out;
}

export const commentOn = (what: string, text: string | undefined): Stmt =>
  stmt(`COMMENT ON ${what} IS ${commentValue(text)}`);

// ---------------------------------------------------------------- other kinds

export function alterSequence(q: string, from: Sequence, to: Sequence): Stmt[] {
  const parts: string[] = [];
  if ((from.type ?? 'bigint') !== (to.type ?? 'bigint')) parts.push(`AS ${to.type ?? 'bigint'}`);
  if (from.increment !== to.increment) parts.push(`INCREMENT BY ${to.increment}`);
  if (from.min !== to.min) parts.push(`MINVALUE ${to.min}`);
  if (from.max !== to.max) parts.push(`MAXVALUE ${to.max}`);
  if (from.start !== to.start) parts.push(`START WITH ${to.start}`);
  if (from.cache !== to.cache) parts.push(`CACHE ${to.cache}`);
  if (from.cycle !== to.cycle) parts.push(to.cycle ? 'CYCLE' : 'NO CYCLE');
  // A new owner is set once its table exists (graph.ts sequenceOwner); losing the owner is here.
  if (from.ownedBy && !to.ownedBy) parts.push('OWNED BY NONE');
  const out: Stmt[] = [];
  if (parts.length) out.push(stmt(`ALTER SEQUENCE ${q} ${parts.join(' ')}`, `Modify "${to.name}" sequence`));
  if (from.comment !== to.comment) out.push(commentOn(`SEQUENCE ${q}`, to.comment));
  return out;
}

/** New enum values can be added in place; anything else needs the type re-created. */
interface EnumAddition {
  value: string;
  before?: string;
  after?: string;
}

export function enumAdditions(from: Enum, to: Enum): EnumAddition[] | undefined {
  let i = 0;
  for (const v of to.values) if (v === from.values[i]) i++;
  if (i !== from.values.length) return undefined;
  const old = new Set(from.values);
  return to.values.flatMap((v, k): EnumAddition[] => {
    if (old.has(v)) return [];
    const next = to.values.slice(k + 1).find((x) => old.has(x));
    if (next !== undefined) return [{ value: v, before: next }];
    const prev = to.values
      .slice(0, k)
      .reverse()
      .find((x) => old.has(x));
    return [prev !== undefined ? { value: v, after: prev } : { value: v }];
  });
}

export function addEnumValues(q: string, from: Enum, to: Enum): Stmt[] {
  return (enumAdditions(from, to) ?? []).map((a) =>
    stmt(
      `ALTER TYPE ${q} ADD VALUE ${literal(a.value)}${a.before !== undefined ? ` BEFORE ${literal(a.before)}` : a.after !== undefined ? ` AFTER ${literal(a.after)}` : ''}`,
      `Add value ${literal(a.value)} to enum type "${to.name}"`,
    ),
  );
}

export function alterDomain(q: string, from: Domain, to: Domain): Stmt[] {
  if (from.type !== to.type || from.collation !== to.collation) {
    throw new UserError(
      'UNSUPPORTED',
      `changing the base type or collation of domain "${to.name}" is not supported: create a new domain and move the columns to it`,
    );
  }
  const out: Stmt[] = [];
  if (from.default !== to.default) {
    out.push(
      stmt(
        to.default === undefined
          ? `ALTER DOMAIN ${q} DROP DEFAULT`
          : `ALTER DOMAIN ${q} SET DEFAULT ${to.default}`,
      ),
    );
  }
  if (!!from.notNull !== !!to.notNull)
    out.push(stmt(`ALTER DOMAIN ${q} ${to.notNull ? 'SET' : 'DROP'} NOT NULL`));
  const next = new Map(to.checks.map((c) => [c.name, c]));
  const prev = new Map(from.checks.map((c) => [c.name, c]));
  for (const c of from.checks) {
    const t = next.get(c.name);
    if (!t || t.expr !== c.expr || !!t.notValid !== !!c.notValid)
      out.push(stmt(`ALTER DOMAIN ${q} DROP CONSTRAINT ${ident(c.name)}`));
  }
  for (const c of to.checks) {
    const f = prev.get(c.name);
    if (!f || f.expr !== c.expr || !!f.notValid !== !!c.notValid) {
      out.push(
        stmt(
          `ALTER DOMAIN ${q} ADD CONSTRAINT ${ident(c.name)} CHECK (${c.expr})${c.notValid ? ' NOT VALID' : ''}`,
        ),
      );
    }
    if ((f?.comment ?? undefined) !== c.comment)
      out.push(commentOn(`CONSTRAINT ${ident(c.name)} ON DOMAIN ${q}`, c.comment));
  }
  if (from.comment !== to.comment) out.push(commentOn(`DOMAIN ${q}`, to.comment));
  if (out.length) out[0] = { ...out[0]!, comment: `Modify "${to.name}" domain` };
  return out;
}

export function alterComposite(q: string, from: Composite, to: Composite): Stmt[] {
  const actions: string[] = [];
  const next = new Map(to.fields.map((f) => [f.name, f]));
  const prev = new Map(from.fields.map((f) => [f.name, f]));
  for (const f of from.fields) if (!next.has(f.name)) actions.push(`DROP ATTRIBUTE ${ident(f.name)}`);
  for (const f of to.fields) {
    const p = prev.get(f.name);
    const type = `${f.type}${f.collation ? ` COLLATE ${f.collation}` : ''}`;
    if (!p) actions.push(`ADD ATTRIBUTE ${ident(f.name)} ${type}`);
    else if (p.type !== f.type || p.collation !== f.collation)
      actions.push(`ALTER ATTRIBUTE ${ident(f.name)} TYPE ${type}`);
  }
  const out: Stmt[] = actions.length
    ? [stmt(`ALTER TYPE ${q} ${actions.join(', ')}`, `Modify "${to.name}" composite type`)]
    : [];
  if (from.comment !== to.comment) out.push(commentOn(`TYPE ${q}`, to.comment));
  for (const f of to.fields)
    if (prev.get(f.name)?.comment !== f.comment)
      out.push(commentOn(`COLUMN ${q}.${ident(f.name)}`, f.comment));
  return out;
}

/** ALTER POLICY when only roles or expressions changed; undefined when it must be re-created. */
export function alterPolicy(table: string, from: Policy, to: Policy): Stmt[] | undefined {
  if (from.command !== to.command || from.permissive !== to.permissive) return undefined;
  // A USING or WITH CHECK clause cannot be removed by ALTER POLICY.
  if ((from.using && !to.using) || (from.withCheck && !to.withCheck)) return undefined;
  const parts: string[] = [];
  if (JSON.stringify(from.roles) !== JSON.stringify(to.roles))
    parts.push(`TO ${to.roles.map((r) => (r === 'PUBLIC' ? r : ident(r))).join(', ')}`);
  if (from.using !== to.using && to.using) parts.push(`USING (${to.using})`);
  if (from.withCheck !== to.withCheck && to.withCheck) parts.push(`WITH CHECK (${to.withCheck})`);
  const out: Stmt[] = parts.length
    ? [stmt(`ALTER POLICY ${ident(to.name)} ON ${table} ${parts.join(' ')}`, `Modify policy "${to.name}"`)]
    : [];
  if (from.comment !== to.comment) out.push(commentOn(`POLICY ${ident(to.name)} ON ${table}`, to.comment));
  return out;
}

/** Whether CREATE OR REPLACE FUNCTION can take `from` to `to`. */
export function replaceableFunction(from: Func, to: Func): boolean {
  const inputs = (f: Func) => f.args.filter((a) => a.mode !== 'OUT').map((a) => a.name ?? '');
  return (
    from.kind === to.kind &&
    from.returns === to.returns &&
    JSON.stringify(inputs(from)) === JSON.stringify(inputs(to)) &&
    JSON.stringify(from.args.map((a) => [a.mode, a.type])) ===
      JSON.stringify(to.args.map((a) => [a.mode, a.type])) &&
    // Defaults can be added or changed in place, not removed.
    from.args.every((a, i) => a.default === undefined || to.args[i]?.default !== undefined)
  );
}

export function renameIndex(q: string, from: Index, to: Index): Stmt {
  return stmt(`ALTER INDEX ${q} RENAME TO ${ident(to.name)}`, `Rename index "${from.name}" to "${to.name}"`);
}
