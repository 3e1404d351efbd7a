// A parser for the subset of proto3 that the vendored protocol files use (messages, nested
// types, enums, oneofs, maps, `optional`, services). The provider parses them at start-up
// instead of loading protobufjs: that costs about 1 ms against some 50 ms, and start-up time is
// paid by every Terraform command several times over (one provider process per phase).

export type ScalarType =
  | 'double'
  | 'float'
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'uint64'
  | 'sint32'
  | 'sint64'
  | 'fixed32'
  | 'fixed64'
  | 'sfixed32'
  | 'sfixed64'
  | 'bool'
  | 'string'
  | 'bytes';

const SCALARS: ReadonlySet<string> = new Set<ScalarType>([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

/** A field's value type: a scalar, or a fully qualified enum or message name. */
export type ValueType =
  | { kind: 'scalar'; scalar: ScalarType }
  | { kind: 'enum'; name: string }
  | { kind: 'message'; name: string };

export interface FieldDesc {
  name: string;
  number: number;
  type: ValueType;
  repeated: boolean;
  /** `map<key, value>`: `type` is the value type. */
  mapKey?: ScalarType;
  /** proto3 `optional` or a oneof member: absent is distinct from the default value. */
  presence: boolean;
  oneof?: string;
}

export interface MessageDesc {
  name: string;
  fields: FieldDesc[];
  byNumber: Map<number, FieldDesc>;
  oneofs: string[];
}

export interface EnumDesc {
  name: string;
  byName: Map<string, number>;
  byNumber: Map<number, string>;
}

export interface MethodDesc {
  name: string;
  input: string;
  output: string;
  clientStreaming: boolean;
  serverStreaming: boolean;
}

export interface ServiceDesc {
  name: string;
  methods: MethodDesc[];
}

export interface ProtoRegistry {
  messages: Map<string, MessageDesc>;
  enums: Map<string, EnumDesc>;
  services: Map<string, ServiceDesc>;
}

/** A field before its type name is resolved against the scopes. */
interface RawField extends Omit<FieldDesc, 'type'> {
  typeName: string;
  scope: string;
}

class Tokens {
  private pos = 0;
  constructor(
    private readonly list: string[],
    private readonly file: string,
  ) {}
  peek(): string | undefined {
    return this.list[this.pos];
  }
  next(): string {
    const t = this.list[this.pos++];
    if (t === undefined) throw new Error(`${this.file}: unexpected end of file`);
    return t;
  }
  expect(want: string): void {
    const t = this.next();
    if (t !== want) throw new Error(`${this.file}: expected "${want}", found "${t}"`);
  }
  /** Skips to just after the `;` that ends a statement, stepping over bracketed option values. */
  skipStatement(): void {
    let depth = 0;
    for (;;) {
      const t = this.next();
      if (t === '[' || t === '{' || t === '(') depth++;
      else if (t === ']' || t === '}' || t === ')') depth--;
      else if (t === ';' && depth === 0) return;
    }
  }
}

function tokenize(src: string, file: string): Tokens {
  const re =
    /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_.][\w.]*|-?\d[\w.+-]*|[{}[\]()<>;=,]/y;
  const out: string[] = [];
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    const m = re.exec(src);
    if (!m) throw new Error(`${file}: cannot read "${src.slice(at, at + 20)}"`);
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('//') || t.startsWith('/*')) continue;
    out.push(t);
  }
  return new Tokens(out, file);
}

