// Writing a realm as an Atlas schema document: tables first (by schema, then name), then the
// other objects, then the `schema` blocks, as `atlas schema inspect` lays them out. Reading the
// output back gives the same realm once the dev database has printed it.

import { splitTopLevel } from '../../drivers/postgres/sql.ts';
import type { Column, DefaultValue, Dialect, ObjectRef, Realm, Schema, Table } from '../../schema/model.ts';
import { attr, block, type HclAttr, type HclBlock, hclString, list, object, writeBlocks } from '../write.ts';
import { sequenceDefaults } from './decode-table.ts';
import { encodeObjects } from './encode-objects.ts';
import { typeHcl } from './types.ts';
import { toWord } from './words.ts';

export function encodeSchemaHcl(realm: Realm): string {
  const names = new Names(realm);
  const blocks: HclBlock[] = [];
  for (const s of realm.schemas) for (const t of s.tables) blocks.push(encodeTable(s, t, names));
  blocks.push(...encodeObjects(realm, names));
  for (const s of realm.schemas) blocks.push(encodeSchema(s, realm.dialect));
  return writeBlocks(blocks);
}

/**
 * How objects are referred to. A name used in more than one schema is written qualified
 * (`table "a" "users"`, `table.a.users`) everywhere, as Atlas does.
 */
export class Names {
  private readonly ambiguous = new Set<string>();
  readonly dialect: Dialect;
  private readonly present = new Set<string>();

  constructor(readonly realm: Realm) {
    this.dialect = realm.dialect;
    const seen = new Map<string, string>();
    const note = (kind: string, schema: string, name: string) => {
      const key = `${kind}:${name}`;
      const first = seen.get(key);
      if (first !== undefined && first !== schema) this.ambiguous.add(key);
      seen.set(key, schema);
      this.present.add(`${kind}:${schema}.${name}`);
    };
    for (const s of realm.schemas) {
      for (const t of s.tables) note('table', s.name, t.name);
      for (const v of s.views) note('view', s.name, v.name);
      for (const m of s.materializedViews) note('materialized', s.name, m.name);
      for (const e of s.enums) note('enum', s.name, e.name);
      for (const d of s.domains) note('domain', s.name, d.name);
      for (const c of s.composites) note('composite', s.name, c.name);
      for (const r of s.ranges) note('range', s.name, r.name);
      for (const q of s.sequences) note('sequence', s.name, q.name);
      for (const f of s.functions) note(f.kind, s.name, f.name);
      for (const a of s.aggregates) note('aggregate', s.name, a.name);
    }
  }

  has(kind: string, ref: ObjectRef): boolean {
    return this.present.has(`${kind}:${ref.schema}.${ref.name}`);
  }

  /** Block labels: `"name"`, or `"schema" "name"` when the name is ambiguous. */
  labels(kind: string, schema: string, name: string): string[] {
    return this.ambiguous.has(`${kind}:${name}`) ? [schema, name] : [name];
  }

  /** `table.users` / `table.a.users` / `table["odd name"]`. */
  ref(kind: string, ref: ObjectRef): string {
    return [kind, ...this.labels(kind, ref.schema, ref.name)].map(step).join('');
  }
}

const step = (s: string, i: number) =>
  i === 0 ? s : /^[A-Za-z_][\w-]*$/.test(s) ? `.${s}` : `[${hclString(s)}]`;

/** `column.x` of the table being written. */
export const columnRef = (c: string) => `column${step(c, 1)}`;

export const schemaRef = (s: string) => `schema${step(s, 1)}`;

function encodeSchema(s: Schema, dialect: Dialect): HclBlock {
  return block(
    'schema',
    [s.name],
    [
      s.comment !== undefined ? attr('comment', hclString(s.comment)) : undefined,
      dialect === 'mysql' && s.charset ? attr('charset', hclString(s.charset)) : undefined,
      dialect === 'mysql' && s.collation ? attr('collate', hclString(s.collation)) : undefined,
    ],
  );
}

