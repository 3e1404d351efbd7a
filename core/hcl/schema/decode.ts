// Reading an Atlas schema document into the model. The document is indexed first (every
// top-level block by kind and labels) so that references may point forward; then each block is
// decoded into its schema. What comes out is the desired state as written: the dev database
// prints it back in the database's own spelling before it is compared with anything.
import type { RenameHint } from '../../devdb/devdb.ts';
import {
  type Dialect,
  emptyRealm,
  emptySchema,
  type ObjectRef,
  type Realm,
  type Schema,
} from '../../schema/model.ts';
import { sortRealm } from '../../schema/order.ts';
import { BlockReader, expandForEach } from '../block-reader.ts';
import { Document, type DocumentOptions } from '../document.ts';
import type { Block, HclFile } from '../syntax/ast.ts';
import { closest, type HclFunction } from '../syntax/eval.ts';
import { HclError, type Range } from '../syntax/position.ts';
import { Ref } from '../values.ts';
import { decodeObject, OBJECT_KINDS } from './decode-objects.ts';
import { inferDependencies } from './infer-deps.ts';

/** Top-level block kinds of a schema document, and what each is called in messages. */
export const TOP_LEVEL = ['schema', 'table', ...OBJECT_KINDS] as const;
type Kind = (typeof TOP_LEVEL)[number];

export interface DecodeOptions {
  dialect: Dialect;
  vars?: DocumentOptions['vars'];
  undeclaredVars?: DocumentOptions['undeclaredVars'];
  functions?: Readonly<Record<string, HclFunction>>;
}

export interface DecodedSchema {
  realm: Realm;
  hints: RenameHint[];
}

/** One instance of a top-level block (a `for_each` block has several). */
export interface Entry {
  kind: Kind;
  labels: readonly string[];
  block: Block;
  reader: BlockReader;
  /** The object's name: its `name` attribute or last label. */
  readonly name: string;
}

/** What decoders of single blocks need from the whole document. */
export interface DecodeContext {
  dialect: Dialect;
  /** The schema an object is placed in (its `schema` attribute, or the only schema). */
  schemaOf(r: BlockReader): Schema;
  /** The entry a reference names, with the path after it (`column.id` of `table.users.column.id`). */
  resolve(ref: Ref, kinds: readonly Kind[]): { entry: Entry; rest: string[] };
  /** A reference to a column: of this table (`column.id`) or another (`table.users.column.id`). */
  columnRef(ref: Ref, ownTable: Entry | undefined): { table: ObjectRef; column: string };
  /** The schema and name of an object entry. */
  objectRef(entry: Entry): ObjectRef;
  hints: RenameHint[];
  /** Work that needs every object decoded first (a trigger that `precedes` a later one). */
  later: (() => void)[];
}

