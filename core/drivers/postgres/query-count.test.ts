// Inspection runs a fixed set of catalog queries: their number must not grow with the number of
// tables or schemas (one query per table is what makes inspection slow on large databases).
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { freshPgDatabase, psqlExec } from '../../../test/helpers/db.ts';
import { connectPg, type PgConn } from './conn.ts';
import { buildRealm, type InspectOptions, runCatalogQueries } from './inspect.ts';

/** A PgConn that records every statement it is asked to run. */
function recording(conn: PgConn): { conn: PgConn; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    conn: {
      query(sql, params) {
        calls.push(`query: ${sql}`);
        return conn.query(sql, params);
      },
      exec(sql) {
        calls.push(`exec: ${sql}`);
        return conn.exec(sql);
      },
      close: () => conn.close(),
    },
  };
}

/**
 * `tables` tables spread over `schemas` schemas, each with a FK to the previous table of its
 * schema, an index, a view, a function and a trigger.
 */
function generateSchema(tables: number, schemas: number): string {
  const out = [
    `CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`,
  ];
  for (let s = 0; s < schemas; s++) out.push(`CREATE SCHEMA s${s};`);
  for (let i = 0; i < tables; i++) {
    const s = `s${i % schemas}`;
    const prev = i >= schemas ? `t${i - schemas}` : undefined;
    out.push(
      `CREATE TABLE ${s}.t${i} (
         id int PRIMARY KEY,
         parent_id int${prev ? ` REFERENCES ${s}.${prev} (id)` : ''},
         name text NOT NULL DEFAULT 'n${i}',
         created_at timestamptz DEFAULT now(),
         CONSTRAINT t${i}_name_check CHECK (name <> '')
       );`,
      `CREATE INDEX t${i}_name_idx ON ${s}.t${i} (name);`,
      `COMMENT ON TABLE ${s}.t${i} IS 'table ${i}';`,
      `CREATE VIEW ${s}.v${i} AS SELECT id, name FROM ${s}.t${i};`,
      `CREATE FUNCTION ${s}.f${i}(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + ${i} $$;`,
      `CREATE TRIGGER t${i}_touch BEFORE UPDATE ON ${s}.t${i} FOR EACH ROW EXECUTE FUNCTION public.touch();`,
    );
  }
  return out.join('\n');
}

/** The statements one whole-database inspection runs, and the number of tables it found. */
async function inspectionCalls(t: TestContext, sql: string): Promise<{ calls: string[]; tables: number }> {
  const db = await freshPgDatabase(t);
  await psqlExec(db.url, sql);
  const { conn } = await connectPg(db.url);
  try {
    const [info] = await conn.query<{ version: number }>(
      `SELECT current_setting('server_version_num')::int AS version`,
    );
    const opts: InspectOptions = { version: Number(info?.version), schemas: undefined, searchPath: [] };
    const rec = recording(conn);
    const rows = await runCatalogQueries(rec.conn, opts);
    const realm = buildRealm(rows, opts);
    return { calls: rec.calls, tables: realm.schemas.reduce((n, s) => n + s.tables.length, 0) };
  } finally {
    await conn.close();
  }
}

test('inspection runs the same fixed statements for 1 table as for 200 tables in 5 schemas', async (t) => {
  const [small, large] = await Promise.all([
    inspectionCalls(t, generateSchema(1, 1)),
    inspectionCalls(t, generateSchema(200, 5)),
  ]);
  // The counting wrapper saw the inspection that found the objects.
  assert.equal(small.tables, 1);
  assert.equal(large.tables, 200);

  assert.equal(large.calls.length, small.calls.length, 'the number of statements grew with the database');
  assert.deepStrictEqual(large.calls, small.calls);
  assert.ok(small.calls.length <= 25, `${small.calls.length} statements per inspection, expected at most 25`);
  // One read-only snapshot around the catalog queries.
  assert.match(small.calls[0]!, /^exec: BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY$/);
  assert.match(small.calls.at(-1)!, /^exec: ROLLBACK$/);
});
