// The standard functions of HCL configurations, named and behaving as Terraform and Atlas users
// know them. `try` and `can` are special forms of the evaluator; `file`, `getenv`, `sql` and the
// URL helpers belong to the callers, which know the base directory and the environment.
import { createHash } from 'node:crypto';
import {
  compareStrings,
  convertToBool,
  convertToNumber,
  convertToString,
  describeValue,
  formatNumber,
  type HclFunction,
  isObject,
  makeObject,
  Opaque,
  plural,
  typeName,
  type Value,
  valueEquals,
} from './eval.ts';
import { HclError } from './position.ts';

type Call = Parameters<HclFunction>[1];

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Arguments of one call, with conversions that fail with messages naming the function. */
class Args {
  constructor(
    readonly fn: string,
    readonly values: Value[],
    readonly call: Call,
  ) {}

  get length(): number {
    return this.values.length;
  }

  fail(message: string): never {
    throw new HclError(message, this.call.range);
  }

  /** `Invalid function argument: join expects a tuple of strings as its 2nd argument, got number`. */
  wrong(i: number, expected: string, got?: string): never {
    this.fail(
      `Invalid function argument: ${this.fn} expects ${expected} as its ${ordinal(i + 1)} argument, got ${got ?? typeName(this.values[i]!)}`,
    );
  }

  any(i: number): Value {
    return this.values[i]!;
  }

  str(i: number): string {
    const s = convertToString(this.values[i]!);
    if (s === undefined) this.wrong(i, 'a string');
    return s;
  }

  num(i: number): number {
    const n = convertToNumber(this.values[i]!);
    if (n === undefined) this.wrong(i, 'a number');
    return n;
  }

  int(i: number): number {
    const n = convertToNumber(this.values[i]!);
    if (n === undefined) this.wrong(i, 'a whole number');
    if (!Number.isInteger(n)) this.wrong(i, 'a whole number', formatNumber(n));
    return n;
  }

  bool(i: number): boolean {
    const b = convertToBool(this.values[i]!);
    if (b === undefined) this.wrong(i, 'a bool');
    return b;
  }

  tuple(i: number): Value[] {
    const v = this.values[i]!;
    if (!Array.isArray(v)) this.wrong(i, 'a tuple');
    return v;
  }

  obj(i: number): { [key: string]: Value } {
    const v = this.values[i]!;
    if (!isObject(v)) this.wrong(i, 'an object');
    return v;
  }

  strings(i: number): string[] {
    const v = this.values[i]!;
    if (!Array.isArray(v)) this.wrong(i, 'a tuple of strings');
    return v.map((x, j) => {
      const s = convertToString(x);
      if (s === undefined) this.wrong(i, 'a tuple of strings', `${describeValue(x)} at index ${j}`);
      return s;
    });
  }

  numbers(i: number): number[] {
    const v = this.values[i]!;
    if (!Array.isArray(v)) this.wrong(i, 'a tuple of numbers');
    return v.map((x, j) => {
      const n = convertToNumber(x);
      if (n === undefined) this.wrong(i, 'a tuple of numbers', `${describeValue(x)} at index ${j}`);
      return n;
    });
  }
}

/** A function taking `min` to `max` arguments (`max` Infinity: variadic). */
function fn(name: string, min: number, max: number, body: (a: Args) => Value): HclFunction {
  return (values, call) => {
    const n = values.length;
    if (n < min || n > max) {
      const which = n < min ? 'Not enough' : 'Too many';
      let expects: string;
      if (max === Number.POSITIVE_INFINITY) expects = `at least ${plural(min, 'argument')}`;
      else if (min === max) expects = plural(min, 'argument');
      else if (max === min + 1) expects = `${min} or ${max} arguments`;
      else expects = `${min} to ${max} arguments`;
      throw new HclError(`${which} function arguments: ${name} expects ${expects}, got ${n}`, call.range);
    }
    return body(new Args(name, values, call));
  };
}

// --- strings -----------------------------------------------------------------------------------

function codePoints(s: string): string[] {
  return Array.from(s);
}

