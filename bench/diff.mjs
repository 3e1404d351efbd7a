// `npm run bench:diff`: wall time of `atlas-ts schema diff` between two generated PostgreSQL
// databases (gen-schema.mjs --variant base / modified) of 1,000 and 5,000 tables, against the
// reference (../shared/research/inspect-pg.mjs --diff-url: two concurrent batched inspections and
// a naive compare) measured in the same run; then a no-op `schema apply` of a 1,000-table SQL file
// (dev database on the server, and the default embedded PGlite), with a per-phase breakdown.
// Correctness is checked along the way: the diff (base -> modified, and back), applied to a copy
// of its from-side, must leave nothing to diff, for us and for the reference; the no-op apply
// must plan nothing.
//
//   npm run bench:diff [-- --sizes 1000,5000] [--runs 5] [--apply-tables 1000] [--skip-pglite] [--json]
//
// PG_URL (an admin URL) points it at an existing server instead of a throwaway one; it then
// creates and afterwards drops the databases diff_<N>_base, diff_<N>_mod, diff_<N>_check,
// noop_<N> and noop_<N>_dev there. Exit code 2: it ran, but found correctness problems.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLI,
  createDatabase,
  dbUrl,
  dropDatabase,
  generate,
  loadGenerated,
  medians,
  pad,
  psql,
  psqlQuery,
  psqlResult,
  ROOT,
  refScript,
  run,
  runBench,
  say,
  timeTools,
  tmpFile,
} from './lib.mjs';

const PHASES = join(ROOT, 'bench/plan-phases.mjs');
const TARGET_RATIO = 2; // ours / reference, schema diff database to database
const SYNCED_DIFF = 'Schemas are synced, no changes to be made';
const SYNCED_APPLY = 'Schema is synced, no changes to be made';

const USAGE = `Usage: npm run bench:diff [-- --sizes 1000,5000] [--runs R] [--apply-tables N] [--skip-pglite] [--json]

  --sizes           table counts to generate and diff (default 1000,5000)
  --runs            timed runs per tool and size, after 1 warm-up (default 7; 5 at >= 5000 tables)
  --apply-tables    tables of the no-op schema apply (default 1000; 0 skips it)
  --skip-pglite     no no-op apply with the embedded PGlite dev database
  --pglite-runs     timed runs of the PGlite no-op apply (default 3)
  --pglite-timeout  seconds one PGlite apply may take before it is given up (default 600)
  --json            print the results as JSON instead of tables
Env: PG_URL=postgres://... uses that server (admin URL) instead of starting a throwaway one.`;

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    runs: { type: 'string' },
    'apply-tables': { type: 'string', default: '1000' },
    'skip-pglite': { type: 'boolean', default: false },
    'pglite-runs': { type: 'string', default: '3' },
    'pglite-timeout': { type: 'string', default: '600' },
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
const applyTables = Number(opt['apply-tables']);
const pgliteRuns = Number(opt['pglite-runs']);
const pgliteTimeoutMs = Number(opt['pglite-timeout']) * 1000;
if (
  sizes.some((n) => !Number.isInteger(n) || n < 1) ||
  (fixedRuns !== undefined && !(fixedRuns >= 1)) ||
  !(Number.isInteger(applyTables) && applyTables >= 0) ||
  !(pgliteRuns >= 1) ||
  !(pgliteTimeoutMs > 0)
) {
  console.error(USAGE);
  process.exit(1);
}
const runsFor = (n) => fixedRuns ?? (n >= 5000 ? 5 : 7);

/** Correctness problems: what, where, and the evidence (output, failing statement). */
const findings = [];
function finding(where, what, evidence) {
  findings.push({ where, what, evidence: evidence.trim() });
  say(`CORRECTNESS: ${where}: ${what}`);
}
const head = (text, lines = 40) => {
  const all = text.trimEnd().split('\n');
  return all.length > lines
    ? `${all.slice(0, lines).join('\n')}\n… (${all.length - lines} more lines)`
    : all.join('\n');
};

