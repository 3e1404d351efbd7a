// DynamicValue ⇄ TfValue, driven by the schema. Terraform rejects an object that lacks any of
// its schema's attributes or blocks, so encoding emits every key (null when unset) whatever the
// resource returned; decoding fills missing keys and drops unknown ones, which also serves
// UpgradeResourceState's JSON of an older schema version.
//
// msgpack (object-wire-format.md in Terraform): null is nil; "unknown" is an extension, type 0
// when we write it (d4 00 00). Terraform ≥1.6 sends refined unknowns as type 12 and promises
// nothing about future types, so ANY extension decodes as Unknown. A number may arrive as any
// int or uint width, float32/64, or a decimal string when it does not fit a float64.
import { DecodeError, decode, Encoder, ExtData, type ExtensionCodecType } from '@msgpack/msgpack';
import type { BlockSchema, NestedBlockSchema, PathStep, TfObject, TfType, TfValue } from './framework.ts';
import { Unknown } from './framework.ts';

/** The protobuf DynamicValue message. */
export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

/** A value that does not fit the schema; `path` says where (attribute names, indexes, map keys). */
export class CodecError extends Error {
  constructor(
    readonly path: PathStep[],
    message: string,
  ) {
    super(path.length > 0 ? `${formatPath(path)}: ${message}` : message);
    this.name = 'CodecError';
  }
}

function formatPath(path: PathStep[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : typeof p === 'object'
          ? `[${JSON.stringify(p.key)}]`
          : i === 0
            ? p
            : `.${p}`,
    )
    .join('');
}

const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

const extensions: ExtensionCodecType<undefined> = {
  tryToEncode: (v) => (v === Unknown ? UNKNOWN_EXT : null),
  decode: () => Unknown,
};

const encoder = new Encoder({ extensionCodec: extensions });

// ---------- bytes ⇄ raw JS values ----------

/** Raw msgpack/JSON data before the schema is applied. */
type Raw = unknown;

function decodeRaw(dv: DynamicValue | null | undefined): Raw {
  if (dv?.msgpack && dv.msgpack.length > 0) {
    try {
      return decode(dv.msgpack, { extensionCodec: extensions, useBigInt64: true });
    } catch (e) {
      // @msgpack/msgpack refuses this one map key outright rather than risk prototype pollution.
      if (e instanceof DecodeError && e.message.includes('__proto__'))
        throw new CodecError([], 'the map key "__proto__" is not supported');
      throw e;
    }
  }
  if (dv?.json && dv.json.length > 0) return JSON.parse(Buffer.from(dv.json).toString('utf8'));
  return null;
}

/** A DynamicValue whose msgpack holds `value` (already shaped by the schema). */
function encodeRaw(value: Raw): DynamicValue {
  return { msgpack: encoder.encode(value) };
}

// ---------- schema-driven conversion ----------

/** Decodes an object of `block`'s shape (a resource's state, plan or config); null stays null. */
export function decodeObject(dv: DynamicValue | null | undefined, block: BlockSchema): TfObject | null {
  const raw = decodeRaw(dv);
  if (raw === null || raw === undefined) return null;
  const v = fromBlock(raw, block, []);
  if (v === Unknown) throw new CodecError([], 'the whole object is unknown');
  return v;
}

/** Encodes an object of `block`'s shape; every attribute and block key is written. */
export function encodeObject(value: TfObject | null, block: BlockSchema): DynamicValue {
  return encodeRaw(value === null ? null : toBlock(value, block, []));
}

/** The JSON of a state written by any schema version, as an object of the current `block`. */
export function upgradeJson(json: Uint8Array, block: BlockSchema): TfObject | null {
  return decodeObject({ json }, block);
}

function isRecord(v: Raw): v is Record<string, Raw> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function fromBlock(raw: Raw, block: BlockSchema, path: PathStep[]): TfObject | typeof Unknown {
  if (raw === Unknown) return Unknown;
  if (!isRecord(raw)) throw new CodecError(path, `expected an object, got ${describe(raw)}`);
  const out: TfObject = {};
  for (const [name, a] of Object.entries(block.attributes))
    out[name] = fromType(raw[name], a.type, [...path, name]);
  for (const [name, nb] of Object.entries(block.blocks ?? {}))
    out[name] = fromNested(raw[name], nb, [...path, name]);
  return out;
}

function fromNested(raw: Raw, nb: NestedBlockSchema, path: PathStep[]): TfValue {
  if (raw === Unknown) return Unknown;
  if (nb.nesting === 'single')
    return raw === null || raw === undefined ? null : fromBlock(raw, nb.block, path);
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new CodecError(path, `expected a list of blocks, got ${describe(raw)}`);
  return raw.map((item, i) => fromBlock(item, nb.block, [...path, i]));
}

