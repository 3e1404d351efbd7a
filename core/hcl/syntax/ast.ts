// The syntax tree of an HCL native-syntax file: bodies, attributes and blocks, and unevaluated
// expressions. Every node keeps its source range, so later stages (decoders, evaluation) can
// point at the exact place a value came from.
import type { Range } from './position.ts';

export interface HclFile {
  file: string;
  source: string;
  body: Body;
}

/** Attributes and blocks, each in source order. */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expr;
  range: Range;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  body: Body;
  range: Range;
  openBraceRange: Range;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface ObjectItem {
  key: Expr;
  value: Expr;
  /** `{ a = 1 }`: the key is an identifier (a `variable` expression) that stands for the string "a". */
  bareKey: boolean;
}

export type Expr =
  /** `-1` is folded into one literal; other negations stay unary. */
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  /** "a${x}b" and heredocs; a template with one literal part is still a template (`""` has one empty part). */
  | { kind: 'template'; parts: TemplatePart[]; heredoc: boolean; range: Range }
  /** A bare identifier root: `var`, `column`, `int`, `each`. */
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'getattr'; target: Expr; name: string; nameRange: Range; range: Range }
  /** `x[key]` and the legacy `x.0`. */
  | { kind: 'index'; target: Expr; key: Expr; range: Range }
  /** `x[*].a` (full) and `x.*.a`; `each` is evaluated per element, relative to a `splatItem`. */
  | { kind: 'splat'; target: Expr; each: Expr; full: boolean; range: Range }
  | { kind: 'splatItem'; range: Range }
  /** `f(a, b...)`; provider functions keep their `::` in the name. */
  | { kind: 'call'; name: string; nameRange: Range; args: Expr[]; expandFinal: boolean; range: Range }
  | { kind: 'tuple'; items: Expr[]; range: Range }
  | { kind: 'object'; items: ObjectItem[]; range: Range }
  | { kind: 'conditional'; cond: Expr; then: Expr; else: Expr; range: Range }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; range: Range }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr; range: Range }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      keyExpr?: Expr;
      valueExpr: Expr;
      cond?: Expr;
      group: boolean;
      object: boolean;
      range: Range;
    }
  | { kind: 'paren'; inner: Expr; range: Range };

export type TemplatePart =
  | { kind: 'text'; value: string; range: Range }
  | { kind: 'interp'; expr: Expr; range: Range }
  | { kind: 'if'; cond: Expr; then: TemplatePart[]; else?: TemplatePart[]; range: Range }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[]; range: Range };

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/** For static references: `a.b["c"][0]` -> { root: 'a', steps: ['b', 'c', 0] }; undefined if any step is not a literal. */
export function staticTraversal(e: Expr): { root: string; steps: (string | number)[] } | undefined {
  const steps: (string | number)[] = [];
  let cur = e;
  for (;;) {
    switch (cur.kind) {
      case 'variable':
        steps.reverse();
        return { root: cur.name, steps };
      case 'template':
        // "${a.b}" stands for a.b, as in HCL (a leftover of its older syntax).
        if (steps.length > 0 || cur.parts.length !== 1 || cur.parts[0]!.kind !== 'interp') return undefined;
        cur = cur.parts[0]!.expr;
        break;
      case 'getattr':
        steps.push(cur.name);
        cur = cur.target;
        break;
      case 'index': {
        const key = cur.key.kind === 'literal' ? cur.key.value : staticString(cur.key);
        if (typeof key !== 'string' && typeof key !== 'number') return undefined;
        steps.push(key);
        cur = cur.target;
        break;
      }
      default:
        return undefined;
    }
  }
}

/** The string a template without interpolations or directives stands for (`"abc"`, a plain heredoc). */
export function staticString(e: Expr): string | undefined {
  if (e.kind === 'literal') return typeof e.value === 'string' ? e.value : undefined;
  if (e.kind !== 'template') return undefined;
  let out = '';
  for (const p of e.parts) {
    if (p.kind !== 'text') return undefined;
    out += p.value;
  }
  return out;
}

/** The source text an expression spans (for messages and to keep raw SQL as written). */
export function exprSource(file: HclFile, e: Expr): string {
  return file.source.slice(e.range.start.offset, e.range.end.offset);
}

/** The direct sub-expressions of `e`, in source order (template parts are entered). */
export function childExprs(e: Expr): Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'variable':
    case 'splatItem':
      return [];
    case 'template':
      return templatePartExprs(e.parts);
    case 'getattr':
      return [e.target];
    case 'index':
      return [e.target, e.key];
    case 'splat':
      return [e.target, e.each];
    case 'call':
      return e.args;
    case 'tuple':
      return e.items;
    case 'object':
      return e.items.flatMap((i) => [i.key, i.value]);
    case 'conditional':
      return [e.cond, e.then, e.else];
    case 'binary':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'for': {
      const out = [e.collection];
      if (e.keyExpr) out.push(e.keyExpr);
      out.push(e.valueExpr);
      if (e.cond) out.push(e.cond);
      return out;
    }
    case 'paren':
      return [e.inner];
  }
}

function templatePartExprs(parts: TemplatePart[]): Expr[] {
  const out: Expr[] = [];
  for (const p of parts) {
    if (p.kind === 'interp') out.push(p.expr);
    else if (p.kind === 'if') {
      out.push(p.cond, ...templatePartExprs(p.then));
      if (p.else) out.push(...templatePartExprs(p.else));
    } else if (p.kind === 'for') out.push(p.collection, ...templatePartExprs(p.body));
  }
  return out;
}

/**
 * Calls `visit` on `e` and every expression inside it, parents first. Returning false from
 * `visit` skips that expression's children.
 */
export function walkExpr(e: Expr, visit: (e: Expr) => unknown): void {
  if (visit(e) === false) return;
  for (const c of childExprs(e)) walkExpr(c, visit);
}
