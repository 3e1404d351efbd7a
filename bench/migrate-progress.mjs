// `npm run bench:migrate`: what statement-level progress bookkeeping costs in `atlas-ts migrate
// apply --tx-mode none` on PostgreSQL, in WAL bytes and wall time, for one data file of N
// statements (10,000 and 30,000), against psql running the same statements in autocommit (the
// reference: the same inserts and commits, no bookkeeping), measured in the same run. Atlas
// rewrites a growing JSON array of statement hashes after every statement (quadratic: ~30 GB of
// WAL for 30,000 statements, Atlas issue #2832); atlas-ts writes fixed-size columns only, so its
// bookkeeping should grow linearly. For contrast, Atlas's scheme is emulated with psql at smaller
// sizes (2,000 and 6,000) and extrapolated to 30,000 from its quadratic fit.
//
//   npm run bench:migrate [-- --sizes 10000,30000] [--atlas-sizes 2000,6000] [--runs 3] [--json]
//
// PG_URL (an admin URL, superuser: it runs CHECKPOINT) points it at an existing server instead of
// a throwaway one; it then creates and afterwards drops the databases mig_<N>, ref_<N> and
// emu_<N> there. WAL is counted cluster-wide: other activity on that server inflates the numbers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CLI,
  createDatabase,
  dropDatabase,
  median,
  pad,
  psql,
  psqlInput,
  psqlQuery,
  run,
  runBench,
  say,
  tmpFile,
} from './lib.mjs';

const REVISIONS = 'atlas_schema_revisions.atlas_schema_revisions';
const TIMEOUT_MS = 60 * 60 * 1000; // per measured step
const EXTRAPOLATE_TO = 30_000;

