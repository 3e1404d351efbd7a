// Tokens of HCL's native syntax. The lexer is pulled one token at a time by the parser, which
// also drives it through template text (quoted strings and heredocs): whether `}` ends an
// interpolation or an object depends on parser state, so templates cannot be tokenized ahead.
import { HclError, SourceMap } from './position.ts';

export type Punct =
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | ','
  | '.'
  | '...'
  | '='
  | '=='
  | '!='
  | '!'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '&&'
  | '||'
  | '?'
  | ':'
  | '::'
  | '=>'
  | '~';

export type TokenType =
  | Punct
  | 'ident'
  | 'number'
  /** A line end; a `#` or `//` comment counts as one (it runs to the end of its line). */
  | 'newline'
  | 'eof'
  /** The opening `"` of a quoted template; the lexer stands just after it. */
  | 'quote'
  /** `<<EOT` or `<<-EOT` and its line end; the lexer stands at the start of the first content line. */
  | 'heredoc';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The source text of identifiers and numbers, the marker of heredocs; '' otherwise. */
  text: string;
  /** Heredocs: `<<-` (indented) rather than `<<`. */
  flush?: boolean;
}

const ID_START = 1;
const ID_CONT = 2;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) ASCII[c] = ID_START | ID_CONT;
  else if (/[0-9-]/.test(ch)) ASCII[c] = ID_CONT;
}
const UNI_START = /^\p{ID_Start}$/u;
const UNI_CONT = /^\p{ID_Continue}$/u;

/** Character codes the lexer compares against. */
const C = {
  TAB: 9,
  LF: 10,
  CR: 13,
  SPACE: 32,
  BANG: 33,
  QUOTE: 34,
  HASH: 35,
  DOLLAR: 36,
  PERCENT: 37,
  AMP: 38,
  APOS: 39,
  STAR: 42,
  DOT: 46,
  SLASH: 47,
  ZERO: 48,
  NINE: 57,
  LT: 60,
  EQ: 61,
  GT: 62,
  BACKSLASH: 92,
  LBRACE: 123,
  PIPE: 124,
  TILDE: 126,
} as const;

export class Lexer {
  readonly src: string;
  readonly map: SourceMap;
  /** Where the next token or template text starts. */
  pos: number;
  private readonly len: number;

