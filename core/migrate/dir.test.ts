import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { isUserError } from '../errors.ts';
import {
  atlasStmtText,
  type DirFormat,
  fileStatements,
  type MigrationDir,
  type MigrationFile,
  newVersion,
  openDir,
  parseDirUrl,
} from './dir.ts';
import { compareFlywayVersions } from './formats.ts';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/migrate');

const open = (format: DirFormat) => openDir(`file://${FIXTURES}/${format}?format=${format}`);

/** name, version, description of each file. */
const listing = (dir: MigrationDir) => dir.files.map((f) => [f.name, f.version, f.description]);

function stmts(dir: MigrationDir, name: string, dialect: 'postgres' | 'mysql' = 'postgres') {
  const file = dir.files.find((f) => f.name === name);
  assert.ok(file, `${name} is listed`);
  return fileStatements(file, dialect);
}

/** A directory of its own with the given files. */
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-dir-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function rejects(p: Promise<unknown> | (() => unknown), message: RegExp): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    assert.ok(isUserError(e), `expected a UserError, got ${e}`);
    assert.match(e.message, message);
    return;
  }
  assert.fail('expected an error');
}

describe('directory URLs', () => {
  test('file:// paths keep their spelling; the format comes from ?format=', () => {
    assert.deepEqual(parseDirUrl('file://migrations'), { path: 'migrations', format: 'atlas' });
    assert.deepEqual(parseDirUrl('file:///abs/dir?format=goose'), { path: '/abs/dir', format: 'goose' });
    assert.deepEqual(parseDirUrl('file://./db/migrations/?format=flyway'), {
      path: './db/migrations/',
      format: 'flyway',
    });
    assert.deepEqual(parseDirUrl('file://'), { path: 'migrations', format: 'atlas' });
    assert.deepEqual(parseDirUrl('file://my%20dir'), { path: 'my dir', format: 'atlas' });
  });

  test('other schemes, no scheme and unknown formats are refused', async () => {
    await rejects(() => parseDirUrl('migrations'), /has no scheme: did you mean "file:\/\/migrations"/);
    await rejects(() => parseDirUrl('atlas://app'), /Atlas Cloud\) are not supported/);
    await rejects(() => parseDirUrl('file://m?format=rails'), /unknown dir format "rails".*golang-migrate/);
  });

  test('a missing directory is an error unless it is to be created', async () => {
    const root = mkdtempSync(join(tmpdir(), 'migrate-dir-'));
    await rejects(openDir('file://nope', root), /migration directory "nope" does not exist \(relative to /);
    const dir = await openDir('file://made/here', root, { create: true });
    assert.equal(dir.path, 'made/here');
    assert.equal(dir.abs, join(root, 'made/here'));
    assert.deepEqual(dir.files, []);
  });

  test('file paths join the directory as written', async () => {
    const root = tempDir({ '1_a.sql': 'SELECT 1;' });
    const dir = await openDir('file://./', root);
    assert.equal(dir.files[0]!.path, './1_a.sql');
  });

  test('new versions are 14 UTC digits, always after the latest file', () => {
    const now = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal(newVersion(now), '20240102030405');
    const file = (version: string) => ({ version }) as MigrationFile;
    // Same second as the latest file, or a clock behind it: one second after it.
    assert.equal(newVersion(now, [file('20240102030405')]), '20240102030406');
    assert.equal(newVersion(now, [file('20240102030410'), file('1')]), '20240102030411');
    // Versions that are not timestamps do not move it.
    assert.equal(newVersion(now, [file('2_init')]), '20240102030405');
  });
});

