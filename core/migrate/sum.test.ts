import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { isUserError } from '../errors.ts';
import { openDir } from './dir.ts';
import { computeSum, fileHashes, formatSum, parseSum, readSum, validateDir, writeSum } from './sum.ts';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/migrate');

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-sum-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function checksumError(root: string): Promise<string> {
  try {
    await validateDir(await openDir('file://.', root));
  } catch (e) {
    assert.ok(isUserError(e) && e.code === 'CHECKSUM', `expected a CHECKSUM error, got ${e}`);
    return e.message;
  }
  assert.fail('expected a checksum error');
}

const VECTOR = `h1:M74RrNK69S2pj6C541LR1ew5O32/i0WoyNgsJmyuiUk=
1_initial.down.sql h1:0zypK43rgPbgvVUgVJABGN25VgM1QSeU+LJDBb8cEQI=
1_initial.up.sql h1:hFhs5XhRml4KTWGF5td6h1s7xNqAFnaEBbC5Y/NF7i4=
`;

const atlasMessage = (line: number, file: string, reason: string) =>
  `You have a checksum error in your migration directory.\n\n\tL${line}: ${file} was ${reason}\n\nPlease check your migration files and run 'atlas-ts migrate hash' to re-hash the contents\n\n`;

describe('atlas.sum', () => {
  test('the test vector', async () => {
    const root = tempDir({
      '1_initial.down.sql': 'DROP TABLE IF EXISTS t;',
      '1_initial.up.sql': 'CREATE TABLE t(c int);',
    });
    const dir = await openDir('file://.', root);
    assert.equal(formatSum(computeSum(dir)), VECTOR);
    assert.deepEqual(fileHashes(dir).get('1_initial.up.sql'), 'hFhs5XhRml4KTWGF5td6h1s7xNqAFnaEBbC5Y/NF7i4=');
    await writeSum(dir);
    assert.equal(readFileSync(join(root, 'atlas.sum'), 'utf8'), VECTOR);
    assert.deepEqual(await readSum(dir), parseSum(VECTOR, 'x'));
    await validateDir(dir);
  });

  for (const name of ['migrate', 'sub', 'partial-checkpoint']) {
    test(`Atlas's own ${name}/atlas.sum is reproduced byte for byte`, async () => {
      const dir = await openDir(`file://${FIXTURES}/atlas-sum/${name}`);
      assert.equal(formatSum(computeSum(dir)), readFileSync(join(dir.abs, 'atlas.sum'), 'utf8'));
      await validateDir(dir);
    });
  }

  test('atlas:sum ignore hashes the name only and leaves no entry', async () => {
    const root = tempDir({
      '1_a.sql': 'SELECT 1;',
      '2_b.sql': '-- atlas:sum ignore\nSELECT 2;',
      '3_c.sql': 'SELECT 3;',
    });
    const dir = await openDir('file://.', root);
    const sum = computeSum(dir);
    assert.deepEqual(
      sum.entries.map((e) => e.name),
      ['1_a.sql', '3_c.sql'],
    );
    // The ignored file's content does not matter, its name does.
    writeFileSync(join(root, '2_b.sql'), '-- atlas:sum ignore\nSELECT 22;');
    assert.deepEqual(computeSum(await openDir('file://.', root)), sum);
    rmSync(join(root, '2_b.sql'));
    assert.notDeepEqual(computeSum(await openDir('file://.', root)).entries[1], sum.entries[1]);
  });

  test('raw bytes are hashed: a byte order mark and CRLF count', async () => {
    const plain = computeSum(await openDir('file://.', tempDir({ '1_a.sql': 'SELECT 1;\n' })));
    const bom = computeSum(await openDir('file://.', tempDir({ '1_a.sql': '\uFEFFSELECT 1;\n' })));
    const crlf = computeSum(await openDir('file://.', tempDir({ '1_a.sql': 'SELECT 1;\r\n' })));
    assert.notEqual(plain.total, bom.total);
    assert.notEqual(plain.total, crlf.total);
  });

  test('parsing: CRLF lines are read, a line without h1: or a wrong total is refused', () => {
    assert.deepEqual(parseSum(VECTOR.replace(/\n/g, '\r\n'), 'a'), parseSum(VECTOR, 'a'));
    assert.throws(
      () => parseSum(`${VECTOR}garbage\n`, 'migrations/atlas.sum'),
      (e: unknown) =>
        isUserError(e) &&
        e.code === 'CHECKSUM' &&
        e.message ===
          `migrations/atlas.sum: checksum file format invalid: line 4 has no "h1:" hash ("garbage"); run 'atlas-ts migrate hash' to re-create it`,
    );
    assert.throws(
      () => parseSum(VECTOR.replace('h1:M74', 'h1:N74'), 'migrations/atlas.sum'),
      (e: unknown) =>
        isUserError(e) &&
        e.code === 'CHECKSUM' &&
        /^migrations\/atlas\.sum: checksum mismatch: its first line/.test(e.message),
    );
  });
});

