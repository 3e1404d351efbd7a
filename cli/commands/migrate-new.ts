// `atlas-ts migrate new [name]`: an empty migration file, named with the current UTC time, in
// the directory's layout; atlas.sum is rewritten to include it.
import { UserError } from '../../core/errors.ts';
import { newVersion, openDir } from '../../core/migrate/dir.ts';
import { planFiles, writePlanFiles } from '../../core/migrate/plan-files.ts';
import { validateDir, writeSum } from '../../core/migrate/sum.ts';
import { parseWithArgs } from '../args.ts';
import { DIR_FLAGS_HELP, dirOptions, dirTarget } from '../migrate-dir.ts';
import type { CommandIo, CommandResult } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate new [name] [flags]

Create an empty migration file, <UTC timestamp>[_name].sql (or the directory format's files),
and add it to atlas.sum. Prints the path of each file created. The directory is created if
it does not exist; its atlas.sum must be in order.

Flags:
${DIR_FLAGS_HELP}
  -h, --help           show this help

Examples:
  atlas-ts migrate new add_users
  atlas-ts migrate new --dir "file://db/migrations?format=golang-migrate" add_users`;

/** Checks a file name part the user gave: it must stay a single file name. */
export function checkName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  if (/[/\\]/.test(name) || name.startsWith('.')) {
    throw new UserError(
      'BAD_ARGS',
      `migration name "${name}" must be a plain file name part (no "/", "\\" or leading ".")`,
    );
  }
  return name;
}

export async function migrateNew(argv: string[], _io: CommandIo): Promise<CommandResult> {
  const { values, positionals } = parseWithArgs(
    argv,
    { ...dirOptions, var: { type: 'string', multiple: true } },
    usage,
    1,
  );
  if (values.help) return usage;
  const name = checkName(positionals[0]);
  const { dirUrl } = await dirTarget(values, 'migrate new');
  const dir = await openDir(dirUrl, process.cwd(), { create: true });
  await validateDir(dir);
  const files = planFiles(dir.format, { version: newVersion(new Date(), dir.files), name, stmts: [] });
  const paths = await writePlanFiles(dir, files);
  await writeSum(await openDir(dirUrl));
  return paths.join('\n');
}
