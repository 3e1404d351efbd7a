// `atlas-ts migrate status` and `atlas-ts migrate set`: where a database stands against a
// migration directory, and moving that mark by hand.
import { withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import {
  migrationStatus,
  renderSet,
  renderStatus,
  type StatusReport,
  setVersion,
} from '../../core/migrate/status.ts';
import { OPERATOR_VERSION } from '../../core/version.ts';
import { parse, parseWithArgs } from '../args.ts';
import { migrateOptions, migrateTarget, openCheckedDir, revisionsSchemaOf } from '../migrate-target.ts';
import type { CommandResult } from './schema-apply.ts';

export const statusUsage = `Usage: atlas-ts migrate status --url URL [--dir file://migrations] [flags]

Show the applied and pending migrations of a database, and the error of a failed run.

Flags:
  -u, --url URL               the database
      --dir URL               the migration directory (default file://migrations)
      --revisions-schema S    schema (MySQL: database) of the revisions table
      --format FORMAT         text (default) or json
      --env NAME, --config URL  take url and dir from atlas.hcl
  -h, --help                  show this help`;

export async function migrateStatus(argv: string[]): Promise<CommandResult> {
  const { values } = parse(
    argv,
    { ...migrateOptions, format: { type: 'string', default: 'text' } },
    statusUsage,
  );
  if (values.help) return statusUsage;
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UserError('BAD_ARGS', `unknown --format "${values.format}": use text or json`);
  }
  const t = await migrateTarget(values, statusUsage, 'migrate status');
  const dir = await openCheckedDir(t.dirUrl);
  return withDriver(t.url, async (driver) => {
    const s = await migrationStatus(driver, dir, revisionsSchemaOf(t, driver));
    return values.format === 'json'
      ? JSON.stringify(statusJson(s, driver.dialect, dir.url), null, 2)
      : renderStatus(s);
  });
}

function statusJson(s: StatusReport, driver: string, dir: string): Record<string, unknown> {
  const file = (f: StatusReport['available'][number]) => ({
    Name: f.name,
    Version: f.version,
    Description: f.description,
  });
  return {
    Env: { Driver: driver, Dir: dir },
    Available: s.available.map(file),
    Pending: s.pending.map(file),
    OutOfOrder: s.outOfOrder.map(file),
    Applied: s.applied.map((r) => ({
      Version: r.version,
      Description: r.description,
      Type: r.type,
      Applied: r.applied,
      Total: r.total,
      ExecutedAt: r.executedAt.toISOString(),
      ExecutionTime: Number(r.executionTime),
      Error: r.error ?? '',
      ErrorStmt: r.errorStmt ?? '',
      Hash: r.hash,
      OperatorVersion: r.operatorVersion,
    })),
    Current: s.current ?? '',
    Next: s.next ?? '',
    Count: s.applied.length,
    Total: s.available.length,
    Status: s.status,
    Error: s.partial?.error ?? '',
    SQL: s.partial?.stmt ?? '',
  };
}

export const setUsage = `Usage: atlas-ts migrate set [VERSION] --url URL [--dir file://migrations] [flags]

Mark the database as being at VERSION without running anything: revisions after it are removed,
files up to it that never ran are recorded as applied by hand, and a failed VERSION is resolved.
Without VERSION: the latest file. Use it after fixing a database by hand.

Flags:
  -u, --url URL               the database
      --dir URL               the migration directory (default file://migrations)
      --revisions-schema S    schema (MySQL: database) of the revisions table
      --env NAME, --config URL  take url and dir from atlas.hcl
  -h, --help                  show this help`;

export async function migrateSet(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseWithArgs(argv, migrateOptions, setUsage, 1);
  const version = positionals[0];
  if (values.help) return setUsage;
  const t = await migrateTarget(values, setUsage, 'migrate set');
  const dir = await openCheckedDir(t.dirUrl);
  return withDriver(t.url, async (driver) =>
    renderSet(await setVersion(driver, dir, revisionsSchemaOf(t, driver), version, OPERATOR_VERSION)),
  );
}