describe('atlas format', () => {
  test('*.sql files in byte order; version before the first underscore', async () => {
    const root = tempDir({
      '2.10.x-20_description.sql': '',
      '10_b.sql': '',
      '1_a.up.sql': '',
      '1.sql': '',
      'é_x.sql': '',
      'Z_y.sql': '',
      'notes.txt': '',
    });
    const dir = await openDir('file://.', root);
    assert.deepEqual(listing(dir), [
      ['1.sql', '1', ''],
      ['10_b.sql', '10', 'b'],
      ['1_a.up.sql', '1', 'a.up'],
      ['2.10.x-20_description.sql', '2.10.x-20', 'description'],
      ['Z_y.sql', 'Z', 'y'],
      ['é_x.sql', 'é', 'x'],
    ]);
  });

  test('statements, with line/col of their first token and the text Atlas stores', async () => {
    const dir = await open('atlas');
    const { stmts: s, checks } = stmts(dir, '20240101000000_init.sql');
    assert.deepEqual(checks, []);
    assert.deepEqual(
      s.map((x) => [x.line, x.col, x.atlasText]),
      [
        [
          2,
          1,
          'CREATE TABLE users (\n  id integer PRIMARY KEY,\n  name text NOT NULL -- the display name; not unique\n);',
        ],
        [
          7,
          1,
          'CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id), body text);',
        ],
      ],
    );
    assert.ok(s[0]!.text.startsWith('-- Create "users" table\nCREATE TABLE users'));
    assert.equal(atlasStmtText(s[1]!, undefined), s[1]!.atlasText);
  });

  test('atlas:delimiter splits at the delimiter and leaves semicolons alone', async () => {
    const dir = await open('atlas');
    const file = dir.files.find((f) => f.name === '20240102000000_functions.sql')!;
    assert.equal(file.directives.delimiter, '\n\n');
    const { stmts: s } = fileStatements(file, 'postgres');
    assert.deepEqual(
      s.map((x) => [x.line, x.atlasText]),
      [
        [
          3,
          'CREATE FUNCTION post_count(u integer) RETURNS bigint AS $$\n  SELECT count(*) FROM posts WHERE user_id = u;\n$$ LANGUAGE sql',
        ],
        [8, 'CREATE VIEW user_posts AS SELECT u.name, post_count(u.id) AS posts FROM users u;'],
      ],
    );
  });

  test('atlas:delimiter -- end (MySQL procedure bodies)', async () => {
    const root = tempDir({
      '1_proc.sql':
        '-- atlas:delimiter -- end\n\nCREATE PROCEDURE p(n INT)\nBEGIN\n  SET @x = 0;\n  REPEAT SET @x = @x + 1; UNTIL @x > n END REPEAT;\nEND\n-- end\nCALL p(3);\n',
    });
    const dir = await openDir('file://.', root);
    const s = stmts(dir, '1_proc.sql', 'mysql').stmts;
    assert.deepEqual(
      s.map((x) => [x.line, x.text]),
      [
        [
          3,
          'CREATE PROCEDURE p(n INT)\nBEGIN\n  SET @x = 0;\n  REPEAT SET @x = @x + 1; UNTIL @x > n END REPEAT;\nEND',
        ],
        [9, 'CALL p(3);'],
      ],
    );
    assert.equal(atlasStmtText(s[1]!, '-- end'), 'CALL p(3);');
  });

  test('txtar files: migration.sql runs, checks.sql and checks/*.sql assert', async () => {
    const dir = await open('atlas');
    const file = dir.files.find((f) => f.name === '20240103000000_drop_function.sql')!;
    assert.equal(file.directives.txtar, true);
    const { stmts: s, checks } = fileStatements(file, 'postgres');
    assert.deepEqual(
      s.map((x) => [x.line, x.atlasText]),
      [
        [14, 'DROP VIEW user_posts;'],
        [15, 'DROP FUNCTION post_count(integer);'],
      ],
    );
    assert.deepEqual(
      checks.map((c) => [c.name, c.oneOf, c.stmts.map((x) => [x.line, x.atlasText])]),
      [
        ['checks.sql', false, [[5, 'SELECT NOT EXISTS (SELECT 1 FROM posts);']]],
        [
          'checks/users.sql',
          true,
          [
            [10, 'SELECT NOT EXISTS (SELECT 1 FROM users);'],
            [11, 'SELECT true;'],
          ],
        ],
      ],
    );
  });

  test('txtar files without migration.sql, or with other members, are refused', async () => {
    const root = tempDir({
      '1_a.sql': '-- atlas:txtar\n\n-- checks.sql --\nSELECT true;\n',
      '2_b.sql': '-- atlas:txtar\n\n-- notes.md --\nhi\n-- migration.sql --\nSELECT 1;\n',
      '3_c.sql':
        '-- atlas:txtar\n\n-- checks.sql --\n-- atlas:assert someof\n\nSELECT 1;\n-- migration.sql --\nSELECT 1;\n',
    });
    const dir = await openDir('file://.', root);
    await rejects(
      () => stmts(dir, '1_a.sql'),
      /^\.\/1_a\.sql: an atlas:txtar file needs exactly one "-- migration\.sql --" section, found 0$/,
    );
    await rejects(() => stmts(dir, '2_b.sql'), /^\.\/2_b\.sql:3: unexpected txtar section "notes\.md"/);
    await rejects(() => stmts(dir, '3_c.sql'), /^\.\/3_c\.sql:3: unknown "atlas:assert someof"/);
  });

  test('a statement the splitter refuses is reported at file:line:col', async () => {
    const root = tempDir({ '1_a.sql': "SELECT 1;\nSELECT 'oops;\n" });
    const dir = await openDir('file://.', root);
    await rejects(() => stmts(dir, '1_a.sql'), /^\.\/1_a\.sql:2:8: unterminated quoted string$/);
  });

  test('a refused directive fails the file when it runs, not when the directory is read', async () => {
    const root = tempDir({ '1_a.sql': '-- atlas:txmode all\n\nSELECT 1;\n' });
    const dir = await openDir('file://.', root);
    assert.match(dir.files[0]!.directives.error ?? '', /txmode "all" is not allowed/);
    await rejects(
      () => stmts(dir, '1_a.sql'),
      /^\.\/1_a\.sql: txmode "all" is not allowed in file directive/,
    );
  });
});

