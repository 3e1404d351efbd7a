// Evaluation of HCL expressions with HCL's semantics (hclsyntax/spec.md): templates, operators,
// for expressions, splats, function calls and the `try`/`can` special forms. Values are plain JS
// values; what the evaluator does not understand (schema references, raw SQL) travels as Opaque.
import type { Expr, TemplatePart } from './ast.ts';
import { describeRange, HclError, type Range } from './position.ts';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value } | Opaque;

/** Values the evaluator passes through without understanding them (references to schema objects, raw SQL, type constructors). */
export abstract class Opaque {
  /** `x.name` on this value. Default: an error. */
  getAttr(name: string, range: Range): Value {
    throw new HclError(`Unsupported attribute: ${this.describe()} has no attribute "${name}"`, range);
  }

  /** `x[key]`. Default: an error. */
  index(_key: Value, range: Range): Value {
    throw new HclError(`Invalid index: ${this.describe()} cannot be indexed`, range);
  }

  /** Used in messages, e.g. `reference table.users`. */
  abstract describe(): string;

  /** Equality for ==, !=, toset/distinct/contains; default identity. */
  equals(other: Value): boolean {
    return this === other;
  }

  /** The text of this value inside a string template ("${table.users.name}"); without it, interpolating is an error. */
  toTemplate?(): string;
}

export type HclFunction = (
  args: Value[],
  call: { range: Range; argRanges: Range[]; ctx: EvalContext },
) => Value;

export interface EvalContext {
  /** Resolve a root variable (`var`, `local`, `each`, `column`...). Return undefined if unknown: the evaluator then throws `Unknown variable "x"` (with suggestions from `variableNames()` if given). */
  variable(name: string, range: Range): Value | undefined;
  variableNames?(): string[];
  functions: Readonly<Record<string, HclFunction>>;
  /** Called for a call to a name not in `functions`; return undefined to get the normal `Call to unknown function "x"` error (with the closest known name suggested). */
  unknownFunction?(name: string, args: Value[], range: Range): Value | undefined;
}

/** Evaluates `expr`. Throws HclError, with the range of the offending sub-expression, on any mistake. */
export function evaluate(expr: Expr, ctx: EvalContext): Value {
  return ev(expr, ctx, undefined);
}

/** Context with extra variables layered on top (used for `each`, for-expression variables). */
export function withVariables(ctx: EvalContext, vars: Record<string, Value>): EvalContext {
  return new Layer(ctx, new Map(Object.entries(vars)));
}

class Layer implements EvalContext {
  readonly functions: Readonly<Record<string, HclFunction>>;
  readonly unknownFunction?: (name: string, args: Value[], range: Range) => Value | undefined;
  constructor(
    private readonly parent: EvalContext,
    private readonly vars: Map<string, Value>,
  ) {
    this.functions = parent.functions;
    if (parent.unknownFunction) this.unknownFunction = (n, a, r) => parent.unknownFunction?.(n, a, r);
  }

  variable(name: string, range: Range): Value | undefined {
    const v = this.vars.get(name);
    return v !== undefined ? v : this.parent.variable(name, range);
  }

  variableNames(): string[] {
    return [...this.vars.keys(), ...(this.parent.variableNames?.() ?? [])];
  }
}

// --- values ------------------------------------------------------------------------------------

export function typeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'tuple';
  if (v instanceof Opaque) return v.describe();
  return 'object';
}

export function isObject(v: Value): v is { [key: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Opaque);
}

/** An object value: no prototype, so keys like `__proto__` and `constructor` are plain keys. */
export function makeObject(entries?: Iterable<readonly [string, Value]>): { [key: string]: Value } {
  const o: { [key: string]: Value } = Object.create(null);
  if (entries) for (const [k, v] of entries) o[k] = v;
  return o;
}

/** Whether `o` has its own key `k` (safe on objects with and without a prototype). */
export function hasKey(o: { [key: string]: Value }, k: string): boolean {
  return Object.hasOwn(o, k);
}

