// What the benchmarks share: child processes, the PostgreSQL server (a throwaway one, or PG_URL),
// the generated schemas, statistics, and cleaning up on every way out (success, error, Ctrl-C).
// One bench per process: the state lives in this module.
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
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../scripts/test-servers.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(ROOT, '../shared/research');
export const GEN = join(SHARED, 'gen-schema.mjs');
export const REF = join(SHARED, 'inspect-pg.mjs');
const BUILT_CLI = join(ROOT, 'dist/cli.js');
/** The CLI measured: after setup, a copy of dist/cli.js taken at the start (see setup). */
export let CLI = BUILT_CLI;
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

let tag = 'bench';
export const say = (msg) => console.error(`[${tag}] ${msg}`);

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
let received; // the signal that stopped the run, if one did

/**
 * Runs a command; resolves with wall ms, stdout (when `capture`) and stderr. Rejects on a non-zero
 * exit, unless `check: false` (then `code` tells). `timeoutMs` kills it and rejects. `input` (an
 * iterable of strings, e.g. a generator) is streamed to its stdin as it reads, with backpressure.
 */
export function run(cmd, args, { capture = false, check = true, timeoutMs, env, input, cwd = ROOT } = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    // 'ignore' connects stdout to /dev/null: the timed runs pay for producing output, not for reading it.
    const child = spawn(cmd, args, {
      cwd,
      stdio: [input ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore', 'pipe'],
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    children.add(child);
    let out = '';
    let err = '';
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    // A child that exits early breaks the pipe (EPIPE): its exit code tells what went wrong.
    if (input) pipeline(Readable.from(input), child.stdin).catch(() => {});
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      children.delete(child);
      if (timedOut)
        reject(new Error(`${cmd} ${args.join(' ')} timed out after ${Math.round(timeoutMs / 1000)} s`));
      else if (code === 0 || (!check && code !== null)) resolvePromise({ ms, out, err, code });
      else
        reject(new Error(`${cmd} ${args.join(' ')} failed (${code ?? signal}):\n${err.trim().slice(-2000)}`));
    });
  });
}

/** Kills the child processes `run` started and that are still running (for a bench's own clean-up). */
export const killChildren = () => {
  for (const c of children) c.kill('SIGKILL');
};

export const dbUrl = (name) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.href;
};
const psqlArgs = (url, args) => ['-v', 'ON_ERROR_STOP=1', '-X', '-q', '-d', url, ...args];
export const psql = (url, ...args) => run(psqlBin, psqlArgs(url, args));
/** The rows of a query, unaligned, one per line (psql -A -t). */
export const psqlQuery = async (url, sql) =>
  (await run(psqlBin, psqlArgs(url, ['-A', '-t', '-c', sql]), { capture: true })).out;
/** psql reading its script from `input` (see `run`), e.g. one generated as it is consumed. */
export const psqlInput = (url, input, ...args) =>
  run(psqlBin, psqlArgs(url, ['-f', '-', ...args]), { input });
/** psql that resolves on failure too: `{ code, err }` (stderr has psql's `psql:file:line: ERROR: ...`). */
export const psqlResult = (url, ...args) => run(psqlBin, psqlArgs(url, args), { check: false });

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round1 = (x) => Math.round(x * 10) / 10;
export const stats = (ms) => ({
  min: round1(Math.min(...ms)),
  median: round1(median(ms)),
  runs: ms.map(Math.round),
});
/** Per-key medians over a list of {key: ms} objects (nested objects too). */
export const medians = (objs) =>
  Object.fromEntries(
    Object.keys(objs[0] ?? {}).map((k) => [
      k,
      typeof objs[0][k] === 'object' && objs[0][k] !== null
        ? medians(objs.map((o) => o[k]))
        : Math.round(median(objs.map((o) => o[k]))),
    ]),
  );
export const pad = (s, w) => String(s).padStart(w);

/**
 * Times `tools` ({name: args for node}) as whole processes: one warm-up round, then `runs` rounds.
 * Interleaved, and the order rotates per round, so that drift in machine load hits every tool.
 * `capture` names the tools whose stdout is kept (all rounds, warm-up first).
 */
export async function timeTools(tools, { runs, capture = [], label, timeoutMs }) {
  const names = Object.keys(tools);
  const ms = Object.fromEntries(names.map((k) => [k, []]));
  const outs = Object.fromEntries(capture.map((k) => [k, []]));
  for (let i = 0; i <= runs; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      const r = await run(process.execPath, tools[name], { capture: capture.includes(name), timeoutMs });
      if (capture.includes(name)) outs[name].push(r.out);
      if (i > 0) ms[name].push(r.ms); // round 0 is the warm-up
    }
    say(`${label}: round ${i === 0 ? 'warm-up' : `${i}/${runs}`} done`);
  }
  return { wall: Object.fromEntries(names.map((k) => [k, stats(ms[k])])), outs };
}