function encodeTable(s: Schema, t: Table, n: Names): HclBlock {
  const mysql = n.dialect === 'mysql';
  const own = { schema: s.name, name: t.name };
  const items: (HclAttr | HclBlock | undefined)[] = [attr('schema', schemaRef(s.name))];
  if (t.comment !== undefined) items.push(attr('comment', hclString(t.comment)));
  if (mysql) {
    if (t.charset) items.push(attr('charset', hclString(t.charset)));
    if (t.collation) items.push(attr('collate', hclString(t.collation)));
    if (t.engine) items.push(attr('engine', word(t.engine)));
    if (t.autoIncrement !== undefined) items.push(attr('auto_increment', String(t.autoIncrement)));
    if (t.rowFormat) items.push(attr('row_format', word(t.rowFormat)));
    if (t.storageParams?.length) items.push(attr('options', object(t.storageParams)));
  } else {
    if (t.unlogged) items.push(attr('unlogged', 'true'));
    if (t.partitionOf) {
      items.push(attr('partition_of', n.ref('table', t.partitionOf.parent)));
      items.push(attr('partition_bound', hclString(t.partitionOf.bound)));
    }
    if (t.inherits?.length) items.push(attr('inherits', list(t.inherits.map((p) => n.ref('table', p)))));
    if (t.storageParams?.length) items.push(attr('storage_params', object(t.storageParams)));
  }
  for (const c of t.columns) if (!c.inherited) items.push(encodeColumn(c, t, n));
  if (t.primaryKey) {
    const pk = t.primaryKey;
    const dflt = mysql ? 'PRIMARY' : `${t.name}_pkey`;
    items.push(
      block('primary_key', pk.name === dflt ? [] : [pk.name], [
        attr('columns', list(pk.columns.map(columnRef))),
        pk.include?.length ? attr('include', list(pk.include.map(columnRef))) : undefined,
        pk.comment !== undefined ? attr('comment', hclString(pk.comment)) : undefined,
        pk.storageParams?.length ? attr('storage_params', object(pk.storageParams)) : undefined,
      ]),
    );
  }
  for (const fk of t.foreignKeys) {
    const target = fk.references;
    const self = target.schema === own.schema && target.name === own.name;
    items.push(
      block(
        'foreign_key',
        [fk.name],
        [
          attr('columns', list(fk.columns.map(columnRef))),
          attr(
            'ref_columns',
            list(
              target.columns.map((c) => (self ? columnRef(c) : `${n.ref('table', target)}.${columnRef(c)}`)),
            ),
          ),
          // MySQL's default action is RESTRICT, so only what the key says is written there.
          mysql && !fk.onUpdate ? undefined : attr('on_update', toWord(fk.onUpdate ?? 'NO ACTION')),
          mysql && !fk.onDelete ? undefined : attr('on_delete', toWord(fk.onDelete ?? 'NO ACTION')),
          fk.match ? attr('match', fk.match) : undefined,
          fk.deferrable ? attr('deferrable', toWord(fk.deferrable)) : undefined,
          fk.notValid ? attr('not_valid', 'true') : undefined,
          fk.comment !== undefined ? attr('comment', hclString(fk.comment)) : undefined,
        ],
      ),
    );
  }
  for (const i of t.indexes) items.push(encodeIndex(i, n.dialect));
  for (const u of t.uniques) {
    items.push(
      block(
        'unique',
        [u.name],
        [
          attr('columns', list(u.columns.map(columnRef))),
          u.include?.length ? attr('include', list(u.include.map(columnRef))) : undefined,
          u.nullsNotDistinct ? attr('nulls_distinct', 'false') : undefined,
          u.deferrable ? attr('deferrable', toWord(u.deferrable)) : undefined,
          u.comment !== undefined ? attr('comment', hclString(u.comment)) : undefined,
          u.storageParams?.length ? attr('storage_params', object(u.storageParams)) : undefined,
        ],
      ),
    );
  }
  for (const c of t.checks) {
    if (c.column !== undefined && mysql) continue;
    items.push(
      block(
        'check',
        [c.name],
        [
          attr('expr', hclString(c.expr)),
          c.noInherit ? attr('no_inherit', 'true') : undefined,
          c.notValid ? attr('not_valid', 'true') : undefined,
          c.notEnforced ? attr('enforced', 'false') : undefined,
          c.comment !== undefined ? attr('comment', hclString(c.comment)) : undefined,
        ],
      ),
    );
  }
  for (const x of t.exclusions) items.push(encodeExclusion(x));
  if (t.partitioning) items.push(encodePartition(t.partitioning, mysql));
  if (t.rls && (t.rls.enabled || t.rls.forced)) {
    items.push(
      block(
        'row_security',
        [],
        [attr('enabled', String(t.rls.enabled)), attr('enforced', String(t.rls.forced))],
      ),
    );
  }
  if (t.dependsOn?.length) items.push(dependsOnAttr(t.dependsOn, n));
  return block('table', n.labels('table', s.name, t.name), items);
}