export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Opaque) return a.equals(b);
  if (b instanceof Opaque) return b.equals(a);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !valueEquals(a[k]!, b[k]!)) return false;
  return true;
}

/** HCL's conversion to string: strings, numbers and bools convert; undefined for anything else. */
export function convertToString(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  return undefined;
}

const NUMERIC = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** HCL's conversion to number: numbers, and strings written as decimal numbers; undefined otherwise. */
export function convertToNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return undefined;
}

/** HCL's conversion to bool: bools, and the strings "true" and "false"; undefined otherwise. */
export function convertToBool(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Numbers as HCL prints them: whole numbers without a fraction, never in exponent notation. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const s = String(n);
  const e = s.indexOf('e');
  if (e === -1) return s;
  // 1.5e-7 -> 0.00000015
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot === -1 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

/** A short description of a value for messages: `the string "abc"`, `the number 5`, `a tuple`. */
export function describeValue(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case 'number':
      return `the number ${formatNumber(v)}`;
    case 'boolean':
      return `the bool ${v}`;
  }
  if (Array.isArray(v)) return `a tuple of ${plural(v.length, 'element')}`;
  if (v instanceof Opaque) return v.describe();
  return 'an object';
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Suggest the closest name (Levenshtein-ish) from candidates, or undefined if nothing is close. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0.5 : levenshtein(name, c, 3);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  // At most two edits, and at most one per two characters: "x" is not a typo of "y".
  return bestDist <= Math.min(2, Math.floor(name.length / 2)) || bestDist < 1 ? best : undefined;
}

/**
 * Edit distance counting a swap of neighbours as one edit ("ulr" is one edit from "url"),
 * giving up (returning `limit`) once every path exceeds `limit - 1`.
 */
function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    before = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}

function didYouMean(name: string, candidates: Iterable<string>): string {
  const s = closest(name, candidates);
  return s === undefined ? '' : `; did you mean "${s}"?`;
}

// --- evaluation --------------------------------------------------------------------------------

/** `item` is the element a splat's `each` is evaluated against. */
function ev(e: Expr, ctx: EvalContext, item: Value | undefined): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template':
      return evalTemplate(e.parts, ctx, item);
    case 'variable': {
      const v = ctx.variable(e.name, e.range);
      if (v === undefined) {
        const names = ctx.variableNames?.() ?? [];
        throw new HclError(`Unknown variable "${e.name}"${didYouMean(e.name, names)}`, e.range);
      }
      return v;
    }
    case 'paren':
      return ev(e.inner, ctx, item);
    case 'getattr':
      return getAttr(ev(e.target, ctx, item), e.name, e.nameRange);
    case 'index':
      return index(ev(e.target, ctx, item), ev(e.key, ctx, item), e.key.range, e.range);
    case 'splat': {
      const source = ev(e.target, ctx, item);
      if (source === null) return [];
      const list = Array.isArray(source) ? source : [source];
      return list.map((x) => ev(e.each, ctx, x));
    }
    case 'splatItem':
      if (item === undefined) throw new HclError('A splat element is used outside of a splat', e.range);
      return item;
    case 'call':
      return evalCall(e, ctx, item);
    case 'tuple':
      return e.items.map((x) => ev(x, ctx, item));
    case 'object': {
      const out = makeObject();
      for (const it of e.items) {
        let key: string;
        if (it.bareKey && it.key.kind === 'variable') key = it.key.name;
        else key = objectKey(ev(it.key, ctx, item), it.key.range);
        out[key] = ev(it.value, ctx, item);
      }
      return out;
    }
    case 'conditional': {
      const c = ev(e.cond, ctx, item);
      const b = convertToBool(c);
      if (b === undefined) {
        throw new HclError(
          `Invalid condition: the condition of "? :" must be a bool, got ${describeValue(c)}`,
          e.cond.range,
        );
      }
      return b ? ev(e.then, ctx, item) : ev(e.else, ctx, item);
    }
    case 'unary': {
      const v = ev(e.operand, ctx, item);
      if (e.op === '!') return !operandBool(v, '!', 'operand', e.operand.range);
      return -operandNumber(v, '-', 'operand', e.operand.range);
    }
    case 'binary':
      return evalBinary(e, ctx, item);
    case 'for':
      return evalFor(e, ctx, item);
  }
}

