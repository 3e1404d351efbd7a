// `npm run bench:mysql`: wall time of `atlas-ts schema inspect` on generated MySQL/MariaDB
// schemas of 1,000 / 5,000 tables, against the batched reference inspector
// (../shared/research/inspect-mysql.mjs) measured in the same run. Prints ratios, never absolute
// times as pass/fail: the machine's speed cancels out, the shape of our inspection does not.
// Issue #4's target: ours / reference <= 1.5x at 1,000 and 5,000 tables.
//
//   npm run bench:mysql [-- --sizes 1000,5000] [--runs 5] [--json]
//   node bench/inspect-mysql.mjs --help
//
// Per size N: `gen-schema.mjs --tables N --seed 42 --dialect mysql` (per table about 12 columns,
// 3 index key parts, 1.2 FKs and 0.8 CHECKs; inline ENUMs, N/20 views, N/100 triggers) is loaded
// with the `mariadb` client into a new database bench_N; then whole processes are timed, Node
// start-up included, stdout to /dev/null: the reference `node inspect-mysql.mjs --url .../bench_N`
// (9 batched information_schema queries and a minimal in-memory model, no output: "the physical
// limit") and `node dist/cli.js schema inspect --url .../bench_N --format sql` and `--format json`.
// One warm-up round, then R rounds, interleaved in rotating order (bench/lib.mjs timeTools);
// min / median per tool and the ratio on medians. Then, in separate untimed processes, where ours
// spends its time (the TypeScript sources via tsx, so the working tree: this file's `--phases`
// mode times connecting, every catalog query, building the realm, rendering SQL and JSON), next
// to the reference's own per-query timings.
//
// The server is a throwaway MariaDB (startMariaDB from scripts/test-servers.mjs) under a temp dir,
// unless MYSQL_URL (an admin URL over TCP, e.g. mysql://root@127.0.0.1:3306/) is set: then the
// databases bench_<N> are dropped and recreated there, and dropped at the end. The reference and
// dist/cli.js are copied into .tmp/bench-mysql-*/ (the reference's `import mysql2` then resolves to
// our node_modules; a rebuild during the run does not change what is measured). dist/cli.js is
// rebuilt first when a source file is newer. Everything is removed at the end, also on error and
// on Ctrl-C / SIGTERM.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startMariaDB } from '../scripts/test-servers.mjs';
import {
  ensureBuilt,
  GEN,
  killChildren,
  medians,
  pad,
  ROOT,
  ratioTable,
  run,
  runLifecycle,
  SHARED,
  say,
  timeTools,
} from './lib.mjs';

const REF = join(SHARED, 'inspect-mysql.mjs');
const BUILT_CLI = join(ROOT, 'dist/cli.js');
const SELF = fileURLToPath(import.meta.url);
const TARGET = { tables: [1000, 5000], ratio: 1.5 }; // issue #4's acceptance

