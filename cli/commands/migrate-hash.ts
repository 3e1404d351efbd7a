// `atlas-ts migrate hash`: (re)writes atlas.sum, the migration directory's integrity file.
import { openDir } from '../../core/migrate/dir.ts';
import { writeSum } from '../../core/migrate/sum.ts';
import { parse } from '../args.ts';
import { DIR_FLAGS_HELP, dirOptions, dirTarget } from '../migrate-dir.ts';
import type { CommandIo, CommandResult } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate hash [flags]

Compute the integrity hashes of the migration directory and write them to its atlas.sum, which
the other migrate commands check. Run it after changing files in the directory by hand.

Flags:
${DIR_FLAGS_HELP}
  -h, --help           show this help

Examples:
  atlas-ts migrate hash
  atlas-ts migrate hash --dir "file://db/migrations?format=goose"`;

export async function migrateHash(argv: string[], _io: CommandIo): Promise<CommandResult> {
  const { values } = parse(argv, { ...dirOptions, var: { type: 'string', multiple: true } }, usage);
  if (values.help) return usage;
  const { dirUrl } = await dirTarget(values, 'migrate hash');
  await writeSum(await openDir(dirUrl));
  return '';
}
