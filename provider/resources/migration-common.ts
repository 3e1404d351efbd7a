// What the `atlas_migration` resource and data source share: turning their attributes (and the
// provider's `dev_url`, and an optional atlas.hcl given as `config`) into the settings the
// migration engine takes, reading where a database stands, and reporting failures as
// diagnostics that never show a password.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Driver } from '../../core/drivers/driver.ts';
import { withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import { DEFAULT_DIR_URL, type MigrationDir, openDir, parseDirUrl } from '../../core/migrate/dir.ts';
import { type ExecOrder, parseExecOrder } from '../../core/migrate/pending.ts';
import { DEFAULT_REVISIONS_SCHEMA } from '../../core/migrate/revisions.ts';
import { migrationStatus, type StatusReport } from '../../core/migrate/status.ts';
import { validateDir } from '../../core/migrate/sum.ts';
import { loadProject, type ProjectEnv } from '../../core/project/project.ts';
import { redact, urlPassword } from '../../core/redact.ts';
import {
  type AttributeSchema,
  type CallContext,
  error,
  isUnknown,
  KeyedMutex,
  type PathStep,
  str,
  type TfObject,
  type TfType,
  type TfValue,
} from '../framework.ts';

export const STATUS_TYPE: TfType = [
  'object',
  { status: 'string', current: 'string', next: 'string', latest: 'string' },
];

export { EXEC_ORDERS } from '../../core/migrate/pending.ts';
export const TX_MODES = ['file', 'all', 'none'] as const;

/** Atlas's texts for a database with nothing applied and one at the latest version. */
export const NO_MIGRATION = 'No migration applied yet';

/**
 * Applies to one database never interleave (two resources on one database, or a resource and
 * a second Terraform operation in the same process); different databases run in parallel.
 */
export const targetMutex = new KeyedMutex();
/**
 * A server dev database must be empty while a directory is replayed on it: resources sharing
 * one take turns. Always taken inside `targetMutex`, never around it, so the two cannot deadlock.
 */
export const devMutex = new KeyedMutex();

/** Descriptions shared by the resource and the data source (they document the registry page). */
export const SHARED_ATTRIBUTES = {
  url: {
    type: 'string',
    required: true,
    sensitive: true,
    description:
      'URL of the database to migrate, e.g. `postgres://user:pass@host:5432/app?sslmode=disable` or `mysql://user:pass@host:3306/app`. A URL naming a schema (PostgreSQL `search_path`, a MySQL database) limits the migrations to it and keeps the revisions table there. See https://atlasgo.io/concepts/url',
  },
  dev_url: {
    type: 'string',
    optional: true,
    sensitive: true,
    description:
      "URL of an empty dev database, used to compute the schema of an earlier version when migrating down. Falls back to the provider's `dev_url`, then to the `dev` of the env in `config`. PostgreSQL targets fall back to an embedded in-memory PostgreSQL; MySQL/MariaDB targets need one to migrate down. See https://atlasgo.io/concepts/dev-database",
  },
  dir: {
    type: 'string',
    optional: true,
    description:
      'The migration directory: a path or a `file://` URL, relative to the directory Terraform runs in (default `file://migrations`). Add `?format=golang-migrate|goose|flyway|liquibase|dbmate` for directories of those tools. Its `atlas.sum` must match the files. Atlas Cloud directories (`atlas://`) are not supported.',
  },
  revisions_schema: {
    type: 'string',
    optional: true,
    description:
      "The schema (MySQL: database) holding the revisions table `atlas_schema_revisions`. Default: the URL's schema or database, else `atlas_schema_revisions`.",
  },
  config: {
    type: 'string',
    optional: true,
    description:
      'The content of an atlas.hcl project file. The env named by `env_name` supplies what the attributes leave unset: `dev`, and `migration { dir, format, baseline, exec_order, revisions_schema, lock_timeout }`. Relative paths in it start at the directory Terraform runs in.',
  },
  env_name: {
    type: 'string',
    optional: true,
    description:
      'The env of `config` to use. Required when `config` is set; ignored otherwise. Atlas uses it to report runs to Atlas Cloud, which this provider does not do.',
  },
  variables: {
    type: 'string',
    optional: true,
    description:
      'A JSON object of input variables for the `variable` blocks of `config`, e.g. `jsonencode({ db_name = "app", schemas = ["a", "b"] })`. Values are strings, numbers, booleans or lists of them.',
  },
} satisfies Record<string, AttributeSchema>;

// ------------------------------------------------------------------------------------ settings

/** What the engine needs to reach a database and its migration directory. */
export interface MigrationSettings {
  url: string;
  devUrl: string | undefined;
  /** The directory as configured (or the default): stable across machines, for ids. */
  dir: string;
  /** A file:// URL with an absolute path, so the working directory of later calls cannot matter. */
  dirUrl: string;
  revisionsSchema: string | undefined;
  baseline: string | undefined;
  execOrder: ExecOrder;
  lockTimeoutMs: number;
  /** Passwords to scrub from every message. */
  secrets: string[];
}

/**
 * The settings of a resource or data source object (config, plan or state). Throws UserError
 * when `config` cannot be read or a value is malformed; the caller turns it into a diagnostic.
 */
export async function resolveSettings(obj: TfObject, ctx: CallContext): Promise<MigrationSettings> {
  const url = str(obj, 'url');
  if (url === undefined || url === '') throw new UserError('BAD_ARGS', 'url is required');
  const configText = str(obj, 'config');
  const env =
    configText !== undefined && configText !== ''
      ? await loadConfigEnv(configText, str(obj, 'env_name') ?? '', parseVariables(str(obj, 'variables')))
      : undefined;
  const m = env?.migration;
  const devUrl = nonEmpty(str(obj, 'dev_url')) ?? nonEmpty(str(ctx.provider, 'dev_url')) ?? env?.devUrl;
  let dir = nonEmpty(str(obj, 'dir')) ?? m?.dir ?? DEFAULT_DIR_URL;
  // The env's `format` applies when the URL names none, as with the CLI's --env.
  if (m?.format && !/[?&]format=/.test(dir))
    dir = `${dir}${dir.includes('?') ? '&' : '?'}format=${encodeURIComponent(m.format)}`;
  const execOrder = parseExecOrder(str(obj, 'exec_order') ?? m?.execOrder, 'exec_order');
  return {
    url,
    devUrl,
    dir,
    dirUrl: absoluteDirUrl(dir),
    revisionsSchema: nonEmpty(str(obj, 'revisions_schema')) ?? m?.revisionsSchema,
    baseline: nonEmpty(str(obj, 'baseline')) ?? m?.baseline,
    execOrder,
    lockTimeoutMs: m?.lockTimeout !== undefined ? parseGoDuration(m.lockTimeout) : 10_000,
    secrets: [urlPassword(url), devUrl && urlPassword(devUrl)].filter((s): s is string => !!s),
  };
}

const nonEmpty = (s: string | undefined) => (s === '' ? undefined : s);

/**
 * `dir` as a file:// URL with an absolute path: a plain path or a relative file:// path is
 * taken from the process's directory, which Terraform sets to its working directory. Throws
 * for other schemes (atlas:// is Atlas Cloud) and unknown formats.
 */
export function absoluteDirUrl(dir: string, cwd: string = process.cwd()): string {
  if (dir === '') throw new UserError('BAD_ARGS', 'dir is empty: give a path such as file://migrations');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(dir) ? dir : `file://${dir}`;
  const { path } = parseDirUrl(withScheme);
  const query = /\?([^#]*)/.exec(withScheme)?.[1];
  const abs = resolve(cwd, path).split('/').map(encodeURIComponent).join('/');
  return `file://${abs}${query ? `?${query}` : ''}`;
}

/** `variables`: a JSON object whose values are strings, numbers, booleans or lists of them. */
export function parseVariables(text: string | undefined): Record<string, string | string[]> {
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UserError('BAD_ARGS', `variables is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UserError('BAD_ARGS', 'variables must be a JSON object, e.g. jsonencode({ name = "value" })');
  const scalar = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    const s = scalar(v);
    if (s !== undefined) out[k] = s;
    else if (Array.isArray(v) && v.every((x) => scalar(x) !== undefined)) out[k] = v.map((x) => scalar(x)!);
    else
      throw new UserError(
        'BAD_ARGS',
        `variables.${k} must be a string, number, boolean or a list of them, not ${JSON.stringify(v)}`,
      );
  }
  return out;
}

/**
 * The env of an atlas.hcl given as text. The project reader takes a file, so the text is written
 * to a private temporary directory for the time of the read; messages name it `config`.
 */
async function loadConfigEnv(
  text: string,
  envName: string,
  vars: Record<string, string | string[]>,
): Promise<ProjectEnv> {
  if (envName === '') throw new UserError('BAD_ARGS', 'env_name is required when config is set');
  const dir = await mkdtemp(join(tmpdir(), 'atlas-tf-config-'));
  const file = join(dir, 'atlas.hcl');
  try {
    await writeFile(file, text, { mode: 0o600 });
    let envs: ProjectEnv[];
    try {
      envs = await loadProject({ config: pathToFileURL(file).href, env: envName, vars });
    } catch (e) {
      if (e instanceof UserError)
        throw new UserError(e.code, e.message.split(file).join('config'), { cause: e });
      throw e;
    }
    if (envs.length !== 1) {
      throw new UserError(
        'BAD_ARGS',
        `env "${envName}" of config has ${envs.length} instances (for_each); atlas_migration migrates one database`,
      );
    }
    return envs[0]!;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A Go duration (`time.ParseDuration`), as Terraform users write timeouts: "20m", "1h30m",
 * "1.5h", "300ms". Returns milliseconds; throws UserError for anything else.
 */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const bad = () =>
    new UserError(
      'BAD_ARGS',
      `time: invalid duration "${text}": use numbers with units h, m, s, ms, us or ns, such as "30s", "20m" or "2h45m"`,
    );
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let total = 0;
  const part = /^(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') throw bad();
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

// ------------------------------------------------------------------------------------ the engine

/** Reads the directory; with `checkSum`, also checks it against atlas.sum (as Atlas does first). */
export async function openMigrationDir(s: MigrationSettings, checkSum: boolean): Promise<MigrationDir> {
  const dir = await openDir(s.dirUrl);
  if (checkSum) await validateDir(dir);
  return dir;
}

/** As the CLI: the attribute, else the URL's schema or database, else Atlas's default. */
export function revisionsSchemaOf(s: MigrationSettings, driver: Driver): string {
  return s.revisionsSchema ?? driver.boundSchema ?? DEFAULT_REVISIONS_SCHEMA;
}

export async function readStatus(
  s: MigrationSettings,
  opts: { checkSum: boolean },
): Promise<{ dir: MigrationDir; report: StatusReport }> {
  const dir = await openMigrationDir(s, opts.checkSum);
  const report = await withDriver(s.url, (driver) =>
    migrationStatus(driver, dir, revisionsSchemaOf(s, driver)),
  );
  return { dir, report };
}

/**
 * The resource's `status`, mapped as ariga's provider maps `atlas migrate status`: `current` is
 * null when files are pending and nothing was applied (Read relies on it to notice a dropped
 * revisions table), `next` is null at the latest version, `latest` null for an empty directory.
 */
export function statusObject(r: StatusReport): TfObject {
  return {
    status: r.status,
    current: r.current ?? (r.status === 'PENDING' ? null : NO_MIGRATION),
    next: r.next ?? null,
    latest: r.available.at(-1)?.version ?? null,
  };
}

/** A stable id for the data source: what it reports about which directory, never the URL. */
export function dataSourceId(dir: string, current: string, next: string, latest: string | null): string {
  return createHash('sha256')
    .update(JSON.stringify([dir, current, next, latest]))
    .digest('base64url')
    .slice(0, 22);
}

// ------------------------------------------------------------------------------------ diagnostics

/** The error's message with passwords removed (URLs, `password=` parameters, known secrets). */
export function messageOf(e: unknown, secrets: readonly string[]): string {
  const text = e instanceof Error ? e.message : String(e);
  // Anything that is not a UserError is a bug in atlas-ts: say so, so it gets reported.
  const bug = e instanceof Error && !(e instanceof UserError) && !isDriverError(e);
  return redact(bug ? `internal error: ${text}` : text, secrets);
}

/** Errors of the database clients (a refused connection, a failed query) are not bugs. */
function isDriverError(e: Error): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' || 'severity' in e || 'errno' in e;
}

export function reportError(
  ctx: CallContext,
  summary: string,
  e: unknown,
  secrets: readonly string[],
  attribute?: PathStep[],
): void {
  error(ctx, summary, messageOf(e, secrets), attribute);
}

/**
 * Whether ConfigureProvider has run (it sets Terraform's version). Terraform validates every
 * resource twice: first unconfigured (`terraform validate`, and the start of plan), then again
 * while planning, configured. A warning given in both would show twice, so each is given in one:
 * those about the configuration alone unconfigured, those that count the provider's settings
 * (its dev_url) configured.
 */
export function providerConfigured(ctx: CallContext): boolean {
  return ctx.terraformVersion !== '';
}

/** Checks shared by the resource and the data source; false when validation should stop. */
export function validateShared(config: TfObject, ctx: CallContext): boolean {
  const cfg = config.config;
  const env = config.env_name;
  if (typeof cfg === 'string' && cfg !== '' && !isUnknown(env) && (env === null || env === '')) {
    error(ctx, 'env_name is empty', 'env_name is required when config is set');
    return false;
  }
  const dir = config.dir;
  if (typeof dir === 'string') {
    try {
      absoluteDirUrl(dir);
    } catch (e) {
      error(ctx, dir === '' ? 'dir is empty' : 'url is invalid', messageOf(e, []), ['dir']);
      return false;
    }
  }
  const vars = config.variables;
  if (typeof vars === 'string') {
    try {
      parseVariables(vars);
    } catch (e) {
      error(ctx, 'Invalid variables', messageOf(e, []), ['variables']);
      return false;
    }
  }
  return true;
}

/** An attribute error when a known string is not one of `allowed`. */
export function validateOneOf(
  ctx: CallContext,
  config: TfObject,
  name: string,
  allowed: readonly string[],
): void {
  const v = config[name];
  if (typeof v !== 'string' || allowed.includes(v)) return;
  error(
    ctx,
    'Invalid Attribute Value Match',
    `Attribute ${name} value must be one of: ${allowed.map((a) => `"${a}"`).join(', ')}, got: "${v}"`,
    [name],
  );
}

/** Deep equality of values (Unknown equals only Unknown). */
export function sameValue(a: TfValue | undefined, b: TfValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}
