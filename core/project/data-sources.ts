// Data sources of a project file: `data "<type>" "<name>" { ... }`, read through `data.<type>.<name>`.
//
// HCL evaluation is synchronous, but reading most sources is not (a query, a program). So an
// expression that reaches a source not read yet throws NeedData; `settle` reads that source and
// evaluates again. Each source is read at most once, and only when something being evaluated
// (the selected env, or a local, variable or source it uses) refers to it.
import { resolve } from 'node:path';
import type { CompositeSource, DesiredInput, InlineSource } from '../devdb/files.ts';
import { openDriver } from '../drivers/open.ts';
import { isUserError } from '../errors.ts';
import { BlockReader } from '../hcl/block-reader.ts';
import type { Block } from '../hcl/syntax/ast.ts';
import { closest, type EvalContext, makeObject, Opaque, type Value } from '../hcl/syntax/eval.ts';
import { HclError, type Range } from '../hcl/syntax/position.ts';
import { runProgram } from './program.ts';

/** Data source types this implementation reads. */
export const DATA_SOURCES = ['sql', 'external', 'external_schema', 'composite_schema'] as const;
type DataType = (typeof DATA_SOURCES)[number];

const isSupported = (t: string): t is DataType => (DATA_SOURCES as readonly string[]).includes(t);

/** Thrown by a reference to a source that must be read first; `settle` catches it. Not an HclError, so `try()` and `can()` let it through. */
class NeedData extends Error {
  constructor(readonly key: string) {
    super(`data.${key} is not read yet`);
    this.name = 'NeedData';
  }
}

interface DataBlock {
  type: string;
  name: string;
  block: Block;
}

const SCHEME = /^(external_schema|composite_schema):\/\/(.+)$/;

export class DataSources {
  private readonly blocks = new Map<string, DataBlock>();
  private readonly values = new Map<string, Value>();
  private readonly programs = new Map<string, Promise<string>>();
  /** Sources being read, innermost last: a source met again while on it is a cycle. */
  private readonly reading: string[] = [];
  private ctxValue: EvalContext | undefined;

  constructor(
    blocks: readonly Block[],
    /** The project file's directory: programs run there unless `working_dir` says otherwise. */
    private readonly baseDir: string,
  ) {
    for (const block of blocks) {
      if (block.labels.length !== 2) {
        throw new HclError('a data block takes two labels: data "<type>" "<name>" { ... }', block.typeRange);
      }
      const [type, name] = block.labels as [string, string];
      const key = `${type}.${name}`;
      const seen = this.blocks.get(key);
      if (seen) {
        const r = seen.block.range;
        throw new HclError(
          `data.${key} is declared twice (also at ${r.file}:${r.start.line}:${r.start.col})`,
          block.labelRanges[1]!,
        );
      }
      this.blocks.set(key, { type, name, block });
    }
  }

  /** The document's context; set once the document exists (the document needs `root` first). */
  setContext(ctx: EvalContext): void {
    this.ctxValue = ctx;
  }

  private get ctx(): EvalContext {
    if (!this.ctxValue) throw new Error('DataSources used before its context was set');
    return this.ctxValue;
  }

  /** The value of the `data` root. */
  root(): Value {
    return new DataRoot(this);
  }

  /** Runs `fn`, reading the sources it needs and running it again, until it completes. */
  async settle<T>(fn: () => T): Promise<T> {
    for (;;) {
      try {
        return fn();
      } catch (e) {
        if (!(e instanceof NeedData)) throw e;
        await this.read(e.key);
      }
    }
  }

  /**
   * A desired-state URL of an env's `src`: `external_schema://name` becomes the program's output,
   * `composite_schema://name` the composite's members; anything else stays as written.
   */
  async resolveSource(url: string, range: Range, inComposite = false): Promise<DesiredInput> {
    const m = SCHEME.exec(url);
    if (!m) return url;
    const [, type, name] = m as unknown as [string, 'external_schema' | 'composite_schema', string];
    const d = this.blocks.get(`${type}.${name}`);
    if (!d) {
      const near = closest(name, this.namesOf(type));
      throw new HclError(
        `${url} names no data "${type}" "${name}" block${near ? `; did you mean ${type}://${near}?` : ''}`,
        range,
      );
    }
    if (type === 'external_schema') return this.externalSchema(d);
    if (inComposite) {
      throw new HclError(
        `a composite_schema cannot contain another one (${url}): list its schemas here instead`,
        range,
      );
    }
    return this.composite(d);
  }