function fromType(raw: Raw, type: TfType, path: PathStep[]): TfValue {
  if (raw === null || raw === undefined) return null;
  if (raw === Unknown) return Unknown;
  if (type === 'string') {
    if (typeof raw === 'string') return raw;
    throw new CodecError(path, `expected a string, got ${describe(raw)}`);
  }
  if (type === 'number') return fromNumber(raw, path);
  if (type === 'bool') {
    if (typeof raw === 'boolean') return raw;
    throw new CodecError(path, `expected a bool, got ${describe(raw)}`);
  }
  const [kind, elem] = type;
  if (kind === 'object') {
    if (!isRecord(raw)) throw new CodecError(path, `expected an object, got ${describe(raw)}`);
    const out: TfObject = {};
    for (const [name, t] of Object.entries(elem)) out[name] = fromType(raw[name], t, [...path, name]);
    return out;
  }
  if (kind === 'map') {
    if (!isRecord(raw)) throw new CodecError(path, `expected a map, got ${describe(raw)}`);
    const out: TfObject = {};
    for (const [k, v] of Object.entries(raw)) setKey(out, k, fromType(v, elem, [...path, { key: k }]));
    return out;
  }
  if (!Array.isArray(raw)) throw new CodecError(path, `expected a ${kind}, got ${describe(raw)}`);
  return raw.map((v, i) => fromType(v, elem, [...path, i]));
}

/** cty numbers: any msgpack int width (64-bit ones as bigint), floats, or a decimal string. */
function fromNumber(raw: Raw, path: PathStep[]): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string') {
    const n = Number(raw);
    if (raw.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw new CodecError(path, `expected a number, got ${describe(raw)}`);
}

/** Map keys come from users; `__proto__` must become a key, not a prototype. */
function setKey(o: TfObject, k: string, v: TfValue): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function describe(v: Raw): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

// Encoding: objects are built with sorted keys, as go-cty writes them (order does not matter to
// the decoder, but it keeps the bytes deterministic for tests and for private data comparisons).

function toBlock(value: TfValue | undefined, block: BlockSchema, path: PathStep[]): Raw {
  if (value === Unknown) return Unknown;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))
    throw new CodecError(path, `expected an object, got ${describeValue(value)}`);
  const out: Record<string, Raw> = {};
  const names = [...Object.keys(block.attributes), ...Object.keys(block.blocks ?? {})].sort();
  for (const name of names) {
    const a = block.attributes[name];
    const p = [...path, name];
    if (a) out[name] = toType(value[name], a.type, p);
    else out[name] = toNested(value[name], block.blocks![name]!, p);
  }
  return out;
}

function toNested(value: TfValue | undefined, nb: NestedBlockSchema, path: PathStep[]): Raw {
  if (value === Unknown) return Unknown;
  if (nb.nesting === 'single')
    return value === null || value === undefined ? null : toBlock(value, nb.block, path);
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value))
    throw new CodecError(path, `expected a list of blocks, got ${describeValue(value)}`);
  return value.map((v, i) => toBlock(v, nb.block, [...path, i]));
}

function toType(value: TfValue | undefined, type: TfType, path: PathStep[]): Raw {
  if (value === null || value === undefined) return null;
  if (value === Unknown) return Unknown;
  if (type === 'string') {
    if (typeof value === 'string') return value;
  } else if (type === 'number') {
    if (typeof value === 'number' && !Number.isNaN(value)) return value;
  } else if (type === 'bool') {
    if (typeof value === 'boolean') return value;
  } else {
    const [kind, elem] = type;
    if (kind === 'object') {
      if (typeof value === 'object' && !Array.isArray(value)) {
        const out: Record<string, Raw> = {};
        for (const name of Object.keys(elem).sort())
          out[name] = toType(value[name], elem[name]!, [...path, name]);
        return out;
      }
    } else if (kind === 'map') {
      if (typeof value === 'object' && !Array.isArray(value)) {
        const out: Record<string, Raw> = {};
        for (const k of Object.keys(value).sort()) {
          const v = toType(value[k], elem, [...path, { key: k }]);
          if (k === '__proto__')
            Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
          else out[k] = v;
        }
        return out;
      }
    } else if (Array.isArray(value)) return value.map((v, i) => toType(v, elem, [...path, i]));
  }
  throw new CodecError(path, `expected ${typeName(type)}, got ${describeValue(value)}`);
}

function typeName(t: TfType): string {
  return typeof t === 'string' ? `a ${t}` : `a ${t[0]}`;
}

function describeValue(v: TfValue | undefined): string {
  if (v === Unknown) return 'an unknown value';
  return describe(v);
}
