// `atlas-ts schema apply`: plan the changes that bring a database to the desired schema, show
// them, ask, and apply them under the schema lock. The approval and output rules live here and
// are shared with `schema clean`.
import type { Driver } from '../../core/drivers/driver.ts';
import { isExecError, isUserError, UserError } from '../../core/errors.ts';
import { applyPlan, executionOrder, type TxMode } from '../../core/plan/apply.ts';
import { isEmptyPlan, type Plan } from '../../core/plan/plan.ts';
import { planJson, renderApplied, renderExecFailure, renderPlanText } from '../../core/plan/render-plan.ts';
import { planSchema } from '../../core/plan/schema-plan.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import { parse } from '../args.ts';
import { forEachTarget, projectOptions, requireFrom, requireTo, resolveTargets } from '../project-flags.ts';

/** What a command may do besides returning its output: write before a prompt, and ask. */
export interface CommandIo {
  /** Writes to stdout now (output a person must see before being asked). */
  out(text: string): void;
  /** Writes to stderr now, with passwords redacted. */
  err(text: string): void;
  /** stdin and stdout are both terminals: there is a person to ask. */
  readonly interactive: boolean;
  /** Asks on the terminal and resolves to the answer. */
  ask(question: string): Promise<string>;
}

/** A command's stdout, or stdout with an exit code other than 0 (the errors were written already). */
export type CommandResult = string | { out: string; code: number };

export const usage = `Usage: atlas-ts schema apply --url URL --to URL [flags]

Plan the changes that bring a database to the desired schema, print them, and apply them
after approval.

Flags:
  -u, --url URL           database to change: postgres://user:pass@host:port/db[?search_path=schema],
                          pglite:///abs/dir or pglite://./rel/dir
      --to URL            desired schema (repeatable): file://schema.sql, file://schema.hcl (Atlas
                          HCL), file://dir/ (its .sql or .hcl files in name order) or a database URL
      --var NAME=VALUE    input variable of HCL desired states (repeatable; repeated names make lists);
                          with --env, a variable of the project file
      --env NAME          take missing flags from env "NAME" of the project file: url, src (--to),
                          dev, schemas, exclude, and its diff policy; an env with for_each is
                          applied to each of its databases in turn
  -c, --config URL        project file (default file://atlas.hcl)
      --dev-url URL       dev database the desired SQL runs on to be normalized; must be empty;
                          default: an embedded PostgreSQL (PGlite) in memory
  -s, --schema NAME       manage only this schema (repeatable); default: the URL's schema, else all
      --exclude GLOB      leave out matching objects (repeatable): "schema", "schema.table",
                          "schema.table.column"; * and ? match within one name
      --dry-run           print the plan and stop
      --auto-approve      apply without asking (required when stdin or stdout is not a terminal)
      --tx-mode MODE      file (default): all statements in one transaction, rolled back on error;
                          none: each statement on its own
      --lock-timeout DUR  how long to wait for another apply to the same database, e.g. 10s (default),
                          500ms, 2m
      --format FORMAT     text (default), or json: one JSON document for machines (needs --auto-approve
                          or --dry-run)
  -h, --help              show this help

Statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY) run after the
others, each on its own. Before changing anything, apply takes a lock on the database and
checks that the schema is still the one the plan was made from.

Examples:
  atlas-ts schema apply --url "postgres://app@localhost:5432/shop" --to file://schema.sql --dry-run
  atlas-ts schema apply --url "postgres://app@localhost:5432/shop" --to file://schema.sql \\
    --dev-url "postgres://app@localhost:5432/shop_dev" --auto-approve`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export async function schemaApply(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values } = parse(
    argv,
    {
      url: { type: 'string', short: 'u' },
      to: { type: 'string', multiple: true },
      'dev-url': { type: 'string' },
      schema: { type: 'string', short: 's', multiple: true },
      exclude: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'auto-approve': { type: 'boolean' },
      'tx-mode': { type: 'string', default: 'file' },
      'lock-timeout': { type: 'string', default: '10s' },
      format: { type: 'string', default: 'text' },
      var: { type: 'string', multiple: true },
      ...projectOptions,
    },
    usage,
  );
  if (values.help) return usage;
  const targets = await resolveTargets(values);
  // Checked on the first target before anything runs: with for_each they all share the flags.
  requireFrom(targets[0]!.url, '--url', 'url', targets[0]!, usage);
  requireTo(targets[0]!, usage);
  const run = runOptions(values, usage);
  return forEachTarget(io, targets, run.format === 'json', async (t) => {
    const url = requireFrom(t.url, '--url', 'url', t, usage);
    const scope = { schemas: t.schemas, exclude: t.exclude };
    const to = requireTo(t, usage);
    const planned = await planSchema({
      url,
      to,
      devUrl: t.devUrl,
      vars: t.vars,
      undeclaredVars: t.undeclaredVars,
      policy: t.policy,
      ...scope,
    });
    try {
      return await runPlan(io, planned.driver, planned.plan, {
        ...run,
        warnings: planned.warnings,
        synced: 'Schema is synced, no changes to be made',
        currentFingerprint: async () => fingerprint(await planned.driver.inspect(scope)),
      });
    } finally {
      await planned.driver.close().catch(() => {});
    }
  });
}

