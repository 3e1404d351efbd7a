// The MariaDB client tools as the MySQL tests compare schemas with them: a schema-only
// mariadb-dump of one database and its comparable form, and query output as
// `mariadb --batch --skip-column-names` prints it (the format of check.out).
import { mariadbConnection, mariadbExec, runClient } from './db.ts';

const DUMP_FLAGS = [
  '--no-data',
  '--routines',
  '--triggers',
  '--events',
  '--skip-comments',
  '--skip-dump-date',
];

/**
 * Schema-only dump of the URL's database: tables, views, triggers, routines and events. One
 * database without `--databases`, so the dump names no database (no `CREATE DATABASE`/`USE`)
 * and dumps of two databases holding the same schema compare equal.
 */
export async function mariadbDump(url: string): Promise<string> {
  const { args, database } = mariadbConnection(url);
  if (!database) throw new Error(`mariadbDump: ${url} names no database`);
  const dump = await runClient('mariadb-dump', [...args, ...DUMP_FLAGS, '--', database]);
  const named = dump.split('\n').find((l) => /^(USE |CREATE DATABASE)/i.test(l));
  if (named) throw new Error(`mariadbDump: the dump names a database: ${named}`);
  return dump;
}

// A quoted or bare account part: `root`@`127.0.0.1`, 'root'@'%', root@localhost.
const ACCOUNT_PART = String.raw`(?:\x60(?:[^\x60]|\x60\x60)*\x60|'(?:[^']|'')*'|[^\s@*/\x60']+)`;
const DEFINER = new RegExp(String.raw`DEFINER=${ACCOUNT_PART}@${ACCOUNT_PART}\s?`, 'g');

/**
 * A dump without what differs between two databases holding the same schema:
 * - AUTO_INCREMENT counters (a table option that moves with the rows), DEFINER clauses (the
 *   session that created the object), blank lines;
 * - the order of KEY and CHECK lines in SHOW CREATE TABLE: creation order, which the model does
 *   not keep (indexes and checks are sets, sorted by name);
 * - charset introducers of string literals in view definitions (`_utf8mb3' '`): VIEWS prints
 *   definitions without them, and a re-created view takes the connection's charset;
 * - an event's `STARTS` time: without one in its definition, an event starts when it is created
 *   (explicit STARTS times are compared in the model, where the implicit one is left out);
 * - the spelling of a trigger's header (`TRIGGER t BEFORE INSERT ON x FOR EACH ROW`): the dump
 *   prints the creating statement as typed; the catalog keeps its parts (compared in the model).
 * Version comments and the session settings the dump records per trigger and routine (sql_mode,
 * character_set_client, collation_connection) stay: objects created under different settings
 * behave differently.
 */
export function comparableMysqlDump(dump: string): string {
  const lines = dump
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (l.startsWith(') ') ? l.replace(/ AUTO_INCREMENT=\d+/, '') : l).replace(DEFINER, ''))
    .map((l) => l.replace(/,$/, '').replace(/_(utf8mb3|utf8mb4|latin1|binary)'/g, "'"))
    .map((l) => (/ EVENT `/.test(l) ? l.replace(/ STARTS '[^']*'/, '') : l))
    .join('\n')
    .replace(/(TRIGGER [^\n]*? FOR EACH ROW)\s+/g, (_m, header: string) => `${header.replace(/`/g, '')}\n`)
    .split('\n');
  const out: string[] = [];
  let keys: string[] = [];
  for (const l of lines) {
    if (/^ {2}((UNIQUE |FULLTEXT |SPATIAL )?KEY |CONSTRAINT `[^`]*` CHECK )/.test(l)) {
      keys.push(l);
      continue;
    }
    out.push(...keys.sort(), l);
    keys = [];
  }
  return [...out, ...keys.sort()].join('\n');
}

/**
 * Runs SQL in the URL's database and returns what `mariadb --batch --skip-column-names` prints:
 * one line per row, tab-separated, NULL as `NULL`, tabs/newlines/backslashes in values escaped.
 */
export function mariadbQuery(url: string, sql: string): Promise<string> {
  return mariadbExec(url, sql, ['--batch', '--skip-column-names']);
}
