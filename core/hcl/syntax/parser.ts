// A recursive-descent parser for HCL's native syntax (hashicorp/hcl, hclsyntax/spec.md): bodies of
// attributes and blocks, the expression language and templates. It stops at the first mistake
// with an HclError pointing at the offending token.
import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expr,
  ExprOf,
  HclFile,
  ObjectItem,
  TemplatePart,
} from './ast.ts';
import { Lexer, type Token, type TokenType } from './lexer.ts';
import { describeRange, HclError, type Range } from './position.ts';

/** Parses a whole file. Throws HclError on the first syntax error. */
export function parseHcl(source: string, file: string): HclFile {
  const p = new Parser(source, file);
  return { file, source, body: p.parseFile() };
}

/** Parses a lone expression (a command-line value, a test). Throws HclError on a syntax error. */
export function parseHclExpression(source: string, file: string): Expr {
  return new Parser(source, file).parseLoneExpr();
}

const PRECEDENCE: Partial<Record<TokenType, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Template pieces before strip markers, heredoc indentation and directive nesting are applied. */
type Raw =
  | { t: 'text'; value: string; start: number; end: number }
  | { t: 'interp'; expr: Expr; start: number; end: number; sl: boolean; sr: boolean }
  | { t: 'if'; cond: Expr; start: number; end: number; sl: boolean; sr: boolean }
  | {
      t: 'for';
      keyVar: string | undefined;
      valueVar: string;
      coll: Expr;
      start: number;
      end: number;
      sl: boolean;
      sr: boolean;
    }
  | { t: 'else' | 'endif' | 'endfor'; start: number; end: number; sl: boolean; sr: boolean };

type TemplateExpr = ExprOf<'template'>;

interface BodyItems {
  attributes: Attribute[];
  blocks: Block[];
}

class Parser {
  private readonly lx: Lexer;
  private readonly file: string;
  /** The current token: the lexer stands just after it. */
  private tok: Token;
  /** Inside (), [] and expression-level {} newlines are not tokens. */
  private nlSkip = false;
  /** Newlines were skipped just before the current token. */
  private nlBefore = false;

  constructor(source: string, file: string) {
    this.lx = new Lexer(source, file);
    this.file = file;
    this.tok = this.lx.next();
  }

  parseFile(): Body {
    const items = this.parseBodyItems(undefined, '');
    return { ...items, range: this.range(0, this.lx.src.length) };
  }

  parseLoneExpr(): Expr {
    this.nlSkip = true;
    if (this.is('newline')) this.advance();
    const t = this.tok;
    if (t.type === 'eof') this.fail('Expected an expression, found nothing', t);
    const e = this.parseExpr();
    if (!this.is('eof')) this.fail(`Unexpected ${describeToken(this.tok)} after the expression`, this.tok);
    return e;
  }

  // --- plumbing ------------------------------------------------------------------------------

  /** Whether the current token has this type (a call, so TypeScript does not narrow across advance()). */
  private is(type: TokenType): boolean {
    return this.tok.type === type;
  }

  private isWord(word: string): boolean {
    return this.tok.type === 'ident' && this.tok.text === word;
  }

  private advance(): void {
    let t = this.lx.next();
    this.nlBefore = false;
    if (this.nlSkip) {
      while (t.type === 'newline') {
        t = this.lx.next();
        this.nlBefore = true;
      }
    }
    this.tok = t;
  }

  /**
   * The current token should have closed `open`. When it is on a later line, the likely mistake
   * is a missing closer at the end of the construct, so the error points at the opener.
   */
  private badCloser(open: Token, what: string, sameLine: string): never {
    const t = this.tok;
    if (t.type === 'eof') this.fail(`Unclosed "${open.type}": ${what} is never closed`, open);
    if (this.nlBefore) {
      const line = this.lx.map.pos(t.start).line;
      this.fail(
        `Unclosed "${open.type}": ${what} is not closed before ${describeToken(t)} on line ${line}`,
        open,
      );
    }
    return this.fail(sameLine, t);
  }

  private range(start: number, end: number): Range {
    return this.lx.map.range(start, end);
  }

  private tokRange(t: Token): Range {
    return this.range(t.start, t.end);
  }

  private span(a: Range, b: Range): Range {
    return { file: this.file, start: a.start, end: b.end };
  }

  private fail(message: string, at: Token | Range): never {
    throw new HclError(message, 'type' in at ? this.tokRange(at) : at);
  }

  private where(t: Token): string {
    return describeRange(this.tokRange(t));
  }

  // --- structure -----------------------------------------------------------------------------

