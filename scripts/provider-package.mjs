// What a provider package holds, for install-provider.mjs (an unpacked filesystem mirror) and
// release-provider.mjs (the registry's zip archives): the executable, the bundle, and PGlite,
// which the bundle imports from beside itself when a pglite:// URL is used (it loads its
// WebAssembly relative to its own files, so it cannot be bundled).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
export const EXE_NAME = `terraform-provider-atlas_v${VERSION}`;
export const SOURCE = 'registry.terraform.io/ariga/atlas';

/** Terraform's platform name for this machine (`linux_amd64`, `darwin_arm64`, …). */
export function currentPlatform() {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** The package's files: `name` inside the package, `path` to read it from, `mode`. */
export function packageFiles() {
  const exe = join(DIST, EXE_NAME);
  if (!existsSync(exe) || !existsSync(join(DIST, 'provider.js')))
    throw new Error(`${exe} or dist/provider.js is missing: run npm run build:provider first`);
  const files = [
    { name: EXE_NAME, path: exe, mode: 0o755 },
    { name: 'provider.js', path: join(DIST, 'provider.js'), mode: 0o644 },
  ];
  const pglite = join(ROOT, 'node_modules/@electric-sql/pglite');
  for (const path of walk(pglite).sort()) {
    if (path.endsWith('.map')) continue;
    files.push({ name: relative(ROOT, path).split('\\').join('/'), path, mode: statSync(path).mode & 0o777 });
  }
  return files;
}
