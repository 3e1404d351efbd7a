// Makes the built provider (npm run build:provider) usable by Terraform on this machine, two ways:
//
// 1. dev_overrides: writes dist/dev.tfrc, a CLI configuration that points ariga/atlas at dist/.
//    No `terraform init` (it would ask the registry), and each rebuild takes effect at once.
// 2. An installed provider: copies the package into a filesystem mirror,
//    <dir>/registry.terraform.io/ariga/atlas/<version>/<os>_<arch>/, and writes dist/mirror.tfrc
//    to use it. `terraform init` then installs it offline, as it would from the registry.
//
//   node scripts/install-provider.mjs [--dir <mirror dir>] [--platform linux_amd64,darwin_arm64]
//
// The default mirror is dist/terraform-mirror. ~/.terraform.d/plugins is a mirror Terraform
// searches without any configuration: `--dir ~/.terraform.d/plugins` installs there.
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { currentPlatform, DIST, packageFiles, SOURCE, VERSION } from './provider-package.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(DIST, 'terraform-mirror') },
    platform: { type: 'string', default: currentPlatform() },
    quiet: { type: 'boolean', default: false },
  },
});
const mirror = resolve(values.dir);
const files = packageFiles();

const installed = [];
for (const platform of values.platform
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean)) {
  const dir = join(mirror, SOURCE, VERSION, platform);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    const to = join(dir, f.name);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f.path, to);
    chmodSync(to, f.mode);
  }
  installed.push(dir);
}

const hcl = (s) => JSON.stringify(s);
const devRc = join(DIST, 'dev.tfrc');
writeFileSync(
  devRc,
  `# Terraform CLI configuration: ariga/atlas from this checkout's dist/ (npm run build:provider).
# Do not run terraform init with it; plan, apply, import and terraform test work without.
provider_installation {
  dev_overrides {
    "ariga/atlas" = ${hcl(DIST)}
  }
  direct {}
}
`,
);
const mirrorRc = join(DIST, 'mirror.tfrc');
writeFileSync(
  mirrorRc,
  `# Terraform CLI configuration: ariga/atlas from a local filesystem mirror (terraform init works offline).
provider_installation {
  filesystem_mirror {
    path    = ${hcl(mirror)}
    include = ["registry.terraform.io/ariga/*"]
  }
  direct {
    exclude = ["registry.terraform.io/ariga/*"]
  }
}
`,
);

if (!values.quiet)
  console.log(`Installed ariga/atlas ${VERSION} into:
${installed.map((d) => `  ${d}`).join('\n')}

Use the build in dist/ directly (skip terraform init; rebuilds take effect at once):
  export TF_CLI_CONFIG_FILE=${devRc}

Or use the installed copy, as if it came from the registry:
  export TF_CLI_CONFIG_FILE=${mirrorRc}
  terraform init

In both cases the configuration declares the provider as:
  terraform {
    required_providers {
      atlas = { source = "ariga/atlas" }
    }
  }
`);