  /** Items up to the `}` closing `open` (the current token is then that `}`), or to the end of the file. */
  private parseBodyItems(open: Token | undefined, blockName: string): BodyItems {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Map<string, Attribute>();
    for (;;) {
      const t = this.tok;
      switch (t.type) {
        case 'newline':
          this.advance();
          continue;
        case 'ident': {
          const what = this.parseItem(attributes, blocks, seen);
          const next = this.tok;
          if (next.type !== 'newline' && next.type !== 'eof') {
            if (next.type === '}') {
              this.fail(
                `Missing newline after ${what}: the closing "}" of a block goes on its own line`,
                next,
              );
            }
            this.fail(`Missing newline after ${what}: each attribute and block starts on its own line`, next);
          }
          continue;
        }
        case '}':
          if (open) return { attributes, blocks };
          this.fail('Unexpected "}": there is no open block to close here', t);
          break;
        case 'eof':
          if (open) this.fail(`Unclosed block: the "{" of ${blockName} is never closed`, open);
          return { attributes, blocks };
        case 'quote':
          this.fail('Expected an attribute or block name, found a string: names are not quoted', t);
          break;
        default:
          this.fail(`Expected an attribute or a block, found ${describeToken(t)}`, t);
      }
    }
  }

  /** An attribute or a block; returns what it was, for messages. */
  private parseItem(attributes: Attribute[], blocks: Block[], seen: Map<string, Attribute>): string {
    const nameTok = this.tok;
    const name = nameTok.text;
    this.advance();
    const t = this.tok;
    if (t.type === '=') {
      attributes.push(this.parseAttribute(nameTok, seen));
      return `the attribute "${name}"`;
    }
    if (t.type === '{' || t.type === 'quote' || t.type === 'ident') {
      const block = this.parseBlock(nameTok);
      blocks.push(block);
      return `the block ${[block.type, ...block.labels.map((l) => JSON.stringify(l))].join(' ')}`;
    }
    this.fail(
      `Missing "=" after "${name}": write ${name} = value for an attribute, or ${name} { ... } for a block`,
      t,
    );
  }

  /** The current token is the `=` after `nameTok`. */
  private parseAttribute(nameTok: Token, seen: Map<string, Attribute>): Attribute {
    const name = nameTok.text;
    const nameRange = this.tokRange(nameTok);
    const prev = seen.get(name);
    if (prev) {
      this.fail(`Attribute "${name}" was already defined at ${describeRange(prev.nameRange)}`, nameRange);
    }
    this.advance();
    const t = this.tok;
    if (t.type === 'newline' || t.type === 'eof') {
      this.fail(`Missing value for the attribute "${name}": the value must start on the same line as "="`, t);
    }
    const expr = this.parseExpr();
    const attr: Attribute = { name, nameRange, expr, range: this.span(nameRange, expr.range) };
    seen.set(name, attr);
    return attr;
  }

