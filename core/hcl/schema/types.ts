// Column types between HCL and SQL. HCL writes a type as an identifier (`int`, `timestamptz`),
// a call (`varchar(255)`, `decimal(10,2)`, MySQL `enum("a","b")`), a reference to a type the
// document declares (`enum.status`, `domain.email`) or raw SQL (`sql("int[]")`). Multi-word
// SQL types are written with underscores (`double_precision`).
import { quoteLiteral } from '../../drivers/quote.ts';
import type { ColumnType, Dialect } from '../../schema/model.ts';
import type { Value } from '../syntax/eval.ts';
import { HclError, type Range } from '../syntax/position.ts';
import { Sql, TypeCall } from '../values.ts';
import { hclString } from '../write.ts';

/** Multi-word types whose HCL spelling joins the words with `_` (others keep their `_`: `pg_lsn`). */
const MULTI_WORD = new Map(
  [
    'character varying',
    'double precision',
    'bit varying',
    'time with time zone',
    'time without time zone',
    'timestamp with time zone',
    'timestamp without time zone',
    'national char',
    'national varchar',
    'long varchar',
    'long varbinary',
  ].map((t) => [t.replace(/ /g, '_'), t]),
);

/** A type value in SQL; user-defined types (references) are resolved by the caller. */
export function typeSql(v: Value, dialect: Dialect, range: Range): string {
  if (v instanceof Sql) return v.text;
  if (typeof v === 'string') return v;
  if (!(v instanceof TypeCall)) {
    throw new HclError(
      'a type is written as an identifier (int), a call (varchar(255)) or sql("...")',
      range,
    );
  }
  const name = MULTI_WORD.get(v.name.toLowerCase()) ?? v.name;
  if (!v.called) return name;
  const args = v.args.map((a) => {
    if (typeof a === 'number') return String(a);
    if (typeof a === 'string') {
      // MySQL ENUM/SET values are string literals; other string arguments are written as-is.
      return /^(enum|set)$/i.test(v.name) ? quoteLiteral(dialect, a) : a;
    }
    throw new HclError(`type ${v.name}(...) takes numbers or strings as arguments`, range);
  });
  return `${name}(${args.join(',')})`;
}

/** A decoded column type; `normalized` is refined when the dev database prints it back. */
export function columnType(raw: string, dialect: Dialect, unsigned: boolean): ColumnType {
  const full = dialect === 'mysql' && unsigned && !/\bunsigned\b/i.test(raw) ? `${raw} unsigned` : raw;
  const t: ColumnType = { raw: full, normalized: full.toLowerCase() };
  if (unsigned) t.unsigned = true;
  const values = dialect === 'mysql' ? /^(?:enum|set)\((.*)\)$/is.exec(full) : null;
  if (values) t.values = parseValues(values[1]!);
  const dims = dialect === 'postgres' ? /((?:\[\d*\])+)$/.exec(full) : null;
  if (dims) t.arrayDims = dims[1]!.split('[').length - 1;
  return t;
}

function parseValues(list: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let m = re.exec(list); m; m = re.exec(list))
    out.push(m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  return out;
}

// ---------------------------------------------------------------- writing

const IDENT_TYPE = /^[a-z_][a-z0-9_]*(\((\d+|\d+,\s*\d+)\))?$/i;

/**
 * A SQL type as HCL: the identifier form where it reads back to the same SQL, else `sql("...")`.
 * `timestamp(6) with time zone` becomes `timestamptz(6)`, as Atlas writes it.
 */
export function typeHcl(sqlType: string, dialect: Dialect): string {
  let t = sqlType.trim();
  if (dialect === 'postgres') {
    const tz = /^(timestamp|time)(\(\d+\))? with time zone$/i.exec(t);
    if (tz) t = `${tz[1]!.toLowerCase()}tz${tz[2] ?? ''}`;
    const notz = /^(timestamp|time)(\(\d+\))? without time zone$/i.exec(t);
    if (notz) t = `${notz[1]!.toLowerCase()}${notz[2] ?? ''}`;
    const multi = /^(character varying|bit varying|double precision)(\(\d+\))?$/i.exec(t);
    if (multi) t = `${multi[1]!.replace(/ /g, '_')}${multi[2] ?? ''}`;
  } else {
    const enumSet = /^(enum|set)\((.*)\)$/is.exec(t);
    if (enumSet) {
      const values = parseValues(enumSet[2]!);
      return `${enumSet[1]!.toLowerCase()}(${values.map(hclString).join(', ')})`;
    }
    t = t.replace(/\s+unsigned$/i, '');
    if (/^double precision$/i.test(t)) t = 'double_precision';
  }
  if (IDENT_TYPE.test(t) && !RESERVED.has(t.toLowerCase())) return t.replace(/,\s*/, ',');
  return `sql(${hclString(sqlType)})`;
}

/** Identifiers that HCL reads as something else. */
const RESERVED = new Set(['null', 'true', 'false', 'for', 'in', 'if']);
