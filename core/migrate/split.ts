// Splitting SQL scripts into statements the way the database's own client does, so that each
// statement can be executed (and its errors reported) on its own. The lexer only knows what can
// hide a terminator: comments, strings, quoted identifiers and blocks. Dialects plug in a
// lexer and a block tracker; PostgreSQL follows psql. (MySQL's `DELIMITER`, `#` comments and
// backticks are to come with issue #6 as another dialect of the same shape.)
import { UserError } from '../errors.ts';

export interface SqlStatement {
  /** The statement without its terminator, leading comments included (they carry directives). */
  text: string;
  /** 1-based line and column (in characters) of the statement's first token that is not a comment. */
  line: number;
  col: number;
  /** Index of `text` in the script (UTF-16 units, as JavaScript indexes strings). */
  offset: number;
}

export interface SplitOptions {
  dialect?: 'postgres';
}

/** A script the splitter refuses; `line`/`col` say where, `reason` what (without the position). */
export class SplitError extends UserError {
  readonly line: number;
  readonly col: number;
  readonly reason: string;
  constructor(reason: string, line: number, col: number) {
    super('SQL', `line ${line}, column ${col}: ${reason}`);
    this.name = 'SplitError';
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

export type TokenKind =
  | 'space'
  | 'comment'
  | 'word'
  | 'quoted'
  | 'string'
  | 'open'
  | 'close'
  | 'terminator'
  | 'other';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

/** Reads the token starting at `i` (always at least one character). */
type Lexer = (src: string, i: number, lines: LineMap) => Token;

/** Decides, token by token, whether a terminator ends the statement or sits inside a block. */
interface BlockTracker {
  see(src: string, tok: Token): void;
  /** True when a terminator seen now ends the statement. */
  atTop(): boolean;
}

interface DialectSyntax {
  lex: Lexer;
  blocks(): BlockTracker;
}

// ---------------------------------------------------------------- positions

/** Maps string indexes to 1-based line and column; columns count characters, not UTF-16 units. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(private readonly src: string) {
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    return { line: lo + 1, col: charCount(this.src.slice(start, offset)) + 1 };
  }
}

function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Index in `s` of its `chars`-th character (0-based), counting characters as PostgreSQL does. */
export function indexOfChar(s: string, chars: number): number {
  let i = 0;
  for (let n = 0; n < chars && i < s.length; n++) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

// ---------------------------------------------------------------- PostgreSQL

// Identifiers may hold any non-ASCII character; `$` only after the first character.
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
// Only these are whitespace to PostgreSQL; a no-break space is part of an identifier.
const SPACE = /[ \t\n\r\f\v]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

const lexPostgres: Lexer = (src, i, lines) => {
  const c = src[i]!;
  const tok = (kind: TokenKind, end: number): Token => ({ kind, start: i, end });
  const fail = (reason: string, at = i): never => {
    const { line, col } = lines.at(at);
    throw new SplitError(reason, line, col);
  };
  if (SPACE.test(c)) {
    let j = i + 1;
    while (j < src.length && SPACE.test(src[j]!)) j++;
    return tok('space', j);
  }
  if (c === '-' && src[i + 1] === '-') {
    const nl = src.indexOf('\n', i);
    return tok('comment', nl === -1 ? src.length : nl);
  }
  if (c === '/' && src[i + 1] === '*') {
    // Block comments nest in PostgreSQL, unlike in the SQL standard.
    let depth = 1;
    let j = i + 2;
    while (depth > 0) {
      if (j >= src.length) fail('unterminated /* comment');
      if (src[j] === '/' && src[j + 1] === '*') {
        depth++;
        j += 2;
      } else if (src[j] === '*' && src[j + 1] === '/') {
        depth--;
        j += 2;
      } else j++;
    }
    return tok('comment', j);
  }
  if (c === "'")
    return tok(
      'string',
      quoted(src, i, "'", false, () => fail('unterminated quoted string')),
    );
  if ((c === 'E' || c === 'e') && src[i + 1] === "'") {
    return tok(
      'string',
      quoted(src, i + 1, "'", true, () => fail('unterminated quoted string')),
    );
  }
  if (c === '"')
    return tok(
      'quoted',
      quoted(src, i, '"', false, () => fail('unterminated quoted identifier')),
    );
  if (c === '$') {
    if (/[0-9]/.test(src[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(src[j] ?? '')) j++;
      return tok('other', j); // a parameter, $1
    }
    DOLLAR_TAG.lastIndex = i;
    const m = DOLLAR_TAG.exec(src);
    if (m) {
      const close = src.indexOf(m[0], i + m[0].length);
      if (close === -1) fail(`unterminated dollar-quoted string (${m[0]})`);
      return tok('string', close + m[0].length);
    }
    return tok('other', i + 1);
  }
  if (IDENT_START.test(c)) {
    let j = i + 1;
    while (j < src.length && IDENT_PART.test(src[j]!)) j++;
    return tok('word', j);
  }
  if (/[0-9]/.test(c)) {
    let j = i + 1;
    while (j < src.length && /[0-9A-Za-z_.]/.test(src[j]!)) j++;
    return tok('other', j);
  }
  if (c === '\\') {
    const name = /\\[A-Za-z!?]*/y;
    name.lastIndex = i;
    const cmd = name.exec(src)?.[0] ?? '\\';
    fail(
      `psql meta-command ${cmd} is not supported: files are executed statement by statement, not by psql; remove it`,
    );
  }
  if (c === ';') return tok('terminator', i + 1);
  if (c === '(') return tok('open', i + 1);
  if (c === ')') return tok('close', i + 1);
  // Surrogate pairs stay together so that no token splits a character.
  return tok('other', i + (c.codePointAt(0)! > 0xffff ? 2 : 1));
};

/** End of a quoted token opening at `i`; a doubled quote stands for itself, `\` escapes when asked. */
function quoted(src: string, i: number, q: string, backslash: boolean, unterminated: () => never): number {
  let j = i + 1;
  for (;;) {
    if (j >= src.length) unterminated();
    const ch = src[j]!;
    if (backslash && ch === '\\') j += 2;
    else if (ch === q) {
      if (src[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
}

/**
 * psql does not end a statement at a semicolon inside parentheses (multi-action rules) or
 * inside a SQL-standard function body, `BEGIN ATOMIC ... END`, where CASE ... END nests.
 */
function postgresBlocks(): BlockTracker {
  let parens = 0;
  let atomic = 0;
  let afterBegin = false;
  return {
    see(src, tok) {
      if (tok.kind === 'space' || tok.kind === 'comment') return;
      const word = tok.kind === 'word' ? src.slice(tok.start, tok.end).toUpperCase() : '';
      if (afterBegin) {
        afterBegin = false;
        if (word === 'ATOMIC') {
          atomic = 1;
          return;
        }
      }
      if (tok.kind === 'open') parens++;
      else if (tok.kind === 'close') parens = Math.max(0, parens - 1);
      else if (atomic > 0) {
        if (word === 'CASE') atomic++;
        else if (word === 'END') atomic--;
      } else if (word === 'BEGIN') afterBegin = true;
    },
    atTop: () => parens === 0 && atomic === 0,
  };
}

const DIALECTS: Record<NonNullable<SplitOptions['dialect']>, DialectSyntax> = {
  postgres: { lex: lexPostgres, blocks: postgresBlocks },
};

// ---------------------------------------------------------------- splitting

/** Every token of `sql`, comments and whitespace included. */
export function tokenize(sql: string, opts: SplitOptions = {}): Token[] {
  const { lex } = DIALECTS[opts.dialect ?? 'postgres'];
  const lines = new LineMap(sql);
  const out: Token[] = [];
  for (let i = 0; i < sql.length; ) {
    const tok = lex(sql, i, lines);
    out.push(tok);
    i = tok.end;
  }
  return out;
}

export function splitStatements(sql: string, opts: SplitOptions = {}): SqlStatement[] {
  const syntax = DIALECTS[opts.dialect ?? 'postgres'];
  const lines = new LineMap(sql);
  const out: SqlStatement[] = [];
  let blocks = syntax.blocks();
  let start = -1; // first comment or token of the statement being read
  let first = -1; // its first token that is not a comment
  // A comment on the line where the previous statement ended belongs to that statement.
  let sameLineAsEnd = false;
  const finish = (end: number) => {
    if (first !== -1) {
      const text = sql.slice(start, end).replace(/\s+$/, '');
      out.push({ text, offset: start, ...lines.at(first) });
    }
    start = -1;
    first = -1;
    blocks = syntax.blocks();
  };
  for (let i = 0; i < sql.length; ) {
    const tok = syntax.lex(sql, i, lines);
    i = tok.end;
    if (tok.kind === 'space') {
      if (sql.slice(tok.start, tok.end).includes('\n')) sameLineAsEnd = false;
      continue;
    }
    if (tok.kind === 'comment') {
      if (start === -1 && !sameLineAsEnd) start = tok.start;
      continue;
    }
    if (tok.kind === 'terminator' && blocks.atTop()) {
      finish(tok.start);
      sameLineAsEnd = true;
      continue;
    }
    if (start === -1) start = tok.start;
    if (first === -1) first = tok.start;
    blocks.see(sql, tok);
  }
  finish(sql.length);
  return out;
}