describe('golang-migrate format', () => {
  test('only *.up.sql files, lexical order, ".up" not in the description', async () => {
    const dir = await open('golang-migrate');
    assert.deepEqual(listing(dir), [
      ['10_email_index.up.sql', '10', 'email_index'],
      ['1_create_users.up.sql', '1', 'create_users'],
      ['2_add_email.up.sql', '2', 'add_email'],
    ]);
    assert.deepEqual(
      stmts(dir, '2_add_email.up.sql').stmts.map((s) => s.text),
      ['ALTER TABLE users ADD COLUMN email text'],
    );
  });
});

describe('goose format', () => {
  test('the Up section: statements end at lines ending in ";" or at StatementEnd', async () => {
    const dir = await open('goose');
    assert.deepEqual(listing(dir), [
      ['00001_init.sql', '00001', 'init'],
      ['00002_index.sql', '00002', 'index'],
    ]);
    const s = stmts(dir, '00001_init.sql').stmts;
    assert.deepEqual(
      s.map((x) => [x.line, x.col, x.atlasText]),
      [
        [3, 1, 'CREATE TABLE users (\n  id integer PRIMARY KEY,\n  email text\n);'],
        [7, 1, "INSERT INTO users (id, email) VALUES (1, 'a;b'), (2, NULL);"],
        [
          11,
          1,
          'CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.email := lower(NEW.email);\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;',
        ],
      ],
    );
    // Texts are slices of the file (for error positions), without the final semicolon.
    assert.ok(s[2]!.text.endsWith('$$ LANGUAGE plpgsql'));
    assert.deepEqual(
      stmts(dir, '00002_index.sql').stmts.map((x) => x.atlasText),
      ['CREATE INDEX CONCURRENTLY users_email ON users (email);'],
    );
  });

  test('misplaced pragmas are errors at file:line', async () => {
    const root = tempDir({
      '1_a.sql': '-- +goose Up\nSELECT 1;\n-- +goose Up\n',
      '2_b.sql': '-- +goose Up\n-- +goose StatementEnd\n',
      '3_c.sql': '-- +goose Down\nSELECT 1;\n',
      '4_d.sql': '-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n',
      '5_e.sql': 'SELECT 1;\n',
      '6_f.sql': '-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n',
    });
    const dir = await openDir('file://.?format=goose', root);
    await rejects(
      () => stmts(dir, '1_a.sql'),
      /^\.\/1_a\.sql:3: unexpected "-- \+goose Up": the Up section has begun already$/,
    );
    await rejects(
      () => stmts(dir, '2_b.sql'),
      /^\.\/2_b\.sql:2: unexpected "-- \+goose StatementEnd": no StatementBegin is open$/,
    );
    await rejects(
      () => stmts(dir, '3_c.sql'),
      /^\.\/3_c\.sql:1: unexpected "-- \+goose Down": no "-- \+goose Up" comes before it$/,
    );
    await rejects(
      () => stmts(dir, '4_d.sql'),
      /^\.\/4_d\.sql:4: unexpected "-- \+goose Down": the StatementBegin at line 2 is not closed/,
    );
    await rejects(() => stmts(dir, '5_e.sql'), /^\.\/5_e\.sql: no "-- \+goose Up" annotation/);
    await rejects(
      () => stmts(dir, '6_f.sql'),
      /^\.\/6_f\.sql:2: "-- \+goose StatementBegin" is not closed by StatementEnd$/,
    );
  });
});

