// `npm test`: runs the *.test.ts files against real databases. Starts throwaway PostgreSQL and
// MariaDB servers unless PG_URL / MYSQL_URL are set, exports their admin URLs (and
// ATLAS_TS_TEST_TMP, a scratch dir) to the tests, and always stops the servers and removes the
// temp dir afterwards, including on failure and SIGINT/SIGTERM.
//
//   npm test                                   every *.test.ts under core/, cli/, provider/, test/
//   npm test -- test/foo.test.ts               just these files
//   npm test -- --test-name-pattern=isolated   flags (--x=y form) go to `node --test`
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMariaDB, startMariaDB, startPostgres } from './test-servers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_DIRS = ['core', 'cli', 'provider', 'test'];
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const abort = new AbortController();
const servers = [];
let tmpRoot;
let runner;
let received;
let cleaning;

const say = (msg) => console.error(`[test.mjs] ${msg}`);

/**
 * Where the servers keep their data. CREATE DATABASE fsyncs a copy of the template: about
 * 220 ms on a disk against 10 ms on tmpfs, and tests create hundreds of databases. So prefer
 * /dev/shm when it has room (TMPDIR still wins when set explicitly).
 */
function scratchDir() {
  if (process.env.TMPDIR) return tmpdir();
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 2 * 1024 ** 3) return '/dev/shm';
  } catch {}
  return tmpdir();
}

/** Recursive walk: node 20's `--test` does not expand globs reliably. */
function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return findTests(path);
      return e.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
    })
    .sort();
}

/** Starts the servers not supplied via env; on any failure the already-started ones stay in `servers`. */
async function startServers(env) {
  const t0 = performance.now();
  const starts = [];
  const start = (name, fn, key) => {
    starts.push(
      fn(tmpRoot, { signal: abort.signal }).then((server) => {
        servers.push(server);
        env[key] = server.url;
        say(`${name} ready in ${Math.round(performance.now() - t0)} ms: ${server.url}`);
      }),
    );
  };
  if (env.PG_URL) say(`using PG_URL=${env.PG_URL}`);
  else start('postgres', startPostgres, 'PG_URL');
  if (env.MYSQL_URL) say(`using MYSQL_URL=${env.MYSQL_URL}`);
  else if (findMariaDB()) start('mariadb', startMariaDB, 'MYSQL_URL');
  else say('WARNING: MariaDB not installed (no mariadb-install-db/mariadbd); MySQL tests will be skipped');
  const results = await Promise.allSettled(starts);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (starts.length > 0) say(`servers ready in ${Math.round(performance.now() - t0)} ms (tmp ${tmpRoot})`);
}

function runTests(env, args) {
  const flags = args.filter((a) => a.startsWith('-'));
  const given = args.filter((a) => !a.startsWith('-'));
  const files = given.length > 0 ? given : TEST_DIRS.flatMap((d) => findTests(join(ROOT, d)));
  if (files.length === 0) throw new Error(`no *.test.ts files under ${TEST_DIRS.join(', ')}`);
  const nodeArgs = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${availableParallelism()}`,
    '--test-reporter=spec',
    ...flags,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    runner = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: 'inherit' });
    runner.on('error', reject);
    runner.on('exit', (code, signal) => resolve(code ?? SIGNAL_EXIT[signal] ?? 1));
  });
}

async function main(args) {
  tmpRoot = mkdtempSync(join(scratchDir(), 'atlas-ts-test-'));
  const env = { ...process.env, ATLAS_TS_TEST_TMP: tmpRoot };
  try {
    await startServers(env);
  } catch (err) {
    if (received) return SIGNAL_EXIT[received];
    say(`server start-up failed: ${err.message}`);
    return 1;
  }
  if (received) return SIGNAL_EXIT[received];
  const code = await runTests(env, args);
  return received ? SIGNAL_EXIT[received] : code;
}

function cleanup() {
  cleaning ??= (async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    servers.length = 0;
    if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
    tmpRoot = undefined;
  })();
  return cleaning;
}

for (const sig of Object.keys(SIGNAL_EXIT)) {
  process.on(sig, () => {
    received ??= sig;
    abort.abort(new Error(`received ${sig}`)); // stops a server start-up in progress
    runner?.kill(sig); // main() continues once the tests exit, then cleans up
  });
}

async function fail(err) {
  console.error(err);
  await cleanup().catch((e) => console.error(e));
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// Last resort if something calls process.exit() before cleanup finished: no graceful stop possible.
process.on('exit', () => {
  for (const s of servers) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {}
  }
  if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
});

main(process.argv.slice(2)).then(async (code) => {
  await cleanup();
  process.exit(code);
}, fail);
