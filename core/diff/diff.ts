// Realm x Realm -> Change[]. Objects are matched by name (functions and aggregates by name and
// identity arguments; renames only from explicit hints), then compared field by field.
//
// Both realms are expected to be printed by the same PostgreSQL (the dev database normalizes the
// desired side, and the target's own inspection the current one), so expressions compare as
// text. What is not part of an object's definition is ignored: `dependsOn` (derived from the
// catalog), extension versions and comments (they come with the extension's package).
import type { RenameHint } from '../devdb/devdb.ts';
import { printedName } from '../drivers/postgres/sql.ts';
import { canonicalJson } from '../schema/fingerprint.ts';
import {
  type Column,
  type Dialect,
  emptySchema,
  type ForeignKey,
  type Realm,
  type Schema,
  type Table,
} from '../schema/model.ts';
import type { Change, ColumnAttr, TableAttr, TableChange } from './changes.ts';
import type { DiffPolicy } from './policy.ts';
import { applyPolicy } from './skip.ts';

export interface DiffOptions {
  policy?: DiffPolicy | undefined;
  hints?: RenameHint[];
}

/**
 * Definition equality: canonical JSON without the fields that are not part of a definition.
 * `ignore` names top-level fields only (a constraint's own name, not the name of the table its
 * foreign key references); `dependsOn` is ignored at every depth.
 */
export function same(a: unknown, b: unknown, ignore: readonly string[] = []): boolean {
  return canonicalJson(strip(a, ignore)) === canonicalJson(strip(b, ignore));
}

function strip(v: unknown, ignore: readonly string[]): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => strip(x, []));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'dependsOn' && !ignore.includes(k)) out[k] = strip(x, []);
  }
  return out;
}

const byName = <T extends { name: string }>(list: readonly T[]) => new Map(list.map((x) => [x.name, x]));

/**
 * Pairs two lists by key: [from, to] for matches, [from, undefined] for drops, [undefined, to]
 * for adds. Unmatched objects whose definitions are equal apart from the name are paired too:
 * a constraint or index named by the system on one side and by the user on the other.
 */
function pair<T extends { name: string }>(
  from: readonly T[],
  to: readonly T[],
  key: (x: T) => string = (x) => x.name,
  matchByDefinition = false,
): [T | undefined, T | undefined][] {
  const toByKey = new Map(to.map((x) => [key(x), x]));
  const out: [T | undefined, T | undefined][] = [];
  const unmatchedFrom: T[] = [];
  const matched = new Set<T>();
  for (const f of from) {
    const t = toByKey.get(key(f));
    if (t) {
      out.push([f, t]);
      matched.add(t);
    } else unmatchedFrom.push(f);
  }
  const unmatchedTo = to.filter((t) => !matched.has(t));
  for (const f of unmatchedFrom) {
    const i = matchByDefinition ? unmatchedTo.findIndex((t) => same(f, t, ['name', 'comment'])) : -1;
    if (i >= 0) {
      out.push([f, unmatchedTo[i]]);
      unmatchedTo.splice(i, 1);
    } else out.push([f, undefined]);
  }
  for (const t of unmatchedTo) out.push([undefined, t]);
  return out;
}

export function diffRealms(from: Realm, to: Realm, opts: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  const hints = opts.hints ?? [];
  for (const [f, t] of pair(from.schemas, to.schemas)) {
    if (f && !t) changes.push({ kind: 'drop_schema', obj: f });
    else if (!f && t) {
      changes.push({ kind: 'add_schema', obj: t });
      diffSchema(undefined, t, hints, changes, to.dialect);
    } else if (f && t) {
      if (f.comment !== t.comment || f.charset !== t.charset || f.collation !== t.collation)
        changes.push({ kind: 'modify_schema', from: f, to: t });
      diffSchema(f, t, hints, changes, to.dialect);
    }
  }
  // Versions and comments come with an extension's package, not with the schema the user wrote.
  for (const [f, t] of pair(from.extensions, to.extensions)) {
    if (f && !t) changes.push({ kind: 'drop_extension', obj: f });
    else if (!f && t) changes.push({ kind: 'add_extension', obj: t });
    else if (f && t && f.schema !== t.schema) changes.push({ kind: 'modify_extension', from: f, to: t });
  }
  for (const [f, t] of pair(from.eventTriggers, to.eventTriggers)) {
    if (f && !t) changes.push({ kind: 'drop_event_trigger', obj: f });
    else if (!f && t) changes.push({ kind: 'add_event_trigger', obj: t });
    else if (f && t && !same(f, t)) changes.push({ kind: 'modify_event_trigger', from: f, to: t });
  }
  return applyPolicy(changes, opts.policy);
}

