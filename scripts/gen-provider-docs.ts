// Writes the provider docs (docs/index.md, docs/resources/*.md, docs/data-sources/*.md) from the
// schemas and examples/. Run after changing a schema description or an example:
//   npm run docs:provider
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atlasProvider } from '../provider/definition.ts';
import { renderDocs } from '../provider/docs.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, text] of renderDocs(atlasProvider(), root)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