describe('flyway format', () => {
  test('recursive, latest baseline first, versions compared numerically, repeatables last', async () => {
    const dir = await open('flyway');
    assert.deepEqual(listing(dir), [
      ['B2__baseline.sql', '2', 'baseline'],
      ['V3__name.sql', '3', 'name'],
      ['V3.1__nick.sql', '3.1', 'nick'],
      ['sub/V4_1__city.sql', '4_1', 'city'],
      ['V10__age.sql', '10', 'age'],
      ['R__views.sql', '', 'views'],
    ]);
    assert.equal(dir.files[3]!.path.endsWith('/flyway/sub/V4_1__city.sql'), true);
    assert.deepEqual(
      stmts(dir, 'R__views.sql').stmts.map((s) => s.text),
      ['CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users'],
    );
  });

  test('version comparison', () => {
    const sorted = ['11.11.11', '1', '2.1.0', '1.1.1', '1_1_0', '11', '3', '2'].sort(compareFlywayVersions);
    assert.deepEqual(sorted, ['1', '1_1_0', '1.1.1', '2', '2.1.0', '3', '11', '11.11.11']);
  });
});

describe('liquibase format', () => {
  test('formatted-SQL lines are comments; each changeset statement runs', async () => {
    const dir = await open('liquibase');
    assert.deepEqual(listing(dir), [
      ['1_init.sql', '1', 'init'],
      ['2_name.sql', '2', 'name'],
    ]);
    for (const dialect of ['postgres', 'mysql'] as const) {
      assert.deepEqual(
        stmts(dir, '1_init.sql', dialect).stmts.map((s) => [s.line, s.atlasText]),
        [
          [4, 'CREATE TABLE users (id integer PRIMARY KEY, email text);'],
          [9, 'CREATE INDEX users_email ON users (email);'],
        ],
        dialect,
      );
    }
    // MySQL does not read `--changeset` as a comment: the lines are blanked out.
    assert.equal(stmts(dir, '2_name.sql', 'mysql').stmts[0]!.text, 'ALTER TABLE users ADD COLUMN name text');
  });
});

describe('dbmate format', () => {
  test('only the migrate:up section runs', async () => {
    const dir = await open('dbmate');
    assert.deepEqual(listing(dir), [
      ['20240101120000_init.sql', '20240101120000', 'init'],
      ['20240102120000_index.sql', '20240102120000', 'index'],
    ]);
    assert.deepEqual(
      stmts(dir, '20240101120000_init.sql').stmts.map((s) => [s.line, s.atlasText]),
      [
        [2, 'CREATE TABLE users (id integer PRIMARY KEY);'],
        [5, 'ALTER TABLE users ADD COLUMN email text;'],
      ],
    );
    assert.deepEqual(
      stmts(dir, '20240102120000_index.sql').stmts.map((s) => s.text),
      ['CREATE INDEX CONCURRENTLY users_email ON users (email)'],
    );
  });

  test('a file without migrate:up is an error', async () => {
    const root = tempDir({
      '1_a.sql': 'SELECT 1;\n',
      '2_b.sql': '-- migrate:down\nSELECT 1;\n-- migrate:up\n',
    });
    const dir = await openDir('file://.?format=dbmate', root);
    await rejects(() => stmts(dir, '1_a.sql'), /^\.\/1_a\.sql: no "-- migrate:up" section/);
    await rejects(
      () => stmts(dir, '2_b.sql'),
      /^\.\/2_b\.sql:1: "-- migrate:down" comes before "-- migrate:up"$/,
    );
  });
});
