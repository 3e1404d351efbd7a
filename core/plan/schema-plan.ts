// Declarative planning end to end: inspect the target, load the desired state through the dev
// database, diff, and let the target's driver turn the changes into statements.

import { loadDesiredState } from '../devdb/load.ts';
import { diffRealms } from '../diff/diff.ts';
import type { DiffPolicy } from '../diff/policy.ts';
import type { Driver } from '../drivers/driver.ts';
import { openDriver } from '../drivers/open.ts';
import { fingerprint } from '../schema/fingerprint.ts';
import type { Realm } from '../schema/model.ts';
import type { Plan } from './plan.ts';

export interface SchemaPlanInput {
  /** The database to change. */
  url: string;
  /** Desired state: `file://` SQL files or directories, or database URLs. */
  to: string[];
  /** Dev database for normalizing SQL; default: embedded PGlite for PostgreSQL. */
  devUrl?: string;
  schemas?: string[];
  exclude?: string[];
  policy?: DiffPolicy;
}

export interface SchemaPlanResult {
  plan: Plan;
  /** The open target driver; the caller applies with it and closes it. */
  driver: Driver;
  current: Realm;
  desired: Realm;
  warnings: string[];
}

export async function planSchema(input: SchemaPlanInput): Promise<SchemaPlanResult> {
  const driver = await openDriver(input.url);
  try {
    const scope = { schemas: input.schemas ?? [], exclude: input.exclude ?? [] };
    const current = await driver.inspect(scope);
    const desired = await loadDesiredState({
      to: input.to,
      devUrl: input.devUrl,
      target: { dialect: driver.dialect, version: driver.serverVersion, boundSchema: driver.boundSchema },
      schemas: scope.schemas,
      exclude: scope.exclude,
    });
    const changes = diffRealms(current, desired.realm, { policy: input.policy, hints: desired.hints });
    const stmts = driver.planChanges(changes, { from: current, to: desired.realm, policy: input.policy });
    const plan: Plan = {
      changes,
      stmts,
      fromFingerprint: fingerprint(current),
      toFingerprint: fingerprint(desired.realm),
    };
    return { plan, driver, current, desired: desired.realm, warnings: desired.warnings };
  } catch (e) {
    await driver.close().catch(() => {});
    throw e;
  }
}
