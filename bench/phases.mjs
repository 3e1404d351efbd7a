// Where one `schema inspect` spends its time: runs our PostgreSQL inspection in-process, in a fresh
// process like the CLI (cold JIT), with a wrapper around the connection that counts and times every
// statement, then times building the realm and rendering it. Prints one JSON line.
//
//   node bench/phases.mjs <postgres url>
//
// It loads the TypeScript sources through tsx, so it measures the working tree, and it reaches into
// driver internals (the same calls PostgresDriver.inspect makes): update it if those move.
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';

const url = process.argv[2];
if (!url) throw new Error('usage: node bench/phases.mjs <postgres url>');

const load = (path) => tsImport(path, import.meta.url);
const { runCatalogQueries, buildRealm } = await load('../core/drivers/postgres/inspect.ts');
const { catalogQueries } = await load('../core/drivers/postgres/queries.ts');
const { createStatements } = await load('../core/drivers/postgres/render.ts');
const { formatScript } = await load('../core/plan/script.ts');

const since = (t) => Math.round((performance.now() - t) * 10) / 10;

let t = performance.now();
const client = new pg.Client({ connectionString: url });
await client.connect();
const connect = since(t);

let statements = 0;
const perQuery = {};
const VERSION_SQL = `SELECT current_setting('server_version_num')::int AS version`;
const names = new Map([[VERSION_SQL, 'version']]);
const conn = {
  async query(sql, params) {
    statements++;
    const t0 = performance.now();
    const { rows } = await client.query(sql, params);
    const name = names.get(sql) ?? sql.replace(/\s+/g, ' ').trim().slice(0, 40);
    perQuery[name] = since(t0);
    return rows;
  },
  async exec(sql) {
    statements++;
    await client.query(sql);
  },
};

try {
  // The driver's own version probe, so `statements` matches what the CLI sends.
  const [{ version }] = await conn.query(VERSION_SQL);
  for (const [name, sql] of Object.entries(catalogQueries({ version }))) names.set(sql, name);
  // A URL without search_path: every user schema, names printed schema-qualified.
  const opts = { version, schemas: undefined, searchPath: [] };

  t = performance.now();
  const rows = await runCatalogQueries(conn, opts);
  const queries = since(t);
  t = performance.now();
  const realm = buildRealm(rows, opts);
  const build = since(t);
  t = performance.now();
  const sql = formatScript(createStatements(realm, { qualify: true }));
  const render = since(t);
  t = performance.now();
  const json = JSON.stringify(realm, null, 2);
  const stringify = since(t);

  const ms = { connect, queries, build, renderSql: render, renderJson: stringify };
  const rowCounts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
  const out = {
    statements,
    ms,
    perQueryMs: perQuery,
    rows: rowCounts,
    bytes: { sql: sql.length, json: json.length },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await client.end();
}
