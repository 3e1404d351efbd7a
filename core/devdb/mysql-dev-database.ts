// MySQL and MariaDB dev databases. There is no embedded MySQL, so a URL is required:
//   mysql://user@host:port/          a server: a temporary database is created, used and dropped
//   mysql://user@host:port/scratch   an empty database: used, and emptied again afterwards
// A target bound to a database loads the desired SQL into one database (renamed to the target's
// afterwards); a whole-server target needs a server dev URL, where the desired SQL creates its
// databases, which are dropped afterwards.
import { randomBytes } from 'node:crypto';
import { MysqlDriver } from '../drivers/mysql/driver.ts';
import { ident } from '../drivers/mysql/sql.ts';
import { parseMysqlUrl, withDatabase } from '../drivers/mysql/url.ts';
import { UserError } from '../errors.ts';
import { redact } from '../redact.ts';
import type { DevDatabase } from './dev-database.ts';

export interface MysqlDevOptions {
  devUrl: string;
  /** The target's database: the desired state is loaded into one database and compared as it. */
  boundSchema: string | undefined;
  /** The target database's default charset and collation, for tables that name none. */
  defaults: { charset: string; collation: string } | undefined;
}

export const MYSQL_DEV_URL_HINT =
  'give --dev-url a MySQL/MariaDB server (mysql://user:pass@host:port/, where a temporary database is created and dropped) or an empty database on one';

const charsetClause = (d: MysqlDevOptions['defaults']) =>
  d ? ` CHARACTER SET ${d.charset} COLLATE ${d.collation}` : '';

export async function openMysqlDevDatabase(opts: MysqlDevOptions): Promise<DevDatabase> {
  const url = parseMysqlUrl(opts.devUrl);
  if (opts.boundSchema === undefined) return serverWide(opts, url.database);
  return url.database === undefined ? temporaryDatabase(opts) : emptyDatabase(opts, url.database);
}

/** A server URL for a bound target: a temporary database of its own. */
async function temporaryDatabase(opts: MysqlDevOptions): Promise<DevDatabase> {
  const admin = await MysqlDriver.open(opts.devUrl);
  const name = `atlas_ts_dev_${randomBytes(6).toString('hex')}`;
  let driver: MysqlDriver | undefined;
  try {
    await admin.execScript(`CREATE DATABASE ${ident(name)}${charsetClause(opts.defaults)}`);
    driver = await MysqlDriver.open(withDatabase(opts.devUrl, name));
  } catch (e) {
    await admin.execScript(`DROP DATABASE IF EXISTS ${ident(name)}`).catch(() => {});
    await admin.close().catch(() => {});
    throw e;
  }
  const dev = driver;
  return {
    driver: dev,
    loadSchema: name,
    inspectScope: async () => [name],
    async close() {
      try {
        await dev.close().catch(() => {});
        await admin.execScript(`DROP DATABASE IF EXISTS ${ident(name)}`);
      } finally {
        await admin.close().catch(() => {});
      }
    },
  };
}

/** An empty database the user gave: checked empty, given the target's defaults, emptied after. */
async function emptyDatabase(opts: MysqlDevOptions, database: string): Promise<DevDatabase> {
  const driver = await MysqlDriver.open(opts.devUrl);
  let original: { charset: string; collation: string };
  try {
    const found = await contents(driver, database);
    if (found.length > 0) {
      const names = found.slice(0, 5).map((o) => `${o.kind.toLowerCase()} "${o.name}"`);
      throw new UserError(
        'BAD_ARGS',
        `dev database "${database}" is not empty: found ${names.join(', ')}${found.length > 5 ? ', ...' : ''}; give --dev-url an empty database`,
      );
    }
    const [row] = await driver.query<{ charset: string; collation: string }>(
      'SELECT @@character_set_database AS charset, @@collation_database AS collation',
    );
    original = { charset: String(row?.charset), collation: String(row?.collation) };
    if (opts.defaults && opts.defaults.collation !== original.collation) {
      await driver.execScript(`ALTER DATABASE ${ident(database)}${charsetClause(opts.defaults)}`);
    }
  } catch (e) {
    await driver.close().catch(() => {});
    throw e;
  }
  return {
    driver,
    loadSchema: database,
    inspectScope: async () => [database],
    async close() {
      try {
        await emptyOut(driver, database);
        if (opts.defaults && opts.defaults.collation !== original.collation) {
          await driver.execScript(`ALTER DATABASE ${ident(database)}${charsetClause(original)}`);
        }
      } finally {
        await driver.close().catch(() => {});
      }
    },
  };
}

/** What `database` holds, by the keyword that drops it (TABLE, VIEW, PROCEDURE, FUNCTION, EVENT). */
function contents(driver: MysqlDriver, database: string): Promise<{ kind: string; name: string }[]> {
  return driver.query<{ kind: string; name: string }>(
    `SELECT IF(TABLE_TYPE = 'VIEW', 'VIEW', 'TABLE') AS kind, TABLE_NAME AS name
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
     UNION ALL SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?
     UNION ALL SELECT 'EVENT', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
    [database, database, database],
  );
}

/** Drops everything in `database` (it was empty before loading). */
async function emptyOut(driver: MysqlDriver, database: string): Promise<void> {
  const objects = await contents(driver, database);
  // Foreign keys between the tables would otherwise dictate an order.
  await driver.execScript('SET SESSION foreign_key_checks = 0');
  for (const o of objects)
    await driver.execScript(`DROP ${o.kind} IF EXISTS ${ident(database)}.${ident(o.name)}`);
  await driver.execScript('SET SESSION foreign_key_checks = 1');
}

/** A whole-server target: the desired SQL creates databases on a dev server; they are dropped after. */
async function serverWide(opts: MysqlDevOptions, database: string | undefined): Promise<DevDatabase> {
  if (database !== undefined) {
    throw new UserError(
      'BAD_ARGS',
      `the target URL names no database (the whole server), so the dev database must be a whole server too: give --dev-url without a database, not ${redact(opts.devUrl)}`,
    );
  }
  const driver = await MysqlDriver.open(opts.devUrl);
  let before: Set<string>;
  try {
    before = new Set(await driver.listSchemas());
  } catch (e) {
    await driver.close().catch(() => {});
    throw e;
  }
  const created = async () => (await driver.listSchemas()).filter((s) => !before.has(s));
  return {
    driver,
    loadSchema: '',
    inspectScope: async (requested) => (requested.length > 0 ? [...requested] : created()),
    async close() {
      try {
        for (const s of await created()) await driver.execScript(`DROP DATABASE IF EXISTS ${ident(s)}`);
      } finally {
        await driver.close().catch(() => {});
      }
    },
  };
}

/**
 * Statements a desired state bound to one database must not contain: they would act outside
 * the dev database (on a shared server, possibly on the real one).
 */
export function databaseSwitch(text: string): string | undefined {
  const m = /^\s*(USE\b|(?:CREATE|DROP|ALTER)\s+(?:DATABASE|SCHEMA)\b)/i.exec(stripLeadingComments(text));
  return m ? m[1]!.replace(/\s+/g, ' ').toUpperCase() : undefined;
}

function stripLeadingComments(text: string): string {
  return text.replace(/^(?:\s|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
}
