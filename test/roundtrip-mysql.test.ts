// The MySQL acceptance round trip (issue #4): load a schema into database A with the mariadb
// client, render A's inspected schema as SQL with the CLI, load that SQL into an empty database B
// with the mariadb client, then require that B is A's schema: mariadb-dump text, fingerprint, and
// an empty plan from B to A (by URL, and by the rendered SQL through a dev database).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { renameSchema } from '../core/devdb/scope.ts';
import { MysqlDriver } from '../core/drivers/mysql/driver.ts';
import { withDatabase } from '../core/drivers/mysql/url.ts';
import { planSchema } from '../core/plan/schema-plan.ts';
import { fingerprint } from '../core/schema/fingerprint.ts';
import type { Realm } from '../core/schema/model.ts';
import { CLI, ROOT } from './helpers/cli.ts';
import { freshMysqlDatabase, mariadbExec } from './helpers/db.ts';
import { comparableMysqlDump, mariadbDump } from './helpers/mysql-dump.ts';

const FIXTURES = [
  // The team's shared sample schema sits beside the repository checkout (as in CI).
  { name: 'sakila', file: resolve(ROOT, '../shared/fixtures/mysql/sakila-schema.sql') },
  { name: 'every object kind', file: join(ROOT, 'test/fixtures/mysql/all-kinds.sql') },
];

async function inspect(url: string): Promise<Realm> {
  const d = await MysqlDriver.open(url);
  try {
    return await d.inspect();
  } finally {
    await d.close();
  }
}

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20 });
  return stdout;
}

/** Sakila creates and selects its own database: loaded into a test database, it must not. */
const intoCurrentDatabase = (sql: string) =>
  sql
    .replace(/^(DROP SCHEMA IF EXISTS|CREATE SCHEMA|USE) sakila;$/gm, '-- (removed for the test) $&')
    .replace(/\bsakila\./g, '');

for (const { name, file } of FIXTURES) {
  test(`mysql round trip: ${name}`, { timeout: 120_000 }, async (t) => {
    assert.ok(existsSync(file), `missing fixture ${file}: the shared/ folder must sit beside the repository`);
    const [a, b] = await Promise.all([freshMysqlDatabase(t), freshMysqlDatabase(t)]);
    if (!a || !b) return;
    await mariadbExec(a.url, intoCurrentDatabase(readFileSync(file, 'utf8')));

    const sql = await cli('schema', 'inspect', '--url', a.url, '--format', 'sql');
    await mariadbExec(b.url, sql);

    assert.equal(
      comparableMysqlDump(await mariadbDump(b.url)),
      comparableMysqlDump(await mariadbDump(a.url)),
    );
    const [ra, rb] = await Promise.all([inspect(a.url), inspect(b.url)]);
    const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
    assert.deepEqual(renameSchema(rb, nameOf(b.url), nameOf(a.url)), ra);
    assert.equal(fingerprint(renameSchema(rb, nameOf(b.url), nameOf(a.url))), fingerprint(ra));
    // Inspecting B renders the same SQL again.
    assert.equal(await cli('schema', 'inspect', '--url', b.url, '--format', 'sql'), sql);

    // Planning B -> A finds nothing to do: from A's URL, and from the rendered SQL.
    const byUrl = await planSchema({ url: b.url, to: [a.url] });
    await byUrl.driver.close();
    assert.deepEqual(byUrl.plan.stmts, []);
    const file2 = join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), `${nameOf(a.url)}.sql`);
    writeFileSync(file2, sql);
    const bySql = await planSchema({
      url: b.url,
      to: [pathToFileURL(file2).href],
      devUrl: withDatabase(a.url, undefined),
    });
    await bySql.driver.close();
    assert.deepEqual(
      bySql.plan.stmts.map((s) => s.sql),
      [],
    );
  });
}
