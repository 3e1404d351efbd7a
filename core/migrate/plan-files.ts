// The files `migrate diff` and `migrate new` write, in each directory format's layout, as
// Atlas's formatters write them: atlas files get a `-- <Comment>` line before each statement and
// directives first; the other tools get their own up/down markers and undo statements.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stmt } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import type { MigrationDir } from './dir.ts';
import { delimiterDirective } from './directives.ts';
import type { DirFormat } from './formats.ts';

export interface PlanFile {
  name: string;
  text: string;
}

export interface PlanInput {
  /** The version part of the name: a 14-digit UTC timestamp. */
  version: string;
  /** The name the user gave (`add_users`), if any. */
  name?: string | undefined;
  stmts: readonly Stmt[];
}

/**
 * How an atlas file delimits MySQL bodies that contain semicolons: a line of its own, so that
 * the file still reads as SQL (Atlas trims a custom delimiter from the statement).
 */
export const COMPOUND_DELIMITER = '\n-- end';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Atlas's other formatters print the planner's comments as they are: lower-case. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** True when some statement cannot run inside a transaction (CREATE INDEX CONCURRENTLY). */
export const needsNoTransaction = (stmts: readonly Stmt[]) => stmts.some((s) => s.transactional === false);

export function atlasFile(p: PlanInput): PlanFile {
  const delimiter = p.stmts.some((s) => s.compound) ? COMPOUND_DELIMITER : undefined;
  const directives = [
    ...(delimiter ? [delimiterDirective(delimiter)] : []),
    ...(needsNoTransaction(p.stmts) ? ['-- atlas:txmode none'] : []),
  ];
  const body = p.stmts
    .map((s) => `${s.comment ? `-- ${upperFirst(s.comment)}\n` : ''}${s.sql}${delimiter ?? ';'}\n`)
    .join('');
  return {
    name: `${p.version}${p.name ? `_${p.name}` : ''}.sql`,
    text: `${directives.length > 0 ? `${directives.join('\n')}\n\n` : ''}${body}`,
  };
}

/** `-- comment` and `stmt;` lines, the way golang-migrate, goose, flyway and dbmate files read. */
function upLines(stmts: readonly Stmt[], goose = false): string {
  return stmts
    .map((s) => {
      const comment = s.comment ? `-- ${lowerFirst(s.comment)}\n` : '';
      // goose ends a statement at a line ending in `;` unless it sits between these markers.
      if (goose && s.compound) {
        return `${comment}-- +goose StatementBegin\n${s.sql};\n-- +goose StatementEnd\n`;
      }
      return `${comment}${s.sql};\n`;
    })
    .join('');
}

/** The undo statements, last change first; changes without one are left out. */
function downLines(stmts: readonly Stmt[]): string {
  return [...stmts]
    .reverse()
    .filter((s) => s.reverse !== undefined && s.reverse !== '')
    .map((s) => `${s.comment ? `-- reverse: ${lowerFirst(s.comment)}\n` : ''}${s.reverse};\n`)
    .join('');
}

function liquibaseFile(p: PlanInput, name: string): PlanFile {
  const changesets = p.stmts.map((s, i) => {
    const comment = s.comment ? `--comment: ${lowerFirst(s.comment)}` : '';
    const rollback = s.reverse ? `--rollback: ${s.reverse};\n` : '';
    return `\n--changeset atlas:${p.version}-${i + 1}\n${comment}\n${s.sql};\n${rollback}`;
  });
  return { name, text: `--liquibase formatted sql${changesets.join('')}` };
}

/** The files one plan (or, with no statements, `migrate new`) becomes in a directory of `format`. */
export function planFiles(format: DirFormat, p: PlanInput): PlanFile[] {
  const suffix = p.name ? `_${p.name}` : '';
  switch (format) {
    case 'atlas':
      return [atlasFile(p)];
    case 'golang-migrate':
      return [
        { name: `${p.version}${suffix}.up.sql`, text: upLines(p.stmts) },
        { name: `${p.version}${suffix}.down.sql`, text: downLines(p.stmts) },
      ];
    case 'goose': {
      const noTx = needsNoTransaction(p.stmts) ? '-- +goose NO TRANSACTION\n' : '';
      return [
        {
          name: `${p.version}${suffix}.sql`,
          text: `${noTx}-- +goose Up\n${upLines(p.stmts, true)}\n-- +goose Down\n${downLines(p.stmts)}`,
        },
      ];
    }
    case 'flyway': {
      const flywaySuffix = p.name ? `__${p.name}` : '';
      return [
        { name: `V${p.version}${flywaySuffix}.sql`, text: upLines(p.stmts) },
        { name: `U${p.version}${flywaySuffix}.sql`, text: downLines(p.stmts) },
      ];
    }
    case 'liquibase':
      return [liquibaseFile(p, `${p.version}${suffix}.sql`)];
    case 'dbmate': {
      const options = needsNoTransaction(p.stmts) ? ' transaction:false' : '';
      return [
        {
          name: `${p.version}${suffix}.sql`,
          text: `-- migrate:up${options}\n${upLines(p.stmts)}\n-- migrate:down\n${downLines(p.stmts)}`,
        },
      ];
    }
  }
}

/**
 * Writes new migration files into `dir`, never over an existing one (two runs within one second
 * would pick the same name). Returns their paths as the user wrote the directory.
 */
export async function writePlanFiles(dir: MigrationDir, files: readonly PlanFile[]): Promise<string[]> {
  const prefix = dir.path.endsWith('/') ? dir.path : `${dir.path}/`;
  for (const f of files) {
    if (existsSync(join(dir.abs, f.name))) {
      throw new UserError(
        'BAD_ARGS',
        `${prefix}${f.name} exists already: wait a second and run again, or remove it`,
      );
    }
  }
  for (const f of files) await writeFile(join(dir.abs, f.name), f.text, { flag: 'wx' });
  return files.map((f) => `${prefix}${f.name}`);
}
