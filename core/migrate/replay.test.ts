// Replaying migration directories on an in-memory PGlite.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { Driver } from '../drivers/driver.ts';
import { openDriver } from '../drivers/open.ts';
import { isUserError } from '../errors.ts';
import { openDir } from './dir.ts';
import { replayDir, replayFiles } from './replay.ts';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/migrate');

async function withPglite<T>(fn: (d: Driver) => Promise<T>): Promise<T> {
  const driver = await openDriver('pglite://');
  try {
    return await fn(driver);
  } finally {
    await driver.close();
  }
}

const names = async (d: Driver) => {
  const realm = await d.inspect({});
  return realm.schemas.flatMap((s) => [
    ...s.tables.map((t) => t.name),
    ...s.views.map((v) => `view ${v.name}`),
  ]);
};

describe('replayDir', () => {
  test('every file of an atlas directory, in order', async () => {
    const dir = await openDir(`file://${FIXTURES}/atlas`);
    await withPglite(async (d) => {
      assert.deepEqual(await replayDir(d, dir), [
        '20240101000000',
        '20240102000000',
        '20240103000000',
        '20240104000000',
      ]);
      assert.deepEqual((await names(d)).sort(), ['posts', 'users']);
    });
  });

  test('up to a version', async () => {
    const dir = await openDir(`file://${FIXTURES}/atlas`);
    await withPglite(async (d) => {
      assert.deepEqual(await replayDir(d, dir, { toVersion: '20240102000000' }), [
        '20240101000000',
        '20240102000000',
      ]);
      assert.deepEqual((await names(d)).sort(), ['posts', 'users', 'view user_posts']);
    });
    await assert.rejects(
      withPglite((d) => replayDir(d, dir, { toVersion: '7' })),
      (e: unknown) => isUserError(e) && /migration with version "7" not found/.test(e.message),
    );
  });

  test('goose, dbmate and flyway directories run what their tool runs', async () => {
    for (const format of ['goose', 'dbmate', 'flyway']) {
      const dir = await openDir(`file://${FIXTURES}/${format}?format=${format}`);
      await withPglite(async (d) => {
        await replayDir(d, dir);
        assert.ok((await names(d)).includes('users'), format);
      });
    }
  });

  test('a clean database starts at the last checkpoint', async () => {
    const dir = await openDir(`file://${FIXTURES}/atlas-sum/partial-checkpoint`);
    assert.deepEqual(
      replayFiles(dir).map((f) => f.name),
      ['5_checkpoint.sql', '6_sixth.sql'],
    );
    assert.deepEqual(
      replayFiles(dir, '4').map((f) => f.name),
      ['3_checkpoint.sql', '4_fourth.sql'],
    );
  });

  test('a failing statement is reported at file:line:col', async () => {
    const root = mkdtempSync(join(tmpdir(), 'migrate-replay-'));
    writeFileSync(join(root, '1_ok.sql'), 'CREATE TABLE t (c int);\n');
    writeFileSync(
      join(root, '2_bad.sql'),
      '-- fine\nCREATE TABLE u (c int);\nALTER TABLE t\n  ADD COLUMN d nosuchtype;\n',
    );
    const dir = await openDir('file://.', root);
    await assert.rejects(
      withPglite((d) => replayDir(d, dir)),
      (e: unknown) => isUserError(e) && e.message === './2_bad.sql:4:16: type "nosuchtype" does not exist',
    );
  });
});
