// The contract between the plugin server (handshake, gRPC, the msgpack codec: provider/server*)
// and the resources and data sources (provider/resources/*). Resources see plain values and
// schemas; the server turns them into tfplugin6 messages and enforces Terraform's plan rules.

/** Terraform's "known after apply". */
export const Unknown: unique symbol = Symbol('unknown');
export type UnknownValue = typeof Unknown;

/** A value as resources see it: cty values without types (the schema gives them). */
export type TfValue = null | string | number | boolean | UnknownValue | TfValue[] | TfObject;
export interface TfObject {
  [key: string]: TfValue;
}

/** A cty type: `string`, `number`, `bool`, or a collection/object of them. */
export type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | readonly ['list' | 'set' | 'map', TfType]
  | readonly ['object', Readonly<Record<string, TfType>>];

export interface AttributeSchema {
  type: TfType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

export interface BlockSchema {
  description?: string;
  deprecated?: boolean;
  attributes: Readonly<Record<string, AttributeSchema>>;
  blocks?: Readonly<Record<string, NestedBlockSchema>>;
}

export interface NestedBlockSchema {
  /** `single` blocks are null when absent; `list`/`set` blocks are arrays. */
  nesting: 'single' | 'list' | 'set';
  block: BlockSchema;
  minItems?: number;
  maxItems?: number;
}

export interface Schema {
  version: number;
  block: BlockSchema;
}

/** A step of an attribute path: an attribute or block name, a list index, or a map key (as `{ key }`). */
export type PathStep = string | number | { key: string };

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  attribute?: PathStep[];
}

/** What every call gets: where to report, and a signal that fires on StopProvider. */
export interface CallContext {
  diagnostics: Diagnostic[];
  signal: AbortSignal;
  /** The provider's configuration (after ConfigureProvider), e.g. `{ dev_url }`. */
  provider: TfObject;
  /** Terraform's version, from ConfigureProvider. */
  terraformVersion: string;
}

export interface PlanRequest {
  /** Null on create. */
  prior: TfObject | null;
  /**
   * Terraform's proposed new state, with the framework rule already applied: when it differs
   * from prior, computed attributes whose config is null are Unknown. Null on destroy.
   */
  proposed: TfObject | null;
  config: TfObject | null;
  priorPrivate: Uint8Array | undefined;
}

export interface PlanResponse {
  planned: TfObject | null;
  /** Attribute paths whose change forces a replacement (update only). */
  requiresReplace?: PathStep[][];
  /** Carried to apply (e.g. the planned statements and the fingerprint they were planned from). */
  private?: Uint8Array;
}

export interface ApplyRequest {
  prior: TfObject | null;
  /** Null when destroying. */
  planned: TfObject | null;
  config: TfObject | null;
  plannedPrivate: Uint8Array | undefined;
}

export interface Resource {
  /** e.g. `atlas_schema`. */
  typeName: string;
  schema: Schema;
  validate?(config: TfObject, ctx: CallContext): Promise<void>;
  plan(req: PlanRequest, ctx: CallContext): Promise<PlanResponse>;
  /** Returns the new state (null after delete); must be wholly known and match every known planned value. */
  apply(req: ApplyRequest, ctx: CallContext): Promise<{ state: TfObject | null; private?: Uint8Array }>;
  /** Null means the object is gone (Terraform plans to create it again). */
  read(
    state: TfObject,
    priv: Uint8Array | undefined,
    ctx: CallContext,
  ): Promise<{ state: TfObject | null; private?: Uint8Array }>;
  /** `terraform import <type>.<name> <id>`; absent: import is refused with a message. */
  import?(id: string, ctx: CallContext): Promise<TfObject>;
}

export interface DataSource {
  typeName: string;
  schema: Schema;
  validate?(config: TfObject, ctx: CallContext): Promise<void>;
  read(config: TfObject, ctx: CallContext): Promise<TfObject>;
}

export interface ProviderDefinition {
  /** The provider block's schema. */
  schema: Schema;
  resources: Resource[];
  dataSources: DataSource[];
}

/** An object with every attribute and block of `block`, null (or [] for list/set blocks) unless given. */
export function fullObject(block: BlockSchema, values: TfObject): TfObject {
  const out: TfObject = {};
  for (const name of Object.keys(block.attributes)) out[name] = values[name] ?? null;
  for (const [name, nb] of Object.entries(block.blocks ?? {}))
    out[name] = values[name] ?? (nb.nesting === 'single' ? null : []);
  return out;
}

export const isUnknown = (v: TfValue | undefined): v is UnknownValue => v === Unknown;

/** A string attribute: undefined when null or unknown. */
export function str(o: TfObject | null | undefined, name: string): string | undefined {
  const v = o?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** A nested single block's object, or undefined. */
export function block(o: TfObject | null | undefined, name: string): TfObject | undefined {
  const v = o?.[name];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as TfObject) : undefined;
}

/** Whether a value, or anything inside it, is unknown. */
export function hasUnknown(v: TfValue): boolean {
  if (v === Unknown) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasUnknown);
  return false;
}

export function warning(ctx: CallContext, summary: string, detail?: string, attribute?: PathStep[]): void {
  ctx.diagnostics.push({
    severity: 'warning',
    summary,
    ...(detail !== undefined ? { detail } : {}),
    ...(attribute ? { attribute } : {}),
  });
}

export function error(ctx: CallContext, summary: string, detail?: string, attribute?: PathStep[]): void {
  ctx.diagnostics.push({
    severity: 'error',
    summary,
    ...(detail !== undefined ? { detail } : {}),
    ...(attribute ? { attribute } : {}),
  });
}

/**
 * Runs `fn` with no other holder of `key` running: resources on the same database never
 * interleave their applies, while different databases proceed in parallel.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((r) => {
      done = r;
    });
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await fn();
    } finally {
      done();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