  // ---------------------------------------------------------------- references

  types(): string[] {
    return [...new Set([...this.blocks.values()].map((d) => d.type))];
  }

  namesOf(type: string): string[] {
    return [...this.blocks.values()].filter((d) => d.type === type).map((d) => d.name);
  }

  /** `data.<type>.<name>`: the value, or NeedData when it must be read first. */
  value(type: string, name: string, range: Range): Value {
    const key = `${type}.${name}`;
    const d = this.blocks.get(key);
    if (!d) {
      const near = closest(name, this.namesOf(type));
      throw new HclError(
        `data.${key} is not declared${near ? `; did you mean data.${type}.${near}?` : ''}`,
        range,
      );
    }
    if (!isSupported(type)) {
      throw new HclError(
        `data source "${type}" is not supported; supported: ${DATA_SOURCES.join(', ')}`,
        d.block.labelRanges[0]!,
      );
    }
    // Their URL is all an expression can use; the work happens when an env's src names it.
    if (type === 'external_schema' || type === 'composite_schema') {
      return makeObject([['url', `${type}://${name}`]]);
    }
    const v = this.values.get(key);
    if (v !== undefined) return v;
    if (this.reading.includes(key)) {
      throw new HclError(
        `data.${key} depends on itself (${[...this.reading, key].map((k) => `data.${k}`).join(' -> ')})`,
        range,
      );
    }
    throw new NeedData(key);
  }

  // ---------------------------------------------------------------- reading

  private async read(key: string): Promise<void> {
    if (this.values.has(key)) return;
    const d = this.blocks.get(key)!;
    this.reading.push(key);
    try {
      const value = d.type === 'sql' ? await this.readSql(d) : await this.readExternal(d);
      this.values.set(key, value);
    } finally {
      this.reading.pop();
    }
  }

  private reader(d: DataBlock): BlockReader {
    return new BlockReader(d.block, this.ctx, `data "${d.type}" "${d.name}"`);
  }

  private async readSql(d: DataBlock): Promise<Value> {
    const args = await this.settle(() => {
      const r = this.reader(d);
      r.allow(['url', 'query', 'args']);
      const url = r.string('url', true)!;
      const query = r.string('query', true)!;
      const list = r.value('args') ?? [];
      if (!Array.isArray(list) || list.some((a) => a !== null && typeof a === 'object')) {
        throw r.wrongType('args', 'a list of strings, numbers or bools', list);
      }
      return { url, query, args: list as (string | number | boolean | null)[], range: r.rangeOf('query') };
    });
    const fail = (message: string) => new HclError(`data.sql.${d.name}: ${message}`, d.block.typeRange);
    let rows: Record<string, unknown>[];
    let driver: Awaited<ReturnType<typeof openDriver>>;
    try {
      driver = await openDriver(args.url);
    } catch (e) {
      throw fail(`cannot connect: ${isUserError(e) ? e.message : (e as Error).message}`);
    }
    try {
      if (!driver.query) throw fail(`the ${driver.dialect} driver cannot run queries`);
      rows = await driver.query(args.query, args.args);
    } catch (e) {
      if (e instanceof HclError) throw e;
      throw new HclError(`data.sql.${d.name}: the query failed: ${(e as Error).message}`, args.range);
    } finally {
      await driver.close().catch(() => {});
    }
    const values = rows.map((row) =>
      sqlValue(Object.values(row)[0], (what) =>
        fail(`the query returned ${what}; select text, numbers or bools`),
      ),
    );
    return makeObject([
      ['count', values.length],
      ['value', values[0] ?? null],
      ['values', values],
    ]);
  }

  /** `data "external"`: the program's output as a string. */
  private async readExternal(d: DataBlock): Promise<Value> {
    return this.program(d);
  }

