// Bundles the Terraform provider (provider/main.ts) into dist/provider.js and writes its
// executable, dist/terraform-provider-atlas_v<version>, a shell wrapper Terraform can start.
// The protocol files (proto/) are embedded as text, so the bundle needs nothing beside it except
// @electric-sql/pglite, which loads its WebAssembly relative to its own module (only used for
// pglite:// URLs, imported on demand).
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
export const VERSION = pkg.version;

const PROTO_FILES = [
  'tfplugin6.proto',
  'grpc_controller.proto',
  'grpc_stdio.proto',
  'grpc_broker.proto',
  'health.proto',
];
const protos = Object.fromEntries(
  await Promise.all(PROTO_FILES.map(async (f) => [f, await readFile(new URL(`proto/${f}`, root), 'utf8')])),
);

await build({
  absWorkingDir: new URL('.', root).pathname,
  entryPoints: { provider: 'provider/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Less to parse at every start: Terraform starts the provider several times per command.
  minify: true,
  sourcemap: 'linked',
  external: ['@electric-sql/pglite', 'pg-native'],
  define: {
    PROVIDER_VERSION: JSON.stringify(VERSION),
    PROVIDER_PROTO_FILES: JSON.stringify(protos),
    ATLAS_TS_VERSION: JSON.stringify(VERSION),
  },
  // Bundled CommonJS packages (grpc-js, pg) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __atlasRequire } from 'node:module';\nconst require = __atlasRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// `exec` so that Terraform's signals and its SIGKILL reach node itself, not an intermediate
// shell that would leave node holding Terraform's pipes.
const exe = new URL(`dist/terraform-provider-atlas_v${VERSION}`, root);
await writeFile(exe, '#!/bin/sh\nexec node "$(dirname "$0")/provider.js" "$@"\n');
await chmod(exe, 0o755);
