// The acceptance round trip: load a schema into database A, render A's inspected schema as SQL
// with the CLI, execute that SQL on an empty database B with psql, then require that B is the
// same schema as A three ways: pg_dump text, the inspected model, and the fingerprint.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PostgresDriver } from '../core/drivers/postgres/driver.ts';
import { fingerprint } from '../core/schema/fingerprint.ts';
import type { Realm } from '../core/schema/model.ts';
import { freshPgDatabase, pgDump, psqlExec, psqlFile } from './helpers/db.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
// The team's shared sample schemas sit beside the repository checkout (as in CI).
const SHARED = resolve(ROOT, '../shared/fixtures/postgres');

const FIXTURES = [
  { name: 'pagila', file: join(SHARED, 'pagila-schema.sql') },
  { name: 'sakila', file: join(SHARED, 'sakila-schema.sql') },
  { name: 'every object kind', file: join(ROOT, 'test/fixtures/postgres/all-kinds.sql') },
];

/** pg_dump output without what differs between two dumps of the same schema. */
function comparableDump(dump: string): string {
  return dump
    .split('\n')
    .filter(
      (l) => l.trim() !== '' && !/^(--|SET |SELECT pg_catalog\.set_config|\\restrict|\\unrestrict)/.test(l),
    )
    .join('\n');
}

async function inspect(url: string): Promise<Realm> {
  const d = await PostgresDriver.open(url);
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

for (const { name, file } of FIXTURES) {
  test(`round trip: ${name}`, async (t) => {
    assert.ok(existsSync(file), `missing fixture ${file}: the shared/ folder must sit beside the repository`);
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build (npm ci does it)');
    const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlFile(a.url, file);

    const sql = await cli('schema', 'inspect', '--url', a.url, '--format', 'sql');
    await psqlExec(b.url, sql);

    assert.equal(comparableDump(await pgDump(b.url)), comparableDump(await pgDump(a.url)));
    const [realmA, realmB] = await Promise.all([inspect(a.url), inspect(b.url)]);
    assert.deepEqual(realmB, realmA);
    assert.equal(fingerprint(realmB), fingerprint(realmA));
    // The JSON model is what the CLI prints, key for key.
    assert.deepEqual(JSON.parse(await cli('schema', 'inspect', '--url', a.url, '--format', 'json')), realmA);
  });
}

test('round trip: inspecting the rendered schema renders the same SQL', async (t) => {
  const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
  await psqlFile(a.url, FIXTURES[2]!.file);
  const first = await cli('schema', 'inspect', '--url', a.url);
  await psqlExec(b.url, first);
  assert.equal(await cli('schema', 'inspect', '--url', b.url), first);
});

test('round trip: a schema-bound URL renders unqualified SQL that loads into another schema', async (t) => {
  const [a, b] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t)]);
  await psqlExec(
    a.url,
    `CREATE SCHEMA app;
     CREATE TYPE app.mood AS ENUM ('ok', 'meh');
     CREATE TABLE app.person (id int PRIMARY KEY, mood app.mood DEFAULT 'ok');
     CREATE VIEW app.happy AS SELECT id FROM app.person WHERE mood = 'ok';`,
  );
  const sql = await cli('schema', 'inspect', '--url', `${a.url}?search_path=app`);
  assert.doesNotMatch(sql, /"app"\.|app\./, 'bound output must not name the schema');
  await psqlExec(b.url, `CREATE SCHEMA other; SET search_path = other;\n${sql}`);
  assert.equal(await cli('schema', 'inspect', '--url', `${b.url}?search_path=other`), sql);
});
