// The provider's release files in the layout the Terraform Registry and filesystem mirrors expect
// (what goreleaser produces for Go providers), in dist/release/:
//
//   terraform-provider-atlas_<version>_<os>_<arch>.zip   one per platform (the same Node package)
//   terraform-provider-atlas_<version>_manifest.json     {"version":1,"metadata":{"protocol_versions":["6.0"]}}
//   terraform-provider-atlas_<version>_SHA256SUMS        sha256 of each of the above
//
// The registry also wants a detached GPG signature of the SHA256SUMS file (…_SHA256SUMS.sig);
// signing needs the publisher's key and is left to the release pipeline.
// A zip also works offline: put it in <mirror>/registry.terraform.io/ariga/atlas/ and use a
// filesystem_mirror (see install-provider.mjs), then terraform init.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, packageFiles, VERSION } from './provider-package.mjs';
import { zip } from './zip.mjs';

const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
const OUT = join(DIST, 'release');
const NAME = `terraform-provider-atlas_${VERSION}`;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const archive = zip(packageFiles().map((f) => ({ name: f.name, data: readFileSync(f.path), mode: f.mode })));
const written = [];
for (const platform of PLATFORMS) {
  const file = `${NAME}_${platform}.zip`;
  writeFileSync(join(OUT, file), archive);
  written.push(file);
}
const manifest = `${NAME}_manifest.json`;
writeFileSync(
  join(OUT, manifest),
  `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`,
);
written.push(manifest);

const sums = written
  .sort()
  .map(
    (f) =>
      `${createHash('sha256')
        .update(readFileSync(join(OUT, f)))
        .digest('hex')}  ${f}`,
  )
  .join('\n');
writeFileSync(join(OUT, `${NAME}_SHA256SUMS`), `${sums}\n`);

console.log(`dist/release/ (${(archive.length / 1e6).toFixed(1)} MB per zip):`);
for (const f of [...written, `${NAME}_SHA256SUMS`]) console.log(`  ${f}`);