function objectKey(k: Value, range: Range): string {
  const s = convertToString(k);
  if (s === undefined) {
    throw new HclError(`Invalid object key: a key must be a string, got ${describeValue(k)}`, range);
  }
  return s;
}

function getAttr(target: Value, name: string, range: Range): Value {
  if (target instanceof Opaque) return target.getAttr(name, range);
  if (isObject(target)) {
    if (Object.hasOwn(target, name)) return target[name]!;
    throw new HclError(
      `Unsupported attribute: object has no attribute "${name}"${didYouMean(name, Object.keys(target))}`,
      range,
    );
  }
  if (target === null)
    throw new HclError(`Unsupported attribute: cannot read "${name}" from a null value`, range);
  if (Array.isArray(target)) {
    throw new HclError(
      `Unsupported attribute: a tuple has no attribute "${name}"; to read it from each element, use a splat like [*].${name}`,
      range,
    );
  }
  throw new HclError(`Unsupported attribute: a ${typeName(target)} has no attribute "${name}"`, range);
}

function index(target: Value, key: Value, keyRange: Range, range: Range): Value {
  if (target instanceof Opaque) return target.index(key, range);
  if (Array.isArray(target)) {
    const n = convertToNumber(key);
    if (n === undefined) {
      throw new HclError(
        `Invalid index: a tuple is indexed by a number, got ${describeValue(key)}`,
        keyRange,
      );
    }
    if (!Number.isInteger(n)) {
      throw new HclError(
        `Invalid index: a tuple index must be a whole number, got ${formatNumber(n)}`,
        keyRange,
      );
    }
    if (n < 0 || n >= target.length) {
      throw new HclError(
        `Invalid index: tuple has ${plural(target.length, 'element')}, index ${formatNumber(n)} is out of range`,
        keyRange,
      );
    }
    return target[n]!;
  }
  if (isObject(target)) {
    const k = convertToString(key);
    if (k === undefined) {
      throw new HclError(
        `Invalid index: an object is indexed by a string, got ${describeValue(key)}`,
        keyRange,
      );
    }
    if (Object.hasOwn(target, k)) return target[k]!;
    throw new HclError(
      `Invalid index: object has no element "${k}"${didYouMean(k, Object.keys(target))}`,
      keyRange,
    );
  }
  if (target === null) throw new HclError('Invalid index: cannot index a null value', range);
  if (typeof target === 'string') {
    throw new HclError('Invalid index: a string cannot be indexed; use substr() to take part of it', range);
  }
  throw new HclError(`Invalid index: a ${typeName(target)} cannot be indexed`, range);
}

function evalTemplate(parts: TemplatePart[], ctx: EvalContext, item: Value | undefined): Value {
  // HCL's unwrapping: "${x}" alone is x itself, of any type.
  if (parts.length === 1 && parts[0]!.kind === 'interp') return ev(parts[0]!.expr, ctx, item);
  const out: string[] = [];
  renderParts(parts, ctx, item, out);
  return out.join('');
}

function renderParts(parts: TemplatePart[], ctx: EvalContext, item: Value | undefined, out: string[]): void {
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        out.push(p.value);
        break;
      case 'interp':
        out.push(templateString(ev(p.expr, ctx, item), p.expr.range));
        break;
      case 'if': {
        const c = ev(p.cond, ctx, item);
        const b = convertToBool(c);
        if (b === undefined) {
          throw new HclError(
            `Invalid condition: the condition of %{ if } must be a bool, got ${describeValue(c)}`,
            p.cond.range,
          );
        }
        if (b) renderParts(p.then, ctx, item, out);
        else if (p.else) renderParts(p.else, ctx, item, out);
        break;
      }
      case 'for':
        for (const [k, v] of iterate(ev(p.collection, ctx, item), p.collection.range, '%{ for }')) {
          renderParts(p.body, bind(ctx, p.keyVar, k, p.valueVar, v), item, out);
        }
        break;
    }
  }
}

