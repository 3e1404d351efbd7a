// The PostgreSQL transition suite (issue #3): see test/helpers/transition-suite.ts for what each
// test/transitions/postgres/NN-name/ directory is put through, with psql and pg_dump as the clients.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPgDatabase, pgDump, psqlFile } from './helpers/db.ts';
import { transitionSuite } from './helpers/transition-suite.ts';
import { comparableDump, queryOutput } from './helpers/transitions.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

transitionSuite({
  name: 'postgres',
  dir: join(ROOT, 'test/transitions/postgres'),
  minTransitions: 45,
  fresh: (t) => freshPgDatabase(t),
  load: psqlFile,
  dump: async (url) => comparableDump(await pgDump(url)),
  query: queryOutput,
  dumpTool: 'pg_dump',
  txMode: 'file',
});
