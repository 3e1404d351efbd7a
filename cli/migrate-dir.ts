// Flags of the commands that work on a migration directory without a target database
// (`migrate hash|validate|new|diff`): the directory, and an env of the project file that may
// supply it (`migration { dir, format }`), the dev database and the desired state.
import {
  migrationDirUrl,
  projectOptions,
  resolveTargets,
  singleTarget,
  type Target,
} from './project-flags.ts';

export const dirOptions = {
  dir: { type: 'string' },
  /** Atlas's older way to give the format; `?format=` on --dir is the current one. */
  'dir-format': { type: 'string' },
  ...projectOptions,
} as const;

export const DIR_FLAGS_HELP = `      --dir URL        migration directory (default file://migrations); add ?format=golang-migrate,
                       goose, flyway, liquibase or dbmate for another tool's layout
      --env NAME       take missing flags from env "NAME" of the project file: migration { dir,
                       format }, dev (--dev-url), src (--to), schemas, exclude, diff policy
  -c, --config URL     project file (default file://atlas.hcl)`;

export interface DirFlagValues {
  dir?: string | undefined;
  'dir-format'?: string | undefined;
  env?: string | undefined;
  config?: string | undefined;
  var?: string[] | undefined;
  to?: string[] | undefined;
  'dev-url'?: string | undefined;
  schema?: string[] | undefined;
  exclude?: string[] | undefined;
}

/** The one target of a directory command, and its directory URL. */
export async function dirTarget(
  values: DirFlagValues,
  command: string,
): Promise<{ target: Target; dirUrl: string }> {
  const target = singleTarget(await resolveTargets(values), command);
  return { target, dirUrl: migrationDirUrl(values, target) };
}
