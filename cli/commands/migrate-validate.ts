// `atlas-ts migrate validate`: checks the directory against atlas.sum and, with a dev database,
// that every file runs.
import { UserError } from '../../core/errors.ts';
import { openDir } from '../../core/migrate/dir.ts';
import { dirState, withDevUrl } from '../../core/migrate/dir-state.ts';
import { validateDir } from '../../core/migrate/sum.ts';
import { parse } from '../args.ts';
import { DIR_FLAGS_HELP, dirOptions, dirTarget } from '../migrate-dir.ts';
import type { CommandIo, CommandResult } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate validate [flags]

Check that the migration directory matches its atlas.sum. With --dev-url, also run every file on
the dev database, statement by statement, and report the first that fails at file:line:col.
The dev database must be empty; it is left empty.

Flags:
      --dev-url URL    dev database to run the files on: postgres://.../dev (?search_path=public
                       for a directory of one schema), pglite:// (in memory), mysql://host/dev
${DIR_FLAGS_HELP}
  -h, --help           show this help

Examples:
  atlas-ts migrate validate
  atlas-ts migrate validate --dir file://migrations --dev-url "postgres://app@localhost:5432/dev?search_path=public"`;

export async function migrateValidate(argv: string[], _io: CommandIo): Promise<CommandResult> {
  const { values } = parse(
    argv,
    { ...dirOptions, 'dev-url': { type: 'string' }, var: { type: 'string', multiple: true } },
    usage,
  );
  if (values.help) return usage;
  const { target, dirUrl } = await dirTarget(values, 'migrate validate');
  const dir = await openDir(dirUrl);
  await validateDir(dir);
  const devUrl = target.devUrl;
  if (devUrl === undefined || devUrl === '') return '';
  try {
    await withDevUrl(devUrl, (url) => dirState({ dir, devUrl: url }));
  } catch (e) {
    if (e instanceof UserError && e.code === 'SQL') {
      throw new UserError('SQL', `replaying the migration directory: ${e.message}`, { cause: e });
    }
    throw e;
  }
  return '';
}