function diffSchema(
  f: Schema | undefined,
  t: Schema,
  hints: RenameHint[],
  out: Change[],
  dialect: Dialect,
): void {
  const schema = t.name;
  const from = f ?? emptySchema(schema);
  diffTables(schema, from.tables, t.tables, hints, out, dialect);
  const simple = <T extends { name: string }, K extends string>(
    kind: K,
    a: T[],
    b: T[],
    key?: (x: T) => string,
  ) => {
    for (const [x, y] of pair(a, b, key)) {
      if (x && !y) out.push({ kind: `drop_${kind}`, schema, obj: x } as unknown as Change);
      else if (!x && y) out.push({ kind: `add_${kind}`, schema, obj: y } as unknown as Change);
      else if (x && y && !same(x, y))
        out.push({ kind: `modify_${kind}`, schema, from: x, to: y } as unknown as Change);
    }
  };
  simple('view', from.views, t.views);
  simple('materialized_view', from.materializedViews, t.materializedViews);
  simple('sequence', from.sequences, t.sequences);
  const sig = (x: { name: string; identityArgs: string }) => `${x.name}(${x.identityArgs})`;
  simple('function', from.functions, t.functions, sig);
  simple('aggregate', from.aggregates, t.aggregates, sig);
  simple('enum', from.enums, t.enums);
  simple('domain', from.domains, t.domains);
  simple('composite', from.composites, t.composites);
  simple('range', from.ranges, t.ranges);
  simple('event', from.events ?? [], t.events ?? []);
}

function diffTables(
  schema: string,
  from: Table[],
  to: Table[],
  hints: RenameHint[],
  out: Change[],
  dialect: Dialect,
): void {
  const toByName = byName(to);
  const fromByName = byName(from);
  // An explicit rename hint pairs an old table with its new name.
  const renamed = new Map<string, string>();
  for (const h of hints) {
    if (
      h.kind === 'table' &&
      h.schema === schema &&
      fromByName.has(h.from) &&
      toByName.has(h.to) &&
      !fromByName.has(h.to)
    ) {
      renamed.set(h.from, h.to);
    }
  }
  const key = (t: Table) => renamed.get(t.name) ?? t.name;
  for (const [f, t] of pair(from, to, key)) {
    if (f && !t) out.push({ kind: 'drop_table', schema, obj: f });
    else if (!f && t) out.push({ kind: 'add_table', schema, obj: t });
    else if (f && t) {
      if (f.name !== t.name) out.push({ kind: 'rename_table', schema, from: f, to: t });
      // A new PostgreSQL partitioning scheme cannot be altered into place: the table is
      // re-created. MySQL re-partitions in place (ALTER TABLE ... PARTITION BY), keeping rows.
      if (dialect === 'postgres' && !same(f.partitioning, t.partitioning)) {
        out.push({ kind: 'drop_table', schema, obj: f }, { kind: 'add_table', schema, obj: t });
        continue;
      }
      const changes = diffTable(schema, f, t, hints, dialect);
      if (changes.length) out.push({ kind: 'modify_table', schema, from: f, to: t, changes });
    }
  }
}

