// Resource `atlas_migration`: keeps a database at a version of a migration directory. The plan
// reads where the database stands and says what an apply would do (files to run, or a down
// plan); apply runs the files up to `version`, or migrates down to it when that is allowed;
// refresh re-reads the status. Destroying the resource leaves the database as it is.
import { randomUUID } from 'node:crypto';
import type { Driver } from '../../core/drivers/driver.ts';
import { openDriver, withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import type { MigrationDir } from '../../core/migrate/dir.ts';
import { type DownReport, migrateDown } from '../../core/migrate/down.ts';
import { applyMigrations, type TxMode } from '../../core/migrate/executor.ts';
import { pendingFiles } from '../../core/migrate/pending.ts';
import { type Revision, RevisionStore, RevisionType } from '../../core/migrate/revisions.ts';
import { renderScript } from '../../core/plan/render-plan.ts';
import { OPERATOR_VERSION } from '../../core/version.ts';
import {
  type ApplyRequest,
  type CallContext,
  error,
  block as getBlock,
  hasUnknown,
  isUnknown,
  type PlanRequest,
  type PlanResponse,
  type Resource,
  type Schema,
  str,
  type TfObject,
  Unknown,
  warning,
} from '../framework.ts';
import {
  devMutex,
  EXEC_ORDERS,
  type MigrationSettings,
  messageOf,
  openMigrationDir,
  parseGoDuration,
  providerConfigured,
  readStatus,
  reportError,
  resolveSettings,
  revisionsSchemaOf,
  SHARED_ATTRIBUTES,
  STATUS_TYPE,
  sameValue,
  statusObject,
  TX_MODES,
  targetMutex,
  validateOneOf,
  validateShared,
} from './migration-common.ts';

export const DEFAULT_TIMEOUT = '20m';

const TIMEOUT_DESCRIPTION =
  'How long the apply may take before it is stopped: a duration such as "30s", "20m" or "2h45m" (units h, m, s, ms). Default 20m. When it runs out the connection is closed: the statement in flight is rolled back by the database, and what completed before it stays applied and recorded.';

const schema: Schema = {
  version: 0,
  block: {
    description:
      'Applies the files of a migration directory to a database, up to `version`. The plan reads the database and shows, as warnings, the files an apply will run (`Pending migrations`) or the statements a migrate down will run. Runs are recorded in the revisions table `atlas_schema_revisions` (compatible with Atlas), and applies to one database never overlap. Destroying the resource only removes it from the Terraform state: the database keeps its schema and data. Import is not supported.',
    attributes: {
      url: SHARED_ATTRIBUTES.url,
      dev_url: SHARED_ATTRIBUTES.dev_url,
      dir: SHARED_ATTRIBUTES.dir,
      version: {
        type: 'string',
        optional: true,
        computed: true,
        description:
          'The version to migrate the database to (the version part of a file name, e.g. `20240101120000`). Files up to and including it are applied; a database that is ahead is migrated down to it when `protected_flows.migrate_down.allow` is true. When unset, the latest file of the directory is planned on create and then kept: files added later are not applied until `version` says so. Set it from `data.atlas_migration.<name>.next` to step one file per apply, or `.latest` to follow the directory. An empty string means the latest file at each apply.',
      },
      baseline: {
        type: 'string',
        optional: true,
        description:
          'For a database that has a schema but no migration history: the version its schema is already at. It is recorded as a baseline, and only later files run. See https://atlasgo.io/versioned/apply#existing-databases',
      },
      exec_order: {
        type: 'string',
        optional: true,
        description:
          'What to do with files older than the applied version that never ran: `linear` (default) refuses them, `linear-skip` skips them, `non-linear` applies them first. See https://atlasgo.io/versioned/apply#execution-order',
      },
      revisions_schema: SHARED_ATTRIBUTES.revisions_schema,
      tx_mode: {
        type: 'string',
        optional: true,
        description:
          'Transactions around the files (PostgreSQL; MySQL commits DDL by itself): `file` (default) runs each file in its own transaction, `all` the whole apply in one, `none` commits each statement with its progress record. A file saying `-- atlas:txmode none` runs without one.',
      },
      config: SHARED_ATTRIBUTES.config,
      env_name: SHARED_ATTRIBUTES.env_name,
      variables: SHARED_ATTRIBUTES.variables,
      id: {
        type: 'string',
        computed: true,
        description: 'A random identifier, set on create and kept across updates.',
      },
      status: {
        type: STATUS_TYPE,
        computed: true,
        description:
          'Where the database stands, read after every apply and refresh: `status` (`OK`, or `PENDING` when files are left to apply), `current` (the last applied version; null when nothing is applied yet), `next` (the next file to apply; null at the latest version) and `latest` (the last file of the directory; null when it is empty).',
      },
    },
    blocks: {
      protected_flows: {
        nesting: 'single',
        block: {
          description: 'Operations that need explicit consent.',
          attributes: {},
          blocks: {
            migrate_down: {
              nesting: 'single',
              block: {
                description:
                  'Migrating down: taking the database back to an earlier `version` than it is at. The schema of that version is computed on the dev database (`dev_url`) and the plan shows the statements that revert the later files. Tables the plan drops must be empty and columns it drops NULL in every row, or the plan fails (unless `auto_approve`).',
                attributes: {
                  allow: {
                    type: 'bool',
                    optional: true,
                    description:
                      'Allow migrating down. Without it, a `version` earlier than the database fails the plan.',
                  },
                  auto_approve: {
                    type: 'bool',
                    optional: true,
                    description:
                      "Migrate down even when that drops data: non-empty tables, columns holding values. The plan lists what would be lost. Unlike in ariga's provider (where it skips Atlas Cloud's approval, and a local directory requires it), `allow` alone migrates down here, refusing to lose data.",
                  },
                },
              },
            },
          },
        },
      },
      timeouts: {
        nesting: 'single',
        block: {
          description: 'Time limits of the operations.',
          attributes: {
            create: { type: 'string', optional: true, description: TIMEOUT_DESCRIPTION },
            update: { type: 'string', optional: true, description: TIMEOUT_DESCRIPTION },
          },
        },
      },
    },
  },
};

// ------------------------------------------------------------------------------------ validate

async function validate(config: TfObject, ctx: CallContext): Promise<void> {
  if (!validateShared(config, ctx)) return;
  validateOneOf(ctx, config, 'exec_order', EXEC_ORDERS);
  validateOneOf(ctx, config, 'tx_mode', TX_MODES);
  const timeouts = getBlock(config, 'timeouts');
  for (const op of ['create', 'update'] as const) {
    const v = timeouts?.[op];
    if (typeof v !== 'string') continue;
    try {
      if (parseGoDuration(v) <= 0) throw new UserError('BAD_ARGS', `timeout "${v}" must be longer than 0`);
    } catch (e) {
      error(ctx, 'Timeout Cannot Be Parsed', `timeout for "${op}" cannot be parsed, ${messageOf(e, [])}`, [
        'timeouts',
        op,
      ]);
    }
  }
  const down = getBlock(getBlock(config, 'protected_flows'), 'migrate_down');
  if (down?.auto_approve === true && down.allow === false) {
    warning(
      ctx,
      'auto_approve has no effect',
      'protected_flows.migrate_down.auto_approve only matters when allow = true: migrating down stays refused.',
      ['protected_flows', 'migrate_down', 'auto_approve'],
    );
  }
  // Once configured, so that the provider's dev_url counts (see providerConfigured).
  if (providerConfigured(ctx) && !hasDevUrl(config, ctx)) {
    warning(
      ctx,
      'dev_url is unset',
      'No dev database is set (dev_url here, dev_url of the provider, or dev in the env of config). Migrating down computes the schema of the earlier version on a dev database: PostgreSQL databases fall back to an embedded one, MySQL and MariaDB cannot migrate down without it. See https://atlasgo.io/concepts/dev-database',
      ['dev_url'],
    );
  }
  if (!providerConfigured(ctx) && config.version === null) {
    warning(
      ctx,
      'version is unset',
      'Without version, the latest file of the directory is applied when the resource is created, and the database then stays at that version: files added later are not applied. Set version = data.atlas_migration.<name>.next to move one file per apply, or .latest to apply every new file.',
      ['version'],
    );
  }
}

function hasDevUrl(config: TfObject, ctx: CallContext): boolean {
  if (config.dev_url !== null || (ctx.provider.dev_url ?? null) !== null) return true;
  // The env of config may set `dev`; reading it would evaluate the file (data sources may
  // connect somewhere), so look for the attribute as ariga's provider does.
  const cfg = config.config;
  return isUnknown(cfg) || (typeof cfg === 'string' && /^\s*dev\s*=/m.test(cfg));
}

// ------------------------------------------------------------------------------------ plan

/** What an apply does to reach the target version, as read from the database. */
type Action =
  | { kind: 'none' }
  | { kind: 'up'; files: { version: string; name: string }[] }
  | { kind: 'down'; applied: string[] };

/** The attributes the database checks need; an unknown one means "wait for apply". */
const INPUTS = [
  'url',
  'dev_url',
  'dir',
  'revisions_schema',
  'baseline',
  'exec_order',
  'config',
  'env_name',
  'variables',
  'version',
  'protected_flows',
];

async function plan(req: PlanRequest, ctx: CallContext): Promise<PlanResponse> {
  const { prior, proposed, config } = req;
  // Destroy: nothing is done to the database, so there is nothing to preview.
  if (proposed === null || config === null) return { planned: null };
  const planned: TfObject = { ...proposed, id: prior ? (prior.id ?? Unknown) : Unknown };
  const versionConfig = config.version;
  const pinned = prior !== null && typeof prior.version === 'string' ? prior.version : undefined;
  const known =
    INPUTS.every((k) => !hasUnknown(config[k] ?? null)) && !isUnknown(ctx.provider.dev_url ?? null);
  if (!known) {
    // Values come from other resources: the database is read at apply time.
    if (versionConfig === null) planned.version = pinned ?? Unknown;
    planned.status = Unknown;
    return { planned };
  }
  let settings: MigrationSettings;
  try {
    settings = await resolveSettings(config, ctx);
  } catch (e) {
    reportError(ctx, 'Generate config failure', e, []);
    return { planned };
  }
  const secrets = settings.secrets;
  let dir: MigrationDir;
  try {
    dir = await openMigrationDir(settings, true);
  } catch (e) {
    reportError(ctx, 'Failed to read migration status', e, secrets);
    return { planned };
  }
  const target = targetVersion(versionConfig, pinned, dir);
  if (versionConfig === null) planned.version = target ?? null;
  if (target !== undefined && !dir.files.some((f) => f.version === target)) {
    error(
      ctx,
      'Incorrect version',
      `The version ${target} is not found in the migration directory ${settings.dir} (${dir.files.length ? `versions ${dir.files[0]!.version} to ${dir.files.at(-1)!.version}` : 'it has no files'}).`,
      ['version'],
    );
    return { planned };
  }
  let action: Action;
  try {
    action = await withDriver(settings.url, async (driver) => {
      const a = await actionFor(driver, dir, settings, target);
      if (a.kind === 'down') await previewDown(driver, dir, settings, target!, config, ctx);
      return a;
    });
  } catch (e) {
    reportError(ctx, 'Failed to read migration status', e, secrets);
    return { planned };
  }
  if (action.kind === 'up') {
    warning(
      ctx,
      'Pending migrations',
      `${action.files.length} migration file${action.files.length === 1 ? '' : 's'} will be applied:\n${action.files.map((f) => `${f.version} ${f.name}`).join('\n')}`,
    );
  }
  // No change in the configuration and nothing to do on the database: a no-op plan keeps the
  // status. A database that drifted from `version` (migrated by hand) plans an update to it.
  const unchanged =
    prior !== null &&
    action.kind === 'none' &&
    Object.keys(planned).every((k) => k === 'status' || sameValue(planned[k], prior[k]));
  planned.status = unchanged ? (prior.status ?? null) : Unknown;
  return { planned };
}

/**
 * The version an apply goes to: the configured one; when unset, the version kept from create
 * (ariga's semantics: set once, then changed only by the configuration), else the directory's
 * latest; an empty string is always the latest (what `next` says at the latest version).
 */
function targetVersion(
  configured: TfObject[string] | undefined,
  pinned: string | undefined,
  dir: MigrationDir,
): string | undefined {
  const latest = dir.files.at(-1)?.version;
  if (typeof configured === 'string') return configured === '' ? latest : configured;
  return pinned ?? latest;
}

/** Compares the revisions table with the directory, as an apply to `target` would. */
async function actionFor(
  driver: Driver,
  dir: MigrationDir,
  s: MigrationSettings,
  target: string | undefined,
): Promise<Action> {
  let revisions = await new RevisionStore(driver, revisionsSchemaOf(s, driver)).read();
  if (target === undefined) return { kind: 'none' };
  const ahead = revisions.filter((r) => r.version > target).map((r) => r.version);
  if (ahead.length > 0) return { kind: 'down', applied: ahead };
  if (revisions.length === 0 && s.baseline !== undefined) {
    if (!dir.files.some((f) => f.version === s.baseline))
      throw new UserError('BAD_ARGS', `baseline version "${s.baseline}" not found in the directory`);
    revisions = [baselineRevision(s.baseline)];
  }
  const pending = pendingFiles({ files: dir.files, revisions, execOrder: s.execOrder, toVersion: target });
  return pending.files.length > 0
    ? { kind: 'up', files: pending.files.map((f) => ({ version: f.version, name: f.name })) }
    : { kind: 'none' };
}

/** What the executor records for `baseline` on a database without history (for planning only). */
function baselineRevision(version: string): Revision {
  return {
    version,
    description: '',
    type: RevisionType.baseline,
    applied: 0,
    total: 0,
    executedAt: new Date(0),
    executionTime: 0n,
    hash: '',
    operatorVersion: OPERATOR_VERSION,
  };
}

/**
 * A down at plan time: refused unless allowed; when allowed, the plan computed on the dev
 * database is shown, and the data checks run now (they only read), so that data loss fails
 * the plan rather than the apply.
 */
async function previewDown(
  driver: Driver,
  dir: MigrationDir,
  s: MigrationSettings,
  target: string,
  config: TfObject,
  ctx: CallContext,
): Promise<void> {
  const flow = downFlow(config);
  const current = (await new RevisionStore(driver, revisionsSchemaOf(s, driver)).read()).at(-1)?.version;
  if (!flow.allow) {
    error(
      ctx,
      'Protected flow error',
      `The database is at version ${current}, later than version ${target}: going back to it means migrating down, which is not allowed. Set protected_flows.migrate_down.allow = true to allow it, or set version to ${current} or later.`,
    );
    return;
  }
  const report = await down(driver, dir, s, target, { dryRun: true, force: false });
  for (const c of report.checks) {
    const [row] = await driver.query(`${c.sql} AS ok`);
    const v = row ? Object.values(row)[0] : undefined;
    c.ok = v === true || v === 1 || v === '1' || v === 1n;
  }
  const failed = report.checks.filter((c) => !c.ok);
  warning(ctx, 'Migrate down', renderDown(report, flow.autoApprove));
  if (failed.length > 0 && !flow.autoApprove) {
    error(
      ctx,
      'Migrate down would lose data',
      `Migrating down to version ${target} drops data:\n${failed.map((c) => `  - ${c.what}: it is not`).join('\n')}\nRemove that data first, or set protected_flows.migrate_down.auto_approve = true to migrate down anyway.`,
    );
  }
}

function downFlow(obj: TfObject): { allow: boolean; autoApprove: boolean } {
  const d = getBlock(getBlock(obj, 'protected_flows'), 'migrate_down');
  return { allow: d?.allow === true, autoApprove: d?.auto_approve === true };
}

function renderDown(r: DownReport, force: boolean): string {
  const to = r.target === undefined ? 'before the first migration' : `version ${r.target}`;
  const lines = [
    `The database will be migrated down from version ${r.current} to ${to}, reverting ${r.reverted.join(', ')}.`,
  ];
  if (r.checks.length > 0) {
    lines.push('', 'Checks before reverting (data the statements drop):');
    for (const c of r.checks) {
      const state =
        c.ok === undefined
          ? 'not run'
          : c.ok
            ? 'ok'
            : force
              ? 'FAILS (auto_approve: reverted anyway)'
              : 'FAILS';
      lines.push(`  - ${c.what}: ${state}`);
    }
  }
  lines.push('');
  if (r.stmts.length === 0)
    lines.push('The schema is already at that version: only the revisions are removed.');
  else lines.push('The following SQL statements will be executed:', '', renderScript(r.stmts).trimEnd());
  return lines.join('\n');
}

/** A migrate down; a server dev database is used by one replay at a time. */
function down(
  driver: Driver,
  dir: MigrationDir,
  s: MigrationSettings,
  target: string,
  opts: { dryRun: boolean; force: boolean },
): Promise<DownReport> {
  if (driver.dialect === 'mysql' && s.devUrl === undefined) {
    throw new UserError(
      'BAD_ARGS',
      'migrating a MySQL or MariaDB database down needs a dev database to compute the earlier schema on: set dev_url (here or in the provider block)',
    );
  }
  return devMutex.run(`dev:${s.devUrl ?? 'embedded'}`, () =>
    migrateDown({
      driver,
      dir,
      devUrl: s.devUrl,
      revisionsSchema: revisionsSchemaOf(s, driver),
      toVersion: target,
      force: opts.force,
      dryRun: opts.dryRun,
      lockTimeoutMs: s.lockTimeoutMs,
    }),
  );
}

// ------------------------------------------------------------------------------------ apply

/** An apply failure with the summary it is reported under. */
class ApplyFailure extends Error {
  constructor(
    readonly summary: string,
    readonly reason: unknown,
  ) {
    super(summary);
  }
}

async function apply(
  req: ApplyRequest,
  ctx: CallContext,
): Promise<{ state: TfObject | null; private?: Uint8Array }> {
  const { prior, planned } = req;
  // Destroy only forgets the resource: reverting migrations is what version and migrate_down are for.
  if (planned === null) return { state: null };
  const config = req.config ?? planned;
  const create = prior === null;
  // On failure Terraform keeps the prior state when given null (none on create, so the next
  // plan creates again and continues where the run stopped). On update the prior state is
  // returned with a fresh status, so the state shows the progress but not the new version.
  const failed = async (
    summary: string,
    e: unknown,
    secrets: readonly string[],
  ): Promise<{ state: TfObject | null }> => {
    reportError(ctx, summary, e, secrets);
    if (create || prior === null) return { state: null };
    return { state: { ...prior, status: (await freshStatus(prior, ctx)) ?? prior.status ?? null } };
  };
  let settings: MigrationSettings;
  let timeoutMs: number;
  try {
    settings = await resolveSettings(config, ctx);
    const t = getBlock(config, 'timeouts')?.[create ? 'create' : 'update'];
    timeoutMs = parseGoDuration(typeof t === 'string' ? t : DEFAULT_TIMEOUT);
  } catch (e) {
    return failed('Generate config failure', e, []);
  }
  let dir: MigrationDir;
  try {
    dir = await openMigrationDir(settings, true);
  } catch (e) {
    return failed('Failed to read migration status', e, settings.secrets);
  }
  const plannedVersion = planned.version;
  const target =
    typeof plannedVersion === 'string' && str(config, 'version') !== ''
      ? plannedVersion
      : dir.files.at(-1)?.version;
  try {
    // The time limit covers waiting for another apply on the same database too; a turn that
    // comes after the limit does nothing.
    await withTimeout(timeoutMs, ctx.signal, (onStop) => {
      let stopped = false;
      onStop(() => {
        stopped = true;
      });
      return targetMutex.run(settings.url, async () => {
        if (!stopped) await migrate(settings, dir, target, config, onStop);
      });
    });
  } catch (e) {
    if (e instanceof ApplyFailure) return failed(e.summary, e.reason, settings.secrets);
    return failed('Failed to apply migrations', e, settings.secrets);
  }
  let status: TfObject;
  try {
    status = statusObject((await readStatus(settings, { checkSum: false })).report);
  } catch (e) {
    return failed('Failed to read migration status', e, settings.secrets);
  }
  const version = isUnknown(plannedVersion) ? (target ?? null) : plannedVersion;
  return {
    state: {
      ...planned,
      id: create ? randomUUID() : (prior.id ?? randomUUID()),
      version: version ?? null,
      status,
    },
  };
}

async function freshStatus(state: TfObject, ctx: CallContext): Promise<TfObject | undefined> {
  try {
    return statusObject((await readStatus(await resolveSettings(state, ctx), { checkSum: false })).report);
  } catch {
    return undefined;
  }
}

/** Applies files up to `target`, or migrates down to it; throws ApplyFailure. */
async function migrate(
  s: MigrationSettings,
  dir: MigrationDir,
  target: string | undefined,
  config: TfObject,
  onStop: (fn: () => void) => void,
): Promise<void> {
  if (target !== undefined && !dir.files.some((f) => f.version === target)) {
    throw new ApplyFailure(
      'Incorrect version',
      new UserError('BAD_ARGS', `The version ${target} is not found in the migration directory ${s.dir}.`),
    );
  }
  let driver: Driver;
  try {
    driver = await openDriver(s.url);
  } catch (e) {
    throw new ApplyFailure('Failed to read migration status', e);
  }
  // Stopping closes the connection: the database rolls back the statement in flight.
  onStop(() => void driver.close().catch(() => {}));
  try {
    let action: Action;
    try {
      action = await actionFor(driver, dir, s, target);
    } catch (e) {
      throw new ApplyFailure('Failed to read migration status', e);
    }
    if (action.kind === 'none') return;
    if (action.kind === 'down') {
      const flow = downFlow(config);
      if (!flow.allow) {
        throw new ApplyFailure(
          'Protected flow error',
          new UserError(
            'BAD_ARGS',
            `migrate down is not allowed (the database is at version ${action.applied.at(-1)}, later than version ${target}): set protected_flows.migrate_down.allow = true to allow it`,
          ),
        );
      }
      try {
        await down(driver, dir, s, target!, { dryRun: false, force: flow.autoApprove });
      } catch (e) {
        throw new ApplyFailure('Failed to down migration', e);
      }
      return;
    }
    try {
      await applyMigrations({
        driver,
        dir,
        revisionsSchema: revisionsSchemaOf(s, driver),
        execOrder: s.execOrder,
        txMode: (str(config, 'tx_mode') ?? 'file') as TxMode,
        toVersion: target,
        baseline: s.baseline,
        lockTimeoutMs: s.lockTimeoutMs,
        operatorVersion: OPERATOR_VERSION,
      });
    } catch (e) {
      throw new ApplyFailure('Failed to apply migrations', e);
    }
  } finally {
    await driver.close().catch(() => {});
  }
}

/**
 * Runs `fn` until it settles, `ms` pass, or Terraform stops the provider. On the latter two the
 * callbacks `fn` registered run (closing its connection; one registered later runs at once) and
 * the returned promise rejects at once; `fn`'s own rejection, which follows, is swallowed.
 */
export function withTimeout<T>(
  ms: number,
  signal: AbortSignal,
  fn: (onStop: (cb: () => void) => void) => Promise<T>,
): Promise<T> {
  const callbacks: (() => void)[] = [];
  let stopped = false;
  const onStop = (cb: () => void) => {
    if (stopped) cb();
    else callbacks.push(cb);
  };
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const stop = (summary: string, why: string) => {
      if (settled) return;
      settled = true;
      stopped = true;
      cleanup();
      for (const cb of callbacks) cb();
      reject(new ApplyFailure(summary, new UserError('EXEC', why)));
    };
    const timer = setTimeout(
      () =>
        stop(
          'Apply timed out',
          `the operation did not finish within ${formatMs(ms)} (timeouts): it was stopped; the statement in flight was rolled back and what completed before it stays applied. Raise the timeout and apply again to continue.`,
        ),
      ms,
    );
    const onAbort = () =>
      stop(
        'Apply interrupted',
        'Terraform stopped the provider: the operation was stopped; the statement in flight was rolled back and what completed before it stays applied.',
      );
    const cleanup = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    fn(onStop).then(
      (v) => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(v);
      },
      (e) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(e);
      },
    );
  });
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

// ------------------------------------------------------------------------------------ read

async function read(
  state: TfObject,
  _priv: Uint8Array | undefined,
  ctx: CallContext,
): Promise<{ state: TfObject | null }> {
  let settings: MigrationSettings | undefined;
  try {
    settings = await resolveSettings(state, ctx);
    // The directory's checksum is the plan's to report; the status only needs the files.
    const { report } = await readStatus(settings, { checkSum: false });
    const status = statusObject(report);
    const before = getBlock(state, 'status');
    // Something was applied, and now nothing is: the revisions table is gone (a new or wiped
    // database). Forgetting the resource makes Terraform plan to create it, which migrates again.
    if (before && before.current !== null && !isUnknown(before.current ?? null) && status.current === null)
      return { state: null };
    return { state: { ...state, status } };
  } catch (e) {
    reportError(ctx, 'Failed to read migration status', e, settings?.secrets ?? []);
    return { state };
  }
}

export const atlasMigrationResource: Resource = {
  typeName: 'atlas_migration',
  schema,
  validate,
  plan,
  apply,
  read,
};