function encodeColumn(c: Column, t: Table, n: Names): HclBlock {
  const mysql = n.dialect === 'mysql';
  const items: (HclAttr | HclBlock | undefined)[] = [
    attr('null', String(c.nullable)),
    attr('type', columnTypeHcl(c, n)),
  ];
  if (mysql && c.type.unsigned) items.push(attr('unsigned', 'true'));
  if (c.default) items.push(attr('default', defaultHcl(c.default, c.type.raw, n.dialect)));
  if (mysql) {
    if (c.autoIncrement) items.push(attr('auto_increment', 'true'));
    if (c.onUpdate) items.push(attr('on_update', `sql(${hclString(c.onUpdate)})`));
    if (c.collation && c.collation !== t.collation) {
      if (c.charset) items.push(attr('charset', hclString(c.charset)));
      items.push(attr('collate', hclString(c.collation)));
    }
    const check = t.checks.find((ch) => ch.column === c.name);
    if (check) items.push(attr('check', hclString(check.expr)));
  } else if (c.collation) {
    items.push(attr('collate', hclString(c.collation)));
  }
  if (c.identity) {
    const d = sequenceDefaults(c.type.raw, BigInt(c.identity.sequence.increment));
    items.push(
      block(
        'identity',
        [],
        [attr('generated', toWord(c.identity.generation)), ...sequenceAttrs(c.identity.sequence, d)],
      ),
    );
  }
  if (c.generated) {
    items.push(
      block(
        'as',
        [],
        [attr('expr', hclString(c.generated.expr)), attr('type', c.generated.stored ? 'STORED' : 'VIRTUAL')],
      ),
    );
  }
  if (c.comment !== undefined) items.push(attr('comment', hclString(c.comment)));
  return block('column', [c.name], items);
}

/** Sequence options that differ from the defaults, as attributes. */
export function sequenceAttrs(
  o: import('../../schema/model.ts').SequenceOptions,
  d: import('../../schema/model.ts').SequenceOptions,
): HclAttr[] {
  const out: HclAttr[] = [];
  const num = (v: string) => (Number.isSafeInteger(Number(v)) ? v : hclString(v));
  if (o.start !== d.start) out.push(attr('start', num(o.start)));
  if (o.increment !== '1') out.push(attr('increment', num(o.increment)));
  if (o.min !== d.min) out.push(attr('min_value', num(o.min)));
  if (o.max !== d.max) out.push(attr('max_value', num(o.max)));
  if (o.cache !== d.cache) out.push(attr('cache', num(o.cache)));
  if (o.cycle) out.push(attr('cycle', 'true'));
  return out;
}

export function columnTypeHcl(c: Pick<Column, 'type'>, n: Names): string {
  return typeRefHcl(c.type.raw, c.type.arrayDims ? undefined : c.type.ref, n);
}

/** A type: a reference to a type the document declares (`enum.status`), else as SQL. */
export function typeRefHcl(raw: string, ref: ObjectRef | undefined, n: Names): string {
  if (ref) {
    for (const kind of ['enum', 'domain', 'composite', 'range'])
      if (n.has(kind, ref)) return n.ref(kind, ref);
  }
  return typeHcl(raw, n.dialect);
}

