// The committed provider docs are what the schemas and examples generate: a description or an
// attribute changed without `npm run docs:provider` fails here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../test/helpers/cli.ts';
import { atlasProvider } from './definition.ts';
import { renderDocs } from './docs.ts';

test('docs/ matches the provider schema and examples/ (run npm run docs:provider)', () => {
  const docs = renderDocs(atlasProvider(), ROOT);
  assert.deepEqual([...docs.keys()].sort(), [
    'docs/data-sources/migration.md',
    'docs/data-sources/schema.md',
    'docs/index.md',
    'docs/resources/migration.md',
    'docs/resources/schema.md',
  ]);
  for (const [path, text] of docs) {
    const file = join(ROOT, path);
    assert.ok(existsSync(file), `${path} is missing: run npm run docs:provider`);
    assert.equal(readFileSync(file, 'utf8'), text, `${path} is out of date: run npm run docs:provider`);
  }
});

test('every attribute and block of every schema has a description', () => {
  const missing: string[] = [];
  const def = atlasProvider();
  const walk = (name: string, b: import('./framework.ts').BlockSchema) => {
    for (const [a, s] of Object.entries(b.attributes))
      if (!s.description.trim()) missing.push(`${name}.${a}`);
    for (const [n, nb] of Object.entries(b.blocks ?? {})) walk(`${name}.${n}`, nb.block);
  };
  walk('provider', def.schema.block);
  for (const r of [...def.resources, ...def.dataSources]) walk(r.typeName, r.schema.block);
  assert.deepEqual(missing, []);
});