export function decodeSchemaHcl(files: readonly HclFile[], opts: DecodeOptions): DecodedSchema {
  const index = new Map<Kind, Entry[]>();
  const realm = emptyRealm(opts.dialect);
  const schemas = new Map<string, { schema: Schema; entry: Entry }>();
  const ctx: DecodeContext = {
    dialect: opts.dialect,
    hints: [],
    later: [],
    schemaOf(r) {
      const ref = r.ref('schema');
      if (!ref) {
        if (schemas.size === 1) return [...schemas.values()][0]!.schema;
        throw new HclError(
          `${r.what} has no schema: add schema = schema.<name>${schemas.size === 0 ? ' and a schema "<name>" {} block' : ''}`,
          r.block.typeRange,
        );
      }
      const { entry } = this.resolve(ref, ['schema']);
      return schemas.get(entry.name)!.schema;
    },
    resolve(ref, kinds) {
      return resolveRef(ref, kinds, index);
    },
    columnRef(ref, ownTable) {
      if (ref.path[0] === 'column' && ref.path.length === 2) {
        if (!ownTable)
          throw new HclError(
            `column.${ref.path[1]} is only valid inside a table: write table.<table>.column.${ref.path[1]}`,
            ref.range,
          );
        return { table: this.objectRef(ownTable), column: checkColumn(ownTable, ref.path[1]!, ref.range) };
      }
      const { entry, rest } = this.resolve(ref, ['table', 'view', 'materialized']);
      if (rest.length !== 2 || rest[0] !== 'column') {
        throw new HclError(
          `${ref.describe()} does not name a column: write ${ref.path.slice(0, ref.path.length - rest.length).join('.')}.column.<name>`,
          ref.range,
        );
      }
      return { table: this.objectRef(entry), column: checkColumn(entry, rest[1]!, ref.range) };
    },
    objectRef(entry) {
      return { schema: this.schemaOf(entry.reader).name, name: entry.name };
    },
  };

  const interpolate = (ref: Ref) => refName(ref, ctx);
  const doc = new Document(files, {
    vars: opts.vars,
    undeclaredVars: opts.undeclaredVars,
    functions: opts.functions,
    roots: (name, range) =>
      isKind(name) || name === 'column' ? new Ref([name], range, interpolate) : undefined,
    rootNames: [...TOP_LEVEL, 'column'],
  });
  for (const { block } of doc.blocks) {
    if (!isKind(block.type)) {
      const near = closest(block.type, [...TOP_LEVEL, 'variable', 'locals']);
      throw new HclError(
        `unknown block "${block.type}"${near ? `; did you mean "${near}"?` : ''} (a schema file holds ${TOP_LEVEL.join(', ')}, variable and locals blocks)`,
        block.typeRange,
      );
    }
    for (const ectx of expandForEach(block, doc.ctx)) {
      const what = `${block.type}${block.labels.map((l) => ` "${l}"`).join('')}`;
      const reader = new BlockReader(block, ectx, what);
      const entry = makeEntry(block.type, block, reader);
      const list = index.get(block.type) ?? [];
      index.set(block.type, list);
      list.push(entry);
    }
  }

  for (const entry of index.get('schema') ?? []) {
    const seen = schemas.get(entry.name);
    if (seen) {
      throw new HclError(
        `schema "${entry.name}" is declared twice (also at ${at(seen.entry.block.range)})`,
        entry.block.typeRange,
      );
    }
    const schema = decodeSchemaBlock(entry.reader, entry.name, opts.dialect);
    schemas.set(entry.name, { schema, entry });
    realm.schemas.push(schema);
  }

  for (const kind of TOP_LEVEL) {
    if (kind === 'schema') continue;
    const seen = new Map<string, Entry>();
    for (const entry of index.get(kind) ?? []) {
      if (NAMESPACED.has(kind)) {
        const key = `${ctx.schemaOf(entry.reader).name}.${entry.name}${kind === 'function' || kind === 'procedure' || kind === 'aggregate' ? `(${argKey(entry)})` : ''}`;
        const dup = seen.get(key);
        if (dup)
          throw new HclError(
            `${kind} "${entry.name}" is declared twice in schema "${key.split('.')[0]}" (also at ${at(dup.block.range)})`,
            entry.block.typeRange,
          );
        seen.set(key, entry);
      }
      decodeObject(kind, entry, ctx, realm);
    }
  }
  for (const fn of ctx.later) fn();
  inferDependencies(realm);
  sortRealm(realm);
  return { realm, hints: ctx.hints };
}

/** Kinds whose names must be unique within a schema (triggers and policies are per table). */
const NAMESPACED = new Set<Kind>([
  'table',
  'view',
  'materialized',
  'sequence',
  'enum',
  'domain',
  'composite',
  'function',
  'procedure',
  'aggregate',
]);

/** Overloads differ by argument types: two functions with different args may share a name. */
function argKey(entry: Entry): string {
  return entry.block.body.blocks
    .filter((b) => b.type === 'arg')
    .map((b) => b.body.attributes.find((a) => a.name === 'type')?.expr.range.start.offset ?? '')
    .join(',');
}

/**
 * An index entry. Its name is read when first asked for, after the whole document is indexed:
 * `name = "${table.users.name}_audit"` may refer to a block further down.
 */
function makeEntry(kind: Kind, block: Block, reader: BlockReader): Entry {
  let name: string | undefined;
  return {
    kind,
    labels: block.labels,
    block,
    reader,
    get name() {
      name ??= reader.name();
      return name;
    },
  };
}

