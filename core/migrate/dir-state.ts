// The schema a migration directory leads to: its files replayed on a dev database (which must be
// empty, and is left empty), then inspected. The dev URL's schema binding decides the scope, as
// in Atlas: bound (`?search_path=public`, `mysql://.../dev`), the files work inside that schema
// and plans name no schema; an unbound PostgreSQL URL is the whole database. A MySQL server URL
// (no database) gets a scratch database of its own for the run: the directory describes one
// database, as Atlas's `docker://mysql/8/dev` does (Atlas would work on the whole server).
import { randomBytes } from 'node:crypto';
import { openDevDatabase } from '../devdb/dev-database.ts';
import { urlSchema } from '../devdb/scope.ts';
import { MysqlDriver } from '../drivers/mysql/driver.ts';
import { ident } from '../drivers/mysql/sql.ts';
import { isMysqlUrl, parseMysqlUrl, withDatabase } from '../drivers/mysql/url.ts';
import { parsePgUrl } from '../drivers/postgres/url.ts';
import type { Dialect, Realm } from '../schema/model.ts';
import type { MigrationDir } from './dir.ts';
import { replayDir } from './replay.ts';

/** The schema (MySQL: database) a dev URL is bound to, if any. */
export function urlBinding(url: string): string | undefined {
  return isMysqlUrl(url) ? parseMysqlUrl(url).database : urlSchema(parsePgUrl(url).searchPath);
}

export interface DirStateInput {
  dir: MigrationDir;
  devUrl: string;
  /** Schemas to inspect (empty: the binding's, or every schema the files created). */
  schemas?: readonly string[];
  exclude?: readonly string[];
  /** Stop after this version. */
  toVersion?: string | undefined;
}

export interface DirState {
  realm: Realm;
  dialect: Dialect;
  /** The dev server's version, which printed the realm. */
  serverVersion: number;
  boundSchema: string | undefined;
  /** The versions that ran. */
  versions: string[];
}

/** Replays the directory on the dev database, inspects the result, and empties the dev database again. */
export async function dirState(input: DirStateInput): Promise<DirState> {
  const boundSchema = urlBinding(input.devUrl);
  const dev = await openDevDatabase({ devUrl: input.devUrl, boundSchema });
  let state: DirState;
  try {
    const versions = await replayDir(dev.driver, input.dir, { toVersion: input.toVersion });
    const realm = await dev.driver.inspect({
      schemas: await dev.inspectScope(input.schemas ?? []),
      exclude: [...(input.exclude ?? [])],
    });
    state = {
      realm,
      dialect: dev.driver.dialect,
      serverVersion: dev.driver.serverVersion,
      boundSchema,
      versions,
    };
  } catch (e) {
    // The replay's error is the one to report; emptying the dev database after it is best effort.
    await dev.close().catch(() => {});
    throw e;
  }
  await dev.close();
  return state;
}

/**
 * Runs `fn` with the dev URL to use: the URL itself, or for a MySQL server URL one bound to a
 * scratch database created for the run and dropped after it.
 */
export async function withDevUrl<T>(devUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  if (!isMysqlUrl(devUrl) || parseMysqlUrl(devUrl).database !== undefined) return fn(devUrl);
  const admin = await MysqlDriver.open(devUrl);
  const name = `atlas_ts_dev_${randomBytes(6).toString('hex')}`;
  try {
    await admin.execScript(`CREATE DATABASE ${ident(name)}`);
    const drop = () => admin.execScript(`DROP DATABASE IF EXISTS ${ident(name)}`);
    let result: T;
    try {
      result = await fn(withDatabase(devUrl, name));
    } catch (e) {
      await drop().catch(() => {});
      throw e;
    }
    await drop();
    return result;
  } finally {
    await admin.close().catch(() => {});
  }
}
