// Declarative round trip: plan an empty database to schema S (a SQL file, normalized on a dev
// database), apply the plan, and require pg_dump to equal a database built from S directly, and
// a second plan to be empty.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyPlan } from '../core/plan/apply.ts';
import { planSchema } from '../core/plan/schema-plan.ts';
import { formatScript } from '../core/plan/script.ts';
import { fingerprint } from '../core/schema/fingerprint.ts';
import { freshPgDatabase, pgDump, psqlFile } from './helpers/db.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SHARED = resolve(ROOT, '../shared/fixtures/postgres');
const FIXTURES = [
  { name: 'pagila', file: join(SHARED, 'pagila-schema.sql') },
  { name: 'sakila', file: join(SHARED, 'sakila-schema.sql') },
  { name: 'every object kind', file: join(ROOT, 'test/fixtures/postgres/all-kinds.sql') },
];

const comparableDump = (dump: string) =>
  dump
    .split('\n')
    .filter(
      (l) => l.trim() !== '' && !/^(--|SET |SELECT pg_catalog\.set_config|\\restrict|\\unrestrict)/.test(l),
    )
    .join('\n');

for (const { name, file } of FIXTURES) {
  test(`apply round trip: empty -> ${name} -> nothing left to do`, async (t) => {
    const [target, direct, dev] = await Promise.all([
      freshPgDatabase(t),
      freshPgDatabase(t),
      freshPgDatabase(t),
    ]);
    await psqlFile(direct.url, file);

    const first = await planSchema({ url: target.url, to: [`file://${file}`], devUrl: dev.url });
    try {
      assert.ok(first.plan.stmts.length > 0);
      await applyPlan(first.driver, first.plan, {
        txMode: 'file',
        lockTimeoutMs: 10_000,
        currentFingerprint: async () => fingerprint(await first.driver.inspect()),
      });
    } finally {
      await first.driver.close();
    }

    assert.equal(comparableDump(await pgDump(target.url)), comparableDump(await pgDump(direct.url)));
    const second = await planSchema({ url: target.url, to: [`file://${file}`], devUrl: dev.url });
    await second.driver.close();
    assert.equal(formatScript(second.plan.stmts), '', 'the second plan must be empty');
  });
}
