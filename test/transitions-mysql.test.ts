// The MySQL/MariaDB transition suite (issue #4): for every test/transitions/mysql/NN-name/
// directory, load from.sql (+ data.sql) into database A, plan A -> to.sql through a dev database,
// apply the plan statement by statement (MySQL DDL is not transactional), and require that A is now
// the schema to.sql describes: mariadb-dump of A equals mariadb-dump of a fresh database B loaded
// from to.sql, re-planning finds nothing to do, and data survived (check.sql, whose expected output
// check.out is what `mariadb --batch --skip-column-names` prints). Same layout as the PostgreSQL
// suite: see test/helpers/transitions.ts for the files a directory may hold.
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { describe, it, type TestContext, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DiffPolicy } from '../core/diff/policy.ts';
import type { Stmt } from '../core/drivers/driver.ts';
import { applyPlan } from '../core/plan/apply.ts';
import { planSchema } from '../core/plan/schema-plan.ts';
import { fingerprint } from '../core/schema/fingerprint.ts';
import { type FreshDatabase, freshMysqlDatabase, mariadbFile } from './helpers/db.ts';
import { comparableMysqlDump, mariadbDump, mariadbQuery } from './helpers/mysql-dump.ts';
import { loadTransitions, planText, type Transition } from './helpers/transitions.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MYSQL_DIR = join(ROOT, 'test/transitions/mysql');
const MIN_TRANSITIONS = 30;
// Each transition uses four databases of its own (A, B and a dev database per plan) and creates
// no server-wide objects, so transitions can run side by side.
const CONCURRENCY = Number(process.env.ATLAS_TS_TRANSITIONS_CONCURRENCY) || 4;

const transitions = loadTransitions(MYSQL_DIR);

test('mysql transitions: layout', () => {
  assert.ok(
    transitions.length >= MIN_TRANSITIONS,
    `expected at least ${MIN_TRANSITIONS} transitions, found ${transitions.length}`,
  );
  const numbers = transitions.map((t) => t.name.split('-', 1)[0]);
  assert.equal(new Set(numbers).size, numbers.length, 'transition numbers must be unique');
});

/** A fresh MariaDB database; MYSQL_URL is known to be set once the test got past its first one. */
async function fresh(t: TestContext): Promise<FreshDatabase> {
  const db = await freshMysqlDatabase(t);
  if (!db) throw new Error('MYSQL_URL not set');
  return db;
}

/** Plans `url` -> to.sql with a dev database of its own; the caller closes the returned driver. */
async function plan(t: TestContext, url: string, tr: Transition, policy?: DiffPolicy) {
  const dev = await fresh(t);
  return planSchema({
    url,
    to: [pathToFileURL(tr.path('to.sql')).href],
    devUrl: dev.url,
    ...(policy ? { policy } : {}),
  });
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

const dump = async (url: string) => comparableMysqlDump(await mariadbDump(url));

describe('mysql transitions', { concurrency: CONCURRENCY }, () => {
  for (const tr of transitions) {
    it(tr.name, { timeout: 180_000 }, async (t) => {
      const skips = (tr.policy?.skip?.length ?? 0) > 0;
      const a = await freshMysqlDatabase(t);
      if (!a) return; // no MariaDB: freshMysqlDatabase skipped the test
      const b = await fresh(t);
      await step('loading from.sql into A', undefined, () => mariadbFile(a.url, tr.path('from.sql')));
      if (tr.has('data.sql'))
        await step('loading data.sql into A', undefined, () => mariadbFile(a.url, tr.path('data.sql')));
      await step('loading to.sql into B', undefined, () => mariadbFile(b.url, tr.path('to.sql')));
      const wanted = await dump(b.url);
      assert.notEqual(await dump(a.url), wanted, 'from.sql and to.sql describe the same schema');

      const first = await step('planning', undefined, () => plan(t, a.url, tr, tr.policy));
      const stmts = first.plan.stmts;
      try {
        assert.ok(stmts.length > 0, 'the plan is empty although from.sql and to.sql differ');
        if (tr.has('expected.sql')) {
          assert.equal(planText(stmts), tr.read('expected.sql'), 'planned SQL differs from expected.sql');
        }
        // The production path: apply lock, fingerprint guard, then the statements one by one
        // (MySQL commits every DDL statement implicitly, so there is no transaction to use).
        await step('applying the plan', stmts, () =>
          applyPlan(first.driver, first.plan, {
            txMode: 'none',
            lockTimeoutMs: 10_000,
            currentFingerprint: async () => fingerprint(await first.driver.inspect({})),
          }),
        );
      } finally {
        await first.driver.close();
      }

      if (skips) {
        // Skipped changes leave A unlike to.sql on purpose: catalog.sql says what it looks like.
        const out = await step('running catalog.sql', stmts, () =>
          mariadbQuery(a.url, tr.read('catalog.sql')),
        );
        assert.equal(
          out,
          tr.read('expected.out'),
          `catalog.sql output differs after apply\n--- planned SQL ---\n${show(stmts)}`,
        );
      } else {
        assert.equal(
          await dump(a.url),
          wanted,
          `after apply, mariadb-dump of A differs from to.sql's\n--- planned SQL ---\n${show(stmts)}`,
        );
        if (tr.has('catalog.sql')) {
          const out = await step('running catalog.sql', stmts, () =>
            mariadbQuery(a.url, tr.read('catalog.sql')),
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
        const out = await step('running check.sql', stmts, () => mariadbQuery(a.url, tr.read('check.sql')));
        assert.equal(
          out,
          tr.read('check.out'),
          `check.sql output differs: data did not survive as expected\n--- planned SQL ---\n${show(stmts)}`,
        );
      }
    });
  }
});
