// Source positions and the error type of the HCL reader: every mistake a user can make in an HCL
// file is reported as `file:line:col: message`, so editors and terminals can jump to it.

/** 1-based line and column (the column counts Unicode code points), 0-based offset in UTF-16 units. */
export interface Pos {
  line: number;
  col: number;
  offset: number;
}

export interface Range {
  file: string;
  start: Pos;
  end: Pos;
}

/** `file:line:col` of the start of a range. */
export function describeRange(r: Range): string {
  return `${r.file}:${r.start.line}:${r.start.col}`;
}

/** A mistake in an HCL file. `message` has no position in it; `toString()`/`describe()` gives `file:line:col: message`. */
export class HclError extends Error {
  readonly range: Range;
  constructor(message: string, range: Range, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HclError';
    this.range = range;
  }

  describe(): string {
    return `${describeRange(this.range)}: ${this.message}`;
  }

  override toString(): string {
    return this.describe();
  }
}

/** The smallest range covering both (which must be in the same file, `a` starting first). */
export function joinRanges(a: Range, b: Range): Range {
  return { file: a.file, start: a.start, end: b.end.offset > a.end.offset ? b.end : a.end };
}

/**
 * Turns offsets into line/column positions. Line starts are found once, in one pass; positions
 * are then looked up near the previous one (parsers ask in almost increasing order), falling back
 * to a binary search.
 */
export class SourceMap {
  readonly file: string;
  private readonly src: string;
  private readonly lineStarts: number[];
  /** Columns count code points: only sources with surrogate pairs need the slow count. */
  private readonly hasSurrogates: boolean;
  private hint = 0;

  constructor(src: string, file: string) {
    this.src = src;
    this.file = file;
    // A byte order mark is not a column of the first line.
    const starts = [src.charCodeAt(0) === 0xfeff ? 1 : 0];
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    this.hasSurrogates = /[\uD800-\uDFFF]/.test(src);
  }

  pos(offset: number): Pos {
    const starts = this.lineStarts;
    let i = this.hint;
    if (offset >= starts[i]!) {
      // Forward from the previous position: usually the same line or the next few.
      let steps = 0;
      while (i + 1 < starts.length && starts[i + 1]! <= offset) {
        i++;
        if (++steps === 8) {
          i = this.search(offset);
          break;
        }
      }
    } else {
      i = this.search(offset);
    }
    this.hint = i;
    const lineStart = starts[i]!;
    let col = offset - lineStart + 1;
    if (this.hasSurrogates && col > 1) {
      for (let j = lineStart; j < offset; j++) {
        const c = this.src.charCodeAt(j);
        if (c >= 0xdc00 && c <= 0xdfff && j > lineStart) {
          const p = this.src.charCodeAt(j - 1);
          if (p >= 0xd800 && p <= 0xdbff) col--;
        }
      }
    }
    if (col < 1) col = 1;
    return { line: i + 1, col, offset };
  }

  range(start: number, end: number): Range {
    return { file: this.file, start: this.pos(start), end: this.pos(end) };
  }

  private search(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
