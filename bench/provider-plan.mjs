// `npm run bench:provider-plan`: wall time of a no-op `terraform plan` for an `atlas_schema` of
// 200 tables (the generated schema of the other benches), against the same work done by the CLI
// in the same run (`atlas-ts schema apply --dry-run` with the same desired state and dev
// database): the ratio is what Terraform and the provider add (process starts, gRPC, the
// refresh's inspection) on top of the engine.
//
//   npm run bench:provider-plan [-- --tables 200] [--runs 5]
//
// It needs terraform on PATH and the built provider (npm run build:provider); PostgreSQL as the
// other benches (a throwaway server, or PG_URL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLI,
  createDatabase,
  ensureBuilt,
  loadGenerated,
  median,
  ROOT,
  run,
  runBench,
  say,
  tmpFile,
} from './lib.mjs';

const { values: opt } = parseArgs({
  options: {
    tables: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
  },
});
const TABLES = Number(opt.tables);
const RUNS = Number(opt.runs);

function terraformEnv(dir) {
  const rc = join(dir, 'dev.tfrc');
  writeFileSync(
    rc,
    `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/ariga/atlas" = ${JSON.stringify(join(ROOT, 'dist'))}\n  }\n  direct {}\n}\n`,
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: rc,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
}

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

runBench('bench:provider-plan', async () => {
  await ensureBuilt();
  await run(process.execPath, [join(ROOT, 'scripts/build-provider.mjs')]);
  const { url, file } = await loadGenerated(`tfplan_${TABLES}`, TABLES);
  const dev = await createDatabase(`tfplan_dev_${TABLES}`);
  const dir = tmpFile(`tfplan_${TABLES}`);
  mkdirSync(dir, { recursive: true });
  const env = terraformEnv(dir);
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {\n  required_providers {\n    atlas = { source = "ariga/atlas" }\n  }\n}\n\nresource "atlas_schema" "db" {\n  url     = ${JSON.stringify(url)}\n  dev_url = ${JSON.stringify(dev)}\n  src     = ${JSON.stringify(`file://${file}`)}\n}\n`,
  );
  // The database already has the schema: the first apply only records the state.
  await run('terraform', ['apply', '-auto-approve', '-input=false'], { cwd: dir, env, timeoutMs: 600_000 });
  const tf = [];
  const cli = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so that changes in machine load hit both.
    tf.push(
      await timed(() =>
        run('terraform', ['plan', '-detailed-exitcode', '-input=false'], {
          cwd: dir,
          env,
          timeoutMs: 600_000,
        }),
      ),
    );
    cli.push(
      await timed(() =>
        run(
          process.execPath,
          [CLI, 'schema', 'apply', '--url', url, '--to', `file://${file}`, '--dev-url', dev, '--dry-run'],
          { timeoutMs: 600_000 },
        ),
      ),
    );
    say(
      `run ${i + 1}/${RUNS}: terraform plan ${Math.round(tf.at(-1))} ms, CLI dry run ${Math.round(cli.at(-1))} ms`,
    );
  }
  const t = median(tf);
  const c = median(cli);
  console.log(`no-op plan of a ${TABLES}-table atlas_schema (medians of ${RUNS}):`);
  console.log(`  atlas-ts schema apply --dry-run (reference): ${(c / 1000).toFixed(2)} s  1.00x`);
  console.log(
    `  terraform plan (No changes):                 ${(t / 1000).toFixed(2)} s  ${(t / c).toFixed(2)}x`,
  );
});
