// protobuf wire encoding of plain objects, driven by the descriptors of provider/proto-parse.ts.
// Decoded objects look like @grpc/proto-loader's with `keepCase, longs: Number, enums: String,
// defaults: true, oneofs: true`: snake_case keys, enum names, 64-bit integers as numbers,
// defaults filled in (null for absent messages), and each oneof's set member named under the
// oneof's own key. proto3 `optional` fields and oneof members are undefined when absent.
import type { FieldDesc, MessageDesc, ProtoRegistry, ScalarType, ValueType } from './proto-parse.ts';

export type ProtoObject = { [field: string]: unknown };

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

const TWO_32 = 2 ** 32;

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  /** A non-negative integer below 2^53, or any 64-bit pattern as a bigint. */
  varint(n: number | bigint): void {
    this.ensure(10);
    if (typeof n === 'number' && n >= 0 && n <= Number.MAX_SAFE_INTEGER) {
      while (n >= 0x80) {
        this.buf[this.len++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
      this.buf[this.len++] = n;
      return;
    }
    let b = BigInt.asUintN(64, BigInt(n));
    while (b >= 0x80n) {
      this.buf[this.len++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    this.buf[this.len++] = Number(b);
  }
  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }
  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  fixed32(n: number, signed: boolean, float: boolean): void {
    this.ensure(4);
    if (float) this.buf.writeFloatLE(n, this.len);
    else if (signed) this.buf.writeInt32LE(n, this.len);
    else this.buf.writeUInt32LE(n, this.len);
    this.len += 4;
  }
  fixed64(n: number | bigint, signed: boolean, float: boolean): void {
    this.ensure(8);
    if (float) this.buf.writeDoubleLE(Number(n), this.len);
    else if (signed) this.buf.writeBigInt64LE(BigInt(n), this.len);
    else this.buf.writeBigUInt64LE(BigInt(n), this.len);
    this.len += 8;
  }
  finish(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end: number,
  ) {}
  /** Values that fit 7 bytes (2^49) come back as numbers, longer ones as bigints. */
  varint(): number | bigint {
    let result = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
    this.pos = start;
    let big = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.byte();
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, big);
    }
    throw new Error('protobuf: varint longer than 10 bytes');
  }
  byte(): number {
    if (this.pos >= this.end) throw new Error('protobuf: message truncated');
    return this.buf[this.pos++]!;
  }
  length(): number {
    const n = Number(this.varint());
    if (this.pos + n > this.end) throw new Error('protobuf: message truncated');
    return n;
  }
  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === FIXED64) this.advance(8);
    else if (wire === LEN) this.advance(this.length());
    else if (wire === FIXED32) this.advance(4);
    else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  advance(n: number): void {
    if (this.pos + n > this.end) throw new Error('protobuf: message truncated');
    this.pos += n;
  }
}

function message(reg: ProtoRegistry, name: string): MessageDesc {
  const m = reg.messages.get(name);
  if (!m) throw new Error(`protobuf: unknown message ${name}`);
  return m;
}

function wireType(t: ValueType): number {
  if (t.kind === 'message') return LEN;
  if (t.kind === 'enum') return VARINT;
  switch (t.scalar) {
    case 'string':
    case 'bytes':
      return LEN;
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return FIXED64;
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return FIXED32;
    default:
      return VARINT;
  }
}

// ---------- encoding ----------

export function encodeMessage(reg: ProtoRegistry, type: string, value: ProtoObject): Buffer {
  const w = new Writer();
  writeMessage(reg, message(reg, type), value, w);
  return w.finish();
}

function writeMessage(reg: ProtoRegistry, desc: MessageDesc, value: ProtoObject, w: Writer): void {
  for (const f of desc.fields) {
    const v = value[f.name];
    if (v === undefined || v === null) continue;
    if (f.mapKey) {
      if (typeof v !== 'object') throw new Error(`protobuf: ${desc.name}.${f.name} must be an object`);
      for (const [k, item] of Object.entries(v)) {
        const entry = new Writer();
        writeSingle(reg, entry, 1, { kind: 'scalar', scalar: f.mapKey }, mapKey(f.mapKey, k), true);
        writeSingle(reg, entry, 2, f.type, item, true);
        w.tag(f.number, LEN);
        w.bytes(entry.finish());
      }
    } else if (f.repeated) {
      if (!Array.isArray(v)) throw new Error(`protobuf: ${desc.name}.${f.name} must be an array`);
      if (v.length === 0) continue;
      if (wireType(f.type) !== LEN) {
        // proto3 packs repeated numbers by default.
        const packed = new Writer();
        for (const item of v) writeValue(reg, packed, f.type, item);
        w.tag(f.number, LEN);
        w.bytes(packed.finish());
      } else for (const item of v) writeSingle(reg, w, f.number, f.type, item, true);
    } else writeSingle(reg, w, f.number, f.type, v, f.presence);
  }
}