function isKind(name: string): name is Kind {
  return (TOP_LEVEL as readonly string[]).includes(name);
}

const at = (r: Range) => `${r.file}:${r.start.line}:${r.start.col}`;

function decodeSchemaBlock(r: BlockReader, name: string, dialect: Dialect): Schema {
  const s = emptySchema(name);
  const comment = r.string('comment');
  if (comment !== undefined) s.comment = comment;
  if (dialect === 'mysql') {
    const charset = r.string('charset');
    const collation = r.string('collate') ?? r.string('collation');
    if (charset !== undefined) s.charset = charset;
    if (collation !== undefined) s.collation = collation;
    s.events = [];
    r.allow(['name', 'comment', 'charset', 'collate', 'collation']);
  } else {
    r.allow(['name', 'comment']);
  }
  return s;
}

/**
 * Finds what `kind.labels...` names. Blocks may be qualified (`table "public" "users"` is
 * `table.public.users`) so the longest label match wins; unqualified names must be unique.
 */
function resolveRef(
  ref: Ref,
  kinds: readonly Kind[],
  index: Map<Kind, Entry[]>,
): { entry: Entry; rest: string[] } {
  const [kind, ...path] = ref.path;
  if (!kinds.includes(kind as Kind)) {
    throw new HclError(
      `expected a reference to ${kinds.map((k) => `${k}.<name>`).join(' or ')}, got ${ref.describe()}`,
      ref.range,
    );
  }
  const entries = index.get(kind as Kind) ?? [];
  if (path.length === 0) throw new HclError(`${kind} needs a name: ${kind}.<name>`, ref.range);
  for (const n of [2, 1]) {
    if (path.length < n) continue;
    const want = path.slice(0, n);
    const hits = entries.filter((e) =>
      n === 2
        ? e.labels.length === 2 && e.labels[0] === want[0] && e.labels[1] === want[1]
        : e.labels.at(-1) === want[0] || e.name === want[0],
    );
    // Overloaded functions share a name within a schema: any of them orders the same.
    const schemas = new Set(hits.map((h) => h.reader.ref('schema')?.describe()));
    if (n === 1 && hits.length > 1 && schemas.size > 1) {
      throw new HclError(
        `${kind}.${want[0]} is ambiguous: ${hits.length} blocks are named "${want[0]}"; qualify them (${kind} "<schema>" "${want[0]}") and write ${kind}.<schema>.${want[0]}`,
        ref.range,
      );
    }
    if (hits.length > 0) return { entry: hits[0]!, rest: path.slice(n) };
  }
  const near = closest(
    path[0]!,
    entries.map((e) => e.name),
  );
  throw new HclError(
    `${ref.describe()} refers to no ${kind} in the document${near ? `; did you mean ${kind}.${near}?` : ''}`,
    ref.range,
  );
}

function checkColumn(entry: Entry, column: string, range: Range): string {
  // A partition or child table has its parent's columns, which its own block does not list.
  if (entry.reader.has('partition_of') || entry.reader.has('inherits')) return column;
  // Through the reader: columns made by for_each or dynamic blocks count too.
  const columns = entry.reader.blocks('column').map((c) => c.name());
  if (!columns.includes(column)) {
    const near = closest(column, columns);
    throw new HclError(
      `${entry.kind} "${entry.name}" has no column "${column}"${near ? `; did you mean "${near}"?` : ''}`,
      range,
    );
  }
  return column;
}

/** `${table.users.name}` and friends in strings: the referenced object's name. */
function refName(ref: Ref, ctx: DecodeContext): string {
  if (ref.path.at(-1) !== 'name') {
    throw new HclError(
      `${ref.describe()} cannot be used in a string; write ${ref.describe()}.name for its name`,
      ref.range,
    );
  }
  const target = new Ref(ref.path.slice(0, -1), ref.range);
  if (target.path[0] === 'column' || target.path.includes('column')) return target.path.at(-1)!;
  const { entry, rest } = ctx.resolve(target, TOP_LEVEL);
  if (rest.length > 0) throw new HclError(`${ref.describe()} is not a name`, ref.range);
  return entry.name;
}