let segmenter: Intl.Segmenter | undefined;
function graphemeCount(s: string): number {
  // ASCII without CR is one grapheme per character.
  let simple = true;
  for (let i = 0; i < s.length && simple; i++) {
    const c = s.charCodeAt(i);
    simple = c < 128 && c !== 13;
  }
  if (simple) return s.length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(codePoints(cutset));
  const cps = codePoints(s);
  let i = 0;
  let j = cps.length;
  if (left) while (i < j && set.has(cps[i]!)) i++;
  if (right) while (j > i && set.has(cps[j - 1]!)) j--;
  return cps.slice(i, j).join('');
}

/** Go's RE2 syntax in the forms users write (`(?i)` prefix, `(?P<name>...)`) as a JS RegExp. */
function compileRegex(a: Args, i: number, pattern: string, global: boolean): RegExp {
  let src = pattern;
  let flags = global ? 'g' : '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === 'U') a.fail(`Invalid function argument: ${a.fn} does not support the (?U) flag`);
      if (!flags.includes(f)) flags += f;
    }
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^(?<![\\s\\S])');
  try {
    return new RegExp(src, `${flags}u`);
  } catch {
    try {
      return new RegExp(src, flags);
    } catch (err) {
      a.wrong(i, 'a valid regular expression', `${JSON.stringify(pattern)} (${(err as Error).message})`);
    }
  }
}

/** What `regex` returns for one match: the match, a tuple of groups, or an object of named groups. */
function matchValue(m: RegExpExecArray): Value {
  if (m.length === 1) return m[0];
  if (m.groups) {
    const o = makeObject();
    for (const [k, v] of Object.entries(m.groups)) o[k] = v ?? null;
    return o;
  }
  return m.slice(1).map((g) => g ?? null);
}

/** Go's regexp Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expandTemplate(template: string, m: RegExpExecArray): string {
  if (!template.includes('$')) return template;
  const out: string[] = [];
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d === -1) {
      out.push(template.slice(i));
      break;
    }
    out.push(template.slice(i, d));
    if (template[d + 1] === '$') {
      out.push('$');
      i = d + 2;
      continue;
    }
    let name: string | undefined;
    let next = d + 1;
    if (template[d + 1] === '{') {
      const close = template.indexOf('}', d + 2);
      const inner = close === -1 ? '' : template.slice(d + 2, close);
      if (/^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        next = close + 1;
      }
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(template.slice(d + 1))?.[0];
      if (word) {
        name = word;
        next = d + 1 + word.length;
      }
    }
    if (name === undefined) {
      out.push('$');
      i = d + 1;
      continue;
    }
    const group = /^[0-9]+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    out.push(group ?? '');
    i = next;
  }
  return out.join('');
}

function regexReplace(a: Args, s: string, patternArg: number, pattern: string, replacement: string): string {
  const re = compileRegex(a, patternArg, pattern, true);
  return s.replace(re, (...args: unknown[]) => {
    // The replacer receives the match, the groups, the offset, the input and (maybe) named groups.
    const hasNamed = typeof args.at(-1) === 'object' && args.at(-1) !== null;
    const groupCount = args.length - (hasNamed ? 4 : 3);
    const m = args.slice(0, groupCount + 1) as string[] as RegExpExecArray;
    if (hasNamed) m.groups = args.at(-1) as Record<string, string>;
    return expandTemplate(replacement, m);
  });
}

// --- format ------------------------------------------------------------------------------------

function pad(s: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined) return s;
  const len = codePoints(s).length;
  if (len >= width) return s;
  if (left) return s + ' '.repeat(width - len);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

/** toFixed, but exact ties round to even as Go does (1.25 -> "1.2"), where JS rounds away from zero. */
function toFixedEven(n: number, prec: number): string {
  const s = n.toFixed(prec);
  // A double differs from a tie at digit prec+1 within 20 more digits if it differs at all.
  if (prec + 20 > 100 || !Number.isFinite(n)) return s;
  const long = Math.abs(n).toFixed(prec + 20);
  if (!long.endsWith(`5${'0'.repeat(19)}`)) return s;
  const kept = long.slice(0, long.length - 20).replace(/\.$/, '');
  const last = kept.charCodeAt(kept.length - 1) - 48;
  if (last % 2 !== 0) return s;
  return n < 0 ? `-${kept}` : kept;
}