/** Medians of `count` runs of bench/plan-phases.mjs, each in a fresh process; the last report's details. */
async function planPhases(args, count, { timeoutMs } = {}) {
  try {
    const reports = [];
    for (let i = 0; i < count; i++)
      reports.push(
        JSON.parse((await run(process.execPath, [PHASES, ...args], { capture: true, timeoutMs })).out),
      );
    const { ms, ...last } = reports.at(-1);
    return { ...last, ms: medians(reports.map((r) => r.ms)) };
  } catch (e) {
    say(`WARNING: no breakdown (bench/plan-phases.mjs failed): ${e.message}`);
    return undefined;
  }
}

/**
 * The statement psql stopped at: psql reports the line it had read up to; the statement starts
 * after the previous line that ends one (`;` at the end of a line, as our scripts print them).
 */
function failedStatement(script, stderr) {
  const m = /psql:[^\n]*?:(\d+): (ERROR: [^\n]*)/.exec(stderr);
  if (!m) return stderr;
  const lines = script.split('\n');
  const end = Number(m[1]);
  let start = end - 1;
  while (start > 0 && !lines[start - 1].trimEnd().endsWith(';')) start--;
  const before = lines.slice(0, start).filter((l) => l.trimEnd().endsWith(';')).length;
  return `${m[2]}\nat line ${end}, after ${before} statements applied:\n${head(lines.slice(start, end).join('\n'), 30)}`;
}

/**
 * Our diff from database `from` to `to` (names of loaded databases) must be SQL, and applied to a
 * copy of `from` it must leave nothing to diff against `to`: neither for our diff nor for the
 * reference's independent (naive) compare. Returns the script's size.
 */
async function checkDiff(n, from, to) {
  const where = `schema diff ${from} -> ${to}`;
  const toUrl = dbUrl(to);
  const diffArgs = (fromUrl) => [CLI, 'schema', 'diff', '--from', fromUrl, '--to', toUrl];
  const r = await run(process.execPath, diffArgs(dbUrl(from)), { capture: true, check: false });
  const script = r.out;
  if (r.code !== 0) {
    finding(where, `exit code ${r.code}`, r.err);
    return { ok: false };
  }
  if (script.trim() === '' || script.includes(SYNCED_DIFF) || !script.trimEnd().endsWith(';')) {
    finding(where, 'the output is not a non-empty SQL script', head(script || r.err));
    return { ok: false };
  }
  const file = tmpFile(`${from}_to_${to}.sql`);
  writeFileSync(file, script);
  const copy = `diff_${n}_check`;
  const copyUrl = await createDatabase(copy, { template: from });
  try {
    const applied = await psqlResult(copyUrl, '-f', file);
    if (applied.code !== 0) {
      finding(where, `applying the diff to a copy of ${from} fails`, failedStatement(script, applied.err));
      return { ok: false, bytes: script.length };
    }
    const again = await run(process.execPath, diffArgs(copyUrl), { capture: true, check: false });
    if (again.code !== 0 || !again.out.includes(SYNCED_DIFF)) {
      finding(
        where,
        `after applying the diff to a copy of ${from}, diffing it against ${to} is not "synced"`,
        again.code !== 0 ? again.err : `remaining diff:\n${head(again.out)}`,
      );
      return { ok: false, bytes: script.length };
    }
    const ref = JSON.parse(
      (await run(process.execPath, [refScript(), '--url', copyUrl, '--diff-url', toUrl], { capture: true }))
        .out,
    );
    if (ref.diff.changes !== 0 && !(await onlyCommentPositions(ref.diff, copyUrl, toUrl, where))) {
      finding(
        where,
        `after applying the diff to a copy of ${from}, the reference still finds ${ref.diff.changes} differences with ${to}`,
        ref.diff.sample.join('\n'),
      );
      return { ok: false, bytes: script.length };
    }
    say(`${where}: applies to a copy of ${from}, which then re-diffs as synced (ours and the reference)`);
    return { ok: true, bytes: script.length };
  } finally {
    await dropDatabase(copy); // frees the disk early; the throwaway server goes anyway
  }
}

// Column comments by table and column name, not position.
const COLUMN_COMMENTS = `SELECT c.oid::regclass, a.attname, col_description(c.oid, a.attnum)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NOT NULL
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY c.oid::regclass::text, a.attname`;

