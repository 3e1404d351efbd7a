// The README's first command: declare a schema, apply it to an empty embedded PostgreSQL
// (PGlite, persisted under .tmp/quickstart and recreated on every run), change the schema file
// and apply again, then apply once more to see there is nothing left to do. Uses the CLI that
// `npm ci` built (dist/cli.js); no server to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';

const dir = '.tmp/quickstart';
const url = `pglite://./${dir}`;

if (!existsSync('dist/cli.js')) {
  console.error('dist/cli.js is missing: run `npm ci` (or `npm run build`) first');
  process.exit(1);
}
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true }); // PGlite creates a new database in an empty directory

const steps = [
  ['1/3', 'apply examples/quickstart/schema.sql to an empty database', 'schema.sql'],
  ['2/3', 'apply schema.v2.sql: comments.body becomes text, and a new index', 'schema.v2.sql'],
  ['3/3', 'apply schema.v2.sql again: nothing left to do', 'schema.v2.sql'],
];

for (const [n, title, file] of steps) {
  const args = [
    'schema',
    'apply',
    '--url',
    url,
    '--to',
    `file://examples/quickstart/${file}`,
    '--auto-approve',
  ];
  process.stdout.write(`\n=== Step ${n}: ${title}\n$ atlas-ts ${args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
process.stdout.write(
  `\nThe database is in ${dir}. Look at it with:\n  npx atlas-ts schema inspect --url ${url}\n`,
);
