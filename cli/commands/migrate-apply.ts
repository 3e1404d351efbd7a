// `atlas-ts migrate apply`: run the pending files of a migration directory, printing progress
// as Atlas does, statement by statement.
import { withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import {
  type ApplyEvent,
  type ApplyReport,
  applyMigrations,
  MigrationError,
  type TxMode,
} from '../../core/migrate/executor.ts';
import { OPERATOR_VERSION } from '../../core/version.ts';
import { parse } from '../args.ts';
import {
  execOrderOf,
  migrateOptions,
  migrateTargets,
  openCheckedDir,
  revisionsSchemaOf,
} from '../migrate-target.ts';
import { forEachTarget } from '../project-flags.ts';
import { type CommandIo, type CommandResult, parseDuration } from './schema-apply.ts';

export const usage = `Usage: atlas-ts migrate apply --url URL [--dir file://migrations] [flags]

Apply the pending files of a migration directory. Progress is recorded after every statement
in the revisions table (atlas_schema_revisions, Atlas's format), so a run stopped by a failure or
a crash continues at the next statement when run again.

Flags:
  -u, --url URL               the database to migrate
      --dir URL               the migration directory (default file://migrations); ?format=
                              golang-migrate|goose|flyway|liquibase|dbmate for other tools' layouts
      --amount N              apply at most N files
      --to-version V          apply files up to and including version V
      --baseline V            on a database with no history, start after version V (its schema is
                              already there)
      --allow-dirty           allow a first run on a database that already has objects
      --exec-order ORDER      linear (default): refuse files older than the applied version;
                              linear-skip: skip them; non-linear: apply them first
      --tx-mode MODE          file (default): one transaction per file; all: one for the whole run;
                              none: each statement commits with its progress (PostgreSQL)
      --revisions-schema S    schema (MySQL: database) of the revisions table (default: the URL's,
                              else atlas_schema_revisions)
      --lock-timeout DUR      how long to wait for another run on the same database (default 10s)
      --dry-run               print what would run, change nothing
      --format FORMAT         text (default) or json
      --env NAME, --config URL  take url, dir and migration settings from atlas.hcl
  -h, --help                  show this help

Examples:
  atlas-ts migrate apply --url "postgres://app@localhost:5432/shop" --dir file://migrations
  atlas-ts migrate apply --url "mysql://app@localhost/shop" --amount 1 --dry-run`;

export async function migrateApply(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values } = parse(
    argv,
    {
      ...migrateOptions,
      amount: { type: 'string' },
      'to-version': { type: 'string' },
      baseline: { type: 'string' },
      'allow-dirty': { type: 'boolean' },
      'exec-order': { type: 'string' },
      'tx-mode': { type: 'string', default: 'file' },
      'lock-timeout': { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string', default: 'text' },
    },
    usage,
  );
  if (values.help) return usage;
  const format = values.format;
  if (format !== 'text' && format !== 'json')
    throw new UserError('BAD_ARGS', `unknown --format "${format}": use text or json`);
  const txMode = values['tx-mode'];
  if (txMode !== 'file' && txMode !== 'all' && txMode !== 'none') {
    throw new UserError('BAD_ARGS', `unknown --tx-mode "${txMode}": use file, all or none`);
  }
  const amount = values.amount === undefined ? undefined : Number(values.amount);
  if (amount !== undefined && (!Number.isInteger(amount) || amount < 1)) {
    throw new UserError('BAD_ARGS', `--amount "${values.amount}" is not a positive whole number`);
  }
  const targets = await migrateTargets(values, usage);
  return forEachTarget(
    io,
    targets.map((t) => t.target),
    format === 'json',
    async (target) => {
      const t = targets.find((x) => x.target === target)!;
      const m = t.target.migration;
      const dir = await openCheckedDir(t.dirUrl);
      return withDriver(t.url, async (driver) => {
        const printer = format === 'text' ? new ApplyPrinter(io) : undefined;
        try {
          const report = await applyMigrations({
            driver,
            dir,
            revisionsSchema: revisionsSchemaOf(t, driver),
            execOrder: execOrderOf(values['exec-order'] ?? m?.execOrder),
            txMode: txMode as TxMode,
            amount,
            toVersion: values['to-version'],
            baseline: values.baseline ?? m?.baseline,
            allowDirty: values['allow-dirty'],
            dryRun: values['dry-run'],
            lockTimeoutMs: parseDuration(values['lock-timeout'] ?? m?.lockTimeout ?? '10s', '--lock-timeout'),
            operatorVersion: OPERATOR_VERSION,
            onEvent: printer ? (e) => printer.event(e) : undefined,
          });
          if (format === 'json') return JSON.stringify(jsonReport(report, driver.dialect, dir.url), null, 2);
          return printer!.summary(report);
        } catch (e) {
          if (!(e instanceof MigrationError)) throw e;
          if (format === 'json')
            return { out: JSON.stringify(jsonReport(e.report, driver.dialect, dir.url), null, 2), code: 1 };
          io.out(printer!.summary(e.report));
          throw new UserError(e.code, e.message, { cause: e });
        }
      });
    },
  );
}

/** Atlas's apply output, printed as the run goes so that a long file shows where it is. */
class ApplyPrinter {
  private stmts = 0;
  private failed = false;
  constructor(private readonly io: CommandIo) {}

  event(e: ApplyEvent): void {
    const out = (s: string) => this.io.out(s);
    switch (e.kind) {
      case 'start':
        out(
          `Migrating to version ${e.target}${e.current ? ` from ${e.current}` : ''} (${e.count} migration${e.count === 1 ? '' : 's'} in total):\n`,
        );
        return;
      case 'file':
        out(
          `\n  -- migrating version ${e.file.version}${e.resumeAt ? ` (continuing at statement ${e.resumeAt + 1})` : ''}\n`,
        );
        return;
      case 'check':
        out(`    -- checking ${e.name}\n`);
        return;
      case 'stmt':
        this.stmts++;
        out(`    -> ${e.text.replace(/\n/g, '\n       ')}\n`);
        return;
      case 'file-done':
        out(`  -- ok (${duration(e.ms)})\n`);
        return;
      case 'error':
        this.failed = true;
        out(`    ${e.text.replace(/\n/g, '\n    ')}\n`);
    }
  }

  summary(r: ApplyReport): string {
    if (r.applied.length === 0 && !r.error) return r.message;
    const ms = r.end.getTime() - r.start.getTime();
    const files = r.applied.length;
    const bad = this.failed ? 1 : 0;
    const ok = this.stmts - bad;
    return [
      '',
      '  -------------------------',
      `  -- ${duration(ms)}`,
      bad
        ? `  -- ${files - 1} migration${files - 1 === 1 ? '' : 's'} ok, 1 with errors`
        : `  -- ${files} migration${files === 1 ? '' : 's'}`,
      bad
        ? `  -- ${ok} sql statement${ok === 1 ? '' : 's'} ok, 1 with errors`
        : `  -- ${ok} sql statement${ok === 1 ? '' : 's'}`,
      '',
    ].join('\n');
  }
}

function duration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 1000) return `${Number(ms.toFixed(3))}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** Atlas's JSON document for `migrate apply --format json`. */
function jsonReport(r: ApplyReport, driver: string, dir: string): Record<string, unknown> {
  return {
    Driver: driver,
    Dir: dir,
    Pending: r.pending.map((p) => ({ Name: p.name, Version: p.version, Description: p.description })),
    Applied: r.applied.map((a) => ({
      Name: a.name,
      Version: a.version,
      Description: a.description,
      Start: a.start.toISOString(),
      End: a.end.toISOString(),
      Skipped: a.skipped,
      Applied: a.applied,
      ...(a.error ? { Error: { Stmt: a.error.stmt, Text: a.error.text } } : {}),
    })),
    Current: r.current ?? '',
    Target: r.target ?? '',
    Start: r.start.toISOString(),
    End: r.end.toISOString(),
    ...(r.error ? { Error: r.error } : {}),
    Message: r.message,
  };
}
