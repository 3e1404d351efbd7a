// What schema files and project files share once parsed: input variables, locals, `for_each`
// on blocks, and typed reading of a block's attributes with errors that point at the file.
// The documents differ only in the block kinds they accept and the roots (`table`, `env`, ...)
// their expressions may name.
import type { Attribute, Block, Expr, HclFile } from './syntax/ast.ts';
import {
  closest,
  type EvalContext,
  evaluate,
  type HclFunction,
  isObject,
  Opaque,
  typeName,
  type Value,
  withVariables,
} from './syntax/eval.ts';
import { stdlib } from './syntax/functions.ts';
import { HclError, type Range } from './syntax/position.ts';
import { Ref, Sql } from './values.ts';

/** `--var name=value` as given on a command line (repeated names make lists). */
export type InputVars = Readonly<Record<string, string | readonly string[] | Value>>;

export interface DocumentOptions {
  vars?: InputVars | undefined;
  /** Functions beyond the standard library (`file`, `getenv`, ...). */
  functions?: Readonly<Record<string, HclFunction>> | undefined;
  /**
   * Roots that expressions may name besides `var` and `local` (`schema`, `table`, `env`...).
   * Called with the root name; undefined means "not a root here".
   */
  roots?: ((name: string, range: Range) => Value | undefined) | undefined;
  /** Names offered as suggestions when a root is unknown. */
  rootNames?: readonly string[] | undefined;
  /**
   * A given variable no file declares: an error (a typo on the command line, by default), or
   * ignored (an env's attributes are offered to every schema file, which uses what it declares).
   */
  undeclaredVars?: 'error' | 'ignore' | undefined;
}

/** Top-level blocks of one or more files, with variables and locals evaluated on demand. */
export class Document {
  readonly blocks: { block: Block; file: HclFile }[] = [];
  readonly ctx: EvalContext;
  private readonly variables = new Map<string, { block: Block; file: HclFile }>();
  private readonly locals = new Map<string, Attribute>();
  private readonly varValues = new Map<string, Value>();
  private readonly localValues = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    files: readonly HclFile[],
    private readonly opts: DocumentOptions = {},
  ) {
    for (const file of files) {
      for (const attr of file.body.attributes) {
        throw new HclError(
          `unexpected attribute "${attr.name}" at the top level of the file: attributes belong inside a block (locals { ${attr.name} = ... } for a value)`,
          attr.nameRange,
        );
      }
      for (const block of file.body.blocks) {
        if (block.type === 'variable') this.addVariable(block, file);
        else if (block.type === 'locals') this.addLocals(block);
        else this.blocks.push({ block, file });
      }
    }
    const functions = { ...stdlib, sql: sqlFunction, ...opts.functions };
    this.ctx = {
      functions,
      variable: (name, range) => this.root(name, range),
      variableNames: () => ['var', 'local', ...(opts.rootNames ?? [])],
    };
    this.checkInputVars();
  }

  private addVariable(block: Block, file: HclFile): void {
    const name = singleLabel(block, 'variable');
    const seen = this.variables.get(name);
    if (seen)
      throw new HclError(
        `variable "${name}" is declared twice (also at ${at(seen.block.range)})`,
        block.range,
      );
    this.variables.set(name, { block, file });
  }

  private addLocals(block: Block): void {
    if (block.labels.length > 0) throw new HclError('a locals block takes no labels', block.labelRanges[0]!);
    for (const b of block.body.blocks)
      throw new HclError(`unexpected block "${b.type}" in locals`, b.typeRange);
    for (const attr of block.body.attributes) {
      const seen = this.locals.get(attr.name);
      if (seen)
        throw new HclError(
          `local "${attr.name}" is defined twice (also at ${at(seen.range)})`,
          attr.nameRange,
        );
      this.locals.set(attr.name, attr);
    }
  }

  /** A `--var` for a variable the files do not declare is a typo more often than not. */
  private checkInputVars(): void {
    if (this.opts.undeclaredVars === 'ignore') return;
    for (const name of Object.keys(this.opts.vars ?? {})) {
      if (this.variables.has(name)) continue;
      const near = closest(name, this.variables.keys());
      const declared = [...this.variables.keys()];
      throw new HclError(
        `--var ${name} is given but no variable "${name}" is declared${near ? `; did you mean "${near}"?` : declared.length ? ` (declared: ${declared.join(', ')})` : ''}`,
        this.blocks[0]?.block.range ?? { file: '<command line>', start: pos0, end: pos0 },
      );
    }
  }

  private root(name: string, range: Range): Value | undefined {
    if (name === 'var') return this.varObject();
    if (name === 'local') return new LazyObject('local', this.locals, (n) => this.local(n));
    return this.opts.roots?.(name, range);
  }

  private varObject(): Value {
    return new LazyObject('var', this.variables, (n) => this.variable(n));
  }

  private variable(name: string): Value {
    const cached = this.varValues.get(name);
    if (cached !== undefined) return cached;
    const { block } = this.variables.get(name)!;
    const body = new BlockReader(block, this.ctx, 'variable');
    const given = this.opts.vars?.[name];
    const type = typeOf(body.attribute('type'));
    let value: Value;
    if (given !== undefined) value = convertInput(name, given, type, block.range);
    else if (body.has('default')) value = body.value('default') ?? null;
    else {
      throw new HclError(
        `variable "${name}" has no value: pass --var ${name}=VALUE${type ? ` (${type})` : ''} or give it a default`,
        block.range,
      );
    }
    body.allow(['type', 'default', 'description', 'sensitive', 'nullable'], ['validation']);
    this.varValues.set(name, value);
    return value;
  }

  private local(name: string): Value {
    const cached = this.localValues.get(name);
    if (cached !== undefined) return cached;
    const attr = this.locals.get(name)!;
    if (this.evaluating.has(name)) {
      throw new HclError(
        `local "${name}" refers to itself (through ${[...this.evaluating].join(' -> ')})`,
        attr.nameRange,
      );
    }
    this.evaluating.add(name);
    try {
      const value = evaluate(attr.expr, this.ctx);
      this.localValues.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(name);
    }
  }
}

