// The transition suite, one per dialect: for every test/transitions/<dialect>/NN-name/ directory,
// load from.sql (+ data.sql) into database A, plan A -> to.sql through a dev database of its own,
// apply the plan as `schema apply` does, and require that A is now the schema to.sql describes:
// the dump of A equals the dump of a fresh database B loaded from to.sql (or catalog.sql says what
// A looks like when a skip policy leaves it different), re-planning finds nothing to do, and data
// survived (check.sql). See transitions.ts for the files a directory may hold.
import assert from 'node:assert/strict';
import { describe, it, type TestContext, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { DiffPolicy } from '../../core/diff/policy.ts';
import type { Stmt } from '../../core/drivers/driver.ts';
import { applyPlan, type TxMode } from '../../core/plan/apply.ts';
import { planSchema } from '../../core/plan/schema-plan.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import type { FreshDatabase } from './db.ts';
import { loadTransitions, planText, type Transition } from './transitions.ts';

export interface TransitionKit {
  /** `postgres`, `mysql`: names the suite. */
  name: string;
  dir: string;
  minTransitions: number;
  /** A fresh database, or null when the dialect's server is not available (the test is skipped). */
  fresh(t: TestContext): Promise<FreshDatabase | null>;
  /** Loads a file with the database's own client. */
  load(url: string, file: string): Promise<unknown>;
  /** The database's schema dump, without what differs between two dumps of the same schema. */
  dump(url: string): Promise<string>;
  /** What the database's client prints for a query, as check.out and expected.out hold it. */
  query(url: string, sql: string): Promise<string>;
  dumpTool: string;
  /** How `schema apply` runs the plan on this database. */
  txMode: TxMode;
}

const show = (stmts: readonly Stmt[]) => (stmts.length ? planText(stmts) : '(no statements)\n');

/** Rethrows with which step failed and what was planned, so a failure reads on its own. */
async function step<T>(what: string, planned: readonly Stmt[] | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const err = new Error(`${what}: ${msg}${planned ? `\n--- planned SQL ---\n${show(planned)}` : ''}`);
    err.cause = e;
    throw err;
  }
}

export function transitionSuite(kit: TransitionKit): void {
  const transitions = loadTransitions(kit.dir);
  // Each transition uses databases of its own and creates server-wide objects idempotently (PG
  // roles), so transitions can run side by side.
  const concurrency = Number(process.env.ATLAS_TS_TRANSITIONS_CONCURRENCY) || 4;

  test(`${kit.name} transitions: layout`, () => {
    assert.ok(
      transitions.length >= kit.minTransitions,
      `expected at least ${kit.minTransitions} transitions, found ${transitions.length}`,
    );
    const numbers = transitions.map((t) => t.name.split('-', 1)[0]);
    assert.equal(new Set(numbers).size, numbers.length, 'transition numbers must be unique');
  });

  /** A database once the first one showed the server is there. */
  const fresh = async (t: TestContext) => {
    const db = await kit.fresh(t);
    if (!db) throw new Error(`${kit.name}: the database server went away`);
    return db;
  };

  /** Plans `url` -> to.sql with a dev database of its own; the caller closes the returned driver. */
  const plan = async (t: TestContext, url: string, tr: Transition, policy?: DiffPolicy) => {
    const dev = await fresh(t);
    return planSchema({
      url,
      to: [pathToFileURL(tr.path('to.sql')).href],
      devUrl: dev.url,
      ...(policy ? { policy } : {}),
    });
  };

  describe(`${kit.name} transitions`, { concurrency }, () => {
    for (const tr of transitions) {
      it(tr.name, { timeout: 180_000 }, async (t) => {
        const skips = (tr.policy?.skip?.length ?? 0) > 0;
        const a = await kit.fresh(t);
        if (!a) return; // the server is not available: kit.fresh skipped the test
        const b = await fresh(t);
        await step('loading from.sql into A', undefined, () => kit.load(a.url, tr.path('from.sql')));
        if (tr.has('data.sql'))
          await step('loading data.sql into A', undefined, () => kit.load(a.url, tr.path('data.sql')));
        await step('loading to.sql into B', undefined, () => kit.load(b.url, tr.path('to.sql')));
        const wanted = await kit.dump(b.url);
        assert.notEqual(await kit.dump(a.url), wanted, 'from.sql and to.sql describe the same schema');

        const first = await step('planning', undefined, () => plan(t, a.url, tr, tr.policy));
        const stmts = first.plan.stmts;
        try {
          assert.ok(stmts.length > 0, 'the plan is empty although from.sql and to.sql differ');
          if (tr.has('expected.sql')) {
            assert.equal(planText(stmts), tr.read('expected.sql'), 'planned SQL differs from expected.sql');
          }
          // The production path: schema lock, fingerprint guard, then the statements as the
          // dialect runs them (PostgreSQL: one transaction, CONCURRENTLY ones after it).
          await step('applying the plan', stmts, () =>
            applyPlan(first.driver, first.plan, {
              txMode: kit.txMode,
              lockTimeoutMs: 10_000,
              currentFingerprint: async () => fingerprint(await first.driver.inspect()),
            }),
          );
        } finally {
          await first.driver.close();
        }

        if (skips) {
          // Skipped changes leave A unlike to.sql on purpose: catalog.sql says what it looks like.
          const out = await step('running catalog.sql', stmts, () =>
            kit.query(a.url, tr.read('catalog.sql')),
          );
          assert.equal(
            out,
            tr.read('expected.out'),
            `catalog.sql output differs after apply\n--- planned SQL ---\n${show(stmts)}`,
          );
        } else {
          assert.equal(
            await kit.dump(a.url),
            wanted,
            `after apply, ${kit.dumpTool} of A differs from to.sql's\n--- planned SQL ---\n${show(stmts)}`,
          );
          if (tr.has('catalog.sql')) {
            const out = await step('running catalog.sql', stmts, () =>
              kit.query(a.url, tr.read('catalog.sql')),
            );
            assert.equal(out, tr.read('expected.out'), 'catalog.sql output differs after apply');
          }
        }

        const second = await step('re-planning', stmts, () => plan(t, a.url, tr, tr.policy));
        await second.driver.close();
        assert.deepEqual(
          second.plan.stmts.map((s) => s.sql),
          [],
          `re-planning after apply is not empty:\n${show(second.plan.stmts)}--- first plan ---\n${show(stmts)}`,
        );

        if (tr.has('check.sql')) {
          const out = await step('running check.sql', stmts, () => kit.query(a.url, tr.read('check.sql')));
          assert.equal(
            out,
            tr.read('check.out'),
            `check.sql output differs: data did not survive as expected\n--- planned SQL ---\n${show(stmts)}`,
          );
        }
      });
    }
  });
}
