// The statements a migration file runs, at their line and column in the file: the part of the
// file its format runs (goose Up, dbmate up, a txtar archive's migration.sql), split with the
// file's `-- atlas:delimiter` if it has one. Each also carries its text as Atlas stores it, for
// the revisions table's statement hashes.
import { UserError } from '../errors.ts';
import type { MigrationFile } from './dir.ts';
import { directiveArgs, fileDirective, unescapeDelimiter } from './directives.ts';
import {
  blankLiquibaseLines,
  type Dialect,
  dbmateUpSection,
  gooseStatements,
  leadingComments,
  type SectionStatement,
} from './sections.ts';
import { SplitError, type SqlStatement, splitStatements } from './split.ts';
import { parseTxtar } from './txtar.ts';

/** A statement of a migration file; `text` excludes the terminator, as splitStatements gives it. */
export type FileStatement = SectionStatement;

export interface FileCheck {
  /** `checks.sql` or `checks/<name>.sql`. */
  name: string;
  stmts: FileStatement[];
  /** `-- atlas:assert oneof`: one true assertion is enough (otherwise every one must be). */
  oneOf: boolean;
}

/** Spaces for everything but newlines: text outside a region keeps its place but is not read. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/**
 * Splits `file.text[start, end)` as if it stood alone, keeping offsets, lines and columns those
 * of the file. A first line `-- atlas:delimiter d` sets the delimiter for the region.
 */
function splitRegion(file: MigrationFile, dialect: Dialect, start: number, end: number): FileStatement[] {
  const region = file.text.slice(start, end);
  const d = directiveArgs(region, 'delimiter', '-- ');
  let body = region;
  let delimiter: string | undefined;
  if (d !== undefined && d !== '') {
    delimiter = unescapeDelimiter(d);
    const nl = region.indexOf('\n');
    body = blank(region.slice(0, nl === -1 ? region.length : nl)) + (nl === -1 ? '' : region.slice(nl));
  }
  if (file.format === 'liquibase' && dialect === 'mysql') body = blankLiquibaseLines(body);
  const src = blank(file.text.slice(0, start)) + body;
  let stmts: SqlStatement[];
  try {
    stmts = splitStatements(src, { dialect, ...(delimiter !== undefined ? { delimiter } : {}) });
  } catch (e) {
    if (e instanceof SplitError) throw new UserError('SQL', `${file.path}:${e.line}:${e.col}: ${e.reason}`);
    throw e;
  }
  return stmts.map((s) => {
    const bare = s.text.slice(leadingComments(s.text, dialect));
    // The default `;` stays in Atlas's text; a delimiter of the file's own does not.
    let next = s.offset + s.text.length;
    while (next < src.length && /\s/.test(src[next]!)) next++;
    const semicolon = delimiter === undefined && src[next] === ';';
    return { ...s, atlasText: `${bare}${semicolon ? ';' : ''}`.trim() };
  });
}

/**
 * The statements to execute, with line/col in the file: format sections (goose Up, dbmate up),
 * `atlas:delimiter`, a txtar archive's migration.sql; for txtar files also the checks.
 */
export function fileStatements(
  file: MigrationFile,
  dialect: Dialect,
): { stmts: FileStatement[]; checks: FileCheck[] } {
  if (file.directives.error) throw new UserError('SQL', file.directives.error);
  switch (file.format) {
    case 'goose':
      return { stmts: gooseStatements(file.path, file.text, dialect), checks: [] };
    case 'dbmate': {
      const { start, end } = dbmateUpSection(file.path, file.text);
      return { stmts: splitRegion(file, dialect, start, end), checks: [] };
    }
    case 'atlas':
      if (file.directives.txtar) return txtarStatements(file, dialect);
      return { stmts: splitRegion(file, dialect, 0, file.text.length), checks: [] };
    default:
      return { stmts: splitRegion(file, dialect, 0, file.text.length), checks: [] };
  }
}

const CHECK_FILE = /^checks(?:\.sql|\/[^/]+\.sql)$/;

/** A txtar migration: `migration.sql` runs; `checks.sql` and `checks/<name>.sql` assert before it. */
function txtarStatements(
  file: MigrationFile,
  dialect: Dialect,
): { stmts: FileStatement[]; checks: FileCheck[] } {
  const archive = parseTxtar(file.text);
  const migration = archive.files.filter((f) => f.name === 'migration.sql');
  if (migration.length !== 1) {
    throw new UserError(
      'SQL',
      `${file.path}: an atlas:txtar file needs exactly one "-- migration.sql --" section, found ${migration.length}`,
    );
  }
  const checks: FileCheck[] = [];
  for (const member of archive.files) {
    if (member.name === 'migration.sql') continue;
    if (!CHECK_FILE.test(member.name)) {
      throw new UserError(
        'SQL',
        `${file.path}:${member.line}: unexpected txtar section "${member.name}": use checks.sql, checks/<name>.sql or migration.sql`,
      );
    }
    const assert = fileDirective(member.text, 'assert');
    const oneOf = assert.includes('oneof');
    const unknown = assert.find((a) => a !== 'oneof');
    if (unknown !== undefined) {
      throw new UserError(
        'SQL',
        `${file.path}:${member.line}: unknown "atlas:assert ${unknown}": use "oneof"`,
      );
    }
    checks.push({
      name: member.name,
      stmts: splitRegion(file, dialect, member.offset, member.offset + member.text.length),
      oneOf,
    });
  }
  const m = migration[0]!;
  return { stmts: splitRegion(file, dialect, m.offset, m.offset + m.text.length), checks };
}

/**
 * Statement text as Atlas hashes and stores it: leading comments dropped, `;` kept for the
 * default delimiter, custom delimiters trimmed, trimmed of whitespace. Statements from
 * fileStatements carry it; for others it is derived, assuming a `;` ended the statement.
 */
export function atlasStmtText(
  stmt: SqlStatement & { atlasText?: string },
  delimiter: string | undefined,
  dialect: Dialect = 'postgres',
): string {
  if (stmt.atlasText !== undefined) return stmt.atlasText;
  const bare = stmt.text.slice(leadingComments(stmt.text, dialect)).trim();
  return delimiter === undefined && !bare.endsWith(';') ? `${bare};` : bare;
}