/** Parses the given files (name → text) into one registry with every type name resolved. */
export function parseProtos(files: Readonly<Record<string, string>>): ProtoRegistry {
  const reg: ProtoRegistry = { messages: new Map(), enums: new Map(), services: new Map() };
  const rawMessages: { desc: MessageDesc; fields: RawField[] }[] = [];
  const rawServices: { pkg: string; desc: ServiceDesc }[] = [];
  addWellKnownTypes(reg);

  for (const [file, src] of Object.entries(files)) {
    const tk = tokenize(src, file);
    let pkg = '';
    while (tk.peek() !== undefined) {
      const t = tk.next();
      if (t === 'syntax' || t === 'import' || t === 'option') tk.skipStatement();
      else if (t === 'package') {
        pkg = tk.next();
        tk.expect(';');
      } else if (t === 'message') parseMessage(tk, pkg, reg, rawMessages);
      else if (t === 'enum') parseEnum(tk, pkg, reg);
      else if (t === 'service') rawServices.push({ pkg, desc: parseService(tk, pkg) });
      else if (t === ';') continue;
      else throw new Error(`${file}: unexpected "${t}"`);
    }
  }

  for (const { desc, fields } of rawMessages) {
    for (const f of fields) {
      const { typeName, scope, ...rest } = f;
      const field: FieldDesc = { ...rest, type: resolveType(reg, typeName, scope) };
      desc.fields.push(field);
      desc.byNumber.set(field.number, field);
    }
  }
  for (const { pkg, desc } of rawServices) {
    for (const m of desc.methods) {
      m.input = resolveMessage(reg, m.input, pkg);
      m.output = resolveMessage(reg, m.output, pkg);
    }
    reg.services.set(desc.name, desc);
  }
  return reg;
}

function join(scope: string, name: string): string {
  return scope ? `${scope}.${name}` : name;
}

function parseMessage(
  tk: Tokens,
  scope: string,
  reg: ProtoRegistry,
  out: { desc: MessageDesc; fields: RawField[] }[],
): void {
  const name = join(scope, tk.next());
  const desc: MessageDesc = { name, fields: [], byNumber: new Map(), oneofs: [] };
  const fields: RawField[] = [];
  reg.messages.set(name, desc);
  out.push({ desc, fields });
  tk.expect('{');
  parseMessageBody(tk, name, reg, out, desc, fields, undefined);
}

function parseMessageBody(
  tk: Tokens,
  scope: string,
  reg: ProtoRegistry,
  out: { desc: MessageDesc; fields: RawField[] }[],
  desc: MessageDesc,
  fields: RawField[],
  oneof: string | undefined,
): void {
  for (;;) {
    const t = tk.next();
    if (t === '}') return;
    if (t === ';') continue;
    if (t === 'message') parseMessage(tk, scope, reg, out);
    else if (t === 'enum') parseEnum(tk, scope, reg);
    else if (t === 'option' || t === 'reserved' || t === 'extensions') tk.skipStatement();
    else if (t === 'oneof') {
      const name = tk.next();
      desc.oneofs.push(name);
      tk.expect('{');
      parseMessageBody(tk, scope, reg, out, desc, fields, name);
    } else if (t === 'map') {
      tk.expect('<');
      const key = tk.next();
      tk.expect(',');
      const value = tk.next();
      tk.expect('>');
      if (!SCALARS.has(key)) throw new Error(`map key type ${key} in ${scope}`);
      fields.push(field(tk, scope, value, { repeated: true, presence: false, mapKey: key as ScalarType }));
    } else if (t === 'repeated')
      fields.push(field(tk, scope, tk.next(), { repeated: true, presence: false }));
    else if (t === 'optional') fields.push(field(tk, scope, tk.next(), { repeated: false, presence: true }));
    else
      fields.push(
        field(tk, scope, t, {
          repeated: false,
          presence: oneof !== undefined,
          ...(oneof !== undefined ? { oneof } : {}),
        }),
      );
  }
}

function field(
  tk: Tokens,
  scope: string,
  typeName: string,
  flags: Pick<RawField, 'repeated' | 'presence' | 'mapKey' | 'oneof'>,
): RawField {
  const name = tk.next();
  tk.expect('=');
  const number = Number(tk.next());
  if (!Number.isInteger(number)) throw new Error(`field ${scope}.${name}: bad number`);
  tk.skipStatement(); // `[deprecated = true]` and the like
  return { name, number, typeName, scope, ...flags };
}