/**
 * The reference keys column comments by column number: after a DROP COLUMN (which leaves a hole)
 * or an ADD COLUMN (at the end) they differ from a freshly created table even when every column
 * has the same comment. True when those are the only differences it reports and the comments
 * are equal by name.
 */
async function onlyCommentPositions(refDiff, urlA, urlB, where) {
  const all = refDiff.sample.length === refDiff.changes;
  if (!all || !refDiff.sample.every((c) => /^~ .*\.columnComments$/.test(c))) return false;
  const [a, b] = [await psqlQuery(urlA, COLUMN_COMMENTS), await psqlQuery(urlB, COLUMN_COMMENTS)];
  if (a !== b) return false;
  say(
    `${where}: the reference's ${refDiff.changes} differences are column comments compared by column number; by name they are equal`,
  );
  return true;
}

async function measureDiff(n) {
  const { url: baseUrl } = await loadGenerated(`diff_${n}_base`, n, { variant: 'base' });
  const { url: modUrl } = await loadGenerated(`diff_${n}_mod`, n, { variant: 'modified' });
  // The timed direction, and back: removing enum labels, restoring dropped columns and indexes.
  const check = await checkDiff(n, `diff_${n}_base`, `diff_${n}_mod`);
  const back = await checkDiff(n, `diff_${n}_mod`, `diff_${n}_base`);
  const runs = runsFor(n);
  const tools = {
    reference: [refScript(), '--url', baseUrl, '--diff-url', modUrl],
    ours: [CLI, 'schema', 'diff', '--from', baseUrl, '--to', modUrl],
    // What of ours is Node start-up and loading the bundle.
    oursStartup: [CLI, '--version'],
  };
  const { wall, outs } = await timeTools(tools, { runs, capture: ['reference'], label: `diff ${n} tables` });
  const refReports = outs.reference.slice(1).map((o) => JSON.parse(o));
  const reference = {
    changes: refReports[0].diff.changes,
    ms: medians(
      refReports.map((r) => ({
        inspectBase: r.ms.total,
        inspectModified: r.diff.msB.total,
        compare: r.diff.compareMs,
        total: r.wallMs,
      })),
    ),
  };
  say(`diff ${n} tables: per-phase breakdown`);
  const ours = await planPhases(['--url', baseUrl, '--to', modUrl], runs);
  return {
    tables: n,
    runs,
    wallMs: wall,
    ratio: Math.round((wall.ours.median / wall.reference.median) * 100) / 100,
    ratioOfMins: Math.round((wall.ours.min / wall.reference.min) * 100) / 100,
    target: `<= ${TARGET_RATIO}x`,
    correct: { forward: check.ok, back: back.ok },
    scriptBytes: check.bytes,
    breakdown: { ours, reference },
  };
}

/** One no-op `schema apply` setting: correctness check, timed whole processes, in-process parts. */
async function noopApply(label, { targetUrl, to, devArgs, runs, timeoutMs }) {
  const where = `no-op schema apply, ${label}`;
  const base = [CLI, 'schema', 'apply', '--url', targetUrl, '--to', to, ...devArgs];
  let check;
  try {
    // --dry-run first: if it plans changes, --auto-approve would apply them and change the target.
    check = await run(process.execPath, [...base, '--dry-run'], { capture: true, check: false, timeoutMs });
  } catch (e) {
    say(`${where}: ${e.message}`);
    return { label, skipped: e.message };
  }
  const synced = check.code === 0 && check.out.includes(SYNCED_APPLY);
  if (!synced) {
    finding(
      where,
      check.code === 0 ? 'plans changes for a database loaded from the same SQL' : `exit code ${check.code}`,
      head(`${check.out}\n${check.err}`),
    );
    if (check.code !== 0) return { label, synced };
  } else say(`${where}: synced`);
  // A plan that is not empty is timed as a dry run: the same work up to applying.
  const mode = synced ? '--auto-approve' : '--dry-run';
  const { wall, outs } = await timeTools(
    { apply: [...base, mode] },
    { runs, capture: ['apply'], label: where, timeoutMs },
  );
  if (synced && outs.apply.some((o) => !o.includes(SYNCED_APPLY)))
    finding(where, 'a timed run was not synced', head(outs.apply.find((o) => !o.includes(SYNCED_APPLY))));
  say(`${where}: per-phase breakdown`);
  const devUrl = devArgs[1];
  const parts = await planPhases(
    ['--url', targetUrl, '--to', to, ...(devUrl ? ['--dev-url', devUrl] : [])],
    runs,
    {
      timeoutMs,
    },
  );
  return { label, synced, timedWith: mode, runs, wallMs: wall.apply, breakdown: parts };
}