describe('validateDir', () => {
  const base = { '1_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 2;', '3_c.sql': 'SELECT 3;' };
  async function hashed(files: Record<string, string> = base): Promise<string> {
    const root = tempDir(files);
    await writeSum(await openDir('file://.', root));
    return root;
  }

  test('no atlas.sum: fine without files, an error with them', async () => {
    await validateDir(await openDir('file://.', tempDir({})));
    assert.equal(
      await checksumError(tempDir({ '1_a.sql': 'SELECT 1;' })),
      "checksum file not found: run 'atlas-ts migrate hash' to create atlas.sum",
    );
  });

  test('edited: the newest file may be re-hashed if not applied', async () => {
    const root = await hashed();
    writeFileSync(join(root, '3_c.sql'), 'SELECT 33;');
    const msg = await checksumError(root);
    assert.ok(msg.startsWith(atlasMessage(4, '3_c.sql', 'edited')), msg);
    assert.match(
      msg,
      /3_c\.sql is the newest file: if it has not been applied to any database yet, re-hashing is safe/,
    );
  });

  test('edited: an older file is likely applied somewhere', async () => {
    const root = await hashed();
    writeFileSync(join(root, '1_a.sql'), 'SELECT 11;');
    const msg = await checksumError(root);
    assert.ok(msg.startsWith(atlasMessage(2, '1_a.sql', 'edited')), msg);
    assert.match(
      msg,
      /1_a\.sql is followed by 2 newer files \(2_b\.sql, \.\.\.\), so it was likely applied somewhere already/,
    );
  });

  test('added at the end, and added before existing files', async () => {
    const root = await hashed();
    writeFileSync(join(root, '4_d.sql'), 'SELECT 4;');
    let msg = await checksumError(root);
    assert.ok(msg.startsWith(atlasMessage(5, '4_d.sql', 'added')), msg);
    assert.match(msg, /4_d\.sql is new: re-hash to add it to atlas\.sum\.$/);
    rmSync(join(root, '4_d.sql'));
    writeFileSync(join(root, '1_aa.sql'), 'SELECT 11;');
    msg = await checksumError(root);
    assert.ok(msg.startsWith(atlasMessage(3, '1_aa.sql', 'added')), msg);
    assert.match(msg, /1_aa\.sql sorts before 2 files already in atlas\.sum/);
  });

  test('removed', async () => {
    const root = await hashed();
    rmSync(join(root, '2_b.sql'));
    const msg = await checksumError(root);
    assert.ok(msg.startsWith(atlasMessage(3, '2_b.sql', 'removed')), msg);
    assert.match(msg, /2_b\.sql is listed in atlas\.sum but no longer in the directory/);
  });

  test('a malformed atlas.sum', async () => {
    const root = await hashed();
    writeFileSync(join(root, 'atlas.sum'), `${readFileSync(join(root, 'atlas.sum'), 'utf8')}\n`);
    assert.match(
      await checksumError(root),
      /^\.\/atlas\.sum: checksum file format invalid: line 5 has no "h1:" hash/,
    );
  });

  test('the fixture directories of every format validate after hashing', async () => {
    for (const format of ['atlas', 'golang-migrate', 'goose', 'flyway', 'liquibase', 'dbmate']) {
      const root = mkdtempSync(join(tmpdir(), 'migrate-sum-'));
      cpSync(join(FIXTURES, format), root, { recursive: true });
      const dir = await openDir(`file://.?format=${format}`, root);
      await writeSum(dir);
      await validateDir(dir);
      assert.deepEqual(
        computeSum(dir).entries.map((e) => e.name),
        dir.files.map((f) => f.name),
      );
    }
  });
});