  /** The current token follows the block type `typeTok`: a label or the `{`. */
  private parseBlock(typeTok: Token): Block {
    const type = typeTok.text;
    const typeRange = this.tokRange(typeTok);
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    for (;;) {
      const t = this.tok;
      if (t.type === 'ident') {
        labels.push(t.text);
        labelRanges.push(this.tokRange(t));
        this.advance();
      } else if (t.type === 'quote') {
        const e = this.parseQuoted(t);
        let label = '';
        for (const p of e.parts) {
          if (p.kind !== 'text') {
            this.fail(
              'Invalid block label: labels are plain strings; "${" and "%{" sequences are not allowed',
              p.range,
            );
          }
          label += p.value;
        }
        labels.push(label);
        labelRanges.push(e.range);
      } else break;
    }
    const blockName = [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
    const open = this.tok;
    if (open.type !== '{') {
      if (labels.length === 1 && (open.type === 'newline' || open.type === 'eof')) {
        // `name "value"`: as likely an attribute without "=" as a block without a body.
        const label = this.lx.src.slice(labelRanges[0]!.start.offset, labelRanges[0]!.end.offset);
        this.fail(
          `Missing "=" after "${type}": write ${type} = ${label} for an attribute, or ${type} ${label} { ... } for a block`,
          labelRanges[0]!,
        );
      }
      this.fail(
        `Expected "{" to open the body of the block ${blockName}, found ${describeToken(open)}`,
        open,
      );
    }
    const openBraceRange = this.tokRange(open);
    this.advance();
    let attributes: Attribute[] = [];
    let blocks: Block[] = [];
    const first = this.tok;
    if (first.type === 'newline') {
      ({ attributes, blocks } = this.parseBodyItems(open, `the block ${blockName}`));
    } else if (first.type === 'ident') {
      // A single-line block: `b { x = 1 }`, one attribute at most.
      this.advance();
      if (!this.is('=')) {
        if (this.is('{') || this.is('quote') || this.is('ident')) {
          this.fail(
            `A block written on one line can hold only a single attribute: put the block "${first.text}" on its own line`,
            first,
          );
        }
        this.fail(`Missing "=" after "${first.text}": write ${first.text} = value`, this.tok);
      }
      attributes.push(this.parseAttribute(first, new Map()));
      const t = this.tok;
      if (t.type === 'eof')
        this.fail(`Unclosed block: the "{" of the block ${blockName} is never closed`, open);
      if (t.type === 'newline') {
        this.fail(
          `Missing "}" after the attribute "${first.text}": a block whose first attribute is on the line of its "{" must close on that line too; start the attributes on the next line instead`,
          t,
        );
      }
      if (t.type !== '}') {
        this.fail(
          `Only one attribute fits in a block written on one line: put ${describeToken(t)} and what follows on separate lines inside the block`,
          t,
        );
      }
    } else if (first.type === 'eof') {
      this.fail(`Unclosed block: the "{" of the block ${blockName} is never closed`, open);
    } else if (first.type !== '}') {
      this.fail(`Expected an attribute, a new line or "}" after "{", found ${describeToken(first)}`, first);
    }
    const close = this.tok;
    const closeRange = this.tokRange(close);
    this.advance();
    return {
      type,
      typeRange,
      labels,
      labelRanges,
      body: { attributes, blocks, range: this.span(openBraceRange, closeRange) },
      range: this.span(typeRange, closeRange),
      openBraceRange,
    };
  }

  // --- expressions ---------------------------------------------------------------------------

  private parseExpr(): Expr {
    const cond = this.parseBinary(1);
    if (!this.is('?')) return cond;
    this.advance();
    const then = this.parseExpr();
    if (!this.is(':')) {
      this.fail(
        `Expected ":" after the "then" value of the conditional, found ${describeToken(this.tok)}`,
        this.tok,
      );
    }
    this.advance();
    const otherwise = this.parseExpr();
    return {
      kind: 'conditional',
      cond,
      then,
      else: otherwise,
      range: this.span(cond.range, otherwise.range),
    };
  }

  private parseBinary(minLevel: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const op = this.tok.type;
      const level = PRECEDENCE[op];
      if (level === undefined || level < minLevel) return left;
      this.advance();
      this.expectOperand(op);
      const right = this.parseBinary(level + 1);
      left = { kind: 'binary', op: op as BinaryOp, left, right, range: this.span(left.range, right.range) };
    }
  }

  private expectOperand(op: string): void {
    const t = this.tok;
    if (t.type === 'newline') {
      this.fail(
        `Missing operand after "${op}": an expression continues on the next line only inside (), [] or {}`,
        t,
      );
    }
    if (t.type === 'eof') this.fail(`Missing operand after "${op}" before the end of the file`, t);
  }

  private parseUnary(): Expr {
    const t = this.tok;
    if (t.type !== '!' && t.type !== '-') return this.parsePostfix(this.parseTerm());
    this.advance();
    this.expectOperand(t.type);
    const operand = this.parseUnary();
    const range = this.span(this.tokRange(t), operand.range);
    if (t.type === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
      return { kind: 'literal', value: -operand.value, range };
    }
    return { kind: 'unary', op: t.type, operand, range };
  }

  private parseTerm(): Expr {
    const t = this.tok;
    switch (t.type) {
      case 'number': {
        this.advance();
        const value = Number(t.text);
        if (!Number.isFinite(value)) this.fail(`The number ${t.text} is too large`, t);
        return { kind: 'literal', value, range: this.tokRange(t) };
      }
      case 'ident':
        return this.parseIdentTerm(t);
      case 'quote':
        return this.parseQuoted(t);
      case 'heredoc':
        return this.parseHeredoc(t);
      case '(':
        return this.parseParen(t);
      case '[':
        return this.parseTuple(t);
      case '{':
        return this.parseObject(t);
      case 'newline':
        return this.fail('Expected an expression before the end of the line', t);
      case 'eof':
        return this.fail('Expected an expression before the end of the file', t);
      default:
        return this.fail(`Expected an expression, found ${describeToken(t)}`, t);
    }
  }

  private parseIdentTerm(t: Token): Expr {
    const range = this.tokRange(t);
    this.advance();
    switch (t.text) {
      case 'true':
        return { kind: 'literal', value: true, range };
      case 'false':
        return { kind: 'literal', value: false, range };
      case 'null':
        return { kind: 'literal', value: null, range };
    }
    if (this.is('(')) return this.parseCall(t.text, range);
    if (this.is('::')) {
      // Provider functions: provider::name::function(...).
      let name = t.text;
      let last = t;
      while (this.is('::')) {
        this.advance();
        if (!this.is('ident')) {
          this.fail(`Expected a name after "::" in "${name}::", found ${describeToken(this.tok)}`, this.tok);
        }
        name += `::${this.tok.text}`;
        last = this.tok;
        this.advance();
      }
      if (!this.is('(')) {
        this.fail(`Expected "(" after the function name ${name}, found ${describeToken(this.tok)}`, this.tok);
      }
      return this.parseCall(name, this.span(range, this.tokRange(last)));
    }
    return { kind: 'variable', name: t.text, range };
  }

