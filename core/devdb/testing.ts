// Helpers for the dev database tests: SQL files on disk and an independent look at what a
// server database holds (plain catalog queries, not the code under test).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { isUserError, type UserErrorCode } from '../errors.ts';
import type { LoadInput } from './load.ts';

/** Writes `files` into a new directory; returns its path relative to the working directory. */
export async function sqlFiles(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'devdb-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return relative(process.cwd(), dir);
}

export function input(
  to: string[],
  fields: Partial<LoadInput> & { version?: number; bound?: string } = {},
): LoadInput {
  const { version = 150000, bound, ...rest } = fields;
  return {
    to,
    target: { dialect: 'postgres', version, boundSchema: bound },
    schemas: [],
    exclude: [],
    ...rest,
  };
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What a database holds, coarsely: enough to see that nothing was left behind or taken away. */
export async function contents(url: string): Promise<Record<string, unknown>> {
  const user = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;
  const [row] = await query(
    url,
    `SELECT
       (SELECT string_agg(n.nspname || ':' || n.nspowner::regrole::text, ',' ORDER BY n.nspname)
          FROM pg_namespace n WHERE ${user}) AS schemas,
       (SELECT string_agg(n.nspname || '.' || c.relname, ',' ORDER BY 1)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user}) AS relations,
       (SELECT string_agg(p.oid::regprocedure::text, ',' ORDER BY 1)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${user}) AS routines,
       (SELECT string_agg(t.oid::regtype::text, ',' ORDER BY 1)
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${user}) AS types,
       (SELECT string_agg(extname, ',' ORDER BY 1) FROM pg_extension) AS extensions,
       (SELECT string_agg(evtname, ',' ORDER BY 1) FROM pg_event_trigger) AS event_triggers`,
  );
  return row!;
}

export async function rejectsWith(
  p: Promise<unknown>,
  code: UserErrorCode,
  message: RegExp | string,
): Promise<void> {
  await assert.rejects(p, (e) => {
    assert.ok(isUserError(e), `expected a UserError, got ${(e as Error)?.stack ?? e}`);
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}