function goExponent(s: string): string {
  // JS writes 1.5e+0, Go 1.5e+00.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function format(a: Args, spec: string, values: Value[], firstArg: number): string {
  const out: string[] = [];
  let next = 0;
  let i = 0;
  while (i < spec.length) {
    const pct = spec.indexOf('%', i);
    if (pct === -1) {
      out.push(spec.slice(i));
      break;
    }
    out.push(spec.slice(i, pct));
    i = pct + 1;
    if (spec[i] === '%') {
      out.push('%');
      i++;
      continue;
    }
    let left = false;
    let zero = false;
    let plus = false;
    let space = false;
    for (; i < spec.length; i++) {
      const c = spec[i];
      if (c === '-') left = true;
      else if (c === '0') zero = true;
      else if (c === '+') plus = true;
      else if (c === ' ') space = true;
      else if (c === '#') continue;
      else break;
    }
    const explicit = /^\[(\d+)\]/.exec(spec.slice(i));
    if (explicit) {
      next = Number(explicit[1]) - 1;
      i += explicit[0].length;
    }
    const w = /^\d+/.exec(spec.slice(i));
    const width = w ? Number(w[0]) : undefined;
    if (w) i += w[0].length;
    let prec: number | undefined;
    if (spec[i] === '.') {
      const p = /^\d*/.exec(spec.slice(i + 1))![0];
      prec = p === '' ? 0 : Number(p);
      i += 1 + p.length;
    }
    const verb = spec[i];
    if (verb === undefined) a.fail(`Invalid format string: ${a.fn}: the verb at offset ${pct} is missing`);
    i++;
    if (next >= values.length) {
      a.fail(
        `Invalid function argument: ${a.fn}: not enough arguments for the "%${verb}" at offset ${pct} of the format string`,
      );
    }
    const argIndex = next++;
    const v = values[argIndex]!;
    const bad = (expected: string): never => a.wrong(firstArg + argIndex, expected);
    const signed = (s: string, n: number): string =>
      n >= 0 && !s.startsWith('-') ? (plus ? '+' : space ? ' ' : '') + s : s;
    let s: string;
    switch (verb) {
      case 'v':
        s = v === null ? 'null' : (convertToString(v) ?? jsonEncode(a, v));
        break;
      case 's': {
        const x = convertToString(v);
        if (x === undefined) return bad('a string');
        s = prec === undefined ? x : codePoints(x).slice(0, prec).join('');
        break;
      }
      case 'q': {
        const x = convertToString(v);
        if (x === undefined) return bad('a string');
        s = JSON.stringify(x);
        break;
      }
      case 't': {
        const x = convertToBool(v);
        if (x === undefined) return bad('a bool');
        s = String(x);
        break;
      }
      case 'd': {
        const n = convertToNumber(v);
        if (n === undefined || !Number.isInteger(n)) return bad('a whole number');
        s = signed(formatNumber(n), n);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const n = convertToNumber(v);
        if (n === undefined) return bad('a number');
        const lower = verb.toLowerCase();
        if (lower === 'f') s = toFixedEven(n, prec ?? 6);
        else if (lower === 'e') s = goExponent(n.toExponential(prec ?? 6));
        else s = prec === undefined ? formatNumber(n) : goExponent(String(Number(n.toPrecision(prec || 1))));
        if (verb === 'E' || verb === 'G') s = s.toUpperCase();
        s = signed(s, n);
        break;
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
        const n = convertToNumber(v);
        if (typeof v === 'string' && (verb === 'x' || verb === 'X') && n === undefined) {
          s = Buffer.from(v, 'utf8').toString('hex');
        } else {
          if (n === undefined || !Number.isInteger(n)) return bad('a whole number');
          s = signed(n < 0 ? `-${(-n).toString(radix)}` : n.toString(radix), n);
        }
        if (verb === 'X') s = s.toUpperCase();
        break;
      }
      default:
        return a.fail(
          `Invalid format string: ${a.fn} does not support the verb "%${verb}" (at offset ${pct})`,
        );
    }
    out.push(pad(s, width, left, zero && !left && verb !== 's' && verb !== 'q'));
  }
  if (next < values.length && !/%\[\d+\]/.test(spec)) {
    a.fail(
      `Too many function arguments: ${a.fn}: the format string uses ${plural(next, 'argument')}, but ${values.length} were given`,
    );
  }
  return out.join('');
}

