// Bundles the CLI into one ESM file so that start-up loads one module instead of hundreds.
// PGlite stays external: it loads its WebAssembly and data files relative to its own module.
import { chmod, readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { cli: 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['@electric-sql/pglite', 'pg-native'],
  define: { ATLAS_TS_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS packages (pg) call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __atlasRequire } from 'node:module';\nconst require = __atlasRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
