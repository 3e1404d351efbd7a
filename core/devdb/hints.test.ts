import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from '../migrate/split.ts';
import { renameHints } from './hints.ts';

const hints = (sql: string, schema = 'public') => renameHints(splitStatements(sql), schema);

test('a directive before CREATE TABLE renames the table; schema from the qualifier or the default', () => {
  assert.deepStrictEqual(
    hints(`
      -- atlas:renamed_from users
      CREATE TABLE accounts (id int);
      -- atlas:renamed_from "Old"
      CREATE UNLOGGED TABLE IF NOT EXISTS app."New" (id int);
      CREATE TABLE plain (id int);`),
    [
      { kind: 'table', schema: 'public', from: 'users', to: 'accounts' },
      { kind: 'table', schema: 'app', from: 'Old', to: 'New' },
    ],
  );
  assert.deepStrictEqual(hints('-- atlas:renamed_from a\nCREATE TABLE b ();', 'billing'), [
    { kind: 'table', schema: 'billing', from: 'a', to: 'b' },
  ]);
});

test('unquoted names fold to lower case; a qualified old name keeps only its name', () => {
  assert.deepStrictEqual(hints('-- atlas:renamed_from App.OldName\nCREATE TABLE NewName ();'), [
    { kind: 'table', schema: 'public', from: 'oldname', to: 'newname' },
  ]);
});

test('column directives: on the line before the column or at the end of its line', () => {
  const sql = `
    CREATE TABLE app.users (
      id bigint PRIMARY KEY,
      -- atlas:renamed_from name
      full_name text NOT NULL,
      mail text CHECK (mail <> ''), -- atlas:renamed_from email
      "Nick" text -- atlas:renamed_from "nickName"
      , CONSTRAINT c CHECK (id > 0)
    );`;
  assert.deepStrictEqual(hints(sql), [
    { kind: 'column', schema: 'app', table: 'users', from: 'name', to: 'full_name' },
    { kind: 'column', schema: 'app', table: 'users', from: 'email', to: 'mail' },
    { kind: 'column', schema: 'app', table: 'users', from: 'nickName', to: 'Nick' },
  ]);
});

test('the first and last columns, and a table directive together with column directives', () => {
  const sql = `-- atlas:renamed_from t_old
CREATE TABLE t ( -- atlas:renamed_from a_old
  a int,
  b int -- atlas:renamed_from b_old
);`;
  assert.deepStrictEqual(hints(sql), [
    { kind: 'table', schema: 'public', from: 't_old', to: 't' },
    { kind: 'column', schema: 'public', table: 't', from: 'a_old', to: 'a' },
    { kind: 'column', schema: 'public', table: 't', from: 'b_old', to: 'b' },
  ]);
});

test('directives before constraints, and other comments, give no hints', () => {
  const sql = `CREATE TABLE t (
  a int,
  -- atlas:renamed_from pk_old
  PRIMARY KEY (a),
  -- atlas:renamed_from_x nothing
  b int -- not a directive: atlas:renamed_from c
);`;
  assert.deepStrictEqual(hints(sql), []);
});

test('a directive before CREATE [UNIQUE] INDEX renames the index of its table', () => {
  const sql = `
    -- atlas:renamed_from users_email_idx
    CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_mail_key ON ONLY app.users (mail);
    -- atlas:renamed_from i_old
    CREATE INDEX i_new ON t USING btree (a);
    -- atlas:renamed_from unnamed
    CREATE INDEX ON t (b);`;
  assert.deepStrictEqual(hints(sql, 'billing'), [
    { kind: 'index', schema: 'app', table: 'users', from: 'users_email_idx', to: 'users_mail_key' },
    { kind: 'index', schema: 'billing', table: 't', from: 'i_old', to: 'i_new' },
  ]);
});

test('directives before other statements, or separated by another statement, are ignored', () => {
  assert.deepStrictEqual(
    hints(`
      -- atlas:renamed_from v_old
      CREATE VIEW v AS SELECT 1;
      -- atlas:renamed_from t_old
      SELECT 1;
      CREATE TABLE t ();
      SELECT 1; -- atlas:renamed_from u_old
      CREATE TABLE u ();`),
    [],
  );
});
