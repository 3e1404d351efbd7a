// Rename hints from desired-state SQL: `-- atlas:renamed_from old_name` before CREATE TABLE or
// CREATE INDEX, or on a column's line (the line before it, or the end of it) inside CREATE TABLE.
// Without them a rename looks like a drop and an add.
import { LineMap, type SqlStatement, type Token, tokenize } from '../migrate/split.ts';
import type { RenameHint } from './devdb.ts';

const DIRECTIVE = /^--\s*atlas:renamed_from\s+(\S+)\s*$/;

// Table elements that are not columns.
const NOT_COLUMN = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'EXCLUDE', 'LIKE']);

interface Stmt {
  text: string;
  toks: Token[];
  /** Indexes into `toks` of the tokens that are neither whitespace nor comments. */
  sig: number[];
  lines: LineMap;
}

/** Hints in statements loaded with `defaultSchema` as the schema of unqualified names. */
export function renameHints(stmts: readonly SqlStatement[], defaultSchema: string): RenameHint[] {
  const out: RenameHint[] = [];
  for (const { text } of stmts) {
    if (!text.includes('atlas:renamed_from')) continue;
    const toks = tokenize(text);
    const sig = toks.flatMap((t, i) => (t.kind === 'space' || t.kind === 'comment' ? [] : [i]));
    const s: Stmt = { text, toks, sig, lines: new LineMap(text) };
    const words = sig.slice(0, 8).map((i) => word(s, toks[i]!));
    if (words[0] !== 'CREATE') continue;
    const leading = directiveIn(s, toks.slice(0, sig[0] ?? 0));
    const table = words.indexOf('TABLE');
    const index = words.indexOf('INDEX');
    if (table > 0 && words.slice(1, table).every((w) => TABLE_PREFIX.has(w))) {
      tableHints(s, table + 1, leading, defaultSchema, out);
    } else if (index > 0 && words.slice(1, index).every((w) => w === 'UNIQUE') && leading) {
      indexHint(s, index + 1, leading, defaultSchema, out);
    }
  }
  return out;
}

const TABLE_PREFIX = new Set(['GLOBAL', 'LOCAL', 'TEMP', 'TEMPORARY', 'UNLOGGED']);

function tableHints(s: Stmt, at: number, leading: string | undefined, dflt: string, out: RenameHint[]): void {
  const name = readName(s, skipWords(s, at, ['IF', 'NOT', 'EXISTS']));
  if (!name) return;
  const schema = name.parts.length > 1 ? name.parts[name.parts.length - 2]! : dflt;
  const table = name.parts[name.parts.length - 1]!;
  if (leading) out.push({ kind: 'table', schema, from: leading, to: table });
  const open = s.sig[name.next];
  if (open === undefined || s.toks[open]!.kind !== 'open') return;
  for (const { column, from } of columnDirectives(s, open)) {
    out.push({ kind: 'column', schema, table, from, to: column });
  }
}

function indexHint(s: Stmt, at: number, from: string, dflt: string, out: RenameHint[]): void {
  let i = skipWords(s, at, ['CONCURRENTLY', 'IF', 'NOT', 'EXISTS']);
  const name = word(s, s.toks[s.sig[i]!]) === 'ON' ? undefined : readName(s, i);
  if (!name) return; // an unnamed index has nothing to rename
  i = name.next;
  if (word(s, s.toks[s.sig[i]!]) !== 'ON') return;
  const table = readName(s, skipWords(s, i + 1, ['ONLY']));
  if (!table) return;
  const schema = table.parts.length > 1 ? table.parts[table.parts.length - 2]! : dflt;
  out.push({
    kind: 'index',
    schema,
    table: table.parts[table.parts.length - 1]!,
    from,
    to: name.parts[name.parts.length - 1]!,
  });
}

/**
 * Directives inside the parentheses of CREATE TABLE: a directive after a token on its line
 * belongs to the element that token is in; one on a line of its own to the element that follows.
 */
function columnDirectives(s: Stmt, open: number): { column: string; from: string }[] {
  const elements: Token[] = []; // first token of each element
  const tokenElement = new Map<Token, number>();
  const pending: { from: string; element?: number }[] = [];
  const waiting: { from: string; element?: number }[] = [];
  let element = 0;
  let depth = 0;
  let prev: Token | undefined;
  for (let i = open; i < s.toks.length; i++) {
    const tok = s.toks[i]!;
    if (tok.kind === 'space') continue;
    if (tok.kind === 'comment') {
      const from = directive(s, tok);
      if (from === undefined) continue;
      const sameLine = prev && s.lines.at(prev.end - 1).line === s.lines.at(tok.start).line;
      const hint: { from: string; element?: number } = { from };
      if (sameLine && prev) hint.element = tokenElement.get(prev)!;
      else waiting.push(hint);
      pending.push(hint);
      continue;
    }
    if (tok.kind === 'open') depth++;
    if (tok.kind === 'close' && --depth === 0) break;
    if (i === open) continue;
    const comma = depth === 1 && s.text.slice(tok.start, tok.end) === ',';
    tokenElement.set(tok, element);
    if (!comma) {
      elements[element] ??= tok;
      for (const h of waiting.splice(0)) h.element = element;
    }
    if (comma) element++;
    prev = tok;
  }
  return pending.flatMap((h) => {
    const first = h.element === undefined ? undefined : elements[h.element];
    if (!first || (first.kind === 'word' && NOT_COLUMN.has(word(s, first)))) return [];
    const column = identifier(s.text.slice(first.start, first.end));
    return column === undefined ? [] : [{ column, from: h.from }];
  });
}

// ---------------------------------------------------------------- tokens

function word(s: Stmt, tok: Token | undefined): string {
  return tok?.kind === 'word' ? s.text.slice(tok.start, tok.end).toUpperCase() : '';
}

/** Skips keywords from `list` at significant index `i`. */
function skipWords(s: Stmt, i: number, list: string[]): number {
  while (i < s.sig.length && list.includes(word(s, s.toks[s.sig[i]!]))) i++;
  return i;
}

/** A possibly qualified name at significant index `i`, folded as PostgreSQL folds it. */
function readName(s: Stmt, i: number): { parts: string[]; next: number } | undefined {
  const parts: string[] = [];
  for (;;) {
    const tok = s.toks[s.sig[i]!];
    const part =
      tok && (tok.kind === 'word' || tok.kind === 'quoted')
        ? identifier(s.text.slice(tok.start, tok.end))
        : undefined;
    if (part === undefined) return parts.length > 0 ? { parts, next: i } : undefined;
    parts.push(part);
    i++;
    const dot = s.toks[s.sig[i]!];
    if (!dot || s.text.slice(dot.start, dot.end) !== '.') return { parts, next: i };
    i++;
  }
}

function identifier(text: string): string | undefined {
  if (text.startsWith('"')) return text.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*$/.test(text) ? text.toLowerCase() : undefined;
}

function directive(s: Stmt, tok: Token): string | undefined {
  const m = DIRECTIVE.exec(s.text.slice(tok.start, tok.end));
  if (!m) return undefined;
  // The old name is written as SQL would write it: quoted keeps its case, a qualifier is ignored.
  const name = tokenize(m[1]!).filter((t) => t.kind === 'word' || t.kind === 'quoted');
  const last = name[name.length - 1];
  return last ? identifier(m[1]!.slice(last.start, last.end)) : undefined;
}

/** The last directive among comment tokens (the ones before a statement). */
function directiveIn(s: Stmt, toks: Token[]): string | undefined {
  let found: string | undefined;
  for (const t of toks) if (t.kind === 'comment') found = directive(s, t) ?? found;
  return found;
}
