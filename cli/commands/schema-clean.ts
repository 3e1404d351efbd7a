// `atlas-ts schema clean`: drop every object in the URL's scope, after the same approval as apply.
import { planClean } from '../../core/plan/schema-plan.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import { parse } from '../args.ts';
import { projectOptions, requireFrom, resolveTargets, singleTarget } from '../project-flags.ts';
import { type CommandIo, type CommandResult, runOptions, runPlan } from './schema-apply.ts';

export const usage = `Usage: atlas-ts schema clean --url URL [flags]

Drop every object in a database (the public schema stays, emptied) or, for a URL bound to a
schema with ?search_path=, every object in that schema (the schema stays). Shows the statements
and asks first.

Flags:
  -u, --url URL           database to empty: postgres://user:pass@host:port/db[?search_path=schema],
                          pglite:///abs/dir or pglite://./rel/dir
      --dry-run           print the statements and stop
      --auto-approve      drop without asking (required when stdin or stdout is not a terminal)
      --lock-timeout DUR  how long to wait for an apply to the same database, e.g. 10s (default)
      --format FORMAT     text (default), or json (needs --auto-approve or --dry-run)
      --env NAME          take --url from env "NAME" of the project file
  -c, --config URL        project file (default file://atlas.hcl)
      --var NAME=VALUE    input variable of the project file (repeatable)
  -h, --help              show this help

Examples:
  atlas-ts schema clean --url "postgres://app@localhost:5432/scratch" --dry-run
  atlas-ts schema clean --url "postgres://app@localhost:5432/scratch?search_path=app" --auto-approve`;

export async function schemaClean(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values } = parse(
    argv,
    {
      url: { type: 'string', short: 'u' },
      'dry-run': { type: 'boolean' },
      'auto-approve': { type: 'boolean' },
      'lock-timeout': { type: 'string', default: '10s' },
      format: { type: 'string', default: 'text' },
      var: { type: 'string', multiple: true },
      ...projectOptions,
    },
    usage,
  );
  if (values.help) return usage;
  const t = singleTarget(await resolveTargets(values), 'schema clean');
  const url = requireFrom(t.url, '--url', 'url', t, usage);
  const run = runOptions({ ...values, 'tx-mode': 'file' }, usage);
  const planned = await planClean(url);
  try {
    return await runPlan(io, planned.driver, planned.plan, {
      ...run,
      warnings: planned.warnings,
      synced: 'Nothing to clean: no objects in scope',
      currentFingerprint: async () => fingerprint(await planned.driver.inspect({})),
    });
  } finally {
    await planned.driver.close().catch(() => {});
  }
}