  /** The current token is the `(` after a function name. */
  private parseCall(name: string, nameRange: Range): Expr {
    const open = this.tok;
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    const args: Expr[] = [];
    let expandFinal = false;
    for (;;) {
      if (this.is(')')) break;
      if (this.is('eof')) this.fail(`Unclosed "(": the call to ${name} is never closed`, open);
      args.push(this.parseExpr());
      const t = this.tok;
      if (t.type === '...') {
        expandFinal = true;
        this.advance();
        if (this.is('eof')) this.fail(`Unclosed "(": the call to ${name} is never closed`, open);
        if (!this.is(')')) {
          this.fail('"..." expands the last argument of a call: it must be followed by ")"', this.tok);
        }
        break;
      }
      if (t.type === ',') {
        this.advance();
        continue;
      }
      if (t.type === ')') break;
      this.badCloser(
        open,
        `the call to ${name}`,
        `Expected "," or ")" after an argument of ${name}(...), found ${describeToken(t)}`,
      );
    }
    const close = this.tok;
    this.nlSkip = saved;
    this.advance();
    return {
      kind: 'call',
      name,
      nameRange,
      args,
      expandFinal,
      range: this.span(nameRange, this.tokRange(close)),
    };
  }

  private parseParen(open: Token): Expr {
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.is(')')) this.fail('Expected an expression between "(" and ")"', this.tok);
    if (this.is('eof')) this.badCloser(open, 'this parenthesis', '');
    const inner = this.parseExpr();
    const close = this.tok;
    if (close.type !== ')') {
      this.badCloser(
        open,
        'this parenthesis',
        `Expected ")" to close the "(" at ${this.where(open)}, found ${describeToken(close)}`,
      );
    }
    this.nlSkip = saved;
    this.advance();
    return { kind: 'paren', inner, range: this.range(open.start, close.end) };
  }

  private parseTuple(open: Token): Expr {
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.isWord('for')) return this.parseFor(open, false, saved);
    const items: Expr[] = [];
    for (;;) {
      if (this.is(']')) break;
      if (this.is('eof')) this.fail('Unclosed "[": this tuple is never closed', open);
      items.push(this.parseExpr());
      const t = this.tok;
      if (t.type === ',') {
        this.advance();
        continue;
      }
      if (t.type === ']') break;
      this.badCloser(open, 'this tuple', `Expected "," or "]" after a tuple item, found ${describeToken(t)}`);
    }
    const close = this.tok;
    this.nlSkip = saved;
    this.advance();
    return { kind: 'tuple', items, range: this.range(open.start, close.end) };
  }

  private parseObject(open: Token): Expr {
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.isWord('for')) return this.parseFor(open, true, saved);
    // Between items a newline separates like a comma does.
    this.nlSkip = false;
    const items: ObjectItem[] = [];
    for (;;) {
      const t = this.tok;
      if (t.type === 'newline') {
        this.advance();
        continue;
      }
      if (t.type === '}') break;
      if (t.type === 'eof') this.fail('Unclosed "{": this object is never closed', open);
      let key = this.parseExpr();
      let bareKey = false;
      if (t.type === 'ident' && key.range.end.offset === t.end) {
        // `{ a = 1 }` names the key "a"; it is not a reference to a variable a.
        bareKey = true;
        if (key.kind === 'literal') key = { kind: 'variable', name: t.text, range: key.range };
      }
      const sep = this.tok;
      if (sep.type !== '=' && sep.type !== ':') {
        if (sep.type === 'eof') this.fail('Unclosed "{": this object is never closed', open);
        if (sep.type === 'newline' || sep.type === ',' || sep.type === '}') {
          this.fail('Missing value for the object key: expected "=" and a value after it', sep);
        }
        this.fail(`Expected "=" after the object key, found ${describeToken(sep)}`, sep);
      }
      this.advance();
      if (this.is('newline')) {
        this.fail('Missing value for the object key: the value must start on the same line as "="', this.tok);
      }
      const value = this.parseExpr();
      items.push({ key, value, bareKey });
      const end = this.tok;
      if (end.type === ',') {
        this.advance();
        continue;
      }
      if (end.type === 'newline' || end.type === '}') continue;
      if (end.type === 'eof') this.fail('Unclosed "{": this object is never closed', open);
      this.fail(
        `Expected "," or a new line after an object item (the object opened at ${this.where(open)}), found ${describeToken(end)}`,
        end,
      );
    }
    const close = this.tok;
    this.nlSkip = saved;
    this.advance();
    return { kind: 'object', items, range: this.range(open.start, close.end) };
  }

  /** `for k, v in coll` (the current token is `for`), shared by for expressions and `%{ for }`. */
  private parseForHead(what: string): { keyVar: string | undefined; valueVar: string; collection: Expr } {
    this.advance();
    const first = this.expectIdent('Expected a variable name after "for"');
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.is(',')) {
      this.advance();
      keyVar = first;
      valueVar = this.expectIdent('Expected a second variable name after ","');
    }
    if (!this.isWord('in')) {
      this.fail(`Expected "in" after the variables of ${what}, found ${describeToken(this.tok)}`, this.tok);
    }
    this.advance();
    return { keyVar, valueVar, collection: this.parseExpr() };
  }

  /** The current token is `for` just inside `open`; newlines are being skipped. */
  private parseFor(open: Token, object: boolean, saved: boolean): Expr {
    this.nlSkip = true;
    const { keyVar, valueVar, collection } = this.parseForHead('the for expression');
    if (!this.is(':')) {
      this.fail(
        `Expected ":" after the collection of the for expression, found ${describeToken(this.tok)}`,
        this.tok,
      );
    }
    this.advance();
    let keyExpr: Expr | undefined;
    let valueExpr: Expr;
    let group = false;
    if (object) {
      keyExpr = this.parseExpr();
      if (!this.is('=>')) {
        this.fail(
          `Expected "=>" between the key and the value of a for expression in braces, found ${describeToken(this.tok)}`,
          this.tok,
        );
      }
      this.advance();
      valueExpr = this.parseExpr();
      if (this.is('...')) {
        group = true;
        this.advance();
      }
    } else {
      valueExpr = this.parseExpr();
      if (this.is('=>')) {
        this.fail(
          '"=>" is for a for expression in braces, which makes an object; in brackets it makes a tuple',
          this.tok,
        );
      }
      if (this.is('...')) {
        this.fail(
          '"..." groups values by key in a for expression in braces; it has no meaning in brackets',
          this.tok,
        );
      }
    }
    let cond: Expr | undefined;
    if (this.isWord('if')) {
      this.advance();
      cond = this.parseExpr();
    }
    const closer = object ? '}' : ']';
    const close = this.tok;
    if (close.type !== closer) {
      this.badCloser(
        open,
        'this for expression',
        `Expected "${closer}" to end the for expression, found ${describeToken(close)}`,
      );
    }
    this.nlSkip = saved;
    this.advance();
    const range = this.range(open.start, close.end);
    const out: Expr = { kind: 'for', valueVar, collection, valueExpr, group, object, range };
    if (keyVar !== undefined) out.keyVar = keyVar;
    if (keyExpr) out.keyExpr = keyExpr;
    if (cond) out.cond = cond;
    return out;
  }

  private expectIdent(message: string): string {
    const t = this.tok;
    if (t.type !== 'ident') this.fail(`${message}, found ${describeToken(t)}`, t);
    this.advance();
    return t.text;
  }

  /** Attribute access, indexes and splats after `e`. */
  private parsePostfix(e: Expr): Expr {
    for (;;) {
      const t = this.tok;
      if (t.type === '.') {
        this.advance();
        const n = this.tok;
        if (n.type === 'ident') {
          this.advance();
          const nameRange = this.tokRange(n);
          e = { kind: 'getattr', target: e, name: n.text, nameRange, range: this.span(e.range, nameRange) };
        } else if (n.type === 'number') {
          e = this.legacyIndex(e, n);
        } else if (n.type === '*') {
          e = this.parseAttrSplat(e, t, n);
        } else {
          this.fail(`Expected an attribute name after ".", found ${describeToken(n)}`, n);
        }
      } else if (t.type === '[') {
        const saved = this.nlSkip;
        this.nlSkip = true;
        this.advance();
        if (this.is('*')) {
          this.advance();
          const close = this.tok;
          if (close.type !== ']') this.fail(`Expected "]" after "[*", found ${describeToken(close)}`, close);
          this.nlSkip = saved;
          this.advance();
          const item: Expr = { kind: 'splatItem', range: this.range(t.start, close.end) };
          // A full splat applies every following attribute access and index to each element.
          const each = this.parsePostfix(item);
          e = { kind: 'splat', target: e, each, full: true, range: this.span(e.range, each.range) };
          continue;
        }
        if (this.is(']')) this.fail('Expected an index between "[" and "]"', this.tok);
        if (this.is('eof')) this.badCloser(t, 'this index', '');
        const key = this.parseExpr();
        const close = this.tok;
        if (close.type !== ']') {
          this.badCloser(
            t,
            'this index',
            `Expected "]" to close the index opened at ${this.where(t)}, found ${describeToken(close)}`,
          );
        }
        this.nlSkip = saved;
        this.advance();
        e = { kind: 'index', target: e, key, range: this.span(e.range, this.tokRange(close)) };
      } else {
        return e;
      }
    }
  }

  /** `x.0`, kept from HIL: an index with a literal number. */
  private legacyIndex(e: Expr, n: Token): Expr {
    if (!/^[0-9]+$/.test(n.text)) {
      this.fail(
        `Invalid index ".${n.text}": write indexes in brackets, like [${n.text.split('.').join('][')}]`,
        n,
      );
    }
    this.advance();
    const r = this.tokRange(n);
    const key: Expr = { kind: 'literal', value: Number(n.text), range: r };
    return { kind: 'index', target: e, key, range: this.span(e.range, r) };
  }

  /** `x.*.a.b`: only attribute accesses (and legacy indexes) apply to each element. */
  private parseAttrSplat(target: Expr, dot: Token, star: Token): Expr {
    this.advance();
    let each: Expr = { kind: 'splatItem', range: this.range(dot.start, star.end) };
    while (this.is('.')) {
      this.advance();
      const n = this.tok;
      if (n.type === 'ident') {
        this.advance();
        const nameRange = this.tokRange(n);
        each = {
          kind: 'getattr',
          target: each,
          name: n.text,
          nameRange,
          range: this.span(each.range, nameRange),
        };
      } else if (n.type === 'number') {
        each = this.legacyIndex(each, n);
      } else if (n.type === '*') {
        this.fail('A splat (".*") cannot be nested in another ".*" splat; use [*] instead', n);
      } else {
        this.fail(`Expected an attribute name after ".", found ${describeToken(n)}`, n);
      }
    }
    return { kind: 'splat', target, each, full: false, range: this.span(target.range, each.range) };
  }

  // --- templates -----------------------------------------------------------------------------

  /** The current token is the opening quote; the lexer stands just after it. */
  private parseQuoted(open: Token): TemplateExpr {
    const lx = this.lx;
    const raw: Raw[] = [];
    let end: number;
    for (;;) {
      const start = lx.pos;
      const value = lx.quotedText();
      if (lx.pos > start) raw.push({ t: 'text', value, start, end: lx.pos });
      const c = lx.peekChar();
      if (c === 34) {
        end = lx.pos + 1;
        lx.pos = end;
        break;
      }
      if (c === 36) raw.push(this.parseInterp(true));
      else if (c === 37) raw.push(this.parseDirective(true));
      else {
        this.fail(
          'Unclosed string: this string has no closing quote on its line (for text over several lines, use a heredoc like <<EOT)',
          open,
        );
      }
    }
    const expr = this.buildTemplate(raw, false, false, open.start, end, open.end);
    this.advance();
    return expr;
  }

  /** The current token is `<<EOT`; the lexer stands at the start of the first line of text. */
  private parseHeredoc(intro: Token): Expr {
    const lx = this.lx;
    const marker = intro.text;
    const raw: Raw[] = [];
    const bodyStart = lx.pos;
    let atLineStart = true;
    let end: number;
    for (;;) {
      if (atLineStart) {
        const close = lx.heredocEnd(marker);
        if (close !== -1) {
          end = close;
          lx.pos = close;
          break;
        }
      }
      if (lx.atEnd()) this.unclosedHeredoc(intro, bodyStart);
      const start = lx.pos;
      const value = lx.heredocText();
      if (lx.pos > start) {
        raw.push({ t: 'text', value, start, end: lx.pos });
        atLineStart = value.endsWith('\n');
        if (!atLineStart && lx.atEnd()) continue;
      }
      const c = lx.peekChar();
      if (c === 36) {
        raw.push(this.parseInterp(false));
        atLineStart = false;
      } else if (c === 37) {
        raw.push(this.parseDirective(false));
        atLineStart = false;
      }
    }
    const expr = this.buildTemplate(raw, true, intro.flush === true, intro.start, end, bodyStart);
    this.advance();
    return expr;
  }

  private unclosedHeredoc(intro: Token, bodyStart: number): never {
    const marker = intro.text;
    let message = `Unclosed heredoc: no line with just "${marker}" ends the text started here`;
    // Point out a line that starts with the marker but has more on it, like `SQL)`.
    const lines = this.lx.src.slice(bodyStart).split('\n');
    const near = lines.findIndex((l) => l.trimStart().startsWith(marker));
    if (near !== -1) {
      const line = this.lx.map.pos(bodyStart).line + near;
      message += ` (line ${line} starts with "${marker}", but the closing marker must be alone on its line)`;
    }
    this.fail(message, intro);
  }

  /** At `${`: the interpolation through its `}`, after which the lexer stands. */
  private parseInterp(quoted: boolean): Raw {
    const lx = this.lx;
    const start = lx.pos;
    lx.pos += 2;
    const sl = lx.peekChar() === 126;
    if (sl) lx.pos++;
    const openRange = this.range(start, lx.pos);
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    if (this.is('eof')) this.fail('Unclosed "${": this interpolation is never closed', openRange);
    if (this.is('}')) this.fail(`Empty interpolation: write an expression between "\${" and "}"`, openRange);
    const expr = this.parseExpr();
    const sr = this.closeSequence(openRange, quoted, 'interpolation');
    this.nlSkip = saved;
    return { t: 'interp', expr, start, end: lx.pos, sl, sr };
  }

  /** After the contents of `${ ... }` or `%{ ... }`: reads the `~}` or `}`; true for `~}`. */
  private closeSequence(openRange: Range, quoted: boolean, what: string): boolean {
    let sr = false;
    if (this.is('~')) {
      sr = true;
      this.advance();
    }
    const t = this.tok;
    if (t.type === '}') return sr;
    if (t.type === 'eof' || (quoted && t.type === 'quote')) {
      this.fail(
        `Unclosed "${this.lx.src.slice(openRange.start.offset, openRange.start.offset + 2)}": this ${what} has no closing "}"`,
        openRange,
      );
    }
    return this.fail(
      `Expected "}" to close the ${what} opened at ${describeRange(openRange)}, found ${describeToken(t)} (to write a literal "\${", use "$\${")`,
      t,
    );
  }

  /** At `%{`: the directive through its `}`, after which the lexer stands. */
  private parseDirective(quoted: boolean): Raw {
    const lx = this.lx;
    const start = lx.pos;
    lx.pos += 2;
    const sl = lx.peekChar() === 126;
    if (sl) lx.pos++;
    const openRange = this.range(start, lx.pos);
    const saved = this.nlSkip;
    this.nlSkip = true;
    this.advance();
    const kw = this.tok;
    const keyword = kw.type === 'ident' ? kw.text : '';
    let raw: Raw;
    switch (keyword) {
      case 'if': {
        this.advance();
        const cond = this.parseExpr();
        const sr = this.closeSequence(openRange, quoted, 'directive');
        raw = { t: 'if', cond, start, end: lx.pos, sl, sr };
        break;
      }
      case 'for': {
        const { keyVar, valueVar, collection: coll } = this.parseForHead('%{ for }');
        const sr = this.closeSequence(openRange, quoted, 'directive');
        raw = { t: 'for', keyVar, valueVar, coll, start, end: lx.pos, sl, sr };
        break;
      }
      case 'else':
      case 'endif':
      case 'endfor': {
        this.advance();
        const sr = this.closeSequence(openRange, quoted, 'directive');
        raw = { t: keyword, start, end: lx.pos, sl, sr };
        break;
      }
      default:
        this.fail(
          `Expected a template directive (if, else, endif, for or endfor) after "%{", found ${describeToken(kw)} (to write a literal "%{", use "%%{")`,
          kw,
        );
    }
    this.nlSkip = saved;
    return raw;
  }

  private buildTemplate(
    raw: Raw[],
    heredoc: boolean,
    flush: boolean,
    start: number,
    end: number,
    bodyStart: number,
  ): TemplateExpr {
    stripMarkers(raw);
    if (flush) flushIndent(raw);
    const melded = meldText(raw);
    const tree = new TemplateTree(melded, this);
    const parts = tree.parse();
    if (parts.length === 0) parts.push({ kind: 'text', value: '', range: this.range(bodyStart, bodyStart) });
    return { kind: 'template', parts, heredoc, range: this.range(start, end) };
  }

  rangeOf(r: { start: number; end: number }): Range {
    return this.range(r.start, r.end);
  }

  failAt(message: string, r: { start: number; end: number }): never {
    this.fail(message, this.rangeOf(r));
  }
}