/** A literal default as a string, number or bool where that reads back the same; else sql(). */
export function defaultHcl(d: DefaultValue, type: string, dialect: Dialect): string {
  const v = d.value;
  if (d.kind === 'literal') {
    if (/^-?\d{1,15}(\.\d{1,15})?$/.test(v) && String(Number(v)) === v) return v;
    if (/^(true|false)$/i.test(v) && dialect === 'postgres') return v.toLowerCase();
    const str =
      dialect === 'mysql' ? /^'((?:[^'\\]|''|\\.)*)'$/s.exec(v) : /^'((?:[^']|'')*)'(?:::(.+))?$/s.exec(v);
    if (str && (str[2] === undefined || sameType(str[2], type))) {
      const text = str[1]!.replace(/''/g, "'");
      return hclString(
        dialect === 'mysql' ? text.replace(/\\(.)/gs, (_, ch: string) => MYSQL_ESCAPES[ch] ?? ch) : text,
      );
    }
  }
  return `sql(${hclString(v)})`;
}

const MYSQL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', Z: '\x1a', b: '\b' };

/** `'x'::character varying` on a `character varying(20)` column: the cast is the column's own. */
const sameType = (cast: string, type: string) =>
  cast
    .replace(/\(.*\)/, '')
    .trim()
    .toLowerCase() ===
  type
    .replace(/\(.*?\)/, '')
    .trim()
    .toLowerCase();

export function encodeIndex(i: import('../../schema/model.ts').Index, dialect: Dialect): HclBlock {
  const simple = i.parts.every(
    (p) =>
      p.column !== undefined && !p.desc && !p.collation && !p.opclass && !p.nulls && p.prefix === undefined,
  );
  const items: (HclAttr | HclBlock | undefined)[] = [];
  if (i.unique) items.push(attr('unique', 'true'));
  if (i.method) items.push(attr('type', word(i.method.toUpperCase())));
  if (simple) items.push(attr('columns', list(i.parts.map((p) => columnRef(p.column!)))));
  else {
    for (const p of i.parts) {
      items.push(
        block(
          'on',
          [],
          [
            p.column !== undefined ? attr('column', columnRef(p.column)) : attr('expr', hclString(p.expr!)),
            p.desc ? attr('desc', 'true') : undefined,
            p.collation ? attr('collate', hclString(p.collation)) : undefined,
            p.opclass ? attr('ops', word(p.opclass)) : undefined,
            p.nulls === 'FIRST' ? attr('nulls_first', 'true') : undefined,
            p.nulls === 'LAST' ? attr('nulls_last', 'true') : undefined,
            p.prefix !== undefined ? attr('prefix', String(p.prefix)) : undefined,
          ],
        ),
      );
    }
  }
  if (i.include?.length) items.push(attr('include', list(i.include.map(columnRef))));
  if (i.where) items.push(attr('where', hclString(i.where)));
  if (i.nullsNotDistinct) items.push(attr('nulls_distinct', 'false'));
  if (i.storageParams?.length) items.push(attr('storage_params', object(i.storageParams)));
  if (i.parser) items.push(attr('parser', word(i.parser)));
  if (i.attachedTo) items.push(attr('attached_to', hclString(`${i.attachedTo.schema}.${i.attachedTo.name}`)));
  if (i.invisible)
    items.push(attr(dialect === 'mysql' ? 'visible' : 'invisible', dialect === 'mysql' ? 'false' : 'true'));
  if (i.comment !== undefined) items.push(attr('comment', hclString(i.comment)));
  return block('index', [i.name], items);
}

/** `EXCLUDE USING gist (c WITH &&, (expr) WITH =) WHERE (...)` as `on` blocks. */
function encodeExclusion(x: Table['exclusions'][number]): HclBlock {
  const m = /^EXCLUDE USING (\w+) \(/.exec(x.definition);
  const close = m ? closingParen(x.definition, m[0].length) : -1;
  const rest =
    close < 0 ? null : /^(?: INCLUDE \((.*?)\))?(?: WHERE \((.*)\))?$/s.exec(x.definition.slice(close + 1));
  const parts =
    m && rest
      ? splitTopLevel(x.definition.slice(m[0].length, close)).map((p) =>
          /^(.*?)( DESC)? WITH (\S+)$/s.exec(p.trim()),
        )
      : [];
  if (!m || !rest || parts.some((p) => !p))
    throw new Error(`cannot write exclusion constraint ${x.name}: ${x.definition}`);
  const items: (HclAttr | HclBlock | undefined)[] = [attr('type', m[1]!.toUpperCase())];
  for (const p of parts) {
    const elem = p![1]!.trim();
    const col = /^("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(?: ([a-z_][\w.]*))?$/i.exec(elem);
    items.push(
      block(
        'on',
        [],
        [
          col
            ? attr('column', columnRef(unquote(col[1]!)))
            : attr('expr', hclString(elem.replace(/^\((.*)\)$/s, '$1'))),
          col?.[2] ? attr('ops', word(col[2])) : undefined,
          p![2] ? attr('desc', 'true') : undefined,
          attr('op', hclString(p![3]!)),
        ],
      ),
    );
  }
  if (rest[1])
    items.push(attr('include', list(splitTopLevel(rest[1]).map((c) => columnRef(unquote(c.trim()))))));
  if (rest[2]) items.push(attr('where', hclString(rest[2])));
  if (x.deferrable) items.push(attr('deferrable', toWord(x.deferrable)));
  if (x.comment !== undefined) items.push(attr('comment', hclString(x.comment)));
  return block('exclude', [x.name], items);
}

const unquote = (id: string) => (id.startsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id);

/** The index of the `)` that closes the parenthesis opened just before `from` (quotes skipped). */
function closingParen(s: string, from: number): number {
  let depth = 1;
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function encodePartition(p: NonNullable<Table['partitioning']>, mysql: boolean): HclBlock {
  const items: (HclAttr | HclBlock | undefined)[] = [attr('type', p.strategy)];
  const colName = (k: string) =>
    mysql
      ? /^`?([^`()]+)`?$/.exec(k)?.[1]
      : /^("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)$/.exec(k)?.[1]?.replace(/^"|"$/g, '').replace(/""/g, '"');
  const allColumns = p.key.every((k) => colName(k) !== undefined);
  if (allColumns && (!mysql || p.columns || p.key.length === 1)) {
    items.push(attr('columns', list(p.key.map((k) => columnRef(colName(k)!)))));
    if (mysql && !p.columns && (p.strategy === 'RANGE' || p.strategy === 'LIST'))
      items.push(attr('by_columns', 'false'));
  } else {
    for (const k of p.key) {
      const c = colName(k);
      items.push(
        block(
          'by',
          [],
          [
            c !== undefined
              ? attr('column', columnRef(c))
              : attr('expr', hclString(k.replace(/^\((.*)\)$/s, '$1'))),
          ],
        ),
      );
    }
  }
  if (mysql) {
    if (p.linear) items.push(attr('linear', 'true'));
    if (p.count !== undefined) items.push(attr('count', String(p.count)));
    for (const part of p.partitions ?? []) {
      items.push(
        block(
          'part',
          [part.name],
          [
            attr('bound', hclString(part.bound)),
            part.comment !== undefined ? attr('comment', hclString(part.comment)) : undefined,
          ],
        ),
      );
    }
    if (p.sub) {
      items.push(
        block(
          'sub',
          [],
          [
            attr('type', p.sub.strategy),
            attr('key', hclString(p.sub.key)),
            attr('count', String(p.sub.count)),
            p.sub.linear ? attr('linear', 'true') : undefined,
          ],
        ),
      );
    }
  }
  return block('partition', [], items);
}

/** `depends_on` with the objects the document holds (others cannot be referred to). */
export function dependsOnAttr(deps: NonNullable<Table['dependsOn']>, n: Names): HclAttr | undefined {
  const kinds: Record<string, string> = {
    table: 'table',
    view: 'view',
    materialized_view: 'materialized',
    function: 'function',
    aggregate: 'aggregate',
    sequence: 'sequence',
  };
  const refs = deps.flatMap((d) => {
    const kind = kinds[d.kind];
    return kind && n.has(kind, d) ? [n.ref(kind, d)] : [];
  });
  return refs.length ? attr('depends_on', list([...new Set(refs)])) : undefined;
}

/** A keyword-like value bare (`InnoDB`, `GIN`), anything else quoted. */
export function word(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !['null', 'true', 'false'].includes(s) ? s : hclString(s);
}