const USAGE = `Usage: npm run bench:mysql [-- --sizes 1000,5000] [--runs R] [--json]
       node bench/inspect-mysql.mjs --phases <mysql url>

  --sizes   table counts to generate and inspect (default 1000,5000)
  --runs    timed runs per tool and size, after 1 warm-up (default 7; 5 at >= 5000 tables)
  --json    print the results as JSON instead of tables
  --phases  (used by the bench itself) time the phases of one inspection of <url> in-process,
            from the TypeScript sources; prints one JSON line
Env: MYSQL_URL=mysql://root@127.0.0.1:3306/ uses that server (admin URL, TCP) instead of starting
     a throwaway MariaDB; the databases bench_<N> are recreated there and dropped at the end.`;

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    runs: { type: 'string' },
    json: { type: 'boolean', default: false },
    phases: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Where one inspection spends its time (`--phases <url>`), in a fresh process like the CLI (cold
// JIT): MysqlDriver.open, then the same calls MysqlDriver.inspect makes (runCatalogQueries,
// buildRealm) with the driver's connection wrapped to count and time every statement, then
// rendering as `schema inspect` does. It reaches into driver internals: update it if they move.
async function phases(url) {
  const { tsImport } = await import('tsx/esm/api');
  const load = (path) => tsImport(path, import.meta.url);
  const { MysqlDriver } = await load('../core/drivers/mysql/driver.ts');
  const { runCatalogQueries } = await load('../core/drivers/mysql/queries.ts');
  const { buildRealm } = await load('../core/drivers/mysql/inspect.ts');
  const { formatScript } = await load('../core/plan/script.ts');
  const since = (t) => Math.round((performance.now() - t) * 10) / 10;

  let t = performance.now();
  const driver = await MysqlDriver.open(url);
  const connect = since(t);
  const db = driver.boundSchema;
  if (db === undefined) throw new Error('--phases needs a URL with a database');
  const inner = driver.conn; // private in TypeScript, a plain field at run time
  let statements = 1; // MysqlDriver.open's version probe
  const perQuery = {};
  const rowCounts = {};
  // information_schema.COLUMNS -> columns; SHOW CREATE VIEW (MySQL 8, one per view) summed.
  const nameOf = (sql) => {
    const from = /\bFROM\s+(?:information_schema\.)?([\w.]+)/i.exec(sql)?.[1];
    return /^\s*SHOW\s+CREATE\s+VIEW/i.test(sql)
      ? 'show create view'
      : (from ?? sql.trim().slice(0, 30)).toLowerCase();
  };
  driver.conn = {
    ...inner,
    async query(sql, params) {
      statements++;
      const t0 = performance.now();
      const rows = await inner.query(sql, params);
      const name = nameOf(sql);
      perQuery[name] = Math.round(((perQuery[name] ?? 0) + performance.now() - t0) * 10) / 10;
      rowCounts[name] = (rowCounts[name] ?? 0) + rows.length;
      return rows;
    },
  };
  try {
    t = performance.now();
    const rows = await runCatalogQueries(driver.conn, driver.flavor, [db]);
    const queries = since(t);
    t = performance.now();
    const realm = buildRealm(rows, { flavor: driver.flavor, bound: db });
    const build = since(t);
    t = performance.now();
    const sql = formatScript(driver.createStatements(realm));
    const renderSql = since(t);
    t = performance.now();
    const json = JSON.stringify(realm, null, 2);
    const renderJson = since(t);
    const out = {
      statements,
      ms: { connect, queries, build, renderSql, renderJson },
      perQueryMs: perQuery,
      rows: rowCounts,
      bytes: { sql: sql.length, json: json.length },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    driver.conn = inner;
    await driver.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The bench: its own set-up and clean-up (bench/lib.mjs's runBench is PostgreSQL's), lib.mjs's
// child processes, timing and statistics.

const created = []; // databases to drop on a MYSQL_URL server
const abort = new AbortController(); // cancels a server start-up in progress
let starting;
let server;
let tmpRoot; // server data and generated SQL, outside the repo
let runDir; // copies of the reference and of the CLI, inside the repo (node_modules resolution)
let adminUrl;
let client; // the mariadb (or mysql) command-line client
let cleaning;

/** The command-line client: `mariadb`, or `mysql` where only that name is installed. */
function findClient() {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/local/bin'].filter(Boolean);
  for (const name of ['mariadb', 'mysql']) {
    const p = dirs.map((d) => join(d, name)).find((f) => existsSync(f));
    if (p) return p;
  }
  throw new Error('the mariadb (or mysql) command-line client was not found: install mariadb-client');
}

const dbUrl = (name) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.href;
};

/** The client's connection arguments for a mysql:// URL (TCP; the password goes by MYSQL_PWD). */
function clientArgs(url) {
  const u = new URL(url);
  const args = ['--protocol=TCP', '-h', u.hostname || '127.0.0.1', '-P', u.port || '3306', '-u'];
  args.push(decodeURIComponent(u.username || 'root'), '--batch', '--skip-column-names');
  const db = decodeURIComponent(u.pathname.slice(1));
  if (db) args.push('-D', db);
  return args;
}
const clientEnv = (url) => {
  const pw = decodeURIComponent(new URL(url).password);
  return pw ? { MYSQL_PWD: pw } : undefined;
};
/** Runs statements with the mariadb client; stops at the first error. */
const mariadb = (url, sql) => run(client, [...clientArgs(url), '-e', sql], { env: clientEnv(url) });
/**
 * Runs a SQL file as `mariadb DB < FILE` does (through sh: lib.mjs's run gives no stdin), which
 * stops at the first error with a non-zero exit, unlike `-e 'source FILE'`.
 */
const mariadbFile = (url, file) =>
  run('sh', ['-c', 'exec "$0" "$@" < "$BENCH_SQL_FILE"', client, ...clientArgs(url)], {
    env: { ...clientEnv(url), BENCH_SQL_FILE: file },
  });

/** Copies dist/cli.js, checking that the copy runs (the lead may be rebuilding it right now). */
async function copyCli(to) {
  for (let attempt = 1; ; attempt++) {
    copyFileSync(BUILT_CLI, to);
    const r = await run(process.execPath, [to, '--version'], { check: false, capture: true });
    if (r.code === 0) return;
    if (attempt >= 3) throw new Error(`the copy of dist/cli.js does not run:\n${r.err.trim().slice(-2000)}`);
    say(`dist/cli.js looks half-written (${r.err.trim().split('\n').at(-1)}); retrying in 5 s`);
    await new Promise((res) => setTimeout(res, 5000));
    await ensureBuilt();
  }
}

async function setup() {
  for (const f of [GEN, REF]) {
    if (!existsSync(f))
      throw new Error(`${f} not found: the shared research folder must sit beside the repo`);
  }
  client = findClient();
  await ensureBuilt();
  tmpRoot = mkdtempSync(join(tmpdir(), 'atlas-ts-bench-mysql-'));
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  runDir = mkdtempSync(join(ROOT, '.tmp', 'bench-mysql-'));
  copyFileSync(REF, join(runDir, 'inspect-mysql.mjs'));
  await copyCli(join(runDir, 'cli.js'));
  if (process.env.MYSQL_URL) {
    adminUrl = process.env.MYSQL_URL;
    say(`using MYSQL_URL=${adminUrl.replace(/:[^:@/]*@/, ':***@')}`);
  } else {
    starting = startMariaDB(tmpRoot, { signal: abort.signal });
    server = await starting;
    adminUrl = server.url;
    say(`mariadb at ${adminUrl}`);
  }
}

async function createDatabase(name) {
  await mariadb(adminUrl, `DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\``);
  if (!created.includes(name)) created.push(name);
  return dbUrl(name);
}

/** Generates a schema with gen-schema.mjs --dialect mysql and loads it with the mariadb client. */
async function loadGenerated(db, n) {
  const t0 = performance.now();
  const args = ['--tables', String(n), '--seed', '42', '--dialect', 'mysql'];
  const { out } = await run(process.execPath, [GEN, ...args], { capture: true });
  const file = join(tmpRoot, `gen_${n}_mysql.sql`);
  writeFileSync(file, out);
  const url = await createDatabase(db);
  await mariadbFile(url, file);
  say(`${db}: generated and loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return url;
}

async function measure(n, fixedRuns) {
  const url = await loadGenerated(`bench_${n}`, n);
  const runs = fixedRuns ?? (n >= 5000 ? 5 : 7);
  const cli = join(runDir, 'cli.js');
  const tools = {
    reference: [join(runDir, 'inspect-mysql.mjs'), '--url', url],
    oursSql: [cli, 'schema', 'inspect', '--url', url, '--format', 'sql'],
    oursJson: [cli, 'schema', 'inspect', '--url', url, '--format', 'json'],
  };
  // The reference prints one short JSON line (its own per-query timings): cheap to keep.
  const { wall, outs } = await timeTools(tools, { runs, capture: ['reference'], label: `${n} tables` });
  const refReports = outs.reference.map((o) => JSON.parse(o));
  if (!(refReports[0].tables >= n)) {
    say(
      `WARNING: the reference saw ${refReports[0].tables} tables and views in bench_${n}, expected >= ${n}`,
    );
  }
  let ours;
  try {
    const reports = [];
    for (let i = 0; i < runs; i++) {
      reports.push(JSON.parse((await run(process.execPath, [SELF, '--phases', url], { capture: true })).out));
    }
    const last = reports.at(-1);
    ours = {
      statements: last.statements,
      rows: last.rows,
      bytes: last.bytes,
      ms: medians(reports.map((r) => r.ms)),
      perQueryMs: medians(reports.map((r) => r.perQueryMs)),
    };
  } catch (e) {
    say(`WARNING: no breakdown of ours (--phases failed): ${e.message}`);
  }
  const timed = refReports.slice(1);
  const reference = {
    statements: Object.keys(timed[0].perQueryMs).length,
    rows: timed[0].rows,
    ms: medians(timed.map((r) => r.ms)),
    perQueryMs: medians(timed.map((r) => r.perQueryMs)),
  };
  const ratio = (k) => Math.round((wall[k].median / wall.reference.median) * 100) / 100;
  const r = { sql: ratio('oursSql'), json: ratio('oursJson') };
  const targeted = TARGET.tables.includes(n);
  return {
    tables: n,
    runs,
    wallMs: wall,
    ratio: r,
    ...(targeted
      ? { target: `<= ${TARGET.ratio}x`, met: r.sql <= TARGET.ratio && r.json <= TARGET.ratio }
      : {}),
    breakdown: { ours, reference },
  };
}

function printTables(results) {
  const lines = ratioTable(
    'schema inspect (MySQL/MariaDB), whole process (Node start-up included), wall ms as min / median',
    results,
  );
  const big = results.at(-1);
  const { ours, reference } = big.breakdown;
  const phasesLine = (b) =>
    Object.entries(b.ms)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  lines.push(
    '',
    `where the time goes at ${big.tables} tables (in-process medians, ms; ours via --phases, from the sources)`,
    `  ours:      ${ours ? `${phasesLine(ours)}; ${ours.statements} statements` : '(no breakdown: see the warning above)'}`,
    `  reference: ${phasesLine(reference)}; ${reference.statements} queries`,
    '',
    `  ${'ours, per query'.padEnd(24)} ${pad('ms', 6)} ${pad('rows', 7)}    ${'reference, per query'.padEnd(22)} ${pad('ms', 6)} ${pad('rows', 7)}`,
  );
  const byTime = (b) => (b ? Object.entries(b.perQueryMs).sort((x, y) => y[1] - x[1]) : []);
  const [o, f] = [byTime(ours), byTime(reference)];
  for (let i = 0; i < Math.max(o.length, f.length); i++) {
    const cell = (e, b, w) =>
      e ? `${e[0].padEnd(w)} ${pad(e[1], 6)} ${pad(b.rows[e[0]] ?? '', 7)}` : ''.padEnd(w + 15);
    lines.push(`  ${cell(o[i], ours, 24)}    ${cell(f[i], reference, 22)}`.trimEnd());
  }
  console.log(lines.join('\n'));
}

/** Stops what this run started: child processes, the server (or our databases), the temp dirs. */
function cleanup() {
  cleaning ??= (async () => {
    killChildren();
    abort.abort();
    const my = server ?? (await starting?.catch(() => undefined));
    if (my) await my.stop().catch((e) => say(`stopping mariadb: ${e.message}`));
    else if (adminUrl) {
      for (const db of created) {
        await mariadb(adminUrl, `DROP DATABASE IF EXISTS \`${db}\``).catch((e) => say(e.message));
      }
    }
    server = undefined;
    for (const d of [tmpRoot, runDir]) if (d) rmSync(d, { recursive: true, force: true });
    tmpRoot = runDir = undefined;
  })();
  return cleaning;
}