/** `~` after `${`/`%{` trims the whitespace before it, `~` before `}` the whitespace after it. */
function stripMarkers(raw: Raw[]): void {
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (r.t === 'text') continue;
    const prev = raw[i - 1];
    if (r.sl && prev?.t === 'text') prev.value = prev.value.trimEnd();
    const next = raw[i + 1];
    if (r.sr && next?.t === 'text') next.value = next.value.trimStart();
  }
}

/**
 * `<<-`: removes the smallest indentation of the lines from each of them, as HCL does: a line that
 * starts with an interpolation has none, lines of only whitespace neither count nor change.
 */
function flushIndent(raw: Raw[]): void {
  let min = Number.POSITIVE_INFINITY;
  const adjust: Extract<Raw, { t: 'text' }>[] = [];
  let lineStart = true;
  for (const r of raw) {
    if (lineStart) {
      lineStart = false;
      if (r.t === 'text') {
        const indent = r.value.length - r.value.trimStart().length;
        if (indent === r.value.length && r.value.endsWith('\n')) {
          // A blank line.
        } else {
          adjust.push(r);
          if (indent < min) min = indent;
        }
      } else {
        min = 0;
      }
    }
    if (r.t === 'text' && r.value.endsWith('\n')) lineStart = true;
  }
  if (min === 0 || min === Number.POSITIVE_INFINITY) return;
  for (const r of adjust) r.value = r.value.slice(min);
}