const pos0 = { line: 1, col: 1, offset: 0 };
const at = (r: Range) => `${r.file}:${r.start.line}:${r.start.col}`;

/** `var.x` / `local.x`: evaluated when read, so an unused local with an error does not fail. */
class LazyObject extends Opaque {
  constructor(
    private readonly root: string,
    private readonly names: ReadonlyMap<string, unknown>,
    private readonly read: (name: string) => Value,
  ) {
    super();
  }
  override getAttr(name: string, range: Range): Value {
    if (!this.names.has(name)) {
      const near = closest(name, this.names.keys());
      const what = this.root === 'var' ? 'variable' : 'local';
      throw new HclError(
        `unknown ${what} "${name}"${near ? `; did you mean "${near}"?` : this.root === 'var' ? `: declare it with variable "${name}" {}` : ''}`,
        range,
      );
    }
    return this.read(name);
  }
  describe(): string {
    return this.root;
  }
}

function singleLabel(block: Block, what: string): string {
  if (block.labels.length !== 1) {
    throw new HclError(`a ${what} block takes exactly one label: ${what} "name" { ... }`, block.typeRange);
  }
  return block.labels[0]!;
}

/** The declared type of a variable, as written (`string`, `list(string)`), or undefined. */
function typeOf(attr: Attribute | undefined): string | undefined {
  if (!attr) return undefined;
  const e = attr.expr;
  if (e.kind === 'variable') return e.name;
  if (e.kind === 'call') {
    const inner = e.args[0];
    return `${e.name}(${inner && inner.kind === 'variable' ? inner.name : 'any'})`;
  }
  throw new HclError(
    'a variable type is string, number, bool, list(T), set(T), map(T) or any',
    attr.expr.range,
  );
}