  constructor(src: string, file: string) {
    this.src = src;
    this.len = src.length;
    this.map = new SourceMap(src, file);
    this.pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  fail(message: string, start: number, end = start + 1): never {
    throw new HclError(message, this.map.range(start, Math.min(Math.max(end, start), this.len)));
  }

  next(): Token {
    const s = this.src;
    const len = this.len;
    let p = this.pos;
    let c = s.charCodeAt(p);
    // Spaces, tabs and /* */ comments separate tokens; newlines are tokens.
    for (;;) {
      if (c === C.SPACE || c === C.TAB) {
        c = s.charCodeAt(++p);
      } else if (c === C.SLASH && s.charCodeAt(p + 1) === C.STAR) {
        const close = s.indexOf('*/', p + 2);
        if (close === -1) this.fail('Unclosed comment: this "/*" has no matching "*/"', p, p + 2);
        p = close + 2;
        c = s.charCodeAt(p);
      } else break;
    }
    const start = p;
    if (p >= len) {
      this.pos = p;
      return { type: 'eof', start, end: p, text: '' };
    }
    if (c < 128 && ASCII[c]! & ID_START) {
      p++;
      while (p < len) {
        const d = s.charCodeAt(p);
        if (d < 128) {
          if (!(ASCII[d]! & ID_CONT)) break;
          p++;
        } else {
          const n = this.identCharLength(p, false);
          if (n === 0) break;
          p += n;
        }
      }
      this.pos = p;
      return { type: 'ident', start, end: p, text: s.slice(start, p) };
    }
    if (c >= C.ZERO && c <= C.NINE) return this.number(start);
    switch (c) {
      case C.LF:
        this.pos = p + 1;
        return { type: 'newline', start, end: p + 1, text: '' };
      case C.CR:
        if (s.charCodeAt(p + 1) === C.LF) {
          this.pos = p + 2;
          return { type: 'newline', start, end: p + 2, text: '' };
        }
        this.fail('Invalid character: a carriage return (U+000D) must be followed by a line feed', p);
        break;
      case C.HASH:
        return this.lineComment(start);
      case C.SLASH:
        if (s.charCodeAt(p + 1) === C.SLASH) return this.lineComment(start);
        return this.punct('/', start, 1);
      case C.QUOTE:
        this.pos = p + 1;
        return { type: 'quote', start, end: p + 1, text: '' };
      case C.LT:
        if (s.charCodeAt(p + 1) === C.LT) return this.heredocIntro(start);
        if (s.charCodeAt(p + 1) === C.EQ) return this.punct('<=', start, 2);
        return this.punct('<', start, 1);
      case C.GT:
        return s.charCodeAt(p + 1) === C.EQ ? this.punct('>=', start, 2) : this.punct('>', start, 1);
      case C.EQ: {
        const d = s.charCodeAt(p + 1);
        if (d === C.EQ) return this.punct('==', start, 2);
        if (d === C.GT) return this.punct('=>', start, 2);
        return this.punct('=', start, 1);
      }
      case C.BANG:
        return s.charCodeAt(p + 1) === C.EQ ? this.punct('!=', start, 2) : this.punct('!', start, 1);
      case C.AMP:
        if (s.charCodeAt(p + 1) === C.AMP) return this.punct('&&', start, 2);
        this.fail('Invalid character "&": the logical AND operator is "&&"', p);
        break;
      case C.PIPE:
        if (s.charCodeAt(p + 1) === C.PIPE) return this.punct('||', start, 2);
        this.fail('Invalid character "|": the logical OR operator is "||"', p);
        break;
      case C.DOT:
        if (s.charCodeAt(p + 1) === C.DOT && s.charCodeAt(p + 2) === C.DOT)
          return this.punct('...', start, 3);
        return this.punct('.', start, 1);
      case 58: // :
        return s.charCodeAt(p + 1) === 58 ? this.punct('::', start, 2) : this.punct(':', start, 1);
      case 123:
        return this.punct('{', start, 1);
      case 125:
        return this.punct('}', start, 1);
      case 91:
        return this.punct('[', start, 1);
      case 93:
        return this.punct(']', start, 1);
      case 40:
        return this.punct('(', start, 1);
      case 41:
        return this.punct(')', start, 1);
      case 44:
        return this.punct(',', start, 1);
      case 43:
        return this.punct('+', start, 1);
      case 45:
        return this.punct('-', start, 1);
      case C.STAR:
        return this.punct('*', start, 1);
      case C.PERCENT:
        return this.punct('%', start, 1);
      case 63:
        return this.punct('?', start, 1);
      case C.TILDE:
        return this.punct('~', start, 1);
    }
    if (c >= 128) {
      const n = this.identCharLength(p, true);
      if (n > 0) {
        p += n;
        while (p < len) {
          const d = s.charCodeAt(p);
          if (d < 128) {
            if (!(ASCII[d]! & ID_CONT)) break;
            p++;
          } else {
            const m = this.identCharLength(p, false);
            if (m === 0) break;
            p += m;
          }
        }
        this.pos = p;
        return { type: 'ident', start, end: p, text: s.slice(start, p) };
      }
    }
    return this.invalidChar(p);
  }

  /** The length (1 or 2 UTF-16 units) of the identifier character at `p`, or 0 if there is none. */
  private identCharLength(p: number, first: boolean): number {
    const cp = this.src.codePointAt(p)!;
    const ch = String.fromCodePoint(cp);
    return (first ? UNI_START : UNI_CONT).test(ch) ? ch.length : 0;
  }

  private punct(type: Punct, start: number, n: number): Token {
    this.pos = start + n;
    return { type, start, end: start + n, text: '' };
  }

  private lineComment(start: number): Token {
    const nl = this.src.indexOf('\n', start);
    const end = nl === -1 ? this.len : nl + 1;
    this.pos = end;
    return { type: 'newline', start, end, text: '' };
  }

  private number(start: number): Token {
    const s = this.src;
    let p = start;
    while (isDigit(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) === C.DOT && isDigit(s.charCodeAt(p + 1))) {
      p += 2;
      while (isDigit(s.charCodeAt(p))) p++;
    }
    const e = s.charCodeAt(p);
    if (e === 101 || e === 69) {
      let q = p + 1;
      const sign = s.charCodeAt(q);
      if (sign === 43 || sign === 45) q++;
      if (isDigit(s.charCodeAt(q))) {
        p = q + 1;
        while (isDigit(s.charCodeAt(p))) p++;
      }
    }
    this.pos = p;
    return { type: 'number', start, end: p, text: s.slice(start, p) };
  }

  private heredocIntro(start: number): Token {
    const s = this.src;
    let p = start + 2;
    const flush = s.charCodeAt(p) === 45;
    if (flush) p++;
    const markerStart = p;
    const c = s.charCodeAt(p);
    let n = c < 128 ? ASCII[c]! & ID_START : p < this.len ? this.identCharLength(p, true) : 0;
    while (n > 0) {
      p += n;
      const d = s.charCodeAt(p);
      n = d < 128 ? ASCII[d]! & ID_CONT && 1 : p < this.len ? this.identCharLength(p, false) : 0;
    }
    if (p === markerStart) {
      this.fail(
        `Invalid heredoc: "${flush ? '<<-' : '<<'}" must be followed by a marker name, like <<EOT or <<-EOT`,
        start,
        p,
      );
    }
    const end = p;
    while (s.charCodeAt(p) === C.SPACE || s.charCodeAt(p) === C.TAB) p++;
    if (s.charCodeAt(p) === C.CR && s.charCodeAt(p + 1) === C.LF) p += 2;
    else if (s.charCodeAt(p) === C.LF) p++;
    else if (p < this.len) {
      this.fail(
        `Invalid heredoc: the text of a heredoc starts on the line after "${s.slice(start, end)}", which must end the line`,
        p,
      );
    } else {
      this.fail(`Unclosed heredoc: "${s.slice(start, end)}" is never closed`, start, end);
    }
    this.pos = p;
    return { type: 'heredoc', start, end, text: s.slice(markerStart, end), flush };
  }

  private invalidChar(p: number): never {
    const cp = this.src.codePointAt(p)!;
    const ch = String.fromCodePoint(cp);
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    switch (cp) {
      case C.APOS:
        this.fail('Invalid character "\'": strings are written in double quotes, like "text"', p);
        break;
      case 0x201c:
      case 0x201d:
        this.fail(
          `Invalid character "${ch}" (a typographic quote): strings are written in straight double quotes (")`,
          p,
        );
        break;
      case 59:
        this.fail(
          'Invalid character ";": HCL does not use semicolons; put each attribute on its own line',
          p,
        );
        break;
      case 0xa0:
        this.fail('Invalid character: a non-breaking space (U+00A0); use an ordinary space', p);
        break;
      case 0xfeff:
        this.fail(
          'Invalid character: a byte order mark (U+FEFF) is only allowed at the start of the file',
          p,
        );
        break;
    }
    if (cp < 32 || cp === 127) this.fail(`Invalid character: control character U+${hex}`, p);
    this.fail(`Invalid character "${ch}" (U+${hex}): it has no meaning here`, p, p + ch.length);
  }

  // --- template text -------------------------------------------------------------------------

  /**
   * Reads the text of a quoted template from `pos` up to the next `"`, `${`, `%{`, line end or the
   * end of input, decoding escapes; leaves `pos` at that stop.
   */
  quotedText(): string {
    const s = this.src;
    const len = this.len;
    let p = this.pos;
    let from = p;
    let chunks: string[] | undefined;
    while (p < len) {
      const c = s.charCodeAt(p);
      if (c === C.QUOTE || c === C.LF || c === C.CR) break;
      if (c === C.BACKSLASH) {
        chunks ??= [];
        chunks.push(s.slice(from, p));
        p = this.escape(p, chunks);
        from = p;
        continue;
      }
      const marker = templateMarker(s, p, c);
      if (marker === 'open') break;
      if (marker === 'escaped') {
        chunks ??= [];
        chunks.push(s.slice(from, p + 1));
        from = p + 2;
        p += 3;
        continue;
      }
      p++;
    }
    this.pos = p;
    return joinChunks(chunks, s.slice(from, p));
  }

  /** Decodes the escape at `p` (a backslash) into `out`; returns the offset after it. */
  private escape(p: number, out: string[]): number {
    const s = this.src;
    const c = s.charCodeAt(p + 1);
    switch (c) {
      case 110: // n
        out.push('\n');
        return p + 2;
      case 114: // r
        out.push('\r');
        return p + 2;
      case 116: // t
        out.push('\t');
        return p + 2;
      case C.QUOTE:
        out.push('"');
        return p + 2;
      case C.BACKSLASH:
        out.push('\\');
        return p + 2;
      case 117: // u
      case 85: {
        // U
        const n = c === 117 ? 4 : 8;
        const hex = s.slice(p + 2, p + 2 + n);
        if (hex.length !== n || !/^[0-9A-Fa-f]+$/.test(hex)) {
          this.fail(
            `Invalid escape sequence: "\\${String.fromCharCode(c)}" must be followed by ${n} hexadecimal digits`,
            p,
            p + 2,
          );
        }
        const cp = Number.parseInt(hex, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          this.fail(
            `Invalid escape sequence: U+${hex.toUpperCase()} is not a Unicode character`,
            p,
            p + 2 + n,
          );
        }
        out.push(String.fromCodePoint(cp));
        return p + 2 + n;
      }
    }
    if (p + 1 >= this.len || c === C.LF || c === C.CR) {
      this.fail('Invalid escape sequence: a backslash at the end of a line; write "\\\\" for a backslash', p);
    }
    const ch = String.fromCodePoint(s.codePointAt(p + 1)!);
    this.fail(
      `Invalid escape sequence "\\${ch}": strings accept \\n, \\r, \\t, \\", \\\\, \\uNNNN and \\UNNNNNNNN (write "\\\\" for a backslash)`,
      p,
      p + 1 + ch.length,
    );
  }

  /**
   * Reads heredoc text from `pos` through the end of the line (a CRLF becomes "\n"), or up to a
   * `${` or `%{`, or to the end of input; leaves `pos` after it.
   */
  heredocText(): string {
    const s = this.src;
    const len = this.len;
    let p = this.pos;
    let from = p;
    let chunks: string[] | undefined;
    while (p < len) {
      const c = s.charCodeAt(p);
      if (c === C.LF) {
        p++;
        break;
      }
      if (c === C.CR && s.charCodeAt(p + 1) === C.LF) {
        chunks ??= [];
        chunks.push(s.slice(from, p), '\n');
        from = p += 2;
        break;
      }
      const marker = templateMarker(s, p, c);
      if (marker === 'open') break;
      if (marker === 'escaped') {
        chunks ??= [];
        chunks.push(s.slice(from, p + 1));
        from = p + 2;
        p += 3;
        continue;
      }
      p++;
    }
    this.pos = p;
    return joinChunks(chunks, s.slice(from, p));
  }

  /**
   * If the line at `pos` closes a heredoc with `marker` (the marker alone, spaces around it
   * allowed), the offset just after the marker; otherwise -1.
   */
  heredocEnd(marker: string): number {
    const s = this.src;
    let p = this.pos;
    while (s.charCodeAt(p) === C.SPACE || s.charCodeAt(p) === C.TAB) p++;
    if (!s.startsWith(marker, p)) return -1;
    const end = p + marker.length;
    let q = end;
    while (s.charCodeAt(q) === C.SPACE || s.charCodeAt(q) === C.TAB || s.charCodeAt(q) === C.CR) q++;
    return q >= this.len || s.charCodeAt(q) === C.LF ? end : -1;
  }

  /** The char code at `pos + k` (NaN past the end). */
  peekChar(k = 0): number {
    return this.src.charCodeAt(this.pos + k);
  }

  atEnd(): boolean {
    return this.pos >= this.len;
  }
}

function isDigit(c: number): boolean {
  return c >= C.ZERO && c <= C.NINE;
}

/**
 * At a `$` or `%` in template text: `open` for `${`/`%{` (an interpolation or directive starts),
 * `escaped` for `$${`/`%%{` (a literal `${`/`%{`), else undefined.
 */
function templateMarker(s: string, p: number, c: number): 'open' | 'escaped' | undefined {
  if (c !== C.DOLLAR && c !== C.PERCENT) return undefined;
  const d = s.charCodeAt(p + 1);
  if (d === C.LBRACE) return 'open';
  return d === c && s.charCodeAt(p + 2) === C.LBRACE ? 'escaped' : undefined;
}

/** Text read in pieces (escapes decoded between them), without copying when there was one piece. */
function joinChunks(chunks: string[] | undefined, last: string): string {
  if (!chunks) return last;
  chunks.push(last);
  return chunks.join('');
}