function meldText(raw: Raw[]): Raw[] {
  const out: Raw[] = [];
  let chunks: string[] | undefined;
  for (const r of raw) {
    const prev = out.at(-1);
    if (r.t === 'text' && prev?.t === 'text') {
      if (!chunks) chunks = [prev.value];
      chunks.push(r.value);
      prev.end = r.end;
      continue;
    }
    if (chunks && prev?.t === 'text') {
      prev.value = chunks.join('');
      chunks = undefined;
    }
    out.push(r.t === 'text' ? { ...r } : r);
  }
  const last = out.at(-1);
  if (chunks && last?.t === 'text') last.value = chunks.join('');
  return out;
}

/** Nests `%{ if }`/`%{ for }` directives over a flat list of template pieces. */
class TemplateTree {
  private i = 0;
  constructor(
    private readonly raw: Raw[],
    private readonly p: Parser,
  ) {}

  parse(): TemplatePart[] {
    const parts = this.sequence();
    const stray = this.raw[this.i];
    if (stray) {
      const opener = stray.t === 'endfor' ? 'for' : 'if';
      this.p.failAt(`%{ ${stray.t} } has no matching %{ ${opener} } before it`, stray);
    }
    return parts;
  }

  /** Pieces up to (not including) the next else/endif/endfor, or to the end. */
  private sequence(): TemplatePart[] {
    const out: TemplatePart[] = [];
    for (;;) {
      const r = this.raw[this.i];
      if (!r) return out;
      switch (r.t) {
        case 'text':
          this.i++;
          out.push({ kind: 'text', value: r.value, range: this.p.rangeOf(r) });
          break;
        case 'interp':
          this.i++;
          out.push({ kind: 'interp', expr: r.expr, range: this.p.rangeOf(r) });
          break;
        case 'if': {
          this.i++;
          const then = this.sequence();
          let next = this.raw[this.i];
          let otherwise: TemplatePart[] | undefined;
          if (next?.t === 'else') {
            this.i++;
            otherwise = this.sequence();
            next = this.raw[this.i];
          }
          if (!next) this.p.failAt('Unclosed %{ if }: it has no matching %{ endif }', r);
          if (next.t !== 'endif') {
            this.p.failAt(
              `Expected %{ endif } to close the %{ if } at ${describeRange(this.p.rangeOf(r))}, found %{ ${next.t} }`,
              next,
            );
          }
          this.i++;
          const part: TemplatePart = {
            kind: 'if',
            cond: r.cond,
            then,
            range: this.p.rangeOf({ start: r.start, end: next.end }),
          };
          if (otherwise) part.else = otherwise;
          out.push(part);
          break;
        }
        case 'for': {
          this.i++;
          const body = this.sequence();
          const next = this.raw[this.i];
          if (!next) this.p.failAt('Unclosed %{ for }: it has no matching %{ endfor }', r);
          if (next.t !== 'endfor') {
            this.p.failAt(
              `Expected %{ endfor } to close the %{ for } at ${describeRange(this.p.rangeOf(r))}, found %{ ${next.t} }`,
              next,
            );
          }
          this.i++;
          const part: TemplatePart = {
            kind: 'for',
            valueVar: r.valueVar,
            collection: r.coll,
            body,
            range: this.p.rangeOf({ start: r.start, end: next.end }),
          };
          if (r.keyVar !== undefined) part.keyVar = r.keyVar;
          out.push(part);
          break;
        }
        default:
          return out;
      }
    }
  }
}

function describeToken(t: Token): string {
  switch (t.type) {
    case 'ident':
      return `"${t.text}"`;
    case 'number':
      return `the number ${t.text}`;
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the file';
    case 'quote':
      return 'a string';
    case 'heredoc':
      return 'a heredoc';
    default:
      return `"${t.type}"`;
  }
}
