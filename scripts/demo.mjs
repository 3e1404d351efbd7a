// The README's first command: load the example schema into an embedded PostgreSQL (PGlite,
// persisted under .tmp/demo) and inspect it with the bundled CLI. No server to install.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

const dir = '.tmp/demo';
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const db = new PGlite(dir);
await db.exec(await readFile('examples/postgres/shop.sql', 'utf8'));
await db.close();

const args = ['schema', 'inspect', '--url', `pglite://./${dir}`, ...process.argv.slice(2)];
console.error(`$ atlas-ts ${args.join(' ')}`);
const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