async function measureApply(n) {
  const file = await generate(n, { variant: 'base' });
  const targetUrl = await createDatabase(`noop_${n}`);
  await psql(targetUrl, '-f', file);
  const devUrl = await createDatabase(`noop_${n}_dev`);
  say(`noop_${n}: loaded; dev database noop_${n}_dev is empty`);
  const to = `file://${file}`;
  const results = [
    await noopApply('dev database on the server', {
      targetUrl,
      to,
      devArgs: ['--dev-url', devUrl],
      runs: runsFor(n),
    }),
  ];
  if (!opt['skip-pglite'])
    results.push(
      await noopApply('embedded PGlite dev database', {
        targetUrl,
        to,
        devArgs: [],
        runs: pgliteRuns,
        timeoutMs: pgliteTimeoutMs,
      }),
    );
  return { tables: n, results };
}

function printTables({ diff, apply }) {
  const mm = (s) => `${Math.round(s.min)} / ${Math.round(s.median)}`;
  const lines = [
    '',
    'schema diff database -> database, whole process (Node start-up included), wall ms as min / median',
    `${pad('tables', 6)} ${pad('runs', 4)} ${pad('reference', 13)} ${pad('ours', 13)} ${pad('ratio', 6)}  ${'target'.padEnd(13)} ${pad('of mins', 7)}  correct`,
  ];
  for (const r of diff) {
    const ok = r.ratio <= TARGET_RATIO ? 'met' : 'MISSED';
    lines.push(
      `${pad(r.tables, 6)} ${pad(r.runs, 4)} ${pad(mm(r.wallMs.reference), 13)} ${pad(mm(r.wallMs.ours), 13)} ${pad(`${r.ratio.toFixed(2)}x`, 6)}  ${`${r.target} ${ok}`.padEnd(13)} ${pad(`${r.ratioOfMins.toFixed(2)}x`, 7)}  ${r.correct.forward && r.correct.back ? 'yes' : 'NO (see findings)'}`,
    );
  }
  lines.push(
    'ratio: ours / reference on medians (the target); of mins: on minimums, less sensitive to other load',
    'reference: inspect-pg.mjs --diff-url (2 concurrent inspections + compare)',
  );
  const withParts = diff.filter((r) => r.breakdown.ours);
  if (withParts.length > 0) {
    lines.push('', 'where the time goes (in-process medians, ms; ours via bench/plan-phases.mjs)');
    lines.push(`  ${''.padEnd(34)}${withParts.map((r) => pad(`${r.tables} tables`, 13)).join('')}`);
    const row = (name, get) =>
      lines.push(`  ${name.padEnd(34)}${withParts.map((r) => pad(get(r) ?? '', 13)).join('')}`);
    const o = (r) => r.breakdown.ours.ms;
    row('ours: connect to base', (r) => o(r).openTarget);
    row('      inspect base', (r) => o(r).inspectTarget);
    row('      connect to modified', (r) => o(r).desired.setup);
    row('      inspect modified', (r) => o(r).desired.inspect);
    row('      disconnect modified', (r) => o(r).desired.cleanup);
    row('      diff', (r) => o(r).diff);
    row('      plan', (r) => o(r).plan);
    row('      fingerprints', (r) => o(r).fingerprints);
    row('      render script', (r) => o(r).render);
    row('      in-process total', (r) => o(r).total);
    row('      node cli.js --version (wall)', (r) => Math.round(r.wallMs.oursStartup.median));
    row('      changes / statements', (r) => `${r.breakdown.ours.changes} / ${r.breakdown.ours.statements}`);
    const f = (r) => r.breakdown.reference.ms;
    row('reference: inspect base', (r) => f(r).inspectBase);
    row('           inspect modified', (r) => f(r).inspectModified);
    row('           (both, concurrently)', (r) => f(r).total - f(r).compare);
    row('           compare', (r) => f(r).compare);
    row('           in-process total', (r) => f(r).total);
    row('           start-up (wall - above)', (r) => Math.round(r.wallMs.reference.median - f(r).total));
    row('           changes (naive)', (r) => r.breakdown.reference.changes);
  }
  if (apply) {
    const rs = apply.results;
    lines.push(
      '',
      `schema apply, no-op: ${apply.tables} tables from one SQL file, whole process, wall ms`,
      `  ${'dev database'.padEnd(30)} ${pad('runs', 4)} ${pad('min / median', 15)}  synced`,
    );
    for (const r of rs) {
      if (r.skipped) lines.push(`  ${r.label.padEnd(30)} skipped: ${r.skipped.split('\n')[0]}`);
      else if (!r.wallMs) lines.push(`  ${r.label.padEnd(30)} failed (see findings)`);
      else
        lines.push(
          `  ${r.label.padEnd(30)} ${pad(r.runs, 4)} ${pad(mm(r.wallMs), 15)}  ${r.synced ? 'yes' : `NO: ${r.breakdown?.changes ?? '?'} changes, ${r.breakdown?.statements ?? '?'} statements (timed with --dry-run)`}`,
        );
    }
    const parts = rs.filter((r) => r.breakdown);
    if (parts.length > 0) {
      lines.push('', '  parts (in-process medians, ms; via bench/plan-phases.mjs)');
      lines.push(
        `  ${''.padEnd(50)}${parts.map((r) => pad(r.label.split(' ')[1] === 'PGlite' ? 'PGlite' : 'server', 10)).join('')}`,
      );
      const row = (name, get) =>
        lines.push(`  ${name.padEnd(50)}${parts.map((r) => pad(get(r) ?? '', 10)).join('')}`);
      const b = (r) => r.breakdown.ms;
      row('connect to the target', (r) => b(r).openTarget);
      row('inspect the target', (r) => b(r).inspectTarget);
      row('normalize the desired state: total', (r) => b(r).desired.total);
      row('  open the dev database, check it is empty', (r) => b(r).desired.setup);
      row('  execute the statements', (r) => b(r).desired.execute);
      row('  inspect the dev database', (r) => b(r).desired.inspect);
      row('  clean up (drop what loading created)', (r) => b(r).desired.cleanup);
      row('normalize the target (dev db of another version)', (r) => b(r).normalizeTarget?.total ?? '-');
      row('  open the dev database', (r) => b(r).normalizeTarget?.setup ?? '-');
      row('  execute the target as CREATE statements', (r) => b(r).normalizeTarget?.execute ?? '-');
      row('  inspect the dev database', (r) => b(r).normalizeTarget?.inspect ?? '-');
      row('  clean up', (r) => b(r).normalizeTarget?.cleanup ?? '-');
      row('diff', (r) => b(r).diff);
      row('plan', (r) => b(r).plan);
      row('fingerprints', (r) => b(r).fingerprints);
      row('in-process total', (r) => b(r).total);
      row('statements executed: desired state', (r) => r.breakdown.executed);
      row('statements executed: target', (r) => r.breakdown.executedNormalizingTarget ?? '-');
    }
    for (const r of parts.filter((p) => p.breakdown.changes > 0)) {
      lines.push('', `  ${r.label}: first of ${r.breakdown.changes} changes`);
      for (const c of r.breakdown.firstChanges) lines.push(`    ${c}`);
      for (const w of r.breakdown.warnings) lines.push(`  warning: ${w}`);
    }
  }
  if (findings.length > 0) {
    lines.push('', `CORRECTNESS FINDINGS (${findings.length})`);
    for (const f of findings)
      lines.push('', `* ${f.where}: ${f.what}`, ...f.evidence.split('\n').map((l) => `    ${l}`));
  } else lines.push('', 'correctness: no findings');
  console.log(lines.join('\n'));
}

runBench('bench:diff', async () => {
  const diff = [];
  for (const n of sizes) diff.push(await measureDiff(n));
  const apply = applyTables > 0 ? await measureApply(applyTables) : undefined;
  const results = { diff, apply, findings };
  if (opt.json) console.log(JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2));
  else printTables(results);
  if (findings.length > 0) process.exitCode = 2;
});
