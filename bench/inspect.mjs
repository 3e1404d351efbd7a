// `npm run bench`: wall time of `atlas-ts schema inspect` on generated PostgreSQL schemas of
// 100 / 1,000 / 5,000 tables, against the batched reference inspector
// (../shared/research/inspect-pg.mjs) measured in the same run. Prints ratios, never absolute
// pass/fail: the machine's speed cancels out, the shape of our inspection does not.
//
//   npm run bench [-- --sizes 100,1000] [--runs 5] [--json]
//
// PG_URL (an admin URL) points it at an existing server instead of a throwaway one; it then
// creates and afterwards drops the databases bench_<N> there.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres } from '../scripts/test-servers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared/research');
const GEN = join(SHARED, 'gen-schema.mjs');
const REF = join(SHARED, 'inspect-pg.mjs');
const CLI = join(ROOT, 'dist/cli.js');
const PHASES = join(ROOT, 'bench/phases.mjs');
const TARGET = { tables: 5000, ratio: 1.5 }; // research/peers.md: 2.5 s where the reference takes 1.7 s
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const USAGE = `Usage: npm run bench [-- --sizes 100,1000,5000] [--runs R] [--json]

  --sizes   table counts to generate and inspect (default 100,1000,5000)
  --runs    timed runs per tool and size, after 1 warm-up (default 7; 5 at >= 5000 tables)
  --json    print the results as JSON instead of tables
Env: PG_URL=postgres://... uses that server (admin URL) instead of starting a throwaway one.`;

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    runs: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = opt.sizes.split(',').map(Number);
const fixedRuns = opt.runs === undefined ? undefined : Number(opt.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || (fixedRuns !== undefined && !(fixedRuns >= 1))) {
  console.error(USAGE);
  process.exit(1);
}

const say = (msg) => console.error(`[bench] ${msg}`);
const children = new Set();
const abort = new AbortController(); // cancels a server start-up in progress
let starting;
const created = []; // databases to drop on a PG_URL server
let server;
let tmpRoot; // server data and generated SQL, outside the repo
let refDir; // the reference's copy: inside the repo so that `pg` resolves to our node_modules
let adminUrl;
let psqlBin = 'psql';
let cleaning;
let received; // a signal: errors from the children it kills are expected

/** Runs a command; resolves with wall ms and stdout (when `capture`), rejects on a non-zero exit. */
function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    // 'ignore' connects stdout to /dev/null: the timed runs pay for producing output, not for reading it.
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      children.delete(child);
      if (code === 0) resolvePromise({ ms, out });
      else
        reject(new Error(`${cmd} ${args.join(' ')} failed (${code ?? signal}):\n${err.trim().slice(-2000)}`));
    });
  });
}