/** dist/cli.js is git-ignored and easily stale: rebuild when any source is newer. */
export async function ensureBuilt() {
  const built = existsSync(BUILT_CLI) ? statSync(BUILT_CLI).mtimeMs : 0;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .reduce((m, e) => Math.max(m, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
  if (built > Math.max(newest(join(ROOT, 'core')), newest(join(ROOT, 'cli')))) return;
  say('building dist/cli.js');
  await run('npm', ['run', 'build']);
}

/**
 * Checks the shared research files, rebuilds the CLI if stale, copies the reference and the CLI
 * into `.tmp/bench-*` and starts a throwaway server (autovacuum off) unless PG_URL is set.
 */
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
  // A copy of the bundle, so that a rebuild during the run (tests do one) does not change what is
  // measured half-way; its imports resolve to our node_modules from there too.
  CLI = join(refDir, 'cli.js');
  copyFileSync(BUILT_CLI, CLI);
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

/** The reference inspector's copy, whose `import pg` resolves to our node_modules. */
export const refScript = () => join(refDir, 'inspect-pg.mjs');
/** A file path in the run's temp dir (outside the repo, removed at the end). */
export const tmpFile = (name) => join(tmpRoot, name);

/** Generates a schema with gen-schema.mjs into the temp dir; returns the file's path. */
export async function generate(n, { variant = 'base', seed = 42 } = {}) {
  const args = ['--tables', String(n), '--seed', String(seed), '--variant', variant];
  const { out } = await run(process.execPath, [GEN, ...args], { capture: true });
  const file = tmpFile(`gen_${n}_${seed}_${variant}.sql`);
  writeFileSync(file, out);
  return file;
}

/** (Re)creates a database, from a template if given; it is dropped at the end on PG_URL. Returns its URL. */
export async function createDatabase(name, { template } = {}) {
  await psql(
    adminUrl,
    '-c',
    `DROP DATABASE IF EXISTS ${name}`,
    '-c',
    `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`,
  );
  if (!created.includes(name)) created.push(name);
  return dbUrl(name);
}

export async function dropDatabase(name) {
  await psql(adminUrl, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Generates a schema and loads it into a new database with psql (no ANALYZE: see setup). */
export async function loadGenerated(db, n, { variant = 'base' } = {}) {
  const t0 = performance.now();
  const file = await generate(n, { variant });
  const url = await createDatabase(db);
  await psql(url, '-f', file);
  say(`${db}: generated and loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { url, file };
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
      for (const db of created) await dropDatabase(db).catch((e) => say(e.message));
    }
    server = undefined;
    for (const d of [tmpRoot, refDir]) if (d) rmSync(d, { recursive: true, force: true });
    tmpRoot = refDir = undefined;
  })();
  return cleaning;
}

/**
 * Runs a benchmark's life: `setup`, then `main`, then `cleanup`, also on SIGHUP/SIGINT/SIGTERM
 * (exit code 128 + signal) and after a failure (exit code 1). `lastResort` runs synchronously if
 * the process exits before `cleanup` finished. `name` prefixes the progress lines on stderr.
 */
export function runLifecycle({ name, setup, main, cleanup, lastResort }) {
  tag = name;
  for (const [sig, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(sig, () => {
      received = sig;
      say(`${sig}: cleaning up`);
      cleanup().finally(() => process.exit(code));
    });
  }
  process.on('exit', lastResort);
  setup()
    .then(main)
    .then(
      () => cleanup(),
      async (e) => {
        if (!received) say(e.stack ?? e);
        await cleanup();
        process.exitCode = 1;
      },
    );
}

/** Runs `main` against a throwaway PostgreSQL server (or PG_URL), cleaning up whatever happens. */
export function runBench(name, main) {
  runLifecycle({
    name,
    setup,
    main,
    cleanup,
    lastResort: () => {
      // No graceful stop possible any more.
      if (server?.pid) {
        try {
          process.kill(server.pid, 'SIGKILL');
        } catch {}
      }
      for (const d of [tmpRoot, refDir]) if (d) rmSync(d, { recursive: true, force: true });
    },
  });
}

/** The ratio table both inspection benches print: reference vs ours (sql, json), min / median. */
export function ratioTable(title, results) {
  const mm = (s) => `${Math.round(s.min)} / ${Math.round(s.median)}`;
  const lines = [
    '',
    title,
    `${pad('tables', 6)} ${pad('runs', 4)} ${pad('reference', 13)} ${pad('ours --format sql', 17)} ${pad('ratio', 6)} ${pad('ours --format json', 18)} ${pad('ratio', 6)}`,
  ];
  for (const r of results) {
    const target = r.target
      ? `  target ${r.target}${r.met === undefined ? '' : `: ${r.met ? 'met' : 'MISSED'}`}`
      : '';
    lines.push(
      `${pad(r.tables, 6)} ${pad(r.runs, 4)} ${pad(mm(r.wallMs.reference), 13)} ${pad(mm(r.wallMs.oursSql), 17)} ${pad(`${r.ratio.sql.toFixed(2)}x`, 6)} ${pad(mm(r.wallMs.oursJson), 18)} ${pad(`${r.ratio.json.toFixed(2)}x`, 6)}${target}`,
    );
  }
  lines.push('ratio: ours / reference, on medians');
  return lines;
}
