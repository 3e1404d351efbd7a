// `migrate diff` without the files: the statements that take the state a migration directory
// leads to (replayed on the dev database) to a desired state (loaded on the same dev
// database), planned by the dev database's driver. The dev database is locked meanwhile, under
// Atlas's lock name, so that two runs (of either tool) do not share it.
import type { DesiredInput } from '../devdb/files.ts';
import { loadDesiredState } from '../devdb/load.ts';
import { diffRealms } from '../diff/diff.ts';
import type { DiffPolicy } from '../diff/policy.ts';
import type { Driver, Stmt } from '../drivers/driver.ts';
import { openDriver } from '../drivers/open.ts';
import type { InputVars } from '../hcl/document.ts';
import type { MigrationDir } from './dir.ts';
import { dirState, withDevUrl } from './dir-state.ts';

export const DIFF_LOCK = 'atlas_migrate_diff';

export interface DirDiffInput {
  dir: MigrationDir;
  devUrl: string;
  to: readonly DesiredInput[];
  schemas?: string[];
  exclude?: string[];
  policy?: DiffPolicy | undefined;
  vars?: InputVars | undefined;
  undeclaredVars?: 'error' | 'ignore' | undefined;
  lockTimeoutMs: number;
}

export interface DirDiff {
  stmts: Stmt[];
  warnings: string[];
}

export async function diffDir(input: DirDiffInput): Promise<DirDiff> {
  // The lock is taken on the URL as given (a MySQL server, not the scratch database in it).
  const locker = await openDriver(input.devUrl);
  try {
    const release = await locker.lock(DIFF_LOCK, input.lockTimeoutMs);
    try {
      return await withDevUrl(input.devUrl, async (devUrl) => {
        const planner = devUrl === input.devUrl ? locker : await openDriver(devUrl);
        try {
          return await plan(input, devUrl, planner);
        } finally {
          if (planner !== locker) await planner.close().catch(() => {});
        }
      });
    } finally {
      await release();
    }
  } finally {
    await locker.close().catch(() => {});
  }
}

async function plan(input: DirDiffInput, devUrl: string, planner: Driver): Promise<DirDiff> {
  const scope = { schemas: input.schemas ?? [], exclude: input.exclude ?? [] };
  // One after the other: both use the dev database, which must be empty for each.
  const current = await dirState({ dir: input.dir, devUrl, ...scope });
  const desired = await loadDesiredState({
    to: input.to,
    devUrl,
    target: {
      dialect: planner.dialect,
      version: planner.serverVersion,
      boundSchema: planner.boundSchema,
      defaults: planner.schemaDefaults,
    },
    ...scope,
    vars: input.vars,
    undeclaredVars: input.undeclaredVars,
  });
  const changes = diffRealms(current.realm, desired.realm, { policy: input.policy, hints: desired.hints });
  const stmts = planner.planChanges(changes, {
    from: current.realm,
    to: desired.realm,
    policy: input.policy,
  });
  return { stmts, warnings: desired.warnings };
}