const dbUrl = (name) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.href;
};
const psql = (url, ...args) => run(psqlBin, ['-v', 'ON_ERROR_STOP=1', '-X', '-q', '-d', url, ...args]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const stats = (ms) => ({
  min: round1(Math.min(...ms)),
  median: round1(median(ms)),
  runs: ms.map(Math.round),
});
/** Per-key medians over a list of {key: ms} objects. */
const medians = (objs) =>
  Object.fromEntries(Object.keys(objs[0] ?? {}).map((k) => [k, Math.round(median(objs.map((o) => o[k])))]));

/** dist/cli.js is git-ignored and easily stale: rebuild when any source is newer. */
async function ensureBuilt() {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .reduce((m, e) => Math.max(m, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
  if (built > Math.max(newest(join(ROOT, 'core')), newest(join(ROOT, 'cli')))) return;
  say('building dist/cli.js');
  await run('npm', ['run', 'build']);
}

async function setup() {
  for (const f of [GEN, REF]) {
    if (!existsSync(f))
      throw new Error(`${f} not found: the shared research folder must sit beside the repo`);
  }
  await ensureBuilt();
  tmpRoot = mkdtempSync(join(tmpdir(), 'atlas-ts-bench-'));
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  refDir = mkdtempSync(join(ROOT, '.tmp', 'bench-'));
  copyFileSync(REF, join(refDir, 'inspect-pg.mjs'));
  if (process.env.PG_URL) {
    adminUrl = process.env.PG_URL;
    say(`using PG_URL=${adminUrl}`);
  } else {
    starting = startPostgres(tmpRoot, { signal: abort.signal });
    server = await starting;
    adminUrl = server.url;
    if (existsSync(join(server.bindir, 'psql'))) psqlBin = join(server.bindir, 'psql');
    // Autovacuum would ANALYZE the catalogs a minute after a big load, switching query plans in the
    // middle of the runs; keep them un-analyzed throughout, as on a freshly migrated CI database.
    await psql(adminUrl, '-c', 'ALTER SYSTEM SET autovacuum = off', '-c', 'SELECT pg_reload_conf()');
    say(`postgres at ${adminUrl}`);
  }
}

async function load(n) {
  const db = `bench_${n}`;
  const file = join(tmpRoot, `${db}.sql`);
  const t0 = performance.now();
  const { out } = await run(process.execPath, [GEN, '--tables', String(n), '--seed', '42'], {
    capture: true,
  });
  writeFileSync(file, out);
  await psql(adminUrl, '-c', `DROP DATABASE IF EXISTS ${db}`, '-c', `CREATE DATABASE ${db}`);
  created.push(db);
  await psql(dbUrl(db), '-f', file); // no ANALYZE on purpose (see setup)
  say(`${db}: generated and loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dbUrl(db);
}

async function measure(n) {
  const url = await load(n);
  const runs = fixedRuns ?? (n >= 5000 ? 5 : 7);
  const tools = {
    reference: [join(refDir, 'inspect-pg.mjs'), '--url', url],
    oursSql: [CLI, 'schema', 'inspect', '--url', url, '--format', 'sql'],
    oursJson: [CLI, 'schema', 'inspect', '--url', url, '--format', 'json'],
  };
  const names = Object.keys(tools);
  const ms = Object.fromEntries(names.map((k) => [k, []]));
  const refReports = [];
  for (let i = 0; i <= runs; i++) {
    // Interleaved, and the order rotates per round, so that drift in machine load hits every tool.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      // The reference prints one short JSON line (its own per-query timings): cheap to keep.
      const r = await run(process.execPath, tools[name], { capture: name === 'reference' });
      if (name === 'reference') refReports.push(JSON.parse(r.out));
      if (i > 0) ms[name].push(r.ms); // round 0 is the warm-up
    }
    say(`${n} tables: round ${i === 0 ? 'warm-up' : `${i}/${runs}`} done`);
  }
  // Where ours spends its time, in separate (untimed) processes.
  let ours;
  try {
    const reports = [];
    for (let i = 0; i < runs; i++)
      reports.push(JSON.parse((await run(process.execPath, [PHASES, url], { capture: true })).out));
    const last = reports.at(-1);
    ours = {
      statements: last.statements,
      rows: last.rows,
      ms: medians(reports.map((r) => r.ms)),
      perQueryMs: medians(reports.map((r) => r.perQueryMs)),
    };
  } catch (e) {
    say(`WARNING: no breakdown of ours (bench/phases.mjs failed): ${e.message}`);
  }
  const timed = refReports.slice(1);
  const reference = {
    statements: Object.keys(timed[0].perQueryMs).length,
    rows: timed[0].rows,
    ms: medians(timed.map((r) => r.ms)),
    perQueryMs: medians(timed.map((r) => r.perQueryMs)),
  };
  const wall = Object.fromEntries(names.map((k) => [k, stats(ms[k])]));
  const ratio = (k) => Math.round((wall[k].median / wall.reference.median) * 100) / 100;
  return {
    tables: n,
    runs,
    wallMs: wall,
    ratio: { sql: ratio('oursSql'), json: ratio('oursJson') },
    ...(n === TARGET.tables ? { target: `<= ${TARGET.ratio}x` } : {}),
    breakdown: { ours, reference },
  };
}

function printTables(results) {
  const pad = (s, w) => String(s).padStart(w);
  const mm = (s) => `${Math.round(s.min)} / ${Math.round(s.median)}`;
  const lines = [
    '',
    'schema inspect, whole process (Node start-up included), wall ms as min / median',
    `${pad('tables', 6)} ${pad('runs', 4)} ${pad('reference', 13)} ${pad('ours --format sql', 17)} ${pad('ratio', 6)} ${pad('ours --format json', 18)} ${pad('ratio', 6)}`,
  ];
  for (const r of results) {
    const target = r.target ? `  target ${r.target}` : '';
    lines.push(
      `${pad(r.tables, 6)} ${pad(r.runs, 4)} ${pad(mm(r.wallMs.reference), 13)} ${pad(mm(r.wallMs.oursSql), 17)} ${pad(`${r.ratio.sql.toFixed(2)}x`, 6)} ${pad(mm(r.wallMs.oursJson), 18)} ${pad(`${r.ratio.json.toFixed(2)}x`, 6)}${target}`,
    );
  }
  lines.push('ratio: ours / reference, on medians');
  const big = results.at(-1);
  const { ours, reference } = big.breakdown;
  if (ours) {
    lines.push(
      '',
      `where the time goes at ${big.tables} tables (in-process medians, ms; ours via bench/phases.mjs)`,
      `  ours:      ${Object.entries(ours.ms)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${ours.statements} statements`,
      `  reference: ${Object.entries(reference.ms)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${reference.statements} queries`,
      '',
      `  ${'ours, per query'.padEnd(24)} ${pad('ms', 6)} ${pad('rows', 7)}    ${'reference, per query'.padEnd(22)} ${pad('ms', 6)} ${pad('rows', 7)}`,
    );
    const byTime = (b) => Object.entries(b.perQueryMs).sort((x, y) => y[1] - x[1]);
    const [o, f] = [byTime(ours), byTime(reference)];
    for (let i = 0; i < Math.max(o.length, f.length); i++) {
      const cell = (e, b, w) =>
        e ? `${e[0].padEnd(w)} ${pad(e[1], 6)} ${pad(b.rows[e[0]] ?? '', 7)}` : ''.padEnd(w + 15);
      lines.push(`  ${cell(o[i], ours, 24)}    ${cell(f[i], reference, 22)}`.trimEnd());
    }
  }
  console.log(lines.join('\n'));
}

async function main() {
  await setup();
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  if (opt.json) console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
  else printTables(results);
}

/** Stops what this run started: child processes, the server (or our databases on PG_URL), temp dirs. */
function cleanup() {
  cleaning ??= (async () => {
    for (const c of children) c.kill('SIGKILL');
    abort.abort();
    // `server` is unset while start-up is still running: wait for it, then stop what it started.
    const pgServer = server ?? (await starting?.catch(() => undefined));
    if (pgServer) await pgServer.stop().catch((e) => say(`stopping postgres: ${e.message}`));
    else if (adminUrl) {
      for (const db of created)
        await psql(adminUrl, '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch((e) => say(e.message));
    }
    server = undefined;
    for (const d of [tmpRoot, refDir]) if (d) rmSync(d, { recursive: true, force: true });
    tmpRoot = refDir = undefined;
  })();
  return cleaning;
}

for (const [sig, code] of Object.entries(SIGNAL_EXIT)) {
  process.on(sig, () => {
    received = sig;
    say(`${sig}: cleaning up`);
    cleanup().finally(() => process.exit(code));
  });
}
// Last resort if the process exits before cleanup() finished: no graceful stop possible.
process.on('exit', () => {
  if (server?.pid) {
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {}
  }
  for (const d of [tmpRoot, refDir]) if (d) rmSync(d, { recursive: true, force: true });
});

main().then(
  () => cleanup(),
  async (e) => {
    if (!received) console.error(`[bench] ${e.stack ?? e}`);
    await cleanup();
    process.exitCode = 1;
  },
);
