// The provider under the real terraform binary, offline: dev_overrides point ariga/atlas at dist/
// (test/helpers/terraform.ts), and terraform init is never run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers/cli.ts';
import { diagnostics, jsonLines, PROVIDER_VERSION, terraformMissing, tf } from './helpers/terraform.ts';

const skip = terraformMissing();

function workdir(mainTf: string): string {
  const dir = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'tf-'));
  writeFileSync(join(dir, 'main.tf'), mainTf);
  return dir;
}

const REQUIRED = `terraform {
  required_providers {
    atlas = { source = "ariga/atlas" }
  }
}
`;

test('terraform providers schema -json lists the resources and data sources', { skip }, async (t) => {
  const dir = workdir(REQUIRED);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const res = await tf(dir, ['providers', 'schema', '-json']);
  assert.equal(res.code, 0, res.stderr);
  const doc = JSON.parse(res.stdout) as {
    provider_schemas: Record<
      string,
      {
        provider: { block: { attributes: Record<string, { sensitive?: boolean; optional?: boolean }> } };
        resource_schemas: Record<string, unknown>;
        data_source_schemas: Record<string, unknown>;
      }
    >;
  };
  const atlas = doc.provider_schemas['registry.terraform.io/ariga/atlas'];
  assert.ok(atlas, Object.keys(doc.provider_schemas).join(', '));
  assert.deepEqual(Object.keys(atlas.resource_schemas).sort(), ['atlas_migration', 'atlas_schema']);
  assert.deepEqual(Object.keys(atlas.data_source_schemas).sort(), ['atlas_migration', 'atlas_schema']);
  assert.deepEqual(atlas.provider.block.attributes.dev_url, {
    ...atlas.provider.block.attributes.dev_url,
    optional: true,
    sensitive: true,
  });
});

test('terraform plan -json with the provider configured: no diagnostics but the dev_overrides notice', {
  skip,
}, async (t) => {
  const dir = workdir(`${REQUIRED}
provider "atlas" {
  dev_url = "postgres://nobody@127.0.0.1:1/dev"
}
`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const res = await tf(dir, ['plan', '-json']);
  assert.equal(res.code, 0, res.stdout + res.stderr);
  const lines = jsonLines(res.stdout);
  assert.ok(lines.some((l) => l.type === 'diagnostic' && /development overrides/.test(l['@message'])));
  assert.deepEqual(diagnostics(lines), []);
  assert.ok(lines.some((l) => l.type === 'change_summary'));
});

test('installed into a filesystem mirror, terraform init installs the provider offline', {
  skip,
}, async (t) => {
  const dir = workdir(REQUIRED);
  const mirror = mkdtempSync(join(process.env.ATLAS_TS_TEST_TMP ?? tmpdir(), 'tf-mirror-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(mirror, { recursive: true, force: true });
  });
  const install = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/install-provider.mjs'), '--dir', mirror, '--quiet'],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(install.status, 0, install.stderr);
  const rc = join(dir, 'mirror.tfrc');
  writeFileSync(
    rc,
    `provider_installation {
  filesystem_mirror {
    path = ${JSON.stringify(mirror)}
  }
}
`,
  );
  const env = { TF_CLI_CONFIG_FILE: rc };
  const init = await tf(dir, ['init', '-input=false', '-no-color'], { env });
  assert.equal(init.code, 0, init.stdout + init.stderr);
  assert.match(init.stdout, new RegExp(`Installed ariga/atlas v${PROVIDER_VERSION.replaceAll('.', '\\.')}`));
  const schema = await tf(dir, ['providers', 'schema', '-json'], { env });
  assert.equal(schema.code, 0, schema.stderr);
  assert.ok(
    JSON.parse(schema.stdout).provider_schemas['registry.terraform.io/ariga/atlas'].resource_schemas
      .atlas_schema,
  );
});
