// Reading one block: `for_each` expansion and typed access to its attributes and child blocks,
// with errors that point at the file and name the closest valid attribute.
import type { Attribute, Block, Expr } from './syntax/ast.ts';
import {
  closest,
  type EvalContext,
  evaluate,
  isObject,
  Opaque,
  typeName,
  type Value,
  withVariables,
} from './syntax/eval.ts';
import { HclError, type Range } from './syntax/position.ts';
import { Ref, Sql } from './values.ts';

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
      if (b.type === 'dynamic' && b.labels[0] === type) {
        out.push(...this.dynamicBlocks(b, type));
        continue;
      }
      if (b.type !== type) continue;
      for (const ctx of expandForEach(b, this.ctx)) {
        out.push(new BlockReader(b, ctx, `${type}${b.labels.map((l) => ` "${l}"`).join('')}`));
      }
    }
    return out;
  }

  /**
   * `dynamic "column" { for_each = ...  iterator = c  labels = [c.value]  content { ... } }`:
   * one `column` block per element, its body the `content` block, the element bound to the
   * iterator (default: the block type) as `.key` / `.value`.
   */
  private dynamicBlocks(d: Block, type: string): BlockReader[] {
    const reader = new BlockReader(d, this.ctx, `dynamic "${type}"`);
    reader.allow(['for_each', 'iterator', 'labels'], ['content']);
    const content = d.body.blocks.filter((b) => b.type === 'content');
    if (content.length !== 1) {
      throw new HclError(`dynamic "${type}" needs exactly one content { ... } block`, d.typeRange);
    }
    const forEach = d.body.attributes.find((a) => a.name === 'for_each');
    if (!forEach) throw new HclError(`dynamic "${type}" needs for_each = <list or map>`, d.typeRange);
    const iterAttr = d.body.attributes.find((a) => a.name === 'iterator');
    const iterator = iterAttr ? (bareWord(iterAttr.expr) ?? reader.string('iterator')!) : type;
    const coll = evaluate(forEach.expr, this.ctx);
    const entries: [Value, Value][] = Array.isArray(coll)
      ? coll.map((v, i) => [i, v])
      : isObject(coll)
        ? Object.keys(coll)
            .sort()
            .map((k) => [k, coll[k]!])
        : (() => {
            throw new HclError(
              `for_each needs a list, set or map, got ${typeName(coll)}`,
              forEach.expr.range,
            );
          })();
    const labelsAttr = d.body.attributes.find((a) => a.name === 'labels');
    return entries.map(([key, value]) => {
      const ctx = withVariables(this.ctx, { [iterator]: obj({ key, value }) });
      const labels = labelsAttr ? evaluate(labelsAttr.expr, ctx) : [];
      if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string')) {
        throw new HclError(`dynamic "${type}": labels must be a list of strings`, labelsAttr!.expr.range);
      }
      const body = content[0]!.body;
      const block: Block = {
        type,
        typeRange: d.typeRange,
        labels: labels as string[],
        labelRanges: (labels as string[]).map(() => labelsAttr!.expr.range),
        body,
        range: content[0]!.range,
        openBraceRange: content[0]!.openBraceRange,
      };
      return new BlockReader(block, ctx, `${type}${(labels as string[]).map((l) => ` "${l}"`).join('')}`);
    });
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
      if (b.type === 'dynamic' && b.labels[0] !== undefined && blockNames.has(b.labels[0])) continue;
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