function mapKey(t: ScalarType, k: string): string | number | boolean {
  if (t === 'string') return k;
  if (t === 'bool') return k === 'true';
  return Number(k);
}

function isDefault(t: ValueType, v: unknown): boolean {
  if (t.kind === 'message') return false;
  if (t.kind === 'enum') return v === 0 || v === undefined;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'number' || typeof v === 'bigint') return v === 0 || v === 0n;
  if (typeof v === 'boolean') return v === false;
  if (v instanceof Uint8Array) return v.length === 0;
  return false;
}

function writeSingle(
  reg: ProtoRegistry,
  w: Writer,
  number: number,
  t: ValueType,
  v: unknown,
  always: boolean,
): void {
  const value = t.kind === 'enum' ? enumNumber(reg, t.name, v) : v;
  if (!always && isDefault(t, value)) return;
  w.tag(number, wireType(t));
  writeValue(reg, w, t, value);
}

function enumNumber(reg: ProtoRegistry, name: string, v: unknown): number {
  if (typeof v === 'number') return v;
  const n = typeof v === 'string' ? reg.enums.get(name)?.byName.get(v) : undefined;
  if (n === undefined) throw new Error(`protobuf: ${String(v)} is not a value of ${name}`);
  return n;
}

function num(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new Error(`protobuf: ${String(v)} is not a number`);
}

function writeValue(reg: ProtoRegistry, w: Writer, t: ValueType, v: unknown): void {
  if (t.kind === 'message') {
    if (typeof v !== 'object' || v === null) throw new Error(`protobuf: ${t.name} must be an object`);
    const sub = new Writer();
    writeMessage(reg, message(reg, t.name), v as ProtoObject, sub);
    w.bytes(sub.finish());
    return;
  }
  if (t.kind === 'enum') {
    const n = enumNumber(reg, t.name, v);
    w.varint(n < 0 ? BigInt(n) : n);
    return;
  }
  switch (t.scalar) {
    case 'string':
      if (typeof v !== 'string') throw new Error(`protobuf: ${String(v)} is not a string`);
      w.bytes(Buffer.from(v, 'utf8'));
      return;
    case 'bytes':
      if (!(v instanceof Uint8Array)) throw new Error('protobuf: bytes must be a Uint8Array');
      w.bytes(v);
      return;
    case 'bool':
      w.varint(v ? 1 : 0);
      return;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64': {
      const n = num(v);
      w.varint(n < 0 ? BigInt(n) : n);
      return;
    }
    case 'sint32':
    case 'sint64': {
      const n = BigInt(num(v));
      w.varint(n >= 0n ? n * 2n : -n * 2n - 1n);
      return;
    }
    case 'fixed32':
    case 'sfixed32':
      w.fixed32(Number(num(v)), t.scalar === 'sfixed32', false);
      return;
    case 'float':
      w.fixed32(Number(num(v)), true, true);
      return;
    case 'fixed64':
    case 'sfixed64':
      w.fixed64(num(v), t.scalar === 'sfixed64', false);
      return;
    case 'double':
      w.fixed64(num(v), true, true);
      return;
  }
}

// ---------- decoding ----------

export function decodeMessage(reg: ProtoRegistry, type: string, bytes: Uint8Array): ProtoObject {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return readMessage(reg, message(reg, type), new Reader(buf, buf.length));
}

function defaultOf(reg: ProtoRegistry, t: ValueType): unknown {
  if (t.kind === 'message') return null;
  if (t.kind === 'enum') return reg.enums.get(t.name)?.byNumber.get(0) ?? 0;
  switch (t.scalar) {
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'bool':
      return false;
    default:
      return 0;
  }
}

