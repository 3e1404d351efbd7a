// The project file (atlas.hcl): named environments that say which database a command works on,
// where its desired schema comes from, and with which policies. A command given `--env NAME`
// takes its missing flags from the env of that name; `loadProject` reads the file, evaluates
// what that env needs (variables, locals, data sources) and returns it as plain settings.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { DesiredInput } from '../devdb/files.ts';
import { type DiffPolicy, SKIPPABLE, type SkipKind } from '../diff/policy.ts';
import { UserError } from '../errors.ts';
import { BlockReader, expandForEach } from '../hcl/block-reader.ts';
import { Document, type InputVars } from '../hcl/document.ts';
import { fileFunction, getenvFunction } from '../hcl/io-functions.ts';
import type { Block } from '../hcl/syntax/ast.ts';
import { closest, type EvalContext, evaluate, isObject, makeObject, type Value } from '../hcl/syntax/eval.ts';
import { parseHcl } from '../hcl/syntax/parser.ts';
import { HclError, type Range } from '../hcl/syntax/position.ts';
import { DataSources } from './data-sources.ts';
import { urlFunctions } from './url-functions.ts';

export interface MigrationConfig {
  dir?: string;
  format?: string;
  revisionsSchema?: string;
  baseline?: string;
  execOrder?: string;
  lockTimeout?: string;
}

export interface LintConfig {
  /** ALWAYS, WARNING or ERROR. */
  review?: string;
  /** Everything else in the block as written (`format`, `latest`, `git {}`, analyzer blocks). */
  raw: Record<string, Value>;
}

/** One target of an env: an env with `for_each` has one per item. */
export interface ProjectEnv {
  name: string;
  /** `each.key` of a `for_each` env; undefined for a plain env. */
  key?: string;
  /** `url`: the database the env manages. */
  url?: string;
  /** `dev`: the dev database. */
  devUrl?: string;
  /** `src`, with data-source URLs replaced by what they produce. */
  src: DesiredInput[];
  schemas: string[];
  exclude: string[];
  migration?: MigrationConfig;
  /** The env's `diff` block over the top-level one. */
  diff?: DiffPolicy;
  /** The env's `lint` block over the top-level one. */
  lint?: LintConfig;
  /** `format { migrate { apply = "..." } schema { ... } }` (or the older `log`), as written. */
  format?: Record<string, Value>;
  /** Attributes Atlas does not define, evaluated: input variables for the env's HCL schema files. */
  vars: Record<string, Value>;
}

export interface LoadProjectOptions {
  /** `file://path` of the project file; default `file://atlas.hcl`. */
  config?: string | undefined;
  /** The env to select; without it the file's only env, if it has exactly one. */
  env?: string | undefined;
  /** `--var` values for the file's `variable` blocks. */
  vars?: InputVars | undefined;
  /** Where relative config paths start; default the process's directory. */
  cwd?: string | undefined;
}

const TOP_LEVEL = ['env', 'data', 'diff', 'lint', 'atlas', 'variable', 'locals'];
const ENV_ATTRS = ['name', 'url', 'dev', 'src', 'schemas', 'exclude'];
const ENV_BLOCKS = ['migration', 'diff', 'lint', 'format', 'log', 'schema'];
const MIGRATION_ATTRS = ['dir', 'format', 'baseline', 'exec_order', 'lock_timeout', 'revisions_schema'];
const MIGRATION_FORMATS = ['atlas', 'flyway', 'liquibase', 'goose', 'golang-migrate', 'dbmate'];
const EXEC_ORDERS = ['LINEAR', 'LINEAR_SKIP', 'NON_LINEAR'];
const REVIEW_MODES = ['ALWAYS', 'WARNING', 'ERROR'];
/** Atlas's names for function changes. */
const SKIP_ALIASES: Readonly<Record<string, SkipKind>> = {
  add_func: 'add_function',
  drop_func: 'drop_function',
  modify_func: 'modify_function',
};