// --- JSON --------------------------------------------------------------------------------------

function jsonEncode(a: Args, v: Value): string {
  const out: string[] = [];
  const write = (x: Value): void => {
    if (x === null || typeof x === 'boolean') out.push(String(x));
    else if (typeof x === 'number')
      out.push(
        Number.isFinite(x)
          ? formatNumber(x)
          : a.fail(`Invalid function argument: ${a.fn} cannot encode ${x}`),
      );
    else if (typeof x === 'string') out.push(jsonString(x));
    else if (Array.isArray(x)) {
      out.push('[');
      x.forEach((e, i) => {
        if (i > 0) out.push(',');
        write(e);
      });
      out.push(']');
    } else if (x instanceof Opaque) {
      a.fail(`Invalid function argument: ${a.fn} cannot encode ${x.describe()}`);
    } else {
      out.push('{');
      Object.keys(x)
        .sort(compareStrings)
        .forEach((k, i) => {
          if (i > 0) out.push(',');
          out.push(jsonString(k), ':');
          write(x[k]!);
        });
      out.push('}');
    }
  };
  write(v);
  return out.join('');
}

/** JSON strings as Go writes them: <, > and & escaped, so the result is safe inside HTML. */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function fromJson(x: unknown): Value {
  if (x === null || typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(fromJson);
  const o = makeObject();
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) o[k] = fromJson(v);
  return o;
}

// --- collections -------------------------------------------------------------------------------

function distinct(list: Value[]): Value[] {
  const out: Value[] = [];
  const seenPrimitive = new Set<unknown>();
  for (const v of list) {
    if (v === null || typeof v !== 'object') {
      const key = typeof v === 'string' ? `s${v}` : v;
      if (seenPrimitive.has(key)) continue;
      seenPrimitive.add(key);
      out.push(v);
    } else if (!out.some((o) => valueEquals(o, v))) {
      out.push(v);
    }
  }
  return out;
}

/** Mixed strings, numbers and bools become strings, as HCL unifies them into one element type. */
function unifyPrimitives(values: Value[]): Value[] {
  const kinds = new Set(values.filter((v) => v !== null).map((v) => typeof v));
  if (kinds.size > 1 && [...kinds].every((k) => k === 'string' || k === 'number' || k === 'boolean')) {
    return values.map((v) => (v === null ? null : convertToString(v)!));
  }
  return values;
}

function toSet(values: Value[]): Value[] {
  const list = distinct(unifyPrimitives(values));
  if (list.every((v) => typeof v === 'string')) return (list as string[]).sort(compareStrings);
  if (list.every((v) => typeof v === 'number')) return (list as number[]).sort((x, y) => x - y);
  if (list.every((v) => typeof v === 'boolean')) return list.sort((x, y) => Number(x) - Number(y));
  return list;
}

function flatten(list: Value[], out: Value[]): Value[] {
  for (const v of list) {
    if (Array.isArray(v)) flatten(v, out);
    else out.push(v);
  }
  return out;
}

function hashHex(algorithm: string): HclFunction {
  return fn(algorithm, 1, 1, (a) => createHash(algorithm).update(a.str(0), 'utf8').digest('hex'));
}

const RANGE_LIMIT = 1024;

