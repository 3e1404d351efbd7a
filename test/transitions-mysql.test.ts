// The MySQL/MariaDB transition suite (issue #4): see test/helpers/transition-suite.ts for what each
// test/transitions/mysql/NN-name/ directory is put through, with the mariadb client and
// mariadb-dump as the clients. Plans run statement by statement: MySQL commits every DDL
// statement by itself. check.out holds what `mariadb --batch --skip-column-names` prints.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshMysqlDatabase, mariadbFile } from './helpers/db.ts';
import { comparableMysqlDump, mariadbDump, mariadbQuery } from './helpers/mysql-dump.ts';
import { transitionSuite } from './helpers/transition-suite.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

transitionSuite({
  name: 'mysql',
  dir: join(ROOT, 'test/transitions/mysql'),
  minTransitions: 30,
  fresh: (t) => freshMysqlDatabase(t),
  load: mariadbFile,
  dump: async (url) => comparableMysqlDump(await mariadbDump(url)),
  query: mariadbQuery,
  dumpTool: 'mariadb-dump',
  txMode: 'none',
});