export function diffTable(
  schema: string,
  current: Table,
  t: Table,
  hints: RenameHint[] = [],
  dialect: Dialect = 'postgres',
): TableChange[] {
  let f = current;
  const out: TableChange[] = [];
  const hinted = (kind: RenameHint['kind']) =>
    new Map(
      hints
        .filter((h) => h.kind === kind && h.schema === schema && h.table === t.name)
        .map((h) => [h.from, h.to]),
    );
  const colRenames = hinted('column');
  const toCols = new Set(t.columns.map((c) => c.name));
  const colKey = (c: Column) =>
    colRenames.has(c.name) && !toCols.has(c.name) ? colRenames.get(c.name)! : c.name;
  for (const [a, b] of pair(f.columns, t.columns, colKey)) {
    if (a && !b) out.push({ kind: 'drop_column', column: a });
    else if (!a && b) out.push({ kind: 'add_column', column: b });
    else if (a && b) {
      if (a.name !== b.name) out.push({ kind: 'rename_column', from: a, to: b });
      const what = columnChanges(a, b);
      if (what.length) out.push({ kind: 'modify_column', from: a, to: b, what });
    }
  }
  // Constraints and indexes follow a column rename by themselves: compare them as renamed.
  const applied = new Map(
    out.flatMap((c) => (c.kind === 'rename_column' ? [[c.from.name, c.to.name] as const] : [])),
  );
  f = applied.size ? renameColumnRefs(f, applied) : f;
  const comment = (
    target: Extract<TableChange, { kind: 'modify_comment' }>['target'],
    x: { comment?: string },
    y: { name: string; comment?: string },
  ) => {
    if (x.comment !== y.comment)
      out.push({ kind: 'modify_comment', target, name: y.name, comment: y.comment });
  };
  if (!same(f.primaryKey, t.primaryKey, ['comment'])) {
    if (f.primaryKey) out.push({ kind: 'drop_primary_key', pk: f.primaryKey });
    if (t.primaryKey) out.push({ kind: 'add_primary_key', pk: t.primaryKey });
  } else if (f.primaryKey && t.primaryKey) comment('constraint', f.primaryKey, t.primaryKey);
  // A constraint that becomes valid is validated in place; one that is valid where NOT VALID is
  // desired stays as it is (PostgreSQL cannot un-validate, and valid satisfies the desire).
  const validity = <T extends { name: string; notValid?: boolean }>(x: T, y: T): boolean => {
    if (!same(x, y, ['comment', 'name', 'notValid'])) return false;
    if (x.notValid && !y.notValid) out.push({ kind: 'validate_constraint', name: x.name });
    return true;
  };
  const constraints = <T extends { name: string; comment?: string; notValid?: boolean }>(
    a: T[],
    b: T[],
    add: (x: T) => TableChange,
    drop: (x: T) => TableChange,
  ) => {
    for (const [x, y] of pair(a, b, undefined, true)) {
      const kept = !!x && !!y && validity(x, y);
      if (x && !kept) out.push(drop(x));
      if (y && !kept) out.push(add(y));
      if (x && y && kept) comment('constraint', x, y);
    }
  };
  constraints(
    f.uniques,
    t.uniques,
    (unique) => ({ kind: 'add_unique', unique }),
    (unique) => ({ kind: 'drop_unique', unique }),
  );
  constraints(
    f.checks,
    t.checks,
    (check) => ({ kind: 'add_check', check }),
    (check) => ({ kind: 'drop_check', check }),
  );
  constraints(
    f.exclusions,
    t.exclusions,
    (exclusion) => ({ kind: 'add_exclusion', exclusion }),
    (exclusion) => ({ kind: 'drop_exclusion', exclusion }),
  );
  // A foreign key to a renamed table follows the rename by itself.
  const renamedRef = (fk: ForeignKey): ForeignKey => {
    const h = hints.find(
      (x) => x.kind === 'table' && x.schema === fk.references.schema && x.from === fk.references.name,
    );
    return h ? { ...fk, references: { ...fk.references, name: h.to } } : fk;
  };
  for (const [x, y] of pair(f.foreignKeys.map(renamedRef), t.foreignKeys, undefined, true)) {
    if (x && !y) out.push({ kind: 'drop_foreign_key', fk: x });
    else if (!x && y) out.push({ kind: 'add_foreign_key', fk: y });
    else if (x && y && !validity(x, y)) out.push({ kind: 'modify_foreign_key', from: x, to: y });
    else if (x && y) comment('constraint', x, y);
  }
  const idxRenames = hinted('index');
  const toIdx = new Set(t.indexes.map((i) => i.name));
  const idxKey = (i: { name: string }) =>
    idxRenames.has(i.name) && !toIdx.has(i.name) ? idxRenames.get(i.name)! : i.name;
  for (const [x, y] of pair(f.indexes, t.indexes, idxKey, true)) {
    if (x && !y) out.push({ kind: 'drop_index', index: x });
    else if (!x && y) out.push({ kind: 'add_index', index: y });
    else if (x && y) {
      if (!same(x, y, ['comment', 'name'])) out.push({ kind: 'modify_index', from: x, to: y });
      else {
        if (x.name !== y.name && idxRenames.get(x.name) === y.name)
          out.push({ kind: 'rename_index', from: x, to: y });
        comment('index', x, y);
      }
    }
  }
  for (const [x, y] of pair(f.triggers, t.triggers)) {
    if (x && !y) out.push({ kind: 'drop_trigger', trigger: x });
    else if (!x && y) out.push({ kind: 'add_trigger', trigger: y });
    else if (x && y && !same(x, y, ['comment'])) out.push({ kind: 'modify_trigger', from: x, to: y });
    else if (x && y) comment('trigger', x, y);
  }
  for (const [x, y] of pair(f.policies, t.policies)) {
    if (x && !y) out.push({ kind: 'drop_policy', policy: x });
    else if (!x && y) out.push({ kind: 'add_policy', policy: y });
    else if (x && y && !same(x, y, ['comment'])) out.push({ kind: 'modify_policy', from: x, to: y });
    else if (x && y) comment('policy', x, y);
  }
  for (const [x, y] of pair(f.rules ?? [], t.rules ?? [])) {
    if (x && !y) out.push({ kind: 'drop_rule', rule: x });
    else if (!x && y) out.push({ kind: 'add_rule', rule: y });
    else if (x && y && !same(x, y, ['comment'])) out.push({ kind: 'modify_rule', from: x, to: y });
    else if (x && y) comment('rule', x, y);
  }
  const attrs: TableAttr[] = [];
  if (f.comment !== t.comment) attrs.push('comment');
  if (!same(f.rls ?? { enabled: false, forced: false }, t.rls ?? { enabled: false, forced: false }))
    attrs.push('rls');
  if (!!f.unlogged !== !!t.unlogged) attrs.push('unlogged');
  if (!same(f.storageParams ?? [], t.storageParams ?? [])) attrs.push('storage_params');
  if (!same(f.partitionOf, t.partitionOf)) attrs.push('partition_bound');
  if (!same(f.inherits ?? [], t.inherits ?? [])) attrs.push('inherits');
  if (dialect === 'mysql') attrs.push(...mysqlTableAttrs(f, t));
  if (attrs.length) out.push({ kind: 'modify_table_attrs', what: attrs });
  return out;
}