export const stdlib: Record<string, HclFunction> = {
  // strings
  format: fn('format', 1, Number.POSITIVE_INFINITY, (a) => format(a, a.str(0), a.values.slice(1), 1)),
  formatlist: fn('formatlist', 1, Number.POSITIVE_INFINITY, (a) => {
    const spec = a.str(0);
    let n = -1;
    for (let i = 1; i < a.length; i++) {
      const v = a.any(i);
      if (!Array.isArray(v)) continue;
      if (n !== -1 && v.length !== n) {
        a.fail(
          `Invalid function argument: formatlist: the tuples given have different lengths (${n} and ${v.length})`,
        );
      }
      n = v.length;
    }
    const count = n === -1 ? 1 : n;
    const out: Value[] = [];
    for (let k = 0; k < count; k++) {
      const row = a.values.slice(1).map((v) => (Array.isArray(v) ? v[k]! : v));
      out.push(format(a, spec, row, 1));
    }
    return out;
  }),
  join: fn('join', 2, Number.POSITIVE_INFINITY, (a) => {
    const sep = a.str(0);
    const parts: string[] = [];
    for (let i = 1; i < a.length; i++) parts.push(...a.strings(i));
    return parts.join(sep);
  }),
  split: fn('split', 2, 2, (a) => {
    const sep = a.str(0);
    const s = a.str(1);
    return sep === '' ? codePoints(s) : s.split(sep);
  }),
  upper: fn('upper', 1, 1, (a) => a.str(0).toUpperCase()),
  lower: fn('lower', 1, 1, (a) => a.str(0).toLowerCase()),
  title: fn('title', 1, 1, (a) => a.str(0).replace(/(?<![\p{L}\p{N}_'])\p{L}/gu, (c) => c.toUpperCase())),
  trimspace: fn('trimspace', 1, 1, (a) => a.str(0).trim()),
  trim: fn('trim', 2, 2, (a) => trimCutset(a.str(0), a.str(1), true, true)),
  trimprefix: fn('trimprefix', 2, 2, (a) => {
    const s = a.str(0);
    const p = a.str(1);
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  trimsuffix: fn('trimsuffix', 2, 2, (a) => {
    const s = a.str(0);
    const p = a.str(1);
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  replace: fn('replace', 3, 3, (a) => {
    const s = a.str(0);
    const sub = a.str(1);
    const rep = a.str(2);
    if (sub.length >= 2 && sub.startsWith('/') && sub.endsWith('/'))
      return regexReplace(a, s, 1, sub.slice(1, -1), rep);
    return s.split(sub).join(rep);
  }),
  regex: fn('regex', 2, 2, (a) => {
    const m = compileRegex(a, 0, a.str(0), false).exec(a.str(1));
    if (!m)
      return a.fail('Invalid function argument: regex: the pattern did not match any part of the string');
    return matchValue(m);
  }),
  regexall: fn('regexall', 2, 2, (a) => {
    const re = compileRegex(a, 0, a.str(0), true);
    const s = a.str(1);
    const out: Value[] = [];
    for (const m of s.matchAll(re)) out.push(matchValue(m as RegExpExecArray));
    return out;
  }),
  regexreplace: fn('regexreplace', 3, 3, (a) => regexReplace(a, a.str(0), 1, a.str(1), a.str(2))),
  substr: fn('substr', 3, 3, (a) => {
    const cps = codePoints(a.str(0));
    let offset = a.int(1);
    let length = a.int(2);
    if (offset < 0) offset = Math.max(0, cps.length + offset);
    if (offset >= cps.length) return '';
    if (length < 0 || offset + length > cps.length) length = cps.length - offset;
    return cps.slice(offset, offset + length).join('');
  }),
  strrev: fn('strrev', 1, 1, (a) => codePoints(a.str(0)).reverse().join('')),
  startswith: fn('startswith', 2, 2, (a) => a.str(0).startsWith(a.str(1))),
  endswith: fn('endswith', 2, 2, (a) => a.str(0).endsWith(a.str(1))),
  strcontains: fn('strcontains', 2, 2, (a) => a.str(0).includes(a.str(1))),

  // collections
  length: fn('length', 1, 1, (a) => {
    const v = a.any(0);
    if (typeof v === 'string') return graphemeCount(v);
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    return a.wrong(0, 'a string, a tuple or an object');
  }),
  concat: fn('concat', 1, Number.POSITIVE_INFINITY, (a) => {
    const out: Value[] = [];
    for (let i = 0; i < a.length; i++) out.push(...a.tuple(i));
    return out;
  }),
  contains: fn('contains', 2, 2, (a) => {
    const v = a.any(1);
    return a.tuple(0).some((x) => valueEquals(x, v));
  }),
  distinct: fn('distinct', 1, 1, (a) => distinct(a.tuple(0))),
  element: fn('element', 2, 2, (a) => {
    const list = a.tuple(0);
    const i = a.int(1);
    if (list.length === 0)
      a.fail('Invalid function argument: element cannot take an element of an empty tuple');
    if (i < 0) a.wrong(1, 'a non-negative index', formatNumber(i));
    return list[i % list.length]!;
  }),
  flatten: fn('flatten', 1, 1, (a) => flatten(a.tuple(0), [])),
  index: fn('index', 2, 2, (a) => {
    const v = a.any(1);
    const i = a.tuple(0).findIndex((x) => valueEquals(x, v));
    if (i === -1) a.fail(`Invalid function argument: index: ${describeValue(v)} is not in the tuple`);
    return i;
  }),
  keys: fn('keys', 1, 1, (a) => Object.keys(a.obj(0)).sort(compareStrings)),
  values: fn('values', 1, 1, (a) => {
    const o = a.obj(0);
    return Object.keys(o)
      .sort(compareStrings)
      .map((k) => o[k]!);
  }),
  lookup: fn('lookup', 2, 3, (a) => {
    const o = a.obj(0);
    const k = a.str(1);
    if (Object.hasOwn(o, k)) return o[k]!;
    if (a.length === 3) return a.any(2);
    return a.fail(`Invalid function argument: lookup: the object has no key "${k}" and no default was given`);
  }),
  merge: fn('merge', 0, Number.POSITIVE_INFINITY, (a) => {
    const out = makeObject();
    for (let i = 0; i < a.length; i++) {
      if (a.any(i) === null) continue;
      Object.assign(out, a.obj(i));
    }
    return out;
  }),
  range: fn('range', 1, 3, (a) => {
    let start = 0;
    let limit: number;
    let step: number;
    if (a.length === 1) {
      limit = a.num(0);
      step = 1;
    } else {
      start = a.num(0);
      limit = a.num(1);
      step = a.length === 3 ? a.num(2) : start <= limit ? 1 : -1;
    }
    if (step === 0) a.wrong(a.length - 1, 'a step other than zero', '0');
    if ((start < limit && step < 0) || (start > limit && step > 0)) {
      a.fail(
        `Invalid function argument: range: a step of ${formatNumber(step)} never gets from ${formatNumber(start)} to ${formatNumber(limit)}`,
      );
    }
    const out: number[] = [];
    for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
      if (out.length === RANGE_LIMIT) {
        a.fail(`Invalid function argument: range would make more than ${RANGE_LIMIT} numbers`);
      }
      out.push(x);
    }
    return out;
  }),
  reverse: fn('reverse', 1, 1, (a) => [...a.tuple(0)].reverse()),
  slice: fn('slice', 3, 3, (a) => {
    const list = a.tuple(0);
    const start = a.int(1);
    const end = a.int(2);
    if (start < 0) a.wrong(1, 'a non-negative index', formatNumber(start));
    if (end > list.length) a.wrong(2, `an end index of at most ${list.length}`, formatNumber(end));
    if (start > end)
      a.fail(`Invalid function argument: slice: the start index ${start} is after the end index ${end}`);
    return list.slice(start, end);
  }),
  sort: fn('sort', 1, 1, (a) => a.strings(0).sort(compareStrings)),
  toset: fn('toset', 1, 1, (a) => toSet(a.tuple(0))),
  tolist: fn('tolist', 1, 1, (a) => (a.any(0) === null ? null : unifyPrimitives(a.tuple(0)))),
  tomap: fn('tomap', 1, 1, (a) => {
    if (a.any(0) === null) return null;
    const o = a.obj(0);
    const keys = Object.keys(o);
    const vals = unifyPrimitives(keys.map((k) => o[k]!));
    return makeObject(keys.map((k, i) => [k, vals[i]!] as const));
  }),
  zipmap: fn('zipmap', 2, 2, (a) => {
    const keys = a.strings(0);
    const vals = a.tuple(1);
    if (keys.length !== vals.length) {
      a.fail(
        `Invalid function argument: zipmap: ${plural(keys.length, 'key')} but ${plural(vals.length, 'value')}`,
      );
    }
    return makeObject(keys.map((k, i) => [k, vals[i]!] as const));
  }),
  coalesce: fn('coalesce', 1, Number.POSITIVE_INFINITY, (a) => {
    for (const v of a.values) if (v !== null && v !== '') return v;
    return a.fail('Invalid function argument: coalesce: every argument is null or an empty string');
  }),
  coalescelist: fn('coalescelist', 1, Number.POSITIVE_INFINITY, (a) => {
    for (let i = 0; i < a.length; i++) {
      const list = a.tuple(i);
      if (list.length > 0) return list;
    }
    return a.fail('Invalid function argument: coalescelist: every argument is an empty tuple');
  }),
  compact: fn('compact', 1, 1, (a) => a.tuple(0).filter((v) => v !== null && v !== '')),

  // conversions
  tostring: fn('tostring', 1, 1, (a) => (a.any(0) === null ? null : a.str(0))),
  tonumber: fn('tonumber', 1, 1, (a) => (a.any(0) === null ? null : a.num(0))),
  tobool: fn('tobool', 1, 1, (a) => (a.any(0) === null ? null : a.bool(0))),

  // numbers
  abs: fn('abs', 1, 1, (a) => Math.abs(a.num(0))),
  ceil: fn('ceil', 1, 1, (a) => Math.ceil(a.num(0))),
  floor: fn('floor', 1, 1, (a) => Math.floor(a.num(0))),
  signum: fn('signum', 1, 1, (a) => Math.sign(a.num(0)) || 0),
  pow: fn('pow', 2, 2, (a) => a.num(0) ** a.num(1)),
  max: fn('max', 1, Number.POSITIVE_INFINITY, (a) => Math.max(...a.values.map((_, i) => a.num(i)))),
  min: fn('min', 1, Number.POSITIVE_INFINITY, (a) => Math.min(...a.values.map((_, i) => a.num(i)))),
  sum: fn('sum', 1, 1, (a) => {
    const nums = a.numbers(0);
    if (nums.length === 0) a.fail('Invalid function argument: sum cannot add up an empty tuple');
    return nums.reduce((x, y) => x + y, 0);
  }),

  // encodings and hashes
  jsonencode: fn('jsonencode', 1, 1, (a) => jsonEncode(a, a.any(0))),
  jsondecode: fn('jsondecode', 1, 1, (a) => {
    try {
      return fromJson(JSON.parse(a.str(0)));
    } catch (err) {
      if (err instanceof HclError) throw err;
      return a.fail(
        `Invalid function argument: jsondecode: the string is not valid JSON (${(err as Error).message})`,
      );
    }
  }),
  base64encode: fn('base64encode', 1, 1, (a) => Buffer.from(a.str(0), 'utf8').toString('base64')),
  base64decode: fn('base64decode', 1, 1, (a) => {
    const s = a.str(0);
    if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
      a.wrong(0, 'a base64 string', 'a string that is not valid base64');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'base64'));
    } catch {
      return a.fail('Invalid function argument: base64decode: the decoded bytes are not valid UTF-8 text');
    }
  }),
  urlescape: fn('urlescape', 1, 1, (a) =>
    // Go's url.QueryEscape: only letters, digits and -_.~ stay as they are; a space becomes "+".
    encodeURIComponent(a.str(0))
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+'),
  ),
  md5: hashHex('md5'),
  sha1: hashHex('sha1'),
  sha256: hashHex('sha256'),
};