function templateString(v: Value, range: Range): string {
  const s = convertToString(v);
  if (s !== undefined) return s;
  if (v === null) {
    throw new HclError(
      'Invalid template interpolation value: the value is null, and null cannot be part of a string',
      range,
    );
  }
  if (v instanceof Opaque) {
    if (v.toTemplate) return v.toTemplate();
    throw new HclError(
      `Invalid template interpolation value: ${v.describe()} cannot be part of a string`,
      range,
    );
  }
  throw new HclError(
    `Invalid template interpolation value: ${Array.isArray(v) ? 'a tuple' : 'an object'} cannot be part of a string (use join() or jsonencode())`,
    range,
  );
}

/** Key/value pairs of a collection: tuples by index, objects by key in lexical order (as HCL does). */
function iterate(coll: Value, range: Range, what: string): [Value, Value][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll)) {
    return Object.keys(coll)
      .sort(compareStrings)
      .map((k) => [k, coll[k]!]);
  }
  throw new HclError(
    `Invalid ${what}: cannot iterate over ${describeValue(coll)}; a tuple or an object is required`,
    range,
  );
}

/** Orders strings by code point, as Go does (JS's default sort compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function bind(
  ctx: EvalContext,
  keyVar: string | undefined,
  key: Value,
  valueVar: string,
  value: Value,
): EvalContext {
  const vars = new Map<string, Value>();
  if (keyVar !== undefined) vars.set(keyVar, key);
  vars.set(valueVar, value);
  return new Layer(ctx, vars);
}

function evalFor(e: Extract<Expr, { kind: 'for' }>, ctx: EvalContext, item: Value | undefined): Value {
  const pairs = iterate(ev(e.collection, ctx, item), e.collection.range, 'for expression');
  const tuple: Value[] = [];
  const object = makeObject();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    const inner = bind(ctx, e.keyVar, k, e.valueVar, v);
    if (e.cond) {
      const c = ev(e.cond, inner, item);
      const b = convertToBool(c);
      if (b === undefined) {
        throw new HclError(
          `Invalid condition: the "if" of a for expression must be a bool, got ${describeValue(c)}`,
          e.cond.range,
        );
      }
      if (!b) continue;
    }
    if (!e.object) {
      tuple.push(ev(e.valueExpr, inner, item));
      continue;
    }
    const keyExpr = e.keyExpr!;
    const key = ev(keyExpr, inner, item);
    if (key === null)
      throw new HclError(
        'Invalid object key: the key expression of the for expression is null',
        keyExpr.range,
      );
    const ks = objectKey(key, keyExpr.range);
    const value = ev(e.valueExpr, inner, item);
    if (e.group) {
      const g = groups.get(ks);
      if (g) g.push(value);
      else {
        const list = [value];
        groups.set(ks, list);
        object[ks] = list;
      }
    } else {
      if (Object.hasOwn(object, ks)) {
        throw new HclError(
          `Duplicate object key "${ks}": two elements produce it; add "..." after the value expression to group the values by key`,
          keyExpr.range,
        );
      }
      object[ks] = value;
    }
  }
  return e.object ? object : tuple;
}

function operandNumber(v: Value, op: string, side: string, range: Range): number {
  const n = convertToNumber(v);
  if (n === undefined) {
    throw new HclError(
      `Invalid operand: the ${side} of "${op}" must be a number, got ${describeValue(v)}`,
      range,
    );
  }
  return n;
}

function operandBool(v: Value, op: string, side: string, range: Range): boolean {
  const b = convertToBool(v);
  if (b === undefined) {
    throw new HclError(
      `Invalid operand: the ${side} of "${op}" must be a bool, got ${describeValue(v)}`,
      range,
    );
  }
  return b;
}

function evalBinary(e: Extract<Expr, { kind: 'binary' }>, ctx: EvalContext, item: Value | undefined): Value {
  const { op } = e;
  const l = ev(e.left, ctx, item);
  switch (op) {
    case '&&':
      // The right side is not evaluated when the left decides, as in HCL.
      if (!operandBool(l, op, 'left operand', e.left.range)) return false;
      return operandBool(ev(e.right, ctx, item), op, 'right operand', e.right.range);
    case '||':
      if (operandBool(l, op, 'left operand', e.left.range)) return true;
      return operandBool(ev(e.right, ctx, item), op, 'right operand', e.right.range);
    case '==':
      return valueEquals(l, ev(e.right, ctx, item));
    case '!=':
      return !valueEquals(l, ev(e.right, ctx, item));
  }
  const a = operandNumber(l, op, 'left operand', e.left.range);
  const b = operandNumber(ev(e.right, ctx, item), op, 'right operand', e.right.range);
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new HclError('Invalid operand: division by zero', e.right.range);
      return a / b;
    case '%':
      if (b === 0) throw new HclError('Invalid operand: modulo by zero', e.right.range);
      return a % b;
  }
}

function evalCall(e: Extract<Expr, { kind: 'call' }>, ctx: EvalContext, item: Value | undefined): Value {
  if (e.name === 'try' || e.name === 'can') return evalTryCan(e, ctx, item);
  const args: Value[] = [];
  const argRanges: Range[] = [];
  e.args.forEach((a, i) => {
    const v = ev(a, ctx, item);
    if (e.expandFinal && i === e.args.length - 1) {
      if (!Array.isArray(v)) {
        throw new HclError(
          `Invalid expanding argument: the argument before "..." must be a tuple, got ${describeValue(v)}`,
          a.range,
        );
      }
      for (const x of v) {
        args.push(x);
        argRanges.push(a.range);
      }
    } else {
      args.push(v);
      argRanges.push(a.range);
    }
  });
  if (Object.hasOwn(ctx.functions, e.name)) {
    const fn = ctx.functions[e.name]!;
    try {
      return fn(args, { range: e.range, argRanges, ctx });
    } catch (err) {
      if (err instanceof HclError || !(err instanceof Error)) throw err;
      throw new HclError(`Call to function "${e.name}" failed: ${err.message}`, e.range, { cause: err });
    }
  }
  const r = ctx.unknownFunction?.(e.name, args, e.range);
  if (r !== undefined) return r;
  const known = [...Object.keys(ctx.functions), 'try', 'can'];
  throw new HclError(`Call to unknown function "${e.name}"${didYouMean(e.name, known)}`, e.nameRange);
}

/** `try(a, b, ...)` and `can(x)` evaluate their arguments lazily, so they are not plain functions. */
function evalTryCan(e: Extract<Expr, { kind: 'call' }>, ctx: EvalContext, item: Value | undefined): Value {
  if (e.expandFinal)
    throw new HclError(`Invalid argument: ${e.name} cannot take an expanded ("...") argument`, e.range);
  if (e.name === 'can') {
    if (e.args.length !== 1) {
      const which = e.args.length === 0 ? 'Not enough' : 'Too many';
      throw new HclError(
        `${which} function arguments: can expects 1 argument, got ${e.args.length}`,
        e.range,
      );
    }
    try {
      ev(e.args[0]!, ctx, item);
      return true;
    } catch (err) {
      if (err instanceof HclError) return false;
      throw err;
    }
  }
  if (e.args.length === 0)
    throw new HclError('Not enough function arguments: try expects at least 1 argument, got 0', e.range);
  const failures: string[] = [];
  for (const a of e.args) {
    try {
      return ev(a, ctx, item);
    } catch (err) {
      if (!(err instanceof HclError)) throw err;
      failures.push(`${err.message} (at ${describeRange(err.range)})`);
    }
  }
  throw new HclError(`No argument of try succeeded: ${failures.join('; ')}`, e.range);
}