function mysqlTableAttrs(f: Table, t: Table): TableAttr[] {
  const attrs: TableAttr[] = [];
  if (f.engine !== t.engine) attrs.push('engine');
  if (f.charset !== t.charset || f.collation !== t.collation) attrs.push('charset');
  if (f.rowFormat !== t.rowFormat) attrs.push('row_format');
  // The counter only moves up with the data: a desired start below it is already satisfied.
  if (t.autoIncrement !== undefined && t.autoIncrement > (f.autoIncrement ?? 1)) attrs.push('auto_increment');
  if (!same(f.partitioning, t.partitioning)) attrs.push('partitioning');
  // Columns both sides keep, in their order on each side; added and dropped ones do not count.
  const kept = new Set(t.columns.map((c) => c.name));
  const before = f.columns.map((c) => c.name).filter((n) => kept.has(n));
  const had = new Set(before);
  const after = t.columns.map((c) => c.name).filter((n) => had.has(n));
  if (before.join('\0') !== after.join('\0') || addedOutOfPlace(f, t)) attrs.push('column_order');
  return attrs;
}

/** A column added anywhere but after the last column: ADD COLUMN alone would append it. */
function addedOutOfPlace(f: Table, t: Table): boolean {
  const had = new Set(f.columns.map((c) => c.name));
  let seenNew = false;
  for (const c of t.columns) {
    if (!had.has(c.name)) seenNew = true;
    else if (seenNew) return true;
  }
  return false;
}

