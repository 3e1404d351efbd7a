// `atlas-ts migrate diff [name]`: writes the migration that takes the directory's state
// (replayed on the dev database) to the desired state, then re-hashes atlas.sum.
import { UserError } from '../../core/errors.ts';
import { diffDir } from '../../core/migrate/diff-dir.ts';
import { newVersion, openDir } from '../../core/migrate/dir.ts';
import { planFiles, writePlanFiles } from '../../core/migrate/plan-files.ts';
import { validateDir, writeSum } from '../../core/migrate/sum.ts';
import { parseWithArgs } from '../args.ts';
import { DIR_FLAGS_HELP, dirOptions, dirTarget } from '../migrate-dir.ts';
import { requireFrom, requireTo } from '../project-flags.ts';
import { checkName } from './migrate-new.ts';
import { type CommandIo, type CommandResult, parseDuration } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate diff [name] --to URL --dev-url URL [flags]

Replay the migration directory on the dev database, compare the result with the desired state,
and write the difference as a new migration file, <UTC timestamp>[_name].sql (or the directory
format's files), then update atlas.sum. Nothing is written when they already match.

Flags:
      --to URL         desired state (repeatable): file://schema.sql, file://schema.hcl,
                       file://dir/ or a database URL
      --dev-url URL    empty dev database: postgres://.../dev?search_path=public for a directory
                       of one schema (statements name no schema), without search_path for the
                       whole database; pglite:// (in memory); mysql://host/dev (one database)
                       or mysql://host/ (the whole server)
${DIR_FLAGS_HELP}
  -s, --schema NAME    compare only this schema (repeatable)
      --exclude GLOB   leave out matching objects (repeatable): "schema.table", "schema.table.column"
      --var NAME=VALUE input variable of HCL files (repeatable)
      --lock-timeout D how long to wait for another diff using the dev database (default 10s)
      --format FORMAT  sql (the default, also written {{ sql . }})
      --dry-run        print the file(s) instead of writing them
  -h, --help           show this help

Examples:
  atlas-ts migrate diff add_users --to file://schema.sql --dev-url "postgres://app@localhost:5432/dev?search_path=public"
  atlas-ts migrate diff --env dev`;

const SYNCED = 'The migration directory is synced with the desired state, no changes to be made';

/** `--format`: Atlas takes a template whose only form without Atlas Cloud is `{{ sql . }}`. */
function checkFormat(format: string | undefined): void {
  if (format === undefined || format === 'sql' || /^\{\{\s*sql\s+[.$]\s*(?:""\s*)?\}\}$/.test(format)) return;
  throw new UserError(
    'BAD_ARGS',
    `unsupported --format "${format}": migrate diff writes statements as planned; use sql (or {{ sql . }})`,
  );
}

export async function migrateDiff(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values, positionals } = parseWithArgs(
    argv,
    {
      ...dirOptions,
      to: { type: 'string', multiple: true },
      'dev-url': { type: 'string' },
      schema: { type: 'string', short: 's', multiple: true },
      exclude: { type: 'string', multiple: true },
      var: { type: 'string', multiple: true },
      'lock-timeout': { type: 'string', default: '10s' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    usage,
    1,
  );
  if (values.help) return usage;
  const name = checkName(positionals[0]);
  checkFormat(values.format);
  const lockTimeoutMs = parseDuration(values['lock-timeout'], '--lock-timeout');
  const { target: t, dirUrl } = await dirTarget(values, 'migrate diff');
  const to = requireTo(t, usage);
  const devUrl = requireFrom(t.devUrl, '--dev-url', 'dev', t, usage);
  const dir = await openDir(dirUrl, process.cwd(), { create: true });
  await validateDir(dir);
  const { stmts, warnings } = await diffDir({
    dir,
    devUrl,
    to,
    schemas: t.schemas,
    exclude: t.exclude,
    policy: t.policy,
    vars: t.vars,
    undeclaredVars: t.undeclaredVars,
    lockTimeoutMs,
  });
  for (const w of warnings) io.err(`Warning: ${w}\n`);
  if (stmts.length === 0) return SYNCED;
  const files = planFiles(dir.format, { version: newVersion(new Date(), dir.files), name, stmts });
  if (values['dry-run']) return files.map((f) => f.text).join('\n');
  await writePlanFiles(dir, files);
  await writeSum(await openDir(dirUrl));
  return '';
}
