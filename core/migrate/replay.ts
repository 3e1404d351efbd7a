// Replaying a migration directory on a dev database: the state the directory leads to, which
// `migrate diff` compares with the desired state and `migrate validate --dev-url` checks runs.
// Like Atlas on a clean database, it starts at the last checkpoint file, if there is one.
import { executeFile } from '../devdb/execute.ts';
import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import { fileStatements, type MigrationDir, type MigrationFile } from './dir.ts';

/** The files a clean database runs: from the last checkpoint (at or before `toVersion`) on. */
export function replayFiles(dir: MigrationDir, toVersion?: string): MigrationFile[] {
  let files = dir.files;
  if (toVersion !== undefined) {
    const at = files.findIndex((f) => f.version === toVersion);
    if (at < 0) {
      throw new UserError('BAD_ARGS', `migration with version "${toVersion}" not found in ${dir.path}`);
    }
    files = files.slice(0, at + 1);
  }
  const checkpoint = files.findLastIndex((f) => f.directives.checkpoint !== undefined);
  return checkpoint > 0 ? files.slice(checkpoint) : files;
}

/**
 * Executes the directory's files (up to and including `toVersion` if given) on an open dev
 * database driver, file by file, statement by statement; errors name file:line:col. Returns
 * the versions executed. Pre-migration checks of txtar files do not run: a dev database has
 * no data for them to check.
 */
export async function replayDir(
  driver: Driver,
  dir: MigrationDir,
  opts: { toVersion?: string } = {},
): Promise<string[]> {
  const files = replayFiles(dir, opts.toVersion);
  // Every file is split before the first runs: a file that cannot be read fails fast.
  const split = files.map((file) => ({ file, stmts: fileStatements(file, driver.dialect).stmts }));
  const versions: string[] = [];
  for (const { file, stmts } of split) {
    await executeFile(driver, file, stmts);
    versions.push(file.version);
  }
  return versions;
}
