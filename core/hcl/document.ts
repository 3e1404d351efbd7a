// What schema files and project files share once parsed: their top-level blocks, input
// variables and locals (reading single blocks: block-reader.ts). The documents differ only in the
// block kinds they accept and the roots (`table`, `env`, ...) their expressions may name.
import { BlockReader } from './block-reader.ts';
import type { Attribute, Block, HclFile } from './syntax/ast.ts';
import { closest, type EvalContext, evaluate, type HclFunction, Opaque, type Value } from './syntax/eval.ts';
import { stdlib } from './syntax/functions.ts';
import { HclError, type Range } from './syntax/position.ts';
import { Sql } from './values.ts';

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
