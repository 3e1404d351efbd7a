// Batched execution of desired-state files: fewer round trips, same results and same error
// positions as running the statements one by one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshPgDatabase } from '../../test/helpers/db.ts';
import { loadDesiredState } from './load.ts';
import { contents, input, rejectsWith, sqlFiles } from './testing.ts';

const tables = (n: number) => Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY);`);

test('an error deep in a large file names its own line, and nothing it loaded stays', async (t) => {
  const db = await freshPgDatabase(t);
  const before = await contents(db.url);
  const lines = tables(450);
  // Line 321, inside the second batch: a column of a type that does not exist.
  lines[320] = 'CREATE TABLE broken (c no_such_type);';
  const dir = await sqlFiles({ 'big.sql': lines.join('\n') });
  await rejectsWith(
    loadDesiredState(input([`file://${dir}/big.sql`], { devUrl: db.url })),
    'SQL',
    `${dir}/big.sql:321:24: type "no_such_type" does not exist`,
  );
  assert.deepStrictEqual(await contents(db.url), before);
});

test('a large file loads completely', async (t) => {
  const db = await freshPgDatabase(t);
  const dir = await sqlFiles({ 'big.sql': tables(450).join('\n') });
  const state = await loadDesiredState(input([`file://${dir}/big.sql`], { devUrl: db.url }));
  assert.equal(state.realm.schemas.find((s) => s.name === 'public')?.tables.length, 450);
});

test('statements that cannot share one transaction still load (an enum value added, then used)', async (t) => {
  const db = await freshPgDatabase(t);
  const dir = await sqlFiles({
    'enum.sql': `CREATE TYPE mood AS ENUM ('ok');
ALTER TYPE mood ADD VALUE 'great';
CREATE TABLE t (m mood DEFAULT 'great');`,
  });
  const state = await loadDesiredState(input([`file://${dir}/enum.sql`], { devUrl: db.url }));
  const col = state.realm.schemas.find((s) => s.name === 'public')?.tables[0]?.columns[0];
  assert.equal(col?.default?.value, "'great'::public.mood");
});
