// Canonical spelling of PostgreSQL types, so that `integer`, `int` and `int4` compare equal.
// The catalog prints SQL-standard names (`format_type`); the normalized form is the internal
// type name with its modifiers, which is what every alias resolves to.

const ALIASES: Record<string, string> = {
  smallint: 'int2',
  integer: 'int4',
  int: 'int4',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  float: 'float8',
  boolean: 'bool',
  'character varying': 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  decimal: 'numeric',
  'bit varying': 'varbit',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  smallserial: 'int2',
  serial: 'int4',
  bigserial: 'int8',
};

// `timestamp(3) with time zone`: the modifier sits in the middle of the name.
const TIME_WITH_PRECISION = /^(timestamp|time)\s*\((\d+)\)\s+(with|without) time zone$/;
// `float(p)` is float4 up to 24 bits of precision, float8 above.
const FLOAT_PRECISION = /^float\s*\((\d+)\)$/;

export function normalizeType(raw: string): string {
  let base = raw.trim();
  let dims = '';
  while (base.endsWith('[]')) {
    base = base.slice(0, -2).trimEnd();
    dims += '[]';
  }
  const lower = base.toLowerCase();
  const f = FLOAT_PRECISION.exec(lower);
  if (f) return `${Number(f[1]) <= 24 ? 'float4' : 'float8'}${dims}`;
  const t = TIME_WITH_PRECISION.exec(lower);
  if (t) return `${t[1]}${t[3] === 'with' ? 'tz' : ''}(${t[2]})${dims}`;
  const m = /^([^(]*?)\s*(\(.*\))?$/.exec(base);
  const name = (m?.[1] ?? base).toLowerCase();
  const mods = (m?.[2] ?? '').replace(/\s+/g, '');
  // Quoted or schema-qualified names are user types: keep their spelling.
  if (name.includes('"') || name.includes('.')) return `${base}${dims}`;
  return `${ALIASES[name] ?? name}${mods}${dims}`;
}
