import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Stmt } from '../drivers/driver.ts';
import type { MigrationFile } from './dir.ts';
import { parseFileDirectives } from './directives.ts';
import type { DirFormat } from './formats.ts';
import { atlasFile, planFiles } from './plan-files.ts';
import { fileStatements } from './statements.ts';

const create: Stmt = {
  sql: 'CREATE TABLE "t" (\n  "id" integer\n)',
  comment: 'Create "t" table',
  reverse: 'DROP TABLE "t"',
};
const index: Stmt = {
  sql: 'CREATE INDEX "t_id" ON "t" ("id")',
  comment: 'Create index "t_id" to table: "t"',
};
const concurrent: Stmt = {
  ...index,
  sql: 'CREATE INDEX CONCURRENTLY "t_id" ON "t" ("id")',
  transactional: false,
};
const proc: Stmt = {
  sql: 'CREATE PROCEDURE `p`()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND',
  comment: 'Create "p" procedure',
  compound: true,
};

/** Reads a written file back as the directory reader would. */
function reread(format: DirFormat, name: string, text: string, dialect: 'postgres' | 'mysql' = 'postgres') {
  const file: MigrationFile = {
    name,
    path: name,
    version: '',
    description: '',
    text,
    bytes: Buffer.from(text),
    directives: parseFileDirectives(name, text),
    format,
  };
  return fileStatements(file, dialect).stmts.map((s) => s.atlasText);
}

describe('atlas files', () => {
  test('a comment line per statement, statements ended by ";"', () => {
    assert.deepEqual(atlasFile({ version: '20240101000000', name: 'init', stmts: [create, index] }), {
      name: '20240101000000_init.sql',
      text: '-- Create "t" table\nCREATE TABLE "t" (\n  "id" integer\n);\n-- Create index "t_id" to table: "t"\nCREATE INDEX "t_id" ON "t" ("id");\n',
    });
    assert.deepEqual(atlasFile({ version: '20240101000000', stmts: [] }), {
      name: '20240101000000.sql',
      text: '',
    });
    assert.equal(
      atlasFile({ version: '1', stmts: [{ sql: 'SELECT 1', comment: 'lower case' }] }).text,
      '-- Lower case\nSELECT 1;\n',
    );
  });

  test('txmode none when a statement cannot run in a transaction', () => {
    const f = atlasFile({ version: '1', stmts: [create, concurrent] });
    assert.ok(f.text.startsWith('-- atlas:txmode none\n\n-- Create "t" table\n'), f.text);
    assert.equal(parseFileDirectives(f.name, f.text).txMode, 'none');
  });

  test('MySQL bodies with semicolons get a delimiter of their own and read back whole', () => {
    const f = atlasFile({ version: '1', stmts: [create, proc] });
    assert.equal(
      f.text,
      '-- atlas:delimiter \\n-- end\n\n-- Create "t" table\nCREATE TABLE "t" (\n  "id" integer\n)\n-- end\n-- Create "p" procedure\nCREATE PROCEDURE `p`()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND\n-- end\n',
    );
    assert.deepEqual(reread('atlas', f.name, f.text, 'mysql'), [create.sql, proc.sql]);
  });
});

describe('other layouts', () => {
  const p = { version: '20240101000000', name: 'init', stmts: [create, index] };

  test('golang-migrate: up and down files; down undoes in reverse, where it can', () => {
    assert.deepEqual(planFiles('golang-migrate', p), [
      {
        name: '20240101000000_init.up.sql',
        text: '-- create "t" table\nCREATE TABLE "t" (\n  "id" integer\n);\n-- create index "t_id" to table: "t"\nCREATE INDEX "t_id" ON "t" ("id");\n',
      },
      { name: '20240101000000_init.down.sql', text: '-- reverse: create "t" table\nDROP TABLE "t";\n' },
    ]);
  });

  test('goose: Up and Down sections; bodies between StatementBegin and StatementEnd', () => {
    const [f] = planFiles('goose', { ...p, stmts: [create, proc] });
    assert.equal(
      f!.text,
      '-- +goose Up\n-- create "t" table\nCREATE TABLE "t" (\n  "id" integer\n);\n-- create "p" procedure\n-- +goose StatementBegin\nCREATE PROCEDURE `p`()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n-- +goose StatementEnd\n\n-- +goose Down\n-- reverse: create "t" table\nDROP TABLE "t";\n',
    );
    assert.deepEqual(reread('goose', f!.name, f!.text, 'mysql'), [`${create.sql};`, `${proc.sql};`]);
    assert.ok(
      planFiles('goose', { ...p, stmts: [concurrent] })[0]!.text.startsWith(
        '-- +goose NO TRANSACTION\n-- +goose Up\n',
      ),
    );
  });

  test('flyway: V and U files', () => {
    assert.deepEqual(
      planFiles('flyway', p).map((f) => f.name),
      ['V20240101000000__init.sql', 'U20240101000000__init.sql'],
    );
  });

  test('liquibase: one changeset per statement, with rollbacks', () => {
    const [f] = planFiles('liquibase', p);
    assert.equal(
      f!.text,
      '--liquibase formatted sql\n--changeset atlas:20240101000000-1\n--comment: create "t" table\nCREATE TABLE "t" (\n  "id" integer\n);\n--rollback: DROP TABLE "t";\n\n--changeset atlas:20240101000000-2\n--comment: create index "t_id" to table: "t"\nCREATE INDEX "t_id" ON "t" ("id");\n',
    );
    assert.deepEqual(reread('liquibase', f!.name, f!.text, 'mysql'), [`${create.sql};`, `${index.sql};`]);
  });

  test('dbmate: up and down sections', () => {
    const [f] = planFiles('dbmate', { ...p, stmts: [concurrent] });
    assert.equal(
      f!.text,
      '-- migrate:up transaction:false\n-- create index "t_id" to table: "t"\nCREATE INDEX CONCURRENTLY "t_id" ON "t" ("id");\n\n-- migrate:down\n',
    );
    assert.deepEqual(reread('dbmate', f!.name, f!.text), [`${concurrent.sql};`]);
  });

  test('empty files for migrate new', () => {
    const empty = { version: '1', stmts: [] };
    assert.deepEqual(
      (['atlas', 'golang-migrate', 'goose', 'flyway', 'liquibase', 'dbmate'] as const).map((f) =>
        planFiles(f, empty).map((x) => [x.name, x.text]),
      ),
      [
        [['1.sql', '']],
        [
          ['1.up.sql', ''],
          ['1.down.sql', ''],
        ],
        [['1.sql', '-- +goose Up\n\n-- +goose Down\n']],
        [
          ['V1.sql', ''],
          ['U1.sql', ''],
        ],
        [['1.sql', '--liquibase formatted sql']],
        [['1.sql', '-- migrate:up\n\n-- migrate:down\n']],
      ],
    );
  });
});
