// `atlas-ts migrate down`: revert applied migrations by planning the way back to an earlier
// version's schema, after checking that the data it would drop is not there.
import { withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import { type DownReport, migrateDown } from '../../core/migrate/down.ts';
import { renderScript } from '../../core/plan/render-plan.ts';
import { parseWithArgs } from '../args.ts';
import { migrateOptions, migrateTarget, openCheckedDir, revisionsSchemaOf } from '../migrate-target.ts';
import type { CommandResult } from './schema-apply.ts';
import { parseDuration } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate down [N] --url URL --dev-url URL [--dir file://migrations] [flags]

Revert the last N applied migration files (default 1), or go back to --to-version. The schema of
the target version is computed by replaying the directory on the dev database; the plan takes
the database from its current schema to it. Before it runs, every table the plan drops must be
empty and every column it drops must be NULL in every row: otherwise nothing is changed (unless
--force). PostgreSQL runs the plan in one transaction.

Flags:
  -u, --url URL               the database
      --dev-url URL           dev database to compute the target version's schema on (PostgreSQL:
                              default an embedded one)
      --dir URL               the migration directory (default file://migrations)
      --to-version V          go back to version V (it stays applied)
      --force                 revert even when the checks find data that would be dropped
      --dry-run               print the plan and the checks, change nothing
      --revisions-schema S    schema (MySQL: database) of the revisions table
      --lock-timeout DUR      how long to wait for another run on the same database (default 10s)
      --env NAME, --config URL  take url, dev and dir from atlas.hcl
  -h, --help                  show this help`;

export async function migrateDownCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseWithArgs(
    argv,
    {
      ...migrateOptions,
      'dev-url': { type: 'string' },
      'to-version': { type: 'string' },
      force: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'lock-timeout': { type: 'string' },
    },
    usage,
    1,
  );
  if (values.help) return usage;
  const amountArg = positionals[0];
  if (amountArg !== undefined && !/^[1-9]\d*$/.test(amountArg)) {
    throw new UserError('BAD_ARGS', `"${amountArg}" is not a number of files to revert`, { help: usage });
  }
  if (amountArg !== undefined && values['to-version'] !== undefined) {
    throw new UserError('BAD_ARGS', 'give either a number of files to revert or --to-version, not both');
  }
  const t = await migrateTarget(values, usage, 'migrate down');
  const dir = await openCheckedDir(t.dirUrl);
  return withDriver(t.url, async (driver) => {
    const report = await migrateDown({
      driver,
      dir,
      devUrl: values['dev-url'] ?? t.target.devUrl,
      revisionsSchema: revisionsSchemaOf(t, driver),
      amount: amountArg === undefined ? undefined : Number(amountArg),
      toVersion: values['to-version'],
      force: values.force,
      dryRun: values['dry-run'],
      lockTimeoutMs: parseDuration(
        values['lock-timeout'] ?? t.target.migration?.lockTimeout ?? '10s',
        '--lock-timeout',
      ),
    });
    return renderDown(report);
  });
}

function renderDown(r: DownReport): string {
  const to = r.target === undefined ? 'before the first migration' : `version ${r.target}`;
  const lines = [`-- Migrate down from version ${r.current} to ${to} (reverting ${r.reverted.join(', ')}):`];
  if (r.checks.length > 0) {
    lines.push('-- Checks before reverting (data the plan would drop):');
    for (const c of r.checks) {
      const state =
        c.ok === undefined ? 'not run (--dry-run)' : c.ok ? 'ok' : 'FAILED, reverted anyway (--force)';
      lines.push(`--   ${c.what}: ${state}`);
    }
  }
  if (r.stmts.length === 0)
    lines.push('-- The schema is already at the target version; only the revisions are removed.');
  else lines.push(renderScript(r.stmts));
  lines.push(r.applied ? `-- Done: the database is at ${to}.` : '-- Nothing was changed (--dry-run).');
  return lines.join('\n');
}