export interface RunOptions {
  format: Format;
  txMode: TxMode;
  dryRun: boolean;
  autoApprove: boolean;
  lockTimeoutMs: number;
}

/** Validates the flags `schema apply` and `schema clean` share. */
export function runOptions(
  values: {
    format?: string | boolean | undefined;
    'tx-mode'?: string | boolean | undefined;
    'dry-run'?: string | boolean | undefined;
    'auto-approve'?: string | boolean | undefined;
    'lock-timeout'?: string | boolean | undefined;
  },
  help: string,
): RunOptions {
  const format = values.format;
  if (!FORMATS.includes(format as Format)) {
    throw new UserError('BAD_ARGS', `unknown --format "${format}": use text or json`);
  }
  const txMode = values['tx-mode'];
  if (txMode !== 'file' && txMode !== 'none') {
    throw new UserError('BAD_ARGS', `unknown --tx-mode "${txMode}": use file or none`);
  }
  const dryRun = values['dry-run'] === true;
  const autoApprove = values['auto-approve'] === true;
  if (dryRun && autoApprove) {
    throw new UserError('BAD_ARGS', '--dry-run and --auto-approve exclude each other', { help });
  }
  if (format === 'json' && !dryRun && !autoApprove) {
    throw new UserError(
      'BAD_ARGS',
      '--format json never asks for approval: add --auto-approve to apply, or --dry-run to only plan',
    );
  }
  return {
    format: format as Format,
    txMode,
    dryRun,
    autoApprove,
    lockTimeoutMs: parseDuration(String(values['lock-timeout']), '--lock-timeout'),
  };
}

/** Go-style durations as Atlas takes them: `10s`, `500ms`, `1m30s`, `0`. */
export function parseDuration(text: string, flag: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const t = text.trim();
  if (t === '0') return 0;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (t === '' || parts.map((p) => p[0]).join('') !== t) {
    throw new UserError('BAD_ARGS', `invalid ${flag} "${text}": use a duration such as 10s, 500ms or 2m`);
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0));
}

/**
 * Shows a plan and, unless it is empty or a dry run, applies it after approval. A failing
 * statement is reported with its SQL on stderr (or in the JSON document) and exit code 1.
 */
export async function runPlan(
  io: CommandIo,
  driver: Driver,
  plan: Plan,
  opts: RunOptions & {
    warnings: string[];
    /** What to print when there is nothing to do. */
    synced: string;
    currentFingerprint: () => Promise<string>;
  },
): Promise<CommandResult> {
  for (const w of opts.warnings) io.err(`Warning: ${w}\n`);
  // Where DDL commits by itself (MySQL) there is no transaction to run the plan in.
  if (!driver.transactionalDdl) opts = { ...opts, txMode: 'none' };
  const json = opts.format === 'json';
  const doc = (extra: { applied?: number; error?: unknown } = {}) =>
    JSON.stringify(planJson(plan, { txMode: opts.txMode, warnings: opts.warnings, ...extra }), null, 2);
  if (isEmptyPlan(plan)) return json ? doc() : opts.synced;
  if (!json) io.out(renderPlanText(plan.stmts, { txMode: opts.txMode }));
  if (opts.dryRun) return json ? doc() : '';
  if (!opts.autoApprove) await approve(io);
  try {
    const result = await applyPlan(driver, plan, {
      txMode: opts.txMode,
      lockTimeoutMs: opts.lockTimeoutMs,
      currentFingerprint: opts.currentFingerprint,
    });
    const applied = result.applied.length + result.nonTransactionalApplied.length;
    return json ? doc({ applied }) : `\n${renderApplied(result, { txMode: opts.txMode })}`;
  } catch (e) {
    // Machines get the document whatever went wrong (lock held, schema changed, a statement).
    if (json && isUserError(e)) {
      io.err(`Error: ${e.message}\n`);
      return { out: doc({ applied: isExecError(e) ? e.failure.applied : 0, error: e }), code: 1 };
    }
    if (!isExecError(e)) throw e;
    io.err(`Error: ${e.message}\n${renderExecFailure(e, executionOrder(plan.stmts))}`);
    return { out: '', code: 1 };
  }
}

async function approve(io: CommandIo): Promise<void> {
  if (!io.interactive) {
    throw new UserError(
      'NOT_APPROVED',
      'not applying without approval: stdin or stdout is not a terminal, so no one can be asked; ' +
        'review the plan above and rerun with --auto-approve',
    );
  }
  const answer = await io.ask('\nApply? [y/N] ');
  if (!/^\s*y(es)?\s*$/i.test(answer)) {
    throw new UserError('NOT_APPROVED', 'not applied: the database is unchanged');
  }
}
