// Declarative planning end to end: inspect the target, load the desired state through the dev
// database, diff, and let the target's driver turn the changes into statements.

import type { DesiredState } from '../devdb/devdb.ts';
import type { DesiredInput } from '../devdb/files.ts';
import { loadDesiredState, normalizeRealm } from '../devdb/load.ts';
import { diffRealms } from '../diff/diff.ts';
import type { DiffPolicy } from '../diff/policy.ts';
import type { Driver } from '../drivers/driver.ts';
import { openDriver } from '../drivers/open.ts';
import { isUserError } from '../errors.ts';
import type { InputVars } from '../hcl/document.ts';
import { emptyRealm, emptySchema, type Realm } from '../schema/model.ts';
import { makePlan, type Plan } from './plan.ts';

export interface SchemaPlanInput {
  /** The database to change. */
  url: string;
  /** Desired state: `file://` SQL or HCL files or directories, database URLs, or project-file sources. */
  to: readonly DesiredInput[];
  /** Dev database for normalizing SQL; default: embedded PGlite for PostgreSQL. */
  devUrl?: string;
  schemas?: string[];
  exclude?: string[];
  policy?: DiffPolicy;
  /** Input variables of HCL desired states. */
  vars?: InputVars | undefined;
  undeclaredVars?: 'error' | 'ignore' | undefined;
}

export interface SchemaPlanResult {
  plan: Plan;
  /** The open target driver; the caller applies with it and closes it. */
  driver: Driver;
  current: Realm;
  desired: Realm;
  warnings: string[];
}

const major = (version: number) => Math.floor(version / 10000);

/**
 * The current schema as the desired one's printer would print it. A dev database of another
 * major version prints views and expressions differently (PostgreSQL 16 dropped the table prefix
 * of columns in one-table views), so the current schema is normalized on it too.
 */
async function comparable(
  current: Realm,
  desired: DesiredState,
  driver: Driver,
  devUrl: string | undefined,
): Promise<{ realm: Realm; warnings: string[] }> {
  if (
    driver.dialect !== 'postgres' ||
    !desired.viaDevDatabase ||
    major(desired.printedBy) === major(driver.serverVersion)
  )
    return { realm: current, warnings: [] };
  try {
    return {
      realm: await normalizeRealm(current, { devUrl, boundSchema: driver.boundSchema }),
      warnings: [],
    };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return {
      realm: current,
      warnings: [
        `the current schema could not be normalized on the dev database, so definitions printed differently by the two versions may show as changes: ${e.message}`,
      ],
    };
  }
}

export async function planSchema(input: SchemaPlanInput): Promise<SchemaPlanResult> {
  const driver = await openDriver(input.url);
  try {
    const scope = { schemas: input.schemas ?? [], exclude: input.exclude ?? [] };
    // The target's inspection and the desired state's loading are independent: run them together.
    const [current, desired] = await Promise.all([
      driver.inspect(scope),
      loadDesiredState({
        to: input.to,
        devUrl: input.devUrl,
        target: {
          dialect: driver.dialect,
          version: driver.serverVersion,
          boundSchema: driver.boundSchema,
          defaults: driver.schemaDefaults,
        },
        schemas: scope.schemas,
        exclude: scope.exclude,
        vars: input.vars,
        undeclaredVars: input.undeclaredVars,
      }),
    ]);
    const { realm: compared, warnings } = await comparable(current, desired, driver, input.devUrl);
    const changes = diffRealms(compared, desired.realm, { policy: input.policy, hints: desired.hints });
    const stmts = driver.planChanges(changes, { from: compared, to: desired.realm, policy: input.policy });
    const plan = makePlan(changes, stmts, current, desired.realm);
    return { plan, driver, current, desired: desired.realm, warnings: [...desired.warnings, ...warnings] };
  } catch (e) {
    await driver.close().catch(() => {});
    throw e;
  }
}

export interface DiffStatesInput {
  /** The state to start from: one database URL, or `file://` sources (or several URLs) loaded like `to`. */
  from: readonly DesiredInput[];
  to: readonly DesiredInput[];
  devUrl?: string;
  schemas?: string[];
  exclude?: string[];
  policy?: DiffPolicy;
  vars?: InputVars | undefined;
  undeclaredVars?: 'error' | 'ignore' | undefined;
}

const isDatabaseUrl = (s: DesiredInput): s is string => typeof s === 'string' && !/^file:/i.test(s);

/**
 * The plan that takes `from` to `to` (`schema diff`). A single database URL as `from` is planned
 * like an apply to it; otherwise both sides are loaded through the dev database, whose driver
 * renders the statements and whose `search_path=` binds the scope, as in Atlas.
 */
export async function diffStates(input: DiffStatesInput): Promise<{ plan: Plan; warnings: string[] }> {
  const [only, ...more] = input.from;
  if (only !== undefined && more.length === 0 && isDatabaseUrl(only)) {
    const res = await planSchema({ ...input, url: only });
    await res.driver.close();
    return { plan: res.plan, warnings: res.warnings };
  }
  const dev = await openDriver(input.devUrl ?? 'pglite://');
  try {
    const load = (sources: readonly DesiredInput[]) =>
      loadDesiredState({
        to: sources,
        devUrl: input.devUrl,
        target: { dialect: dev.dialect, version: dev.serverVersion, boundSchema: dev.boundSchema },
        schemas: input.schemas ?? [],
        exclude: input.exclude ?? [],
        vars: input.vars,
        undeclaredVars: input.undeclaredVars,
      });
    // One after the other: both may use the same dev database.
    const from = await load(input.from);
    const to = await load(input.to);
    const changes = diffRealms(from.realm, to.realm, { policy: input.policy, hints: to.hints });
    const stmts = dev.planChanges(changes, { from: from.realm, to: to.realm, policy: input.policy });
    const plan = makePlan(changes, stmts, from.realm, to.realm);
    return { plan, warnings: [...new Set([...from.warnings, ...to.warnings])] };
  } finally {
    await dev.close().catch(() => {});
  }
}

/**
 * The plan that drops every object in the URL's scope (`schema clean`): a database bound to a
 * schema keeps that schema, a whole database keeps `public`; both keep the schemas' own attributes.
 */
export async function planClean(url: string): Promise<SchemaPlanResult> {
  const driver = await openDriver(url);
  try {
    const current = await driver.inspect({});
    const keep = driver.boundSchema ?? 'public';
    const desired: Realm = {
      ...emptyRealm(current.dialect),
      // Spread over the schema, emptySchema() clears its objects and keeps its comment and options.
      schemas: current.schemas.filter((s) => s.name === keep).map((s) => ({ ...s, ...emptySchema(s.name) })),
    };
    const changes = diffRealms(current, desired);
    const stmts = driver.planChanges(changes, { from: current, to: desired });
    const plan = makePlan(changes, stmts, current, desired);
    return { plan, driver, current, desired, warnings: [] };
  } catch (e) {
    await driver.close().catch(() => {});
    throw e;
  }
}