function convertInput(name: string, given: InputVars[string], type: string | undefined, range: Range): Value {
  const list = Array.isArray(given) ? (given as readonly string[]) : undefined;
  const wantsList = type !== undefined && /^(list|set|tuple)\(/.test(type);
  if (list && !wantsList && list.length > 1) {
    throw new HclError(
      `--var ${name} is given ${list.length} times, but variable "${name}" is not a list`,
      range,
    );
  }
  if (wantsList) {
    const items = list ?? [given as Value];
    const elem = /\((\w+)\)/.exec(type!)?.[1];
    return items.map((v) => convertScalar(name, v as Value, elem, range));
  }
  return convertScalar(name, (list ? list[0] : given) as Value, type, range);
}

function convertScalar(name: string, v: Value, type: string | undefined, range: Range): Value {
  if (typeof v !== 'string') return v;
  if (type === 'number') {
    const n = Number(v);
    if (v.trim() === '' || Number.isNaN(n))
      throw new HclError(`--var ${name}=${v}: variable "${name}" is a number`, range);
    return n;
  }
  if (type === 'bool') {
    if (v !== 'true' && v !== 'false')
      throw new HclError(`--var ${name}=${v}: variable "${name}" is a bool (true or false)`, range);
    return v === 'true';
  }
  return v;
}

const sqlFunction: HclFunction = (args, call) => {
  const [text] = args;
  if (args.length !== 1 || typeof text !== 'string') {
    throw new HclError('sql() takes one string: the SQL text, e.g. sql("now()")', call.range);
  }
  return new Sql(text);
};

// ---------------------------------------------------------------- reading blocks

/** A block's `for_each` expanded: one entry per instance, each with `each` bound. */
export function expandForEach(block: Block, ctx: EvalContext): EvalContext[] {
  const attr = block.body.attributes.find((a) => a.name === 'for_each');
  if (!attr) return [ctx];
  const coll = evaluate(attr.expr, ctx);
  if (Array.isArray(coll)) {
    return coll.map((v, i) =>
      withVariables(ctx, { each: obj({ key: typeof v === 'string' ? v : i, value: v }) }),
    );
  }
  if (isObject(coll)) {
    return Object.keys(coll)
      .sort()
      .map((k) => withVariables(ctx, { each: obj({ key: k, value: coll[k]! }) }));
  }
  throw new HclError(`for_each needs a list, set or map, got ${typeName(coll)}`, attr.expr.range);
}

function obj(fields: Record<string, Value>): Value {
  return Object.assign(Object.create(null) as Record<string, Value>, fields);
}

/**
 * Typed access to one block's attributes and child blocks. Every read is recorded so that
 * `allow` can report attributes and blocks the decoder never asked for: a misspelled attribute
 * is an error with the closest valid name, not something silently ignored.
 */
export class BlockReader {
  private readonly attrs = new Map<string, Attribute>();
  private readonly cache = new Map<string, Value>();

  constructor(
    readonly block: Block,
    readonly ctx: EvalContext,
    /** How the block is named in messages, e.g. `column "id"` or `table "users"`. */
    readonly what: string,
  ) {
    for (const a of block.body.attributes) this.attrs.set(a.name, a);
  }

  get range(): Range {
    return this.block.range;
  }

  /** The block's name: its `name` attribute, else its last label. */
  name(): string {
    if (this.has('name')) return this.string('name')!;
    const label = this.block.labels.at(-1);
    if (label === undefined)
      throw new HclError(
        `${this.what} needs a name: ${this.block.type} "name" { ... }`,
        this.block.typeRange,
      );
    return label;
  }

  has(name: string): boolean {
    return this.attrs.has(name);
  }

  attribute(name: string): Attribute | undefined {
    return this.attrs.get(name);
  }

  /** The attribute's expression range, or the block's when the attribute is absent. */
  rangeOf(name: string): Range {
    return this.attrs.get(name)?.expr.range ?? this.block.typeRange;
  }

  value(name: string, ctx = this.ctx): Value | undefined {
    const attr = this.attrs.get(name);
    if (!attr) return undefined;
    if (ctx === this.ctx && this.cache.has(name)) return this.cache.get(name);
    const v = evaluate(attr.expr, ctx);
    if (ctx === this.ctx) this.cache.set(name, v);
    return v;
  }

  required(name: string): Attribute {
    const attr = this.attrs.get(name);
    if (attr) return attr;
    // A misspelling explains the missing attribute better than "missing" does.
    const typo = this.block.body.attributes.find(
      (a) => !this.attrs.has(name) && closest(a.name, [name]) === name,
    );
    if (typo)
      throw new HclError(
        `${this.what}: unknown attribute "${typo.name}"; did you mean "${name}"?`,
        typo.nameRange,
      );
    throw new HclError(`${this.what} is missing the required attribute "${name}"`, this.block.typeRange);
  }

  string(name: string, required = false): string | undefined {
    if (required) this.required(name);
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    // `"${table.users.name}"` is the reference itself (HCL keeps a lone interpolation's value).
    if (v instanceof Opaque && v.toTemplate) return v.toTemplate();
    if (typeof v !== 'string') throw this.wrongType(name, 'a string', v);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.wrongType(name, 'true or false', v);
    return v;
  }

  number(name: string): number | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    if (typeof v !== 'number') throw this.wrongType(name, 'a number', v);
    return v;
  }

  strings(name: string): string[] | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw this.wrongType(name, 'a list of strings', v);
    return v as string[];
  }

  /** A SQL text: a string, or `sql("...")`. */
  sqlText(name: string, required = false): string | undefined {
    if (required) this.required(name);
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (v instanceof Sql) return v.text;
    if (typeof v !== 'string') throw this.wrongType(name, 'a string or sql("...")', v);
    return v;
  }

  ref(name: string, required = false): Ref | undefined {
    if (required) this.required(name);
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (!(v instanceof Ref))
      throw this.wrongType(name, 'a reference (for example table.users or column.id)', v);
    return v;
  }

  refs(name: string): Ref[] | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    const list = Array.isArray(v) ? v : [v];
    return list.map((item, i) => {
      if (!(item instanceof Ref)) {
        throw new HclError(
          `${this.what}: item ${i + 1} of "${name}" must be a reference (for example column.id), got ${typeName(item)}`,
          this.attrs.get(name)!.expr.range,
        );
      }
      return item;
    });
  }

  /**
   * A keyword such as `CASCADE`, `NO_ACTION`, `BTREE`, `PLpgSQL`: written bare (an identifier) or
   * as a string. Bare words are read from the syntax, never evaluated. Returned as written;
   * `allowed` (upper case, `_` for spaces) checks it case-insensitively and returns its spelling.
   */
  word(name: string, allowed?: readonly string[]): string | undefined {
    const attr = this.attrs.get(name);
    if (!attr) return undefined;
    const v = bareWord(attr.expr) === undefined ? this.value(name) : undefined;
    const w = bareWord(attr.expr) ?? (v instanceof Sql ? v.text : this.string(name));
    if (w === undefined) return undefined;
    if (!allowed) return w;
    const hit = allowed.find((a) => a.toUpperCase() === w.toUpperCase().replace(/ /g, '_'));
    if (hit) return hit;
    const near = closest(w.toUpperCase(), allowed);
    throw new HclError(
      `${this.what}: ${name} = ${w} is not valid; use one of ${allowed.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
      attr.expr.range,
    );
  }

  /** Child blocks of one type, `for_each` expanded. */
  blocks(type: string): BlockReader[] {
    this.seenBlocks.add(type);
    const out: BlockReader[] = [];
    for (const b of this.block.body.blocks) {
      if (b.type !== type) continue;
      for (const ctx of expandForEach(b, this.ctx)) {
        out.push(new BlockReader(b, ctx, `${type}${b.labels.map((l) => ` "${l}"`).join('')}`));
      }
    }
    return out;
  }

  /** At most one child block of a type. */
  single(type: string): BlockReader | undefined {
    const all = this.blocks(type);
    if (all.length > 1)
      throw new HclError(`${this.what} has more than one ${type} block`, all[1]!.block.typeRange);
    return all[0];
  }

  private readonly seenBlocks = new Set<string>();

  /** Fails on any attribute or block the decoder does not know, naming the closest valid one. */
  allow(attributes: readonly string[], blocks: readonly string[] = []): void {
    const attrNames = new Set([...attributes, 'for_each']);
    for (const a of this.block.body.attributes) {
      if (attrNames.has(a.name)) continue;
      const near = closest(a.name, attrNames);
      const asBlock = blocks.includes(a.name) ? ` (${a.name} is a block: ${a.name} { ... })` : '';
      throw new HclError(
        `${this.what}: unknown attribute "${a.name}"${near ? `; did you mean "${near}"?` : ''}${asBlock}`,
        a.nameRange,
      );
    }
    const blockNames = new Set(blocks);
    for (const b of this.block.body.blocks) {
      if (blockNames.has(b.type)) continue;
      const near = closest(b.type, blockNames);
      const asAttr = attributes.includes(b.type) ? ` (${b.type} is an attribute: ${b.type} = ...)` : '';
      throw new HclError(
        `${this.what}: unknown block "${b.type}"${near ? `; did you mean "${near}"?` : ''}${asAttr}`,
        b.typeRange,
      );
    }
  }

  wrongType(name: string, expected: string, got: Value): HclError {
    return new HclError(
      `${this.what}: ${name} must be ${expected}, got ${typeName(got)}`,
      this.rangeOf(name),
    );
  }
}

/** `CASCADE` (an identifier on its own) as the word; anything else is an expression. */
export function bareWord(e: Expr): string | undefined {
  return e.kind === 'variable' ? e.name : undefined;
}
