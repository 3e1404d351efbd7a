// Throwaway PostgreSQL and MariaDB servers for tests and benchmarks. Each lives entirely under
// the caller's temp root (data, socket, pid, logs) on a free 127.0.0.1 port, so concurrent runs
// never collide. Callers own the temp root and must call stop() before removing it.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { findPgBinDir } from './pg-bin.mjs';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const START_ATTEMPTS = 3; // freePort() can race with another process grabbing the port
const isRoot = process.getuid?.() === 0;

const PG_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=200',
  'max_locks_per_transaction=1024',
  'password_encryption=scram-sha-256',
];

// The one role that needs a password (scram-sha-256), so tests can exercise real authentication
// failures; every other role keeps initdb's trust auth. pg_hba.conf is matched top-down.
const PG_HBA_PASSWORD_RULE = 'host all atlas_pw 127.0.0.1/32 scram-sha-256\n';

/** A port the kernel just handed out; the server binds it a moment later (see START_ATTEMPTS). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** mariadbd lives in /usr/sbin on Debian, which is not on a normal user's PATH. */
function findBin(name) {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/sbin'];
  return dirs
    .filter(Boolean)
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}

/** MariaDB binaries, or undefined when MariaDB is not installed. */
export function findMariaDB() {
  const installDb = findBin('mariadb-install-db');
  const mariadbd = findBin('mariadbd');
  return installDb && mariadbd ? { installDb, mariadbd } : undefined;
}

/** PostgreSQL refuses to run as root, so as root it runs as `nobody` (spawn sets uid/gid and drops groups). */
function pgIdentity() {
  if (!isRoot) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function failure(message, log) {
  return new Error(`${message}\n--- last lines of ${log} ---\n${tail(log)}\n---`);
}

function spawnLogged(cmd, args, { log, ...opts }) {
  const fd = openSync(log, 'a');
  try {
    return spawn(cmd, args, { stdio: ['ignore', fd, fd], ...opts });
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

/** Runs a one-shot setup command (initdb, install-db), output to `log`. */
function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawnLogged(cmd, args, opts);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(failure(`${basename(cmd)} failed (${code ?? signal})`, opts.log)),
    );
  });
}

/**
 * Starts a server process. `detached` puts it in its own process group so a terminal Ctrl-C reaches
 * only the harness, which stops the tests first and the servers after.
 */
function launch(cmd, args, { stopSignal, ...opts }) {
  const child = spawnLogged(cmd, args, { ...opts, detached: true });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', (err) => resolve(err.message));
  });
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill(stopSignal);
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(force);
      }
    })();
    return stopping;
  };
  return { child, exited, stop };
}

/** Polls `probe` until it succeeds; fails fast if the server exits or the caller aborts. */
async function waitReady(server, probe, log, signal) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    signal?.throwIfAborted();
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw failure(`${basename(server.child.spawnfile)} exited during startup`, log);
    }
    try {
      return await probe();
    } catch (err) {
      if (Date.now() > deadline) throw failure(`server not ready after ${READY_TIMEOUT_MS} ms: ${err}`, log);
    }
    await sleep(50);
  }
}

/** Starts on a fresh port, retrying when another process took the port first. */
async function startOnFreePort({ log, signal, launchAt, probe, name }) {
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const port = await freePort();
    const logStart = existsSync(log) ? statSync(log).size : 0;
    const server = launchAt(port);
    try {
      await waitReady(server, () => probe(port), log, signal);
      return { port, pid: server.child.pid, stop: server.stop };
    } catch (err) {
      await server.stop();
      const portTaken = /address already in use/i.test(readFileSync(log, 'utf8').slice(logStart));
      if (!portTaken || attempt >= START_ATTEMPTS) throw err;
      console.error(`${name}: port ${port} was taken, retrying`);
    }
  }
}

/**
 * initdb + postgres under `<tmpRoot>/pg`. Returns `{ url, stop(), port, pid, bindir, log }`;
 * the URL is the superuser `postgres` with trust auth on 127.0.0.1 (only role `atlas_pw` needs a password).
 */