  private async externalSchema(d: DataBlock): Promise<InlineSource> {
    return { kind: 'inline', path: `data.external_schema.${d.name}`, text: await this.program(d) };
  }

  /** Runs a source's program once, however many envs or composites name it. */
  private program(d: DataBlock): Promise<string> {
    const key = `${d.type}.${d.name}`;
    let p = this.programs.get(key);
    if (!p) {
      p = this.runProgramOf(d);
      this.programs.set(key, p);
    }
    return p;
  }

  private async runProgramOf(d: DataBlock): Promise<string> {
    const { argv, cwd, range } = await this.settle(() => {
      const r = this.reader(d);
      r.allow(['program', 'working_dir']);
      const argv = r.strings('program');
      if (!argv)
        throw new HclError(
          `data "${d.type}" "${d.name}" is missing the required attribute "program"`,
          d.block.typeRange,
        );
      if (argv.length === 0 || argv[0] === '') {
        throw new HclError(
          `data.${d.type}.${d.name}: program is empty: give the program and its arguments, e.g. ["node", "schema.js"]`,
          r.rangeOf('program'),
        );
      }
      const dir = r.string('working_dir');
      return { argv, cwd: resolve(this.baseDir, dir ?? '.'), range: r.rangeOf('program') };
    });
    const res = await runProgram(argv, cwd);
    if (!res.ok) throw new HclError(`data.${d.type}.${d.name}: ${res.reason}`, range);
    return res.stdout;
  }

  private async composite(d: DataBlock): Promise<CompositeSource> {
    const members = await this.settle(() => {
      const r = this.reader(d);
      r.allow([], ['schema']);
      const schemas = r.blocks('schema');
      if (schemas.length === 0) {
        throw new HclError(
          `data.composite_schema.${d.name} has no schema blocks: add schema "<name>" { url = "file://..." }`,
          d.block.typeRange,
        );
      }
      return schemas.map((s) => {
        if (s.block.labels.length !== 1) {
          throw new HclError(
            'a composite_schema member takes one label, the schema it loads into: schema "public" { url = ... }',
            s.block.typeRange,
          );
        }
        s.allow(['url']);
        return { schema: s.block.labels[0]!, url: s.string('url', true)!, range: s.rangeOf('url') };
      });
    });
    const out: CompositeSource['members'] = [];
    for (const m of members)
      out.push({ schema: m.schema, src: [await this.resolveSource(m.url, m.range, true)] });
    return { kind: 'composite', name: `data.composite_schema.${d.name}`, members: out };
  }
}

/** One cell as an HCL value: text, numbers and bools as Atlas reads them, null as null. */
function sqlValue(v: unknown, fail: (what: string) => HclError): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  }
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  throw fail(Array.isArray(v) ? 'an array' : 'an object (JSON?)');
}

/** `data`: its attributes are the declared source types. */
class DataRoot extends Opaque {
  constructor(private readonly sources: DataSources) {
    super();
  }
  override getAttr(type: string, range: Range): Value {
    const declared = this.sources.types();
    if (!declared.includes(type)) {
      const near = closest(type, declared);
      throw new HclError(
        `no data "${type}" source is declared${near ? `; did you mean data.${near}?` : declared.length ? ` (declared: ${declared.map((t) => `data.${t}`).join(', ')})` : ''}`,
        range,
      );
    }
    return new DataOfType(this.sources, type);
  }
  override index(key: Value, range: Range): Value {
    if (typeof key !== 'string')
      throw new HclError('data is indexed by a source type, e.g. data["sql"]', range);
    return this.getAttr(key, range);
  }
  describe(): string {
    return 'data';
  }
}

/** `data.<type>`: its attributes are the sources of that type. */
class DataOfType extends Opaque {
  constructor(
    private readonly sources: DataSources,
    private readonly type: string,
  ) {
    super();
  }
  override getAttr(name: string, range: Range): Value {
    return this.sources.value(this.type, name, range);
  }
  override index(key: Value, range: Range): Value {
    if (typeof key !== 'string') throw new HclError(`data.${this.type} is indexed by a source name`, range);
    return this.getAttr(key, range);
  }
  describe(): string {
    return `data.${this.type}`;
  }
}
