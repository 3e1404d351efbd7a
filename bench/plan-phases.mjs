// Where one declarative plan spends its time (`schema apply`, and `schema diff` from a database):
// runs the steps planSchema() makes, in-process, in a fresh process like the CLI (cold JIT), and
// times each. Prints one JSON line.
//
//   node bench/plan-phases.mjs --url <target url> --to <file://schema.sql | database url> [--dev-url <url>]
//
// It loads the TypeScript sources through tsx, so it measures the working tree. The desired state
// is loaded by loadDesiredState() itself, and the target normalized on the dev database by
// normalizeRealm() when the dev database is another major version (planSchema's comparable());
// their parts (dev database set-up, executing statements, inspecting the dev database, cleaning
// it) are told apart by timing the PostgresDriver methods they call (open, execScript, inspect,
// close). It mirrors planSchema() step by step: update it when that changes.
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

// register(), not tsImport(): one module graph, so that the PostgresDriver patched here is the one
// load.ts uses.
register();
const { PostgresDriver } = await import('../core/drivers/postgres/driver.ts');
const { loadDesiredState, normalizeRealm } = await import('../core/devdb/load.ts');
const { isUserError } = await import('../core/errors.ts');
const { diffRealms } = await import('../core/diff/diff.ts');
const { fingerprint, canonicalJson } = await import('../core/schema/fingerprint.ts');
const { renderScript } = await import('../core/plan/render-plan.ts');

const { values: opt } = parseArgs({
  options: { url: { type: 'string' }, to: { type: 'string' }, 'dev-url': { type: 'string' } },
});
if (!opt.url || !opt.to)
  throw new Error('usage: node bench/plan-phases.mjs --url URL --to file://x.sql|URL [--dev-url URL]');

const since = (t) => Math.round((performance.now() - t) * 10) / 10;

// A timeline of the driver calls made while loading (or normalizing) on a dev database.
let calls;
const wrap = (obj, name) => {
  const orig = obj[name];
  obj[name] = async function (...args) {
    const start = performance.now();
    try {
      return await orig.apply(this, args);
    } finally {
      calls?.[name].push({ start, end: performance.now() });
    }
  };
};
wrap(PostgresDriver, 'open');
for (const m of ['execScript', 'inspect', 'close']) wrap(PostgresDriver.prototype, m);

const r1 = (x) => Math.round(x * 10) / 10;
/**
 * Runs `fn` (one load or normalization) and cuts its time at the driver calls: set-up until the
 * first statement (or the inspection, when nothing is executed), executing the statements,
 * inspecting, and cleaning up after the inspection.
 */
async function segment(fn) {
  calls = { open: [], execScript: [], inspect: [], close: [] };
  const start = performance.now();
  const value = await fn();
  const end = performance.now();
  const { execScript, inspect } = calls;
  calls = undefined;
  const ins = inspect.at(-1);
  const firstExec = execScript[0]?.start ?? ins.start;
  const lastExec = execScript.at(-1)?.end ?? ins.start;
  const ms = {
    total: r1(end - start),
    setup: r1(firstExec - start),
    execute: r1(lastExec - firstExec),
    inspect: r1(ins.end - ins.start),
    cleanup: r1(end - ins.end),
  };
  return { value, ms, executed: execScript.length };
}

const T0 = performance.now();
let t = T0;
const driver = await PostgresDriver.open(opt.url);
const openTarget = since(t);
try {
  const scope = { schemas: [], exclude: [] };
  t = performance.now();
  const current = await driver.inspect(scope);
  const inspectTarget = since(t);

  const desired = await segment(() =>
    loadDesiredState({
      to: [opt.to],
      devUrl: opt['dev-url'],
      target: { dialect: driver.dialect, version: driver.serverVersion, boundSchema: driver.boundSchema },
      schemas: scope.schemas,
      exclude: scope.exclude,
    }),
  );
  const { realm: desiredRealm, hints, warnings } = desired.value;

  // planSchema's comparable(): a desired state printed by another major version normalizes the
  // target on the dev database too.
  const major = (v) => Math.floor(v / 10000);
  let compared = current;
  let normalizeTarget;
  if (desired.value.viaDevDatabase && major(desired.value.printedBy) !== major(driver.serverVersion)) {
    try {
      normalizeTarget = await segment(() =>
        normalizeRealm(current, { devUrl: opt['dev-url'], boundSchema: driver.boundSchema }),
      );
      compared = normalizeTarget.value;
    } catch (e) {
      if (!isUserError(e)) throw e;
      warnings.push(`the current schema could not be normalized: ${e.message}`);
    }
  }

  t = performance.now();
  const changes = diffRealms(compared, desiredRealm, { hints });
  const diff = since(t);
  t = performance.now();
  const stmts = driver.planChanges(changes, { from: compared, to: desiredRealm });
  const plan = since(t);
  t = performance.now();
  fingerprint(current);
  fingerprint(desiredRealm);
  const fingerprints = since(t);
  t = performance.now();
  const script = renderScript(stmts);
  const render = since(t);

  const ms = {
    openTarget,
    inspectTarget,
    desired: desired.ms,
    ...(normalizeTarget ? { normalizeTarget: normalizeTarget.ms } : {}),
    diff,
    plan,
    fingerprints,
    render,
    total: since(T0),
  };
  const out = {
    ms,
    executed: desired.executed,
    ...(normalizeTarget ? { executedNormalizingTarget: normalizeTarget.executed } : {}),
    changes: changes.length,
    statements: stmts.length,
    scriptBytes: script.length,
    warnings,
    firstChanges: changes.slice(0, 10).map(describeChange),
    firstStatements: stmts.slice(0, 10).map((s) => s.sql.slice(0, 400)),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await driver.close();
}

/** A change in one line: what, which object, and for a modification the fields that differ. */
function describeChange(c) {
  const name = (o) => `${c.schema ? `${c.schema}.` : ''}${o?.name ?? ''}`;
  if (!c.kind.startsWith('modify_')) return `${c.kind} ${name(c.obj ?? c.to)}`;
  const differs = (from, to) =>
    [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])]
      .filter((k) => k !== 'dependsOn' && canonicalJson(from?.[k]) !== canonicalJson(to?.[k]))
      .map((k) => `${k}: ${short(from?.[k])} -> ${short(to?.[k])}`);
  if (c.kind === 'modify_table') {
    const parts = c.changes.map((tc) => {
      if (tc.from && tc.to) return `${tc.kind} ${tc.from.name} (${differs(tc.from, tc.to).join('; ')})`;
      const obj = Object.values(tc).find((v) => v && typeof v === 'object' && !Array.isArray(v));
      return `${tc.kind} ${obj?.name ?? tc.name ?? tc.what?.join(',') ?? ''}`;
    });
    return `modify_table ${name(c.to)}: ${parts.join(', ')}`;
  }
  return `${c.kind} ${name(c.to)} (${differs(c.from, c.to).join('; ')})`;
}

function short(v) {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