const USAGE = `Usage: npm run bench:migrate [-- --sizes 10000,30000] [--atlas-sizes 2000,6000] [--runs R] [--json]

  --sizes        statements in the migration file, atlas-ts and reference (default 10000,30000)
  --atlas-sizes  statements of Atlas's scheme, emulated, and its reference (default 2000,6000;
                 its WAL grows with N squared: 6,000 writes about 1 GB)
  --runs         runs of atlas-ts and of its reference per size, interleaved; medians (default 3)
  --atlas-runs   runs of the emulation and of its reference per size (default 1)
  --json         print the results as JSON instead of tables
Env: PG_URL=postgres://... uses that server (admin URL, superuser) instead of starting a throwaway one.`;

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,30000' },
    'atlas-sizes': { type: 'string', default: '2000,6000' },
    runs: { type: 'string', default: '3' },
    'atlas-runs': { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
const list = (s) => (s === '' ? [] : s.split(',').map(Number));
const sizes = list(opt.sizes);
const atlasSizes = list(opt['atlas-sizes']);
const runs = Number(opt.runs);
const atlasRuns = Number(opt['atlas-runs']);
if ([...sizes, ...atlasSizes, runs, atlasRuns].some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(USAGE);
  process.exit(1);
}

const insert = (i) => `INSERT INTO t VALUES (${i}, 'row ${i}');\n`;

/** The data file: N inserts, one per line. */
function writeDataFile(path, n) {
  const lines = [];
  for (let i = 1; i <= n; i++) lines.push(insert(i));
  writeFileSync(path, lines.join(''));
}

let server; // version and the settings that matter here, read from the first database

/** A fresh database with the target table; returns its URL. */
async function freshDatabase(name) {
  const url = await createDatabase(name);
  await psql(url, '-c', 'CREATE TABLE t (id int, payload text)');
  if (!server) {
    const settings = ['full_page_writes', 'fsync', 'synchronous_commit', 'wal_level'];
    const [version, ...values] = (
      await psqlQuery(
        url,
        `SELECT current_setting('server_version')${settings.map((s) => `, current_setting('${s}')`).join('')}`,
      )
    )
      .trim()
      .split('|');
    server = { version, ...Object.fromEntries(settings.map((s, i) => [s, values[i]])) };
  }
  return url;
}

/**
 * CHECKPOINT (so that full-page writes, when the server has them on, hit every step alike: the
 * first change of each page after a checkpoint logs the whole page), then runs `step` and counts
 * the WAL it wrote. The insert position, not pg_current_wal_lsn() (the write position), which lags
 * by what the WAL writer has not written yet under synchronous_commit=off.
 */
async function measured(url, step) {
  await psql(url, '-c', 'CHECKPOINT');
  const before = (await psqlQuery(url, 'SELECT pg_current_wal_insert_lsn()')).trim();
  const { ms } = await step();
  const wal = Number(
    (await psqlQuery(url, `SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '${before}')`)).trim(),
  );
  return { seconds: ms / 1000, walBytes: wal };
}

async function expectRows(url, n, what) {
  const count = Number((await psqlQuery(url, 'SELECT count(*) FROM t')).trim());
  if (count !== n) throw new Error(`${what}: ${count} rows in t, expected ${n}`);
}

/** psql -f in autocommit: one transaction per statement, no bookkeeping. */
async function reference(n) {
  const db = `ref_${n}`;
  const url = await freshDatabase(db);
  const file = tmpFile(`ref_${n}.sql`);
  if (!existsSync(file)) writeDataFile(file, n);
  say(`reference ${n}: psql -f (autocommit)`);
  const m = await measured(url, () => psql(url, '-f', file));
  await expectRows(url, n, `reference ${n}`);
  await dropDatabase(db);
  say(`reference ${n}: ${m.seconds.toFixed(1)} s, ${mb(m.walBytes)} MB of WAL`);
  return { tool: 'reference', n, ...m };
}

/** Statistics of a table, once the backends that changed it have reported (at their exit). */
async function tableStats(url, table, minUpdates) {
  const [schema, name] = table.split('.');
  const sql = `SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, pg_total_relation_size(relid), pg_relation_size(relid)
    FROM pg_stat_user_tables WHERE schemaname = '${schema}' AND relname = '${name}'`;
  let row;
  for (let i = 0; i < 50; i++) {
    row = (await psqlQuery(url, sql)).trim().split('|').map(Number);
    if (row[1] >= minUpdates) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const [inserts, updates, hotUpdates, totalBytes, heapBytes] = row;
  return { inserts, updates, hotUpdates, totalBytes, heapBytes };
}

/** `atlas-ts migrate apply --tx-mode none`, the whole process, on a directory of one file. */
async function atlasTs(n) {
  const db = `mig_${n}`;
  const url = await freshDatabase(db);
  const dir = tmpFile(`migrations_${n}`);
  if (!existsSync(dir)) {
    mkdirSync(dir);
    writeDataFile(`${dir}/1_data.sql`, n);
    await run(process.execPath, [CLI, 'migrate', 'hash', '--dir', `file://${dir}`]);
  }
  say(`atlas-ts ${n}: migrate apply --tx-mode none`);
  const args = ['migrate', 'apply', '--url', url, '--dir', `file://${dir}`, '--tx-mode', 'none'];
  const m = await measured(url, () =>
    run(process.execPath, [CLI, ...args, '--allow-dirty'], { timeoutMs: TIMEOUT_MS }),
  );
  await expectRows(url, n, `atlas-ts ${n}`);
  const [applied, total, hashes] = (
    await psqlQuery(
      url,
      `SELECT applied, total, partial_hashes IS NULL FROM ${REVISIONS} WHERE version = '1'`,
    )
  )
    .trim()
    .split('|');
  if (Number(applied) !== n || Number(total) !== n || hashes !== 't')
    throw new Error(`atlas-ts ${n}: revision row says applied ${applied}, total ${total}`);
  // n progress updates, and the final write of the row (an upsert) is one more.
  const revisions = await tableStats(url, REVISIONS, n + 1);
  await dropDatabase(db);
  say(`atlas-ts ${n}: ${m.seconds.toFixed(1)} s, ${mb(m.walBytes)} MB of WAL`);
  return { tool: 'atlas-ts', n, ...m, revisions };
}

/** The script of Atlas's scheme: after each insert, the row with the whole array so far. */
function* atlasScript(n) {
  const h = createHash('sha256'); // cumulative statement hashes, as Atlas's (random-looking: no compression)
  let array = '';
  for (let i = 1; i <= n; i++) {
    const stmt = insert(i);
    h.update(stmt.trimEnd());
    array += `${i > 1 ? ',' : ''}"h1:${h.copy().digest('base64')}"`;
    yield `${stmt}UPDATE rev SET applied = ${i}, partial_hashes = '[${array}]'::jsonb WHERE version = '1';\n`;
  }
}

/** Atlas's scheme, emulated: psql in autocommit, each insert followed by the row's rewrite. */
async function atlasEmulated(n) {
  const db = `emu_${n}`;
  const url = await freshDatabase(db);
  // Shaped like the revisions table, with the row of the file being applied.
  await psql(
    url,
    '-c',
    `CREATE TABLE rev (
  version character varying NOT NULL PRIMARY KEY,
  description character varying NOT NULL,
  type bigint NOT NULL DEFAULT 2,
  applied bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  executed_at timestamptz NOT NULL,
  execution_time bigint NOT NULL,
  error text NULL,
  error_stmt text NULL,
  hash character varying NOT NULL,
  partial_hashes jsonb NULL,
  operator_version character varying NOT NULL)`,
    '-c',
    `INSERT INTO rev VALUES ('1', 'data', 2, 0, ${n}, now(), 0, NULL, NULL, 'h1:${'A'.repeat(43)}=', NULL, 'Atlas emulated')`,
  );
  say(`Atlas emulated ${n}: psql, script streamed to its stdin (autocommit)`);
  const m = await measured(url, () => psqlInput(url, atlasScript(n)));
  await expectRows(url, n, `Atlas emulated ${n}`);
  const rev = await tableStats(url, 'public.rev', n);
  await dropDatabase(db);
  say(`Atlas emulated ${n}: ${m.seconds.toFixed(1)} s, ${mb(m.walBytes)} MB of WAL`);
  return { tool: 'Atlas emulated', n, ...m, revisions: rev };
}

const mb = (bytes) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Runs each step `runs` times at size n, interleaved, the order rotating per round (so that drift
 * in machine load hits both); returns per step the last run's details with median time and WAL.
 */
async function repeat(steps, n, runs) {
  const all = steps.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < steps.length; j++) {
      const k = (i + j) % steps.length;
      all[k].push(await steps[k](n));
    }
    if (runs > 1) say(`${n}: round ${i + 1}/${runs} done`);
  }
  return all.map((ms) => ({
    ...ms.at(-1),
    runs: ms.length,
    seconds: median(ms.map((m) => m.seconds)),
    walBytes: median(ms.map((m) => m.walBytes)),
    all: ms.map((m) => ({ seconds: round(m.seconds, 3), walBytes: m.walBytes })),
  }));
}

