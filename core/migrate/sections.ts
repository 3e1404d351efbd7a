// The parts of goose and dbmate files that migrate up. goose marks them with `-- +goose`
// pragmas and ends a statement at each line ending in `;` (or at StatementEnd); dbmate has a
// `-- migrate:up` section that is split like any script. Positions stay those of the file.
import { UserError } from '../errors.ts';
import { LineMap, SplitError, type SqlStatement, tokenize } from './split.ts';

export type Dialect = 'postgres' | 'mysql';

export interface SectionStatement extends SqlStatement {
  /** The statement as Atlas hashes and stores it (goose: with its `;`, pragma lines left out). */
  atlasText: string;
}

interface Line {
  /** Without its newline (and without a `\r` before it). */
  text: string;
  start: number;
  /** 1-based. */
  no: number;
}

function lines(src: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let no = 1; start <= src.length; no++) {
    const nl = src.indexOf('\n', start);
    const end = nl === -1 ? src.length : nl;
    out.push({ text: src.slice(start, end).replace(/\r$/, ''), start, no });
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

/** Leading whitespace and comments of a statement (Atlas keeps them apart from its text). */
export function leadingComments(text: string, dialect: Dialect): number {
  const lead =
    dialect === 'mysql'
      ? /^(?:\s+|--[^\n]*|#[^\n]*|\/\*(?![!M])[\s\S]*?\*\/)/
      : /^(?:\s+|--[^\n]*|\/\*[\s\S]*?\*\/)/;
  let i = 0;
  for (let m = lead.exec(text); m; m = lead.exec(text.slice(i))) i += m[0].length;
  return i;
}

const GOOSE = '-- +goose';

/**
 * The statements of a goose file's Up section. Lines before `-- +goose Up` join the first
 * statement (as in Atlas); `-- +goose Down` ends the section. Pragmas out of place are errors
 * that name the file and line.
 */
export function gooseStatements(path: string, src: string, dialect: Dialect): SectionStatement[] {
  const map = new LineMap(src);
  const out: SectionStatement[] = [];
  let state: 'none' | 'up' | 'block' = 'none';
  let blockLine = 0;
  let chunk: Line[] = [];
  const unexpected = (l: Line, pragma: string, why: string): never => {
    throw new UserError('SQL', `${path}:${l.no}: unexpected "${GOOSE} ${pragma}": ${why}`);
  };
  const emit = () => {
    const included = chunk;
    chunk = [];
    const body = included.filter((l) => l.text.trim() !== '');
    if (body.length === 0) return;
    const from = body[0]!.start;
    const last = body[body.length - 1]!;
    const to = last.start + last.text.replace(/\s+$/, '').length;
    const text = src.slice(from, to);
    let first: number | undefined;
    try {
      first = tokenize(text, { dialect }).find((t) => t.kind !== 'space' && t.kind !== 'comment')?.start;
    } catch (e) {
      if (!(e instanceof SplitError)) throw e;
      throw new UserError('SQL', `${path}:${e.line + map.at(from).line - 1}:${e.col}: ${e.reason}`);
    }
    if (first === undefined) return; // comments only
    // Atlas's text: the lines it kept, right-trimmed, without the leading comments.
    const joined = included.map((l) => l.text.replace(/\s+$/, '')).join('\n');
    out.push({
      text: text.replace(/;$/, '').replace(/\s+$/, ''),
      offset: from,
      ...map.at(from + first),
      atlasText: joined.slice(leadingComments(joined, dialect)).trim(),
    });
  };
  for (const l of lines(src)) {
    if (l.text.startsWith(GOOSE)) {
      const pragma = l.text.slice(GOOSE.length).trim();
      if (pragma === 'Up') {
        if (state !== 'none') unexpected(l, pragma, 'the Up section has begun already');
        state = 'up';
        continue;
      }
      if (pragma === 'Down') {
        if (state === 'none') unexpected(l, pragma, `no "${GOOSE} Up" comes before it`);
        if (state === 'block') {
          unexpected(l, pragma, `the StatementBegin at line ${blockLine} is not closed by StatementEnd`);
        }
        break;
      }
      if (pragma === 'StatementBegin') {
        if (state === 'none') unexpected(l, pragma, `no "${GOOSE} Up" comes before it`);
        if (state === 'block') unexpected(l, pragma, `the StatementBegin at line ${blockLine} is still open`);
        state = 'block';
        blockLine = l.no;
        continue;
      }
      if (pragma === 'StatementEnd') {
        if (state !== 'block') unexpected(l, pragma, 'no StatementBegin is open');
        emit();
        state = 'up';
        continue;
      }
      // Other pragmas (NO TRANSACTION, ENVSUB ON) are comments to the database.
    }
    chunk.push(l);
    const trimmed = l.text.replace(/\s+$/, '');
    if (state === 'up' && trimmed.endsWith(';') && !trimmed.startsWith('--')) emit();
  }
  if (state === 'none') {
    throw new UserError(
      'SQL',
      `${path}: no "${GOOSE} Up" annotation: goose would run nothing from this file`,
    );
  }
  if (state === 'block') {
    throw new UserError(
      'SQL',
      `${path}:${blockLine}: "${GOOSE} StatementBegin" is not closed by StatementEnd`,
    );
  }
  emit();
  return out;
}

/**
 * Where a dbmate file's `-- migrate:up` section starts and ends (offsets), the Down section and
 * anything before Up left out. `-- migrate:up transaction:false` carries options after the word.
 */
export function dbmateUpSection(path: string, src: string): { start: number; end: number } {
  let start: number | undefined;
  for (const l of lines(src)) {
    if (!l.text.startsWith('-- migrate:')) continue;
    const word = l.text.slice('-- migrate:'.length).trim().split(/\s+/)[0];
    if (word === 'up' && start === undefined) start = l.start + l.text.length + 1;
    else if (word === 'down') {
      if (start === undefined) {
        throw new UserError('SQL', `${path}:${l.no}: "-- migrate:down" comes before "-- migrate:up"`);
      }
      return { start: Math.min(start, l.start), end: l.start };
    }
  }
  if (start === undefined) {
    throw new UserError(
      'SQL',
      `${path}: no "-- migrate:up" section: dbmate would run nothing from this file`,
    );
  }
  return { start: Math.min(start, src.length), end: src.length };
}

/**
 * Liquibase's formatted-SQL lines (`--liquibase formatted sql`, `--changeset a:1`,
 * `--rollback ...`) as blanks: for MySQL, `--` followed by a letter is not a comment.
 */
export function blankLiquibaseLines(src: string): string {
  return src.replace(/^--(?=\S)[^\n]*/gm, (m) => ' '.repeat(m.length));
}