/** Reads the project file and returns the targets of the selected env (several with `for_each`). */
export async function loadProject(opts: LoadProjectOptions = {}): Promise<ProjectEnv[]> {
  const cwd = opts.cwd ?? process.cwd();
  const { abs, label } = configPath(opts.config, cwd);
  if (!existsSync(abs)) {
    const shown = opts.config === undefined ? `./${label}` : label;
    throw new UserError('BAD_ARGS', `no project file at ${shown}: create one or pass --config file://path`);
  }
  let text: string;
  try {
    text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UserError('BAD_ARGS', `cannot read project file ${label}: ${(e as Error).message}`);
  }
  try {
    return await new Project(text, label, dirname(abs), opts).select(opts.env);
  } catch (e) {
    if (e instanceof HclError) throw new UserError('HCL', e.describe(), { cause: e });
    throw e;
  }
}

/**
 * The project file's path, and how messages name it. The name is also what `file()` resolves
 * against (with the process's directory), so it is relative only when that is exact.
 */
function configPath(config: string | undefined, cwd: string): { abs: string; label: string } {
  const url = config ?? 'file://atlas.hcl';
  const m = /^file:\/\/([^?#]*)/i.exec(url);
  if (!m || m[1] === '') {
    throw new UserError(
      'BAD_ARGS',
      `--config "${url}" is not a file:// URL of a project file: write --config file://${url.replace(/^[a-z]+:\/*/i, '') || 'atlas.hcl'}`,
    );
  }
  const abs = resolve(cwd, decodeURIComponent(m[1]!));
  const rel = relative(process.cwd(), abs);
  return { abs, label: rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel };
}

interface DiffSettings {
  skip: Map<SkipKind, boolean>;
  concurrent: { create?: boolean; drop?: boolean };
}

class Project {
  private readonly doc: Document;
  private readonly sources: DataSources;
  private readonly envBlocks: Block[] = [];
  private globalDiff: Block | undefined;
  private globalLint: Block | undefined;

  constructor(
    text: string,
    private readonly label: string,
    dir: string,
    opts: LoadProjectOptions,
  ) {
    const file = parseHcl(text, label);
    const atlas = makeObject([['env', opts.env ?? '']]);
    // The document's roots need the data sources, and the sources need the document's context.
    let sources: DataSources | undefined;
    this.doc = new Document([file], {
      vars: opts.vars,
      functions: { file: fileFunction, getenv: getenvFunction, ...urlFunctions },
      roots: (name) => (name === 'data' ? sources?.root() : name === 'atlas' ? atlas : undefined),
      rootNames: ['data', 'atlas'],
    });
    const dataBlocks: Block[] = [];
    for (const { block } of this.doc.blocks) {
      switch (block.type) {
        case 'env':
          this.envBlocks.push(block);
          break;
        case 'data':
          dataBlocks.push(block);
          break;
        case 'diff':
          this.globalDiff = onlyOne(this.globalDiff, block);
          break;
        case 'lint':
          this.globalLint = onlyOne(this.globalLint, block);
          break;
        case 'atlas':
          // Atlas Cloud settings (`atlas { cloud { token = ... } }`): nothing here uses them.
          break;
        default: {
          const near = closest(block.type, TOP_LEVEL);
          throw new HclError(
            `unknown block "${block.type}"${near ? `; did you mean "${near}"?` : ''} (a project file holds ${TOP_LEVEL.join(', ')} blocks)`,
            block.typeRange,
          );
        }
      }
    }
    sources = new DataSources(dataBlocks, dir);
    sources.setContext(this.doc.ctx);
    this.sources = sources;
  }

  async select(requested: string | undefined): Promise<ProjectEnv[]> {
    const { ctx } = this.doc;
    const named = await this.sources.settle(() =>
      this.envBlocks.map((block) => ({ block, name: envName(block, ctx) })),
    );
    const defined = [...new Set(named.map((e) => e.name).filter((n) => n !== ''))];
    let name = requested;
    if (name === undefined) {
      if (defined.length > 1) {
        throw new UserError(
          'BAD_ARGS',
          `${this.label} defines several envs (${defined.join(', ')}): select one with --env NAME`,
        );
      }
      name = defined[0];
    }
    const global = await this.sources.settle(() => ({
      diff: this.globalDiff && decodeDiff(new BlockReader(this.globalDiff, ctx, 'diff')),
      lint: this.globalLint && decodeLint(new BlockReader(this.globalLint, ctx, 'lint')),
    }));
    if (name === undefined) {
      // No env at all: the file's top-level policies still apply.
      return [
        { name: '', src: [], schemas: [], exclude: [], ...policies(global, undefined, undefined), vars: {} },
      ];
    }
    const blocks = named.filter((e) => e.name === name).map((e) => e.block);
    if (blocks.length === 0) {
      const near = closest(name, defined);
      throw new UserError(
        'BAD_ARGS',
        `env "${name}" is not defined in ${this.label}${near ? `; did you mean "${near}"?` : ''}${defined.length ? ` (defined: ${defined.join(', ')})` : ' (it defines no env blocks)'}`,
      );
    }
    const selected = name;
    const decoded = await this.sources.settle(() =>
      blocks.flatMap((block) =>
        expandForEach(block, ctx).map((ectx) =>
          decodeEnv(
            block,
            ectx,
            selected,
            global,
            block.body.attributes.some((a) => a.name === 'for_each'),
          ),
        ),
      ),
    );
    const out: ProjectEnv[] = [];
    for (const { env, src } of decoded) {
      const inputs: DesiredInput[] = [];
      for (const s of src.urls) inputs.push(await this.sources.resolveSource(s, src.range));
      out.push({ ...env, src: inputs });
    }
    return out;
  }
}

function onlyOne(seen: Block | undefined, block: Block): Block {
  if (seen) {
    const r = seen.typeRange;
    throw new HclError(
      `more than one top-level ${block.type} block (the first is at ${r.file}:${r.start.line}:${r.start.col}): merge them`,
      block.typeRange,
    );
  }
  return block;
}

/** `env "name" {}` or `env { name = atlas.env }` (named by --env). */
function envName(block: Block, ctx: EvalContext): string {
  if (block.labels.length > 1)
    throw new HclError('an env block takes one label: env "name" { ... }', block.labelRanges[1]!);
  if (block.labels.length === 1) return block.labels[0]!;
  const name = new BlockReader(block, ctx, 'env').string('name');
  if (name === undefined) {
    throw new HclError(
      'an env block needs a name: env "name" { ... }, or name = atlas.env to take the --env value',
      block.typeRange,
    );
  }
  return name;
}

interface GlobalPolicies {
  diff: DiffSettings | undefined;
  lint: LintConfig | undefined;
}

function decodeEnv(
  block: Block,
  ctx: EvalContext,
  name: string,
  global: GlobalPolicies,
  forEach: boolean,
): { env: Omit<ProjectEnv, 'src'>; src: { urls: string[]; range: Range } } {
  const what = `env "${name}"`;
  const r = new BlockReader(block, ctx, what);
  // Atlas passes attributes it does not define to the env's schema files as variables; one
  // that is a letter or two off a defined attribute is a typo, and ignoring it would change
  // what the command does (a misspelt `schemas` widens the scope to the whole database).
  const extras = block.body.attributes.filter((a) => !ENV_ATTRS.includes(a.name) && a.name !== 'for_each');
  for (const a of extras) {
    const near = misspelt(a.name);
    if (near) {
      throw new HclError(
        `${what}: unknown attribute "${a.name}"; did you mean "${near}"? (to pass a variable of that name to the schema files, rename it)`,
        a.nameRange,
      );
    }
  }
  r.allow([...ENV_ATTRS, ...extras.map((a) => a.name)], ENV_BLOCKS);
  const env: Omit<ProjectEnv, 'src'> = {
    name,
    schemas: r.strings('schemas') ?? [],
    exclude: r.strings('exclude') ?? [],
    vars: {},
  };
  if (forEach) {
    const each = ctx.variable('each', block.range);
    if (each !== undefined && isObject(each) && each.key !== undefined) env.key = String(each.key);
  }
  const url = plainUrl(r, 'url');
  if (url !== undefined) env.url = url;
  const dev = plainUrl(r, 'dev');
  if (dev !== undefined) env.devUrl = dev;
  const schemaBlock = r.single('schema');
  let src = srcUrls(r);
  if (schemaBlock) {
    // Newer Atlas: env { schema { src = "file://schema.hcl" repo { name = "app" } } }.
    schemaBlock.allow(['src'], ['repo']);
    if (r.has('src') && schemaBlock.has('src')) {
      throw new HclError(
        `${what}: src is given twice (here and in the schema block): keep one`,
        schemaBlock.rangeOf('src'),
      );
    }
    if (schemaBlock.has('src')) src = srcUrls(schemaBlock);
  }
  const migration = r.single('migration');
  if (migration) env.migration = decodeMigration(migration);
  const local = {
    diff: mapOpt(r.single('diff'), decodeDiff),
    lint: mapOpt(r.single('lint'), decodeLint),
  };
  Object.assign(env, policies(global, local.diff, local.lint));
  const format = r.single('format') ?? r.single('log');
  if (format) env.format = blockData(format.block, ctx);
  for (const a of extras) env.vars[a.name] = r.value(a.name) ?? null;
  return { env, src };
}

/**
 * The defined env attribute `name` is most likely a misspelling of: the same letters but for
 * case, `_` and `-`, or one letter added, dropped or changed (`schema`, `excludes`, `urls`).
 * Looser matches would catch real variable names (`note` is two letters from `name`).
 */
function misspelt(name: string): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  if (DEV_ALIASES.includes(norm(name))) return 'dev';
  return ENV_ATTRS.find((known) => oneEditApart(norm(name), norm(known)));
}

const DEV_ALIASES = ['devurl', 'devdatabase'];

function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // After the first difference the rest must match with one letter changed, added or dropped.
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

function mapOpt<T>(r: BlockReader | undefined, fn: (r: BlockReader) => T): T | undefined {
  return r === undefined ? undefined : fn(r);
}

/** `url` and `dev` name databases; the data-source URLs only make sense as `src`. */
function plainUrl(r: BlockReader, attr: string): string | undefined {
  const v = r.string(attr);
  if (v !== undefined && /^(external_schema|composite_schema):\/\//.test(v)) {
    throw new HclError(
      `${r.what}: ${attr} must be a database URL; ${v} is a desired schema: give it as src`,
      r.rangeOf(attr),
    );
  }
  return v;
}

function srcUrls(r: BlockReader): { urls: string[]; range: Range } {
  const v = r.value('src');
  const range = r.rangeOf('src');
  if (v === undefined || v === null) return { urls: [], range };
  if (typeof v === 'string') return { urls: [v], range };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { urls: v as string[], range };
  throw r.wrongType('src', 'a URL or a list of URLs', v);
}

function decodeMigration(r: BlockReader): MigrationConfig {
  r.allow(MIGRATION_ATTRS, ['repo']);
  const out: MigrationConfig = {};
  const set = <K extends keyof MigrationConfig>(k: K, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('dir', r.string('dir'));
  set('format', r.word('format', MIGRATION_FORMATS));
  set('baseline', r.string('baseline'));
  set('execOrder', r.word('exec_order', EXEC_ORDERS));
  set('lockTimeout', r.string('lock_timeout'));
  set('revisionsSchema', r.string('revisions_schema'));
  return out;
}

function decodeDiff(r: BlockReader): DiffSettings {
  r.allow([], ['skip', 'concurrent_index']);
  const out: DiffSettings = { skip: new Map(), concurrent: {} };
  const skip = r.single('skip');
  if (skip) {
    skip.allow([...SKIPPABLE, ...Object.keys(SKIP_ALIASES)]);
    for (const a of skip.block.body.attributes) {
      const kind = SKIP_ALIASES[a.name] ?? (a.name as SkipKind);
      const on = skip.bool(a.name);
      if (on !== undefined) out.skip.set(kind, on);
    }
  }
  const ci = r.single('concurrent_index');
  if (ci) {
    ci.allow(['add', 'create', 'drop']);
    // `add` is Atlas's older name for `create`.
    const create = ci.bool('create') ?? ci.bool('add');
    const drop = ci.bool('drop');
    if (create !== undefined) out.concurrent.create = create;
    if (drop !== undefined) out.concurrent.drop = drop;
  }
  return out;
}

function decodeLint(r: BlockReader): LintConfig {
  const blocks = [...new Set(r.block.body.blocks.map((b) => b.type))];
  r.allow(['review', 'format', 'log', 'latest'], blocks);
  const raw = blockData(r.block, r.ctx, ['review']);
  const review = r.word('review', REVIEW_MODES);
  return review === undefined ? { raw } : { review, raw };
}

/** The env's policies over the top-level ones, field by field. */
function policies(
  global: GlobalPolicies,
  diff: DiffSettings | undefined,
  lint: LintConfig | undefined,
): { diff?: DiffPolicy; lint?: LintConfig } {
  const out: { diff?: DiffPolicy; lint?: LintConfig } = {};
  const d = diff && global.diff ? mergeDiff(global.diff, diff) : (diff ?? global.diff);
  const policy = d && toPolicy(d);
  if (policy) out.diff = policy;
  const l = lint && global.lint ? mergeLint(global.lint, lint) : (lint ?? global.lint);
  if (l) out.lint = l;
  return out;
}

function mergeDiff(base: DiffSettings, over: DiffSettings): DiffSettings {
  return {
    skip: new Map([...base.skip, ...over.skip]),
    concurrent: { ...base.concurrent, ...over.concurrent },
  };
}

function mergeLint(base: LintConfig, over: LintConfig): LintConfig {
  const review = over.review ?? base.review;
  const raw = { ...base.raw, ...over.raw };
  return review === undefined ? { raw } : { review, raw };
}

function toPolicy(d: DiffSettings): DiffPolicy | undefined {
  const out: DiffPolicy = {};
  const skip = SKIPPABLE.filter((k) => d.skip.get(k) === true);
  if (skip.length > 0) out.skip = skip;
  if (d.concurrent.create !== undefined || d.concurrent.drop !== undefined)
    out.concurrentIndex = { ...d.concurrent };
  return out.skip || out.concurrentIndex ? out : undefined;
}

/** A block's attributes and child blocks as data: children by type, labelled ones by label. */
function blockData(block: Block, ctx: EvalContext, skip: readonly string[] = []): Record<string, Value> {
  const out = makeObject();
  for (const a of block.body.attributes) {
    if (!skip.includes(a.name)) out[a.name] = evaluate(a.expr, ctx);
  }
  for (const b of block.body.blocks) {
    const data = blockData(b, ctx);
    let slot: Record<string, Value> = out;
    const path = [b.type, ...b.labels];
    for (const key of path.slice(0, -1)) {
      const next = slot[key];
      if (next !== undefined && isObject(next)) slot = next;
      else slot = slot[key] = makeObject();
    }
    const last = path.at(-1)!;
    const prev = slot[last];
    // A repeated block becomes a list of its instances.
    slot[last] = prev === undefined ? data : Array.isArray(prev) ? [...prev, data] : [prev, data];
  }
  return out;
}