/** Bookkeeping = tool - reference at the same N; growth = last / first bookkeeping. */
function analyze(rows, refs) {
  const out = rows.map((r) => {
    const ref = refs.find((x) => x.n === r.n);
    const bookkeepingBytes = r.walBytes - ref.walBytes;
    return {
      ...r,
      bookkeepingBytes,
      bytesPerStatement: round(bookkeepingBytes / r.n, 1),
      timeRatio: round(r.seconds / ref.seconds),
    };
  });
  if (out.length >= 2) {
    const [a, b] = [out[0], out.at(-1)];
    b.growth = { from: a.n, factor: round(b.bookkeepingBytes / a.bookkeepingBytes), sizeFactor: b.n / a.n };
  }
  return out;
}

/**
 * Fits bytes = a N^2 + b N (quadratic) and bytes = c + s N (linear) through the first and last
 * points, the two shapes the growth factor tells apart.
 */
function fits(rows) {
  if (rows.length < 2) return undefined;
  const [p, q] = [rows[0], rows.at(-1)];
  const a = (q.bookkeepingBytes / q.n - p.bookkeepingBytes / p.n) / (q.n - p.n);
  const b = p.bookkeepingBytes / p.n - a * p.n;
  const s = (q.bookkeepingBytes - p.bookkeepingBytes) / (q.n - p.n);
  const c = p.bookkeepingBytes - s * p.n;
  return {
    quadratic: { a, b, at: (n) => a * n * n + b * n },
    linear: { perStatement: s, fixed: c, at: (n) => c + s * n },
  };
}

const COLUMNS = [
  ['tool', 16, (x) => x.tool],
  ['N', 7, (x) => x.n.toLocaleString('en-US')],
  ['runs', 4, (x) => x.runs],
  ['time s', 8, (x) => x.seconds?.toFixed(2)],
  ['WAL MB', 9, (x) => x.walBytes !== undefined && mb(x.walBytes)],
  ['bookkeeping MB', 14, (x) => x.bookkeepingBytes !== undefined && mb(x.bookkeepingBytes)],
  ['bytes/stmt', 10, (x) => x.bytesPerStatement !== undefined && Math.round(x.bytesPerStatement)],
  ['growth', 15, (x) => x.growth && `${x.growth.factor}x (N ${x.growth.sizeFactor}x)`],
  ['time / ref', 10, (x) => x.timeRatio !== undefined && `${x.timeRatio}x`],
];
const row = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[0][1]) : pad(c, COLUMNS[i][1]))).join(' ');