export async function startPostgres(tmpRoot, { signal } = {}) {
  const bindir = findPgBinDir();
  if (!bindir) throw new Error('PostgreSQL binaries (initdb, postgres) not found: install postgresql');
  const dir = join(tmpRoot, 'pg');
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const ids = pgIdentity();
  mkdirSync(dir);
  if (ids.uid !== undefined) {
    chmodSync(tmpRoot, 0o711); // mkdtemp makes it 0700; `nobody` must traverse it to reach pg/
    chownSync(dir, ids.uid, ids.gid);
  }
  const initdbArgs = ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'];
  await run(join(bindir, 'initdb'), initdbArgs, { log: join(dir, 'initdb.log'), cwd: dir, ...ids });
  const hba = join(data, 'pg_hba.conf');
  writeFileSync(hba, PG_HBA_PASSWORD_RULE + readFileSync(hba, 'utf8'));

  const settings = PG_SETTINGS.flatMap((s) => ['-c', s]);
  const { port, pid, stop } = await startOnFreePort({
    name: 'postgres',
    log,
    signal,
    launchAt: (port) =>
      launch(
        join(bindir, 'postgres'),
        ['-D', data, '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-p', String(port), ...settings],
        // SIGINT is "fast shutdown": disconnects clients instead of waiting for them.
        { log, cwd: dir, stopSignal: 'SIGINT', ...ids },
      ),
    probe: async (port) => {
      const client = new pg.Client({ connectionString: pgUrl(port), connectionTimeoutMillis: 2000 });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    },
  });
  return { url: pgUrl(port), stop, port, pid, bindir, log };
}

function pgUrl(port) {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/**
 * mariadb-install-db + mariadbd under `<tmpRoot>/my`. Returns `{ url, stop(), port, pid, log }`;
 * the URL is root with no password over TCP (real auth: other users need their passwords).
 */
export async function startMariaDB(tmpRoot, { signal } = {}) {
  const bins = findMariaDB();
  if (!bins) throw new Error('MariaDB binaries (mariadb-install-db, mariadbd) not found');
  const dir = join(tmpRoot, 'my');
  const data = join(dir, 'data');
  const log = join(dir, 'mariadbd.log');
  // mariadbd refuses root unless told explicitly; it needs no unprivileged user, unlike postgres.
  const asRoot = isRoot ? ['--user=root'] : [];
  mkdirSync(dir);
  await run(
    bins.installDb,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal', // passwordless root@localhost/127.0.0.1/::1
      '--skip-test-db',
      '--skip-name-resolve',
      ...asRoot,
    ],
    { log: join(dir, 'install-db.log'), cwd: dir },
  );

  const { port, pid, stop } = await startOnFreePort({
    name: 'mariadbd',
    log,
    signal,
    launchAt: (port) =>
      launch(
        bins.mariadbd,
        [
          '--no-defaults', // must come first; ignores /etc/mysql so a system install cannot interfere
          `--datadir=${data}`,
          `--socket=${join(dir, 'my.sock')}`,
          `--pid-file=${join(dir, 'mariadbd.pid')}`,
          `--tmpdir=${dir}`,
          `--port=${port}`,
          '--bind-address=127.0.0.1',
          '--skip-name-resolve', // no DNS lookups per connection; root@127.0.0.1 exists
          '--skip-log-bin',
          '--innodb-flush-log-at-trx-commit=0',
          '--innodb-doublewrite=0',
          '--max-connections=500',
          // --no-defaults would leave latin1; match what Debian's packaged config gives users.
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_general_ci',
          ...asRoot,
        ],
        { log, cwd: dir, stopSignal: 'SIGTERM' },
      ),
    probe: async (port) => {
      const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
      try {
        await conn.query('SELECT 1');
      } finally {
        await conn.end().catch(() => {});
      }
    },
  });
  return { url: `mysql://root@127.0.0.1:${port}/`, stop, port, pid, log };
}