function bench(sizes, fixedRuns) {
  runLifecycle({
    name: 'bench:mysql',
    setup,
    main: async () => {
      const results = [];
      for (const n of sizes) results.push(await measure(n, fixedRuns));
      if (opt.json) console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
      else printTables(results);
    },
    cleanup,
    lastResort: () => {
      // No graceful stop possible any more.
      if (server?.pid) {
        try {
          process.kill(server.pid, 'SIGKILL');
        } catch {}
      }
      if (created.length && !server && adminUrl && !cleaning) {
        const drop = created.map((db) => `DROP DATABASE IF EXISTS \`${db}\`;`).join(' ');
        spawnSync(client, [...clientArgs(adminUrl), '-e', drop], {
          env: { ...process.env, ...clientEnv(adminUrl) },
        });
      }
      for (const d of [tmpRoot, runDir]) if (d) rmSync(d, { recursive: true, force: true });
    },
  });
}

// After every declaration above: bench() uses the module's state.
if (opt.phases !== undefined) {
  await phases(opt.phases);
} else {
  const sizes = opt.sizes.split(',').map(Number);
  const fixedRuns = opt.runs === undefined ? undefined : Number(opt.runs);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || (fixedRuns !== undefined && !(fixedRuns >= 1))) {
    console.error(USAGE);
    process.exit(1);
  }
  bench(sizes, fixedRuns);
}