function printTables(r) {
  const line = (x) => row(COLUMNS.map(([, , f]) => String(f(x) || '-')));
  const { server: sv } = r;
  const lines = [
    '',
    `migrate apply --tx-mode none, progress bookkeeping: one file of N single-row INSERTs; whole processes, medians of the runs`,
    `PostgreSQL ${sv.version}: full_page_writes=${sv.full_page_writes}, fsync=${sv.fsync}, synchronous_commit=${sv.synchronous_commit}, wal_level=${sv.wal_level}`,
    `WAL counted from a CHECKPOINT before each step, so that full-page writes${sv.full_page_writes === 'on' ? '' : ' (off on this server)'} hit every step alike`,
    '',
    row(COLUMNS.map(([h]) => h)),
  ];
  for (const x of [...r.reference, ...r.atlasTs]) lines.push(line(x));
  if (r.atlasEmulated.length > 0) {
    lines.push('');
    for (const x of [...r.atlasReference, ...r.atlasEmulated]) lines.push(line(x));
    if (r.extrapolated) lines.push(`${line({ ...r.extrapolated, tool: 'Atlas emulated' })}  EXTRAPOLATED`);
  }
  lines.push(
    '',
    'bookkeeping: WAL of the tool - WAL of the reference (psql -f, autocommit) at the same N',
    'growth: bookkeeping bytes at the largest N / at the smallest (about 3x when linear for 3x N, 9x when quadratic)',
    'time / ref: wall time of the tool / of the reference at the same N',
  );
  if (r.fits.atlasTs) {
    const l = r.fits.atlasTs.linear;
    lines.push(
      `atlas-ts bookkeeping, linear through its two points: ${Math.round(l.perStatement)} bytes per statement + ${mb(l.fixed)} MB fixed (the revisions schema and table, created in the run)`,
    );
  }
  if (r.extrapolated) {
    const q = r.fits.atlasEmulated.quadratic;
    lines.push(
      `Atlas emulated, EXTRAPOLATION to ${EXTRAPOLATE_TO.toLocaleString('en-US')} from the quadratic through its two measured points (bytes = ${q.a.toFixed(2)} N^2 + ${Math.round(q.b)} N): ${(r.extrapolated.bookkeepingBytes / 1e9).toFixed(1)} GB of bookkeeping WAL`,
    );
  }
  for (const x of [...r.atlasTs, ...r.atlasEmulated]) {
    const s = x.revisions;
    lines.push(
      `${x.tool} ${x.n}: revisions table ${x.tool === 'atlas-ts' ? REVISIONS : 'rev'} ${s.totalBytes.toLocaleString('en-US')} bytes in total (heap ${s.heapBytes.toLocaleString('en-US')}; pg_total_relation_size, before any vacuum), n_tup_ins ${s.inserts}, n_tup_upd ${s.updates}, n_tup_hot_upd ${s.hotUpdates}`,
    );
  }
  console.log(lines.join('\n'));
}

runBench('bench:migrate', async () => {
  const results = {};
  const ref = [];
  const ours = [];
  for (const n of sizes) {
    const [r, o] = await repeat([reference, atlasTs], n, runs);
    ref.push(r);
    ours.push(o);
  }
  const atlasRef = [];
  const emulated = [];
  for (const n of atlasSizes) {
    const [r, e] = await repeat([reference, atlasEmulated], n, atlasRuns);
    atlasRef.push(r);
    emulated.push(e);
  }
  results.server = server;
  results.reference = ref;
  results.atlasTs = analyze(ours, ref);
  results.atlasReference = atlasRef;
  results.atlasEmulated = analyze(emulated, atlasRef);
  const fitOurs = fits(results.atlasTs);
  const fitAtlas = fits(results.atlasEmulated);
  results.fits = { atlasTs: fitOurs, atlasEmulated: fitAtlas };
  if (fitAtlas) {
    const bytes = fitAtlas.quadratic.at(EXTRAPOLATE_TO);
    results.extrapolated = {
      tool: 'Atlas emulated',
      n: EXTRAPOLATE_TO,
      extrapolated: true,
      bookkeepingBytes: Math.round(bytes),
      bytesPerStatement: round(bytes / EXTRAPOLATE_TO, 1),
    };
  }
  if (opt.json) {
    const strip = (f) =>
      f && { quadratic: { a: f.quadratic.a, b: f.quadratic.b }, linear: { ...f.linear, at: undefined } };
    const fitsJson = { atlasTs: strip(fitOurs), atlasEmulated: strip(fitAtlas) };
    console.log(JSON.stringify({ date: new Date().toISOString(), ...results, fits: fitsJson }, null, 2));
  } else printTables(results);
});
