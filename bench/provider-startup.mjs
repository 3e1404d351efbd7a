// How long Terraform waits for the provider: from spawning dist/terraform-provider-atlas_v<version>
// to its handshake line on stdout, and on to the first GetProviderSchema answer (the definition
// loads after the handshake). Terraform starts a fresh provider process for each phase of each
// command (3 for a plan, 4 for an apply), so this is paid many times over.
//
// The reference is `node -e 0`, spawn to exit, measured in the same run: the ratio is what is
// compared (target: handshake <= 2.5x). Runs interleave the two so machine load hits both.
//
//   npm run bench:provider                 # 15 runs
//   npm run bench:provider -- --runs 31 --json
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } },
});
const RUNS = Number(args.runs);

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const EXE = join(ROOT, 'dist', `terraform-provider-atlas_v${version}`);
if (!existsSync(EXE)) {
  console.error(`${EXE} is missing: run npm run build:provider`);
  process.exit(1);
}

const grpc = await import('@grpc/grpc-js');
const { makeServerCert } = await tsImport('../provider/cert.ts', import.meta.url);
const { serviceDefinition } = await tsImport('../provider/protos.ts', import.meta.url);
const { MAGIC_COOKIE } = await tsImport('../test/helpers/terraform.ts', import.meta.url);
const Provider = grpc.makeClientConstructor(serviceDefinition('tfplugin6.Provider'), 'Provider');
// Terraform's side of AutoMTLS: its own certificate, which the provider must trust.
const client = makeServerCert();

function nodeBaseline() {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    p.on('error', rej);
    p.on('exit', () => res(performance.now() - t0));
  });
}

/** Spawn → handshake line → TLS connection → first GetProviderSchema answer. */
function provider() {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const p = spawn(EXE, [], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE,
        PLUGIN_PROTOCOL_VERSIONS: '5,6',
        PLUGIN_CLIENT_CERT: client.certPem,
      },
    });
    p.on('error', rej);
    let out = '';
    p.stdout.on('data', (d) => {
      if (out.includes('\n')) return;
      out += d;
      if (!out.includes('\n')) return;
      const handshake = performance.now() - t0;
      const [, , , addr, , cert] = out.split('\n')[0].split('|');
      // The handshake has base64 without padding (Go's RawStdEncoding); PEM wants it back.
      const b64 = cert.padEnd(Math.ceil(cert.length / 4) * 4, '=');
      const serverPem = `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
      const creds = grpc.credentials.createSsl(
        Buffer.from(serverPem),
        Buffer.from(client.keyPem),
        Buffer.from(client.certPem),
      );
      const c = new Provider(`unix:${addr}`, creds, { 'grpc.ssl_target_name_override': 'localhost' });
      c.GetProviderSchema({}, (err) => {
        const schema = performance.now() - t0;
        c.close();
        p.kill('SIGKILL');
        if (err) rej(err);
        else res({ handshake, schema });
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

await provider(); // warm-up: file cache
const base = [];
const hs = [];
const schema = [];
for (let i = 0; i < RUNS; i++) {
  base.push(await nodeBaseline());
  const r = await provider();
  hs.push(r.handshake);
  schema.push(r.schema);
}

const rows = [
  ['node -e 0 (spawn to exit)', median(base), Math.min(...base)],
  ['provider: spawn to handshake line', median(hs), Math.min(...hs)],
  ['provider: spawn to GetProviderSchema answer', median(schema), Math.min(...schema)],
];
const b = median(base);
if (args.json) {
  console.log(
    JSON.stringify({
      runs: RUNS,
      baselineMs: b,
      handshakeMs: median(hs),
      schemaMs: median(schema),
      handshakeRatio: median(hs) / b,
      schemaRatio: median(schema) / b,
    }),
  );
} else {
  console.log(`provider start-up, ${RUNS} runs (medians; target: handshake <= 2.5x node -e 0)\n`);
  console.log(`${'what'.padEnd(46)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'ratio'.padStart(7)}`);
  for (const [what, med, min] of rows)
    console.log(
      `${what.padEnd(46)} ${`${med.toFixed(0)} ms`.padStart(8)} ${`${min.toFixed(0)} ms`.padStart(8)} ${`${(med / b).toFixed(2)}x`.padStart(7)}`,
    );
}
