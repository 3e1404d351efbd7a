// The HCL acceptance round trip (issue #5): load a schema into database A, print it as Atlas HCL
// with the CLI, apply that HCL to an empty database B through a dev database, then require that
// B is A's schema (pg_dump / mariadb-dump text) and that planning the HCL again finds nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { withDatabase } from '../core/drivers/mysql/url.ts';
import { CLI, ROOT } from './helpers/cli.ts';
import { freshMysqlDatabase, freshPgDatabase, mariadbExec, pgDump, psqlFile } from './helpers/db.ts';
import { comparableMysqlDump, mariadbDump } from './helpers/mysql-dump.ts';

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20 });
  return stdout;
}

const lines = (s: string) => s.split('\n');

const tmpFile = (name: string, text: string) => {
  const path = join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), name);
  writeFileSync(path, text);
  return pathToFileURL(path).href;
};

/** pg_dump output without what differs between two dumps of the same schema. */
const comparablePgDump = (dump: string) =>
  dump
    .split('\n')
    .filter(
      (l) => l.trim() !== '' && !/^(--|SET |SELECT pg_catalog\.set_config|\\restrict|\\unrestrict)/.test(l),
    )
    .join('\n');

const PG_FIXTURES = [
  { name: 'pagila', file: resolve(ROOT, '../shared/fixtures/postgres/pagila-schema.sql') },
  { name: 'sakila', file: resolve(ROOT, '../shared/fixtures/postgres/sakila-schema.sql') },
  { name: 'every object kind', file: join(ROOT, 'test/fixtures/postgres/all-kinds.sql') },
];

for (const { name, file } of PG_FIXTURES) {
  test(`hcl round trip (postgres): ${name}`, { timeout: 180_000 }, async (t) => {
    assert.ok(existsSync(file), `missing fixture ${file}: the shared/ folder must sit beside the repository`);
    const [a, b, dev] = await Promise.all([freshPgDatabase(t), freshPgDatabase(t), freshPgDatabase(t)]);
    await psqlFile(a.url, file);
    const hcl = await cli('schema', 'inspect', '--url', a.url, '--format', 'hcl');
    const to = tmpFile(`${a.name}.hcl`, hcl);

    await cli('schema', 'apply', '--url', b.url, '--to', to, '--dev-url', dev.url, '--auto-approve');
    // Line arrays: a failure shows the lines that differ, not two whole dumps.
    assert.deepEqual(
      lines(comparablePgDump(await pgDump(b.url))),
      lines(comparablePgDump(await pgDump(a.url))),
    );
    const again = await cli('schema', 'apply', '--url', b.url, '--to', to, '--dev-url', dev.url, '--dry-run');
    assert.match(again, /Schema is synced, no changes to be made/);
    // Printing B gives the same document: the output is deterministic.
    assert.deepEqual(lines(await cli('schema', 'inspect', '--url', b.url, '--format', 'hcl')), lines(hcl));
  });
}

const MYSQL_FIXTURES = [
  { name: 'sakila', file: resolve(ROOT, '../shared/fixtures/mysql/sakila-schema.sql') },
  { name: 'every object kind', file: join(ROOT, 'test/fixtures/mysql/all-kinds.sql') },
];

/**
 * HCL keeps a routine's parameters (names, modes, types as written) but not how the list was
 * laid out over lines, which MariaDB prints back verbatim: compare the lists on one line.
 */
function oneLineParams(dump: string): string {
  const out: string[] = [];
  let at = 0;
  const re = /CREATE (?:PROCEDURE|FUNCTION) `[^`]+`\(/g;
  for (let m = re.exec(dump); m; m = re.exec(dump)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < dump.length && depth > 0; i++) depth += dump[i] === '(' ? 1 : dump[i] === ')' ? -1 : 0;
    const params = dump
      .slice(m.index + m[0].length, i - 1)
      .replace(/\s+/g, ' ')
      .replace(/ ?, ?/g, ', ')
      .trim();
    out.push(dump.slice(at, m.index + m[0].length), params, ')');
    at = i;
    re.lastIndex = i;
  }
  out.push(dump.slice(at));
  return out.join('');
}

/** Sakila creates and selects its own database: loaded into a test database, it must not. */
const intoCurrentDatabase = (sql: string) =>
  sql
    .replace(/^(DROP SCHEMA IF EXISTS|CREATE SCHEMA|USE) sakila;$/gm, '-- (removed for the test) $&')
    .replace(/\bsakila\./g, '');

for (const { name, file } of MYSQL_FIXTURES) {
  test(`hcl round trip (mariadb): ${name}`, { timeout: 180_000 }, async (t) => {
    assert.ok(existsSync(file), `missing fixture ${file}: the shared/ folder must sit beside the repository`);
    const [a, b] = await Promise.all([freshMysqlDatabase(t), freshMysqlDatabase(t)]);
    if (!a || !b) return;
    await mariadbExec(a.url, intoCurrentDatabase(readFileSync(file, 'utf8')));
    const hcl = await cli('schema', 'inspect', '--url', a.url, '--format', 'hcl');
    const to = tmpFile(`${a.name}.hcl`, hcl);
    const devUrl = withDatabase(a.url, undefined);

    await cli('schema', 'apply', '--url', b.url, '--to', to, '--dev-url', devUrl, '--auto-approve');
    const dump = async (url: string) => lines(oneLineParams(comparableMysqlDump(await mariadbDump(url))));
    assert.deepEqual(await dump(b.url), await dump(a.url));
    const again = await cli('schema', 'apply', '--url', b.url, '--to', to, '--dev-url', devUrl, '--dry-run');
    assert.match(again, /Schema is synced, no changes to be made/);
    // B's document differs from A's only in the schema's name.
    const renamed = (await cli('schema', 'inspect', '--url', b.url, '--format', 'hcl')).replaceAll(
      b.name,
      a.name,
    );
    assert.deepEqual(lines(renamed), lines(hcl));
  });
}