function readMessage(reg: ProtoRegistry, desc: MessageDesc, r: Reader): ProtoObject {
  const out: ProtoObject = {};
  for (const f of desc.fields) {
    if (f.mapKey) out[f.name] = {};
    else if (f.repeated) out[f.name] = [];
    else if (!f.presence) out[f.name] = defaultOf(reg, f.type);
  }
  while (r.pos < r.end) {
    const key = Number(r.varint());
    const number = Math.floor(key / 8);
    const wire = key & 7;
    const f = desc.byNumber.get(number);
    if (!f) {
      r.skip(wire);
      continue;
    }
    if (f.mapKey) readMapEntry(reg, f, r, out[f.name] as ProtoObject);
    else if (f.repeated) {
      const list = out[f.name] as unknown[];
      if (wire === LEN && wireType(f.type) !== LEN) {
        const n = r.length();
        const end = r.pos + n;
        const packed = new Reader(r.buf, end);
        packed.pos = r.pos;
        while (packed.pos < end) list.push(readValue(reg, f.type, packed));
        r.pos = end;
      } else list.push(readValue(reg, f.type, r));
    } else {
      out[f.name] = readValue(reg, f.type, r);
      if (f.oneof !== undefined) setOneof(desc, out, f);
    }
  }
  return out;
}

/** The last member seen wins, as in every protobuf implementation. */
function setOneof(desc: MessageDesc, out: ProtoObject, f: FieldDesc): void {
  for (const other of desc.fields) if (other.oneof === f.oneof && other !== f) delete out[other.name];
  out[f.oneof!] = f.name;
}

function readMapEntry(reg: ProtoRegistry, f: FieldDesc, r: Reader, into: ProtoObject): void {
  const n = r.length();
  const end = r.pos + n;
  const entry = new Reader(r.buf, end);
  entry.pos = r.pos;
  const keyType: ValueType = { kind: 'scalar', scalar: f.mapKey! };
  let k: unknown = defaultOf(reg, keyType);
  let v: unknown = defaultOf(reg, f.type);
  while (entry.pos < end) {
    const tag = Number(entry.varint());
    if (tag >>> 3 === 1) k = readValue(reg, keyType, entry);
    else if (tag >>> 3 === 2) v = readValue(reg, f.type, entry);
    else entry.skip(tag & 7);
  }
  r.pos = end;
  if (f.type.kind === 'message' && v === null)
    v = readMessage(reg, message(reg, f.type.name), new Reader(r.buf, 0));
  Object.defineProperty(into, String(k), { value: v, enumerable: true, writable: true, configurable: true });
}

function toNumber(v: number | bigint): number {
  return typeof v === 'number' ? v : Number(v);
}

function readValue(reg: ProtoRegistry, t: ValueType, r: Reader): unknown {
  if (t.kind === 'message') {
    const n = r.length();
    const end = r.pos + n;
    const sub = new Reader(r.buf, end);
    sub.pos = r.pos;
    const v = readMessage(reg, message(reg, t.name), sub);
    r.pos = end;
    return v;
  }
  if (t.kind === 'enum') {
    const n = int32(r.varint());
    return reg.enums.get(t.name)?.byNumber.get(n) ?? n;
  }
  switch (t.scalar) {
    case 'string': {
      const n = r.length();
      const s = r.buf.toString('utf8', r.pos, r.pos + n);
      r.pos += n;
      return s;
    }
    case 'bytes': {
      const n = r.length();
      // A copy: the request buffer is not kept alive by a small field taken from it.
      const b = Buffer.from(r.buf.subarray(r.pos, r.pos + n));
      r.pos += n;
      return b;
    }
    case 'bool':
      return r.varint() !== 0;
    case 'int32':
      return int32(r.varint());
    case 'uint32':
      return toNumber(r.varint()) % TWO_32;
    case 'int64': {
      const v = r.varint();
      return typeof v === 'number' ? v : Number(BigInt.asIntN(64, v));
    }
    case 'uint64':
      return toNumber(r.varint());
    case 'sint32':
    case 'sint64': {
      const v = BigInt(r.varint());
      return Number(v & 1n ? -(v >> 1n) - 1n : v >> 1n);
    }
    case 'fixed32':
    case 'sfixed32':
    case 'float': {
      r.advance(4);
      const at = r.pos - 4;
      if (t.scalar === 'float') return r.buf.readFloatLE(at);
      return t.scalar === 'sfixed32' ? r.buf.readInt32LE(at) : r.buf.readUInt32LE(at);
    }
    case 'fixed64':
    case 'sfixed64':
    case 'double': {
      r.advance(8);
      const at = r.pos - 8;
      if (t.scalar === 'double') return r.buf.readDoubleLE(at);
      return Number(t.scalar === 'sfixed64' ? r.buf.readBigInt64LE(at) : r.buf.readBigUInt64LE(at));
    }
  }
}

function int32(v: number | bigint): number {
  return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
}
