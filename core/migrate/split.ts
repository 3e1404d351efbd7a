// Splitting SQL scripts into statements the way the database's own client does, so that each
// statement can be executed (and its errors reported) on its own. The lexer only knows what can
// hide a terminator: comments, strings, quoted identifiers and blocks. Dialects plug in a
// lexer and a block tracker; PostgreSQL follows psql, MySQL and MariaDB the `mysql` client
// (`DELIMITER` lines, `#` comments, backticks), with routine bodies also split without one.
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
  /** 'postgres' (the default) splits like psql, 'mysql' like the mysql and mariadb clients. */
  dialect?: 'postgres' | 'mysql';
  /**
   * A terminator the file chose (Atlas's `-- atlas:delimiter`, e.g. `\n\n` or `-- end`). It ends
   * a statement wherever it appears outside strings, quoted identifiers, comments and
   * parentheses, and `;` becomes ordinary text: the file says where statements end, so blocks
   * are not followed. Statement texts exclude it, as they exclude `;`.
   */
  delimiter?: string;
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
  /** A client command line, MySQL's `DELIMITER //`: part of no statement. */
  | 'command'
  | 'other';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

/**
 * Reads the token starting at `i` (always at least one character). `idle` is true between
 * statements (nothing but comments since the last one ended), where client commands may come.
 */
type Lexer = (src: string, i: number, lines: LineMap, idle: boolean) => Token;

/** Decides, token by token, whether a terminator ends the statement or sits inside a block. */
interface BlockTracker {
  see(src: string, tok: Token): void;
  /** True when a terminator seen now ends the statement. */
  atTop(): boolean;
  /** At the end of the script, the block still open if the dialect refuses that (`at`: its start). */
  unclosed?(): { reason: string; at: number } | undefined;
}

