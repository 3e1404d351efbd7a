// Opening a dev database: an in-memory PGlite by default, or a server database (or one schema
// of it) that must be empty. A server database is left as it was found: whatever loading
// created is dropped on close, also after a failure.
import type { Driver } from '../drivers/driver.ts';
import { isMysqlUrl } from '../drivers/mysql/url.ts';
import { connectPg } from '../drivers/postgres/conn.ts';
import { PostgresDriver } from '../drivers/postgres/driver.ts';
import { ident } from '../drivers/postgres/sql.ts';
import { parsePgUrl } from '../drivers/postgres/url.ts';
import { UserError } from '../errors.ts';
import { redact } from '../redact.ts';
import { type DbObject, describeObjects, dropCreated, listObjects } from './contents.ts';
import { urlSchema, withSearchPath } from './scope.ts';

export interface DevOptions {
  /** Default: `pglite://`. */
  devUrl?: string | undefined;
  /** The target's schema: the desired state is loaded into it and inspected bound to it. */
  boundSchema?: string | undefined;
  /** MySQL: the target database's default charset and collation. */
  defaults?: { charset: string; collation: string } | undefined;
}

export interface DevDatabase {
  /** Bound as the target is, so that both realms print names alike. */
  readonly driver: Driver;
  /**
   * Where unqualified names land while loading. PostgreSQL loads into the target's schema name;
   * a MySQL database cannot share the target's name on the same server, so its realm is renamed.
   */
  readonly loadSchema: string;
  /** The schemas to inspect for a requested scope (empty: what the dev database is for). */
  inspectScope(requested: readonly string[]): Promise<string[]>;
  /** Closes every connection; a server database is first emptied of what loading created. */
  close(): Promise<void>;
}

export async function openDevDatabase(opts: DevOptions): Promise<DevDatabase> {
  const url = opts.devUrl ?? 'pglite://';
  if (isMysqlUrl(url)) {
    const { openMysqlDevDatabase } = await import('./mysql-dev-database.ts');
    return openMysqlDevDatabase({ devUrl: url, boundSchema: opts.boundSchema, defaults: opts.defaults });
  }
  const parsed = parsePgUrl(url);
  const devSchema = urlSchema(parsed.searchPath);
  const loadSchema = opts.boundSchema ?? devSchema ?? 'public';
  const explicitSchema = opts.boundSchema !== undefined || devSchema !== undefined;
  const driverUrl = withSearchPath(url, opts.boundSchema);

  if (parsed.kind === 'pglite') {
    // A dev database is thrown away; one on disk would be changed for good.
    if (parsed.dataDir) {
      throw new UserError(
        'BAD_ARGS',
        `dev database ${redact(url)} is stored on disk: use an in-memory PGlite (pglite://) or an empty server database`,
      );
    }
    const driver = await PostgresDriver.open(driverUrl);
    try {
      if (explicitSchema) await useSchema(driver, loadSchema, true);
    } catch (e) {
      await driver.close().catch(() => {});
      throw e;
    }
    return { driver, loadSchema, inspectScope: async (r) => [...r], close: () => driver.close() };
  }

  const { conn: admin } = await connectPg(url);
  let driver: PostgresDriver | undefined;
  let database: string;
  let before: DbObject[];
  try {
    const [row] = await admin.query<{ db: string }>('SELECT current_database() AS db');
    database = String(row?.db);
    before = await listObjects(admin);
    requireEmpty(before, database, devSchema, opts.boundSchema);
    driver = await PostgresDriver.open(driverUrl);
    const exists = before.some((o) => o.kind === 'schema' && o.name === loadSchema);
    if (explicitSchema) await useSchema(driver, loadSchema, !exists);
  } catch (e) {
    await driver?.close().catch(() => {});
    await admin.close().catch(() => {});
    throw e;
  }
  const dev = driver;
  return {
    driver: dev,
    loadSchema,
    async inspectScope(requested) {
      if (requested.length > 0 || opts.boundSchema !== undefined || devSchema === undefined)
        return [...requested];
      // Bound to a schema of a shared database: the bound schema and the schemas loading created.
      const existed = new Set(before.map((o) => o.label));
      const created = (await listObjects(admin)).filter((o) => o.kind === 'schema' && !existed.has(o.label));
      return [devSchema, ...created.map((o) => o.name)];
    },
    async close() {
      try {
        // First, so that an open transaction of the loaded script holds no locks on what is dropped.
        await dev.close().catch(() => {});
        await dropCreated(admin, before, database);
      } finally {
        await admin.close().catch(() => {});
      }
    },
  };
}

async function useSchema(driver: PostgresDriver, schema: string, create: boolean): Promise<void> {
  if (create) await driver.execScript(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  await driver.execScript(`SET search_path TO ${ident(schema)}`);
}

/** A server dev database must hold nothing, or, bound to a schema, nothing in that schema. */
function requireEmpty(
  objects: readonly DbObject[],
  database: string,
  devSchema: string | undefined,
  targetSchema: string | undefined,
): void {
  if (devSchema === undefined) {
    // Objects in another schema are implied by that schema; naming it is enough.
    const found = objects.filter((o) =>
      o.schema === undefined ? !(o.kind === 'schema' && o.name === 'public') : o.schema === 'public',
    );
    if (found.length > 0) {
      throw new UserError(
        'BAD_ARGS',
        `dev database "${database}" is not empty: found ${describeObjects(found)}; give --dev-url an empty database`,
      );
    }
    return;
  }
  if (!objects.some((o) => o.kind === 'schema' && o.name === devSchema)) {
    throw new UserError(
      'NO_SCHEMA',
      `dev database "${database}" has no schema "${devSchema}" (its URL's search_path): create it empty, or give --dev-url without search_path`,
    );
  }
  const schemas = new Set([devSchema, ...(targetSchema !== undefined ? [targetSchema] : [])]);
  const found = objects.filter((o) => o.schema !== undefined && schemas.has(o.schema));
  if (found.length > 0) {
    const names = [...schemas].map((s) => `"${s}"`).join(' and ');
    throw new UserError(
      'BAD_ARGS',
      `dev database "${database}" is not empty in schema ${names}: found ${describeObjects(found)}; give --dev-url an empty schema`,
    );
  }
}
