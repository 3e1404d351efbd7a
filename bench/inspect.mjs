// `npm run bench`: wall time of `atlas-ts schema inspect` on generated PostgreSQL schemas of
// 100 / 1,000 / 5,000 tables, against the batched reference inspector
// (../shared/research/inspect-pg.mjs) measured in the same run. Prints ratios, never absolute
// pass/fail: the machine's speed cancels out, the shape of our inspection does not.
//
//   npm run bench [-- --sizes 100,1000] [--runs 5] [--json]
//
// PG_URL (an admin URL) points it at an existing server instead of a throwaway one; it then
// creates and afterwards drops the databases bench_<N> there.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLI,
  loadGenerated,
  medians,
  pad,
  ROOT,
  ratioTable,
  refScript,
  run,
  runBench,
  say,
  timeTools,
} from './lib.mjs';

const PHASES = join(ROOT, 'bench/phases.mjs');
const TARGET = { tables: 5000, ratio: 1.5 }; // research/peers.md: 2.5 s where the reference takes 1.7 s

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

async function measure(n) {
  const { url } = await loadGenerated(`bench_${n}`, n);
  const runs = fixedRuns ?? (n >= 5000 ? 5 : 7);
  const tools = {
    reference: [refScript(), '--url', url],
    oursSql: [CLI, 'schema', 'inspect', '--url', url, '--format', 'sql'],
    oursJson: [CLI, 'schema', 'inspect', '--url', url, '--format', 'json'],
  };
  // The reference prints one short JSON line (its own per-query timings): cheap to keep.
  const { wall, outs } = await timeTools(tools, { runs, capture: ['reference'], label: `${n} tables` });
  const refReports = outs.reference.map((o) => JSON.parse(o));
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
  const lines = ratioTable(
    'schema inspect, whole process (Node start-up included), wall ms as min / median',
    results,
  );
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

runBench('bench', async () => {
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  if (opt.json) console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
  else printTables(results);
});