/** How one script is read: the lexer may keep state from token to token (MySQL's delimiter). */
interface DialectSyntax {
  lex: Lexer;
  /** A tracker for the next statement. */
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

// ---------------------------------------------------------------- MySQL and MariaDB

// Unquoted identifiers may start with a digit and hold `$`; any non-ASCII character is a letter.
const MY_IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;
const DELIMITER_COMMAND = /delimiter/iy;

/**
 * The mysql client: `DELIMITER xyz` lines between statements set the terminator (`;` then being
 * ordinary text), which the client looks for before anything else outside strings and comments.
 */
function mysqlSyntax(): DialectSyntax {
  let delimiter = ';';
  const lex: Lexer = (src, i, lines, idle) => {
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
    if (idle) {
      // Between statements the client reads `delimiter` as its command, which takes the rest of
      // the line; no statement starts with that word. Within a statement it is text (a column).
      DELIMITER_COMMAND.lastIndex = i;
      if (DELIMITER_COMMAND.test(src)) {
        const end = lineEnd(src, i);
        delimiter = readDelimiter(src.slice(DELIMITER_COMMAND.lastIndex, end), fail);
        return tok('command', end);
      }
    }
    if (src.startsWith(delimiter, i)) return tok('terminator', i + delimiter.length);
    // `--` starts a comment only before whitespace, a control character or the end (where
    // charCodeAt gives NaN): `1--1` is 1 - -1.
    if (c === '#' || (c === '-' && src[i + 1] === '-' && !(src.charCodeAt(i + 2) > 0x20))) {
      return tok('comment', lineEnd(src, i));
    }
    if (c === '/' && src[i + 1] === '*') {
      // `/*! ... */` and MariaDB's `/*M! ... */` hold code that the server runs: statement text,
      // read whole so that nothing inside ends a statement (mysqldump puts trigger bodies there).
      // Comments do not nest.
      const executable = src[i + 2] === '!' || (src[i + 2] === 'M' && src[i + 3] === '!');
      const close = src.indexOf('*/', i + 2);
      if (close === -1) fail(executable ? 'unterminated /*! comment' : 'unterminated /* comment');
      return tok(executable ? 'other' : 'comment', close + 2);
    }
    // Strings take backslash escapes (unless the server runs with NO_BACKSLASH_ESCAPES, which a
    // script cannot be read for); backticks do not.
    if (c === "'" || c === '"') {
      return tok(
        'string',
        quoted(src, i, c, true, () => fail('unterminated quoted string')),
      );
    }
    if (c === '`') {
      return tok(
        'quoted',
        quoted(src, i, '`', false, () => fail('unterminated quoted identifier')),
      );
    }
    if (c === '\\') {
      // `\N` is NULL; any other backslash outside strings is a client command (`\g`, `\d //`).
      if (src[i + 1] === 'N') return tok('other', i + 2);
      const name = /\\[^\s]?/y;
      name.lastIndex = i;
      fail(
        `mysql client command ${name.exec(src)![0]} is not supported: files are executed statement by statement, not by the mysql client; remove it`,
      );
    }
    if (MY_IDENT.test(c)) {
      // The client finds its delimiter even inside a word: `END$$`.
      let j = i + 1;
      while (j < src.length && MY_IDENT.test(src[j]!) && !src.startsWith(delimiter, j)) j++;
      return tok(c >= '0' && c <= '9' ? 'other' : 'word', j);
    }
    if (c === '(') return tok('open', i + 1);
    if (c === ')') return tok('close', i + 1);
    return tok('other', i + (c.codePointAt(0)! > 0xffff ? 2 : 1));
  };
  // With a delimiter of its own the script says where statements end; without, a routine's
  // body has to be followed to tell its semicolons from the one ending it.
  return { lex, blocks: () => (delimiter === ';' ? mysqlBlocks() : DELIMITED) };
}

function lineEnd(src: string, i: number): number {
  const nl = src.indexOf('\n', i);
  return nl === -1 ? src.length : nl;
}

/**
 * The argument of a DELIMITER line (`rest` follows the word) as the client reads it: the next
 * word, or a quoted string where a doubled quote stands for itself. Only a comment may follow,
 * as the client would ignore anything else.
 */
function readDelimiter(rest: string, fail: (reason: string) => never): string {
  const missing = "DELIMITER must be followed by a 'delimiter' character or string";
  let j = 0;
  while (j < rest.length && SPACE.test(rest[j]!)) j++;
  if (j === 0 || j === rest.length) fail(missing);
  let value = '';
  const q = rest[j]!;
  if (q === "'" || q === '"' || q === '`') {
    for (j++; ; j++) {
      if (j >= rest.length) fail(missing);
      if (rest[j] !== q) value += rest[j];
      else if (rest[j + 1] === q) value += rest[j++];
      else break;
    }
    j++;
  } else {
    const start = j;
    while (j < rest.length && !SPACE.test(rest[j]!)) j++;
    value = rest.slice(start, j);
  }
  if (value === '') fail(missing);
  if (value.includes('\\')) fail('DELIMITER cannot contain a backslash character');
  if (/[ \t\n\r\f\v]/.test(value)) fail('DELIMITER cannot contain whitespace');
  const after = rest.slice(j).replace(/^[ \t\n\r\f\v]+/, '');
  if (after !== '' && !/^(?:#|--|\/\*)/.test(after)) {
    fail(`text after DELIMITER ${value} is ignored by the mysql client; put it on a line of its own`);
  }
  return value;
}

const DELIMITED: BlockTracker = { see() {}, atTop: () => true };

type MysqlBlock = 'BEGIN' | 'IF' | 'CASE' | 'CASE expression' | 'LOOP' | 'WHILE' | 'REPEAT';

const BLOCK_NAMES: Record<MysqlBlock, string> = {
  BEGIN: 'BEGIN ... END',
  IF: 'IF ... END IF',
  CASE: 'CASE ... END CASE',
  'CASE expression': 'CASE ... END',
  LOOP: 'LOOP ... END LOOP',
  WHILE: 'WHILE ... END WHILE',
  REPEAT: 'REPEAT ... END REPEAT',
};
// Objects with a body of statements, and the words that may come between CREATE (or ALTER, for
// ALTER EVENT ... DO) and them: CREATE OR REPLACE DEFINER = user AGGREGATE FUNCTION.
const ROUTINES = new Set(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);
const ROUTINE_PREFIX = new Set(['OR', 'REPLACE', 'DEFINER', 'AGGREGATE']);
// Words after which a statement of a body may begin, besides the blocks' own: the last word of
// a characteristic (DETERMINISTIC, READS SQL DATA, SQL SECURITY INVOKER...) before a body of one
// statement, FOR EACH ROW, an event's DO, a handler's condition (HANDLER FOR NOT FOUND).
// The words after END that name the block it closes (END alone closes BEGIN or a CASE expression).
const END_KINDS = new Set(['IF', 'CASE', 'LOOP', 'WHILE', 'REPEAT']);
const STATEMENT_AFTER = new Set([
  'DETERMINISTIC',
  'SQL',
  'DATA',
  'DEFINER',
  'INVOKER',
  'ROW',
  'DO',
  'FOUND',
  'SQLEXCEPTION',
  'SQLWARNING',
]);

/**
 * Follows the body of CREATE PROCEDURE, FUNCTION, TRIGGER and EVENT so that semicolons inside
 * BEGIN ... END, IF ... END IF, CASE ... END [CASE], LOOP, WHILE and REPEAT do not end the
 * statement, as files written for tools other than the mysql client expect (the client itself
 * needs a DELIMITER around them). A body of a single statement ends at its semicolon.
 *
 * IF and REPEAT are blocks only where a statement begins: elsewhere they are the functions
 * `IF(a, b, c)` and `REPEAT(s, n)`, or DDL's IF [NOT] EXISTS. A CASE beginning a statement ends
 * with END CASE, a CASE expression with END; either way END closes the innermost block and the
 * word after it (IF, CASE, LOOP...) only says which kind it was.
 */
function mysqlBlocks(): BlockTracker {
  let phase: 'first' | 'header' | 'body' | 'plain' = 'first';
  let userName = false; // the next token is part of DEFINER's user, `root`@`%` or CURRENT_USER
  const open: { block: MysqlBlock; at: number }[] = [];
  let statementStart = false; // a statement of the body may begin at the next token
  let afterEnd = false;
  let afterDot = false; // the next word is part of a qualified name: NEW.end
  return {
    see(src, tok) {
      if (phase === 'plain') return;
      const text = src.slice(tok.start, tok.end);
      const word = tok.kind === 'word' ? text.toUpperCase() : '';
      if (phase === 'first') {
        phase = word === 'CREATE' || word === 'ALTER' ? 'header' : 'plain';
      } else if (phase === 'header') {
        if (ROUTINES.has(word) && !userName) phase = 'body';
        else if (text === '=' || text === '@') userName = true;
        else if (userName && (word || tok.kind === 'quoted' || tok.kind === 'string')) userName = false;
        else if (
          !ROUTINE_PREFIX.has(word) &&
          tok.kind !== 'open' &&
          tok.kind !== 'close' &&
          text[0] !== '/'
        ) {
          phase = 'plain'; // TABLE, VIEW... (an executable comment, `/*!50017 DEFINER=u*/`, is skipped)
        }
      } else {
        const qualified = afterDot;
        const ended = afterEnd;
        afterDot = text === '.';
        afterEnd = false;
        const top = open[open.length - 1]?.block;
        let next = false;
        if (qualified || (ended && END_KINDS.has(word))) {
          statementStart = false; // a name, or the kind of block the END before closed
          return;
        }
        if (word === 'END') {
          open.pop();
          afterEnd = true;
        } else if (word === 'BEGIN' || word === 'LOOP' || word === 'WHILE') {
          open.push({ block: word, at: tok.start });
          next = word !== 'WHILE';
        } else if (word === 'IF' || word === 'REPEAT') {
          if (statementStart) open.push({ block: word, at: tok.start });
          next = statementStart && word === 'REPEAT';
        } else if (word === 'CASE') {
          open.push({ block: statementStart ? 'CASE' : 'CASE expression', at: tok.start });
        } else if (word === 'THEN' || word === 'ELSE') {
          next = top !== 'CASE expression';
        } else if (word) {
          next = STATEMENT_AFTER.has(word);
        } else {
          // `;` inside a block, a label's colon, and before a first block the end of the
          // parameters (or of DECIMAL(5,2) in RETURNS) or a COMMENT 'text'.
          next =
            tok.kind === 'terminator' ||
            text === ':' ||
            (open.length === 0 && (tok.kind === 'close' || tok.kind === 'string'));
        }
        statementStart = next;
      }
    },
    atTop: () => open.length === 0,
    unclosed() {
      const last = open[open.length - 1];
      return last && { reason: `unterminated ${BLOCK_NAMES[last.block]} block`, at: last.at };
    },
  };
}

const DIALECTS: Record<NonNullable<SplitOptions['dialect']>, () => DialectSyntax> = {
  postgres: () => ({ lex: lexPostgres, blocks: postgresBlocks }),
  mysql: mysqlSyntax,
};

/** Parentheses only: with a delimiter of the file's own, nothing else holds a statement open. */
function parenBlocks(): BlockTracker {
  let depth = 0;
  return {
    see(_src, tok) {
      if (tok.kind === 'open') depth++;
      else if (tok.kind === 'close') depth = Math.max(0, depth - 1);
    },
    atTop: () => depth === 0,
  };
}

/**
 * The dialect's lexer with `delimiter` as the only terminator. It is looked for before anything
 * else at each token start, and a token of spaces, a word or other text is cut where it begins
 * (`\n\n` inside a run of blank lines, `$$` after `END`), as Atlas's scanner tries it at every
 * character outside strings and comments.
 */
function delimitedSyntax(base: DialectSyntax, delimiter: string): DialectSyntax {
  const lex: Lexer = (src, i, lines, idle) => {
    if (src.startsWith(delimiter, i)) return { kind: 'terminator', start: i, end: i + delimiter.length };
    const tok = base.lex(src, i, lines, idle);
    if (tok.kind === 'terminator') return { ...tok, kind: 'other' };
    if (tok.kind === 'space' || tok.kind === 'word' || tok.kind === 'other') {
      const at = src.indexOf(delimiter, i + 1);
      if (at !== -1 && at < tok.end) return { ...tok, end: at };
    }
    return tok;
  };
  return { lex, blocks: parenBlocks };
}

// ---------------------------------------------------------------- splitting

/** Every token of `sql`, comments and whitespace included. */
export function tokenize(sql: string, opts: SplitOptions = {}): Token[] {
  const out: Token[] = [];
  read(sql, opts, (tok) => out.push(tok));
  return out;
}

export function splitStatements(sql: string, opts: SplitOptions = {}): SqlStatement[] {
  const { statements, unclosed, lines } = read(sql, opts);
  if (unclosed) {
    const { line, col } = lines.at(unclosed.at);
    throw new SplitError(unclosed.reason, line, col);
  }
  return statements;
}

/**
 * Reads `sql` token by token (handing each to `onToken`), into statements; `unclosed` is the
 * block the last statement left open, if the dialect refuses that.
 */
function read(sql: string, opts: SplitOptions, onToken?: (tok: Token) => void) {
  const base = DIALECTS[opts.dialect ?? 'postgres']();
  const syntax = opts.delimiter ? delimitedSyntax(base, opts.delimiter) : base;
  const lines = new LineMap(sql);
  const statements: SqlStatement[] = [];
  let blocks = syntax.blocks();
  let start = -1; // first comment or token of the statement being read
  let first = -1; // its first token that is not a comment
  // A comment on the line where the previous statement ended belongs to that statement.
  let sameLineAsEnd = false;
  const finish = (end: number) => {
    if (first !== -1) {
      const text = sql.slice(start, end).replace(/\s+$/, '');
      statements.push({ text, offset: start, ...lines.at(first) });
    }
    start = -1;
    first = -1;
    blocks = syntax.blocks();
  };
  for (let i = 0; i < sql.length; ) {
    const tok = syntax.lex(sql, i, lines, first === -1);
    onToken?.(tok);
    i = tok.end;
    if (tok.kind === 'space') {
      if (sql.slice(tok.start, tok.end).includes('\n')) sameLineAsEnd = false;
      continue;
    }
    if (tok.kind === 'comment') {
      if (start === -1 && !sameLineAsEnd) start = tok.start;
      continue;
    }
    if (tok.kind === 'command') {
      // Only between statements: comments before it go with it, and the next statement reads
      // with what it set.
      finish(tok.start);
      continue;
    }
    if (tok.kind === 'terminator' && blocks.atTop()) {
      finish(tok.start);
      // A delimiter of blank lines ends its line itself.
      sameLineAsEnd = !sql.slice(tok.start, tok.end).includes('\n');
      continue;
    }
    if (start === -1) start = tok.start;
    if (first === -1) first = tok.start;
    blocks.see(sql, tok);
  }
  const unclosed = blocks.unclosed?.();
  finish(sql.length);
  return { statements, unclosed, lines };
}