function columnChanges(a: Column, b: Column): ColumnAttr[] {
  // Direct comparisons: this runs for every column of every table, where serializing for
  // `same` was the differ's largest cost.
  const what: ColumnAttr[] = [];
  if (a.type.normalized !== b.type.normalized || (a.type.arrayDims ?? 0) !== (b.type.arrayDims ?? 0))
    what.push('type');
  if (a.nullable !== b.nullable) what.push('nullable');
  if (a.default?.kind !== b.default?.kind || a.default?.value !== b.default?.value) what.push('default');
  if ((a.identity || b.identity) && !same(a.identity, b.identity)) what.push('identity');
  if (a.generated?.expr !== b.generated?.expr || a.generated?.stored !== b.generated?.stored)
    what.push('generated');
  if (a.collation !== b.collation) what.push('collation');
  if (a.comment !== b.comment) what.push('comment');
  if (a.charset !== b.charset) what.push('charset');
  if (a.onUpdate !== b.onUpdate) what.push('on_update');
  if (!!a.autoIncrement !== !!b.autoIncrement) what.push('auto_increment');
  return what;
}

/** The table with renamed columns replaced in its constraints and indexes. */
function renameColumnRefs(t: Table, renames: ReadonlyMap<string, string>): Table {
  const col = (c: string) => renames.get(c) ?? c;
  const cols = (list: string[] | undefined) => list?.map(col);
  const expr = (e: string | undefined) => (e === undefined ? e : renameIdentifiers(e, renames));
  return {
    ...t,
    primaryKey: t.primaryKey && {
      ...t.primaryKey,
      columns: cols(t.primaryKey.columns)!,
      ...(t.primaryKey.include ? { include: cols(t.primaryKey.include) } : {}),
    },
    uniques: t.uniques.map((u) => ({
      ...u,
      columns: cols(u.columns)!,
      ...(u.include ? { include: cols(u.include) } : {}),
    })),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: cols(fk.columns)! })),
    checks: t.checks.map((c) => ({ ...c, expr: expr(c.expr)! })),
    exclusions: t.exclusions.map((x) => ({ ...x, definition: expr(x.definition)! })),
    indexes: t.indexes.map((i) => ({
      ...i,
      parts: i.parts.map((p) => ({
        ...p,
        ...(p.column !== undefined ? { column: col(p.column) } : {}),
        ...(p.expr !== undefined ? { expr: expr(p.expr) } : {}),
      })),
      ...(i.include ? { include: cols(i.include) } : {}),
      ...(i.where !== undefined ? { where: expr(i.where) } : {}),
    })),
  };
}

/**
 * Replaces column identifiers in an expression as PostgreSQL prints it: bare lower-case names
 * or double-quoted ones, never inside string literals.
 */
export function renameIdentifiers(text: string, renames: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      const name = text.slice(i + 1, j).replace(/""/g, '"');
      out += renames.has(name) ? printedName(renames.get(name)!) : text.slice(i, j + 1);
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c) && !/[\w$.]/.test(text[i - 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      const name = m[0];
      // Columns of the table itself print unqualified; a name before `(` is a function.
      out += renames.has(name) && text[i + name.length] !== '(' ? printedName(renames.get(name)!) : name;
      i += name.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
