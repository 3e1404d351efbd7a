// Which migration files an apply runs, from the directory and the revisions table, with Atlas's
// rules: versions compare as strings; a partially applied last file runs again from where it
// stopped; files older than the last revision that never ran are "out of order" and handled
// by the execution order (linear: refuse, linear-skip: skip, non-linear: run them first).
import { UserError } from '../errors.ts';
import type { MigrationFile } from './dir.ts';
import { type Revision, RevisionType } from './revisions.ts';

export const EXEC_ORDERS = ['linear', 'linear-skip', 'non-linear'] as const;
export type ExecOrder = (typeof EXEC_ORDERS)[number];

/**
 * An execution order as a flag (`linear-skip`) or as atlas.hcl writes Atlas's keyword
 * (`LINEAR_SKIP`); `what` names where it came from in the error.
 */
export function parseExecOrder(value: string | undefined, what: string): ExecOrder {
  const v = (value ?? 'linear').toLowerCase().replace(/_/g, '-');
  if (!(EXEC_ORDERS as readonly string[]).includes(v)) {
    throw new UserError('BAD_ARGS', `unknown ${what} "${value}": use linear, linear-skip or non-linear`);
  }
  return v as ExecOrder;
}

export interface PendingInput {
  files: readonly MigrationFile[];
  revisions: readonly Revision[];
  execOrder: ExecOrder;
  /** Run at most this many files. */
  amount?: number | undefined;
  /** Run files up to and including this version. */
  toVersion?: string | undefined;
}

export interface Pending {
  /** Files to run, in order. */
  files: MigrationFile[];
  /** Files older than the last revision that never ran (run first with non-linear, else listed). */
  outOfOrder: MigrationFile[];
  /** The last revision, if any: the version the database is at. */
  current: Revision | undefined;
  /** The revision of a file that stopped short, which the first pending file continues. */
  partial: Revision | undefined;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The last checkpoint file (`-- atlas:checkpoint`): a fresh database starts there. */
function fromCheckpoint(files: readonly MigrationFile[]): MigrationFile[] {
  for (let i = files.length - 1; i >= 0; i--) if (files[i]!.directives.checkpoint) return files.slice(i);
  return [...files];
}

/** A revision that stopped short: fewer statements applied than the file has, and not resolved by hand. */
export function isPartial(r: Revision): boolean {
  return (
    r.applied < r.total && (r.type & RevisionType.resolved) === 0 && (r.type & RevisionType.baseline) === 0
  );
}

export function pendingFiles(input: PendingInput): Pending {
  const { files, revisions } = input;
  const current = revisions.at(-1);
  let run: MigrationFile[];
  let outOfOrder: MigrationFile[] = [];
  let partial: Revision | undefined;
  if (!current) {
    run = fromCheckpoint(files);
  } else {
    const seen = new Set(revisions.map((r) => r.version));
    run = files.filter((f) => cmp(f.version, current.version) > 0);
    if (isPartial(current)) {
      const file = files.find((f) => f.version === current.version);
      if (!file) {
        throw new UserError(
          'BAD_ARGS',
          `migration ${current.version} is partially applied (${current.applied} of ${current.total} statements) but its file is not in the directory: restore the file, or mark the version resolved with "atlas-ts migrate set ${current.version}"`,
        );
      }
      partial = current;
      run.unshift(file);
    }
    const first = revisions[0]!.version;
    outOfOrder = files.filter(
      (f) => !seen.has(f.version) && cmp(f.version, current.version) < 0 && cmp(f.version, first) > 0,
    );
    if (outOfOrder.length > 0 && input.execOrder === 'linear') {
      const names = outOfOrder.map((f) => f.name).join(', ');
      throw new UserError(
        'BAD_ARGS',
        `migration file${outOfOrder.length > 1 ? 's' : ''} ${names} ${outOfOrder.length > 1 ? 'were' : 'was'} added out of order (older than the applied version ${current.version}): rename ${outOfOrder.length > 1 ? 'them' : 'it'} to a newer version, or run with --exec-order linear-skip (skip) or non-linear (apply ${outOfOrder.length > 1 ? 'them' : 'it'} now)`,
      );
    }
    if (input.execOrder === 'non-linear') run = [...outOfOrder, ...run];
  }
  if (input.toVersion !== undefined) {
    if (!files.some((f) => f.version === input.toVersion)) {
      throw new UserError(
        'BAD_ARGS',
        `migration with version "${input.toVersion}" not found in the directory`,
      );
    }
    run = run.filter((f) => cmp(f.version, input.toVersion!) <= 0 || outOfOrder.includes(f));
  }
  if (input.amount !== undefined) run = run.slice(0, input.amount);
  return { files: run, outOfOrder, current, partial };
}