function parseEnum(tk: Tokens, scope: string, reg: ProtoRegistry): void {
  const name = join(scope, tk.next());
  const desc: EnumDesc = { name, byName: new Map(), byNumber: new Map() };
  tk.expect('{');
  for (;;) {
    const t = tk.next();
    if (t === '}') break;
    if (t === ';') continue;
    if (t === 'option' || t === 'reserved') {
      tk.skipStatement();
      continue;
    }
    tk.expect('=');
    const n = Number(tk.next());
    tk.skipStatement();
    desc.byName.set(t, n);
    if (!desc.byNumber.has(n)) desc.byNumber.set(n, t);
  }
  reg.enums.set(name, desc);
}

function parseService(tk: Tokens, pkg: string): ServiceDesc {
  const desc: ServiceDesc = { name: join(pkg, tk.next()), methods: [] };
  tk.expect('{');
  for (;;) {
    const t = tk.next();
    if (t === '}') return desc;
    if (t === ';') continue;
    if (t === 'option') {
      tk.skipStatement();
      continue;
    }
    if (t !== 'rpc') throw new Error(`service ${desc.name}: unexpected "${t}"`);
    const name = tk.next();
    const [input, clientStreaming] = methodType(tk);
    tk.expect('returns');
    const [output, serverStreaming] = methodType(tk);
    if (tk.peek() === '{') {
      tk.next();
      let depth = 1;
      while (depth > 0) {
        const x = tk.next();
        if (x === '{') depth++;
        else if (x === '}') depth--;
      }
    } else tk.expect(';');
    desc.methods.push({ name, input, output, clientStreaming, serverStreaming });
  }
}

function methodType(tk: Tokens): [string, boolean] {
  tk.expect('(');
  let t = tk.next();
  const stream = t === 'stream';
  if (stream) t = tk.next();
  tk.expect(')');
  return [t, stream];
}

/** protobuf's scoping: the innermost enclosing scope that defines the name wins. */
function lookup(reg: ProtoRegistry, name: string, scope: string): string | undefined {
  if (name.startsWith('.')) {
    const abs = name.slice(1);
    return reg.messages.has(abs) || reg.enums.has(abs) ? abs : undefined;
  }
  let s = scope;
  for (;;) {
    const full = join(s, name);
    if (reg.messages.has(full) || reg.enums.has(full)) return full;
    if (s === '') return undefined;
    const dot = s.lastIndexOf('.');
    s = dot < 0 ? '' : s.slice(0, dot);
  }
}

function resolveType(reg: ProtoRegistry, name: string, scope: string): ValueType {
  if (SCALARS.has(name)) return { kind: 'scalar', scalar: name as ScalarType };
  const full = lookup(reg, name, scope);
  if (full === undefined) throw new Error(`unknown type ${name} (in ${scope})`);
  return reg.enums.has(full) ? { kind: 'enum', name: full } : { kind: 'message', name: full };
}

function resolveMessage(reg: ProtoRegistry, name: string, scope: string): string {
  const t = resolveType(reg, name, scope);
  if (t.kind !== 'message') throw new Error(`${name} is not a message`);
  return t.name;
}

/** The two well-known types the vendored files import. */
function addWellKnownTypes(reg: ProtoRegistry): void {
  const scalar = (name: string, number: number, s: ScalarType): FieldDesc => ({
    name,
    number,
    type: { kind: 'scalar', scalar: s },
    repeated: false,
    presence: false,
  });
  const msg = (name: string, fields: FieldDesc[]): void => {
    reg.messages.set(name, { name, fields, byNumber: new Map(fields.map((f) => [f.number, f])), oneofs: [] });
  };
  msg('google.protobuf.Empty', []);
  msg('google.protobuf.Timestamp', [scalar('seconds', 1, 'int64'), scalar('nanos', 2, 'int32')]);
}
