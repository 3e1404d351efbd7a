// Values an Atlas HCL document produces that plain HCL does not know: references to schema
// objects (`table.users.column.id`), raw SQL (`sql("now()")`) and type constructors
// (`varchar(255)`). The evaluator passes them through; the decoders give them meaning.
import { Opaque, type Value } from './syntax/eval.ts';
import { HclError, type Range } from './syntax/position.ts';

/**
 * A reference such as `schema.public`, `column.id`, `table.users.column.id` or
 * `table.public.users.column.id`. It is resolved against the document only when read, because
 * a path alone does not say where a qualified table name ends.
 */
export class Ref extends Opaque {
  constructor(
    readonly path: readonly string[],
    readonly range: Range,
    /** Resolves `${table.users.name}`-style interpolations; set by the decoder that made the root. */
    private readonly interpolate?: (ref: Ref) => string,
  ) {
    super();
  }
  override getAttr(name: string, range: Range): Value {
    return new Ref([...this.path, name], { ...this.range, end: range.end }, this.interpolate);
  }
  override index(key: Value, range: Range): Value {
    if (typeof key !== 'string') {
      throw new HclError(`a reference can only be indexed by a name, got ${String(key)}`, range);
    }
    return this.getAttr(key, range);
  }
  describe(): string {
    return this.path.map((p) => (/^[A-Za-z_][\w-]*$/.test(p) ? p : `["${p}"]`)).join('.');
  }
  override equals(other: Value): boolean {
    return other instanceof Ref && other.describe() === this.describe();
  }
  override toTemplate(): string {
    if (!this.interpolate)
      throw new HclError(`reference ${this.describe()} cannot be used in a string`, this.range);
    return this.interpolate(this);
  }
}

/** `sql("...")`: text written as SQL, as opposed to a literal string value. */
export class Sql extends Opaque {
  constructor(readonly text: string) {
    super();
  }
  describe(): string {
    return `sql(${JSON.stringify(this.text)})`;
  }
  override equals(other: Value): boolean {
    return other instanceof Sql && other.text === this.text;
  }
}

/** A column type written as an identifier (`int`, `double_precision`) or a call (`varchar(255)`). */
export class TypeCall extends Opaque {
  constructor(
    readonly name: string,
    readonly args: readonly Value[],
    readonly called: boolean,
  ) {
    super();
  }
  describe(): string {
    return this.called ? `${this.name}(...)` : this.name;
  }
}
