// Loading a desired state: SQL files are executed on a dev database and inspected, so that the
// desired realm is printed by PostgreSQL just as the target's is; a database URL is inspected
// directly. Either way with the target's scope and schema binding.
import { PostgresDriver } from '../drivers/postgres/driver.ts';
import { parsePgUrl } from '../drivers/postgres/url.ts';
import { isUserError, UserError } from '../errors.ts';
import type { Dialect, Realm } from '../schema/model.ts';
import { openDevDatabase } from './dev-database.ts';
import type { DesiredState } from './devdb.ts';
import { executeFile, fileStatements } from './execute.ts';
import { readDesiredSources } from './files.ts';
import { renameHints } from './hints.ts';
import { renameSchema, urlSchema, versionWarning, withSearchPath } from './scope.ts';

export { normalizeRealm } from './normalize.ts';

export interface LoadInput {
  /** `file://` SQL files or directories (files in lexical order), or database URLs. */
  to: string[];
  devUrl?: string | undefined;
  target: { dialect: Dialect; version: number; boundSchema: string | undefined };
  /** Schemas in scope; the desired state is inspected with the same scope. */
  schemas: string[];
  exclude: string[];
}

export async function loadDesiredState(input: LoadInput): Promise<DesiredState> {
  if (input.target.dialect !== 'postgres') {
    throw new UserError(
      'UNSUPPORTED',
      'desired state for MySQL and MariaDB is not supported yet (tracked in issue #4)',
    );
  }
  const sources = await readDesiredSources(input.to);
  if (sources.kind === 'url') return inspectUrl(sources.url, input);
  // Split first: a file that cannot be split fails before a dev database is started.
  const files = sources.files.map((file) => ({ file, stmts: fileStatements(file) }));
  const dev = await openDevDatabase({ devUrl: input.devUrl, boundSchema: input.target.boundSchema });
  let state: DesiredState;
  try {
    for (const { file, stmts } of files) await executeFile(dev.driver, file, stmts);
    const realm = await inspectDesired(dev.driver, await dev.inspectScope(input.schemas), input.exclude);
    state = {
      realm,
      hints: files.flatMap(({ stmts }) => renameHints(stmts, dev.loadSchema)),
      warnings: versionWarning('dev database', dev.driver.serverVersion, input.target.version),
      printedBy: dev.driver.serverVersion,
      viaDevDatabase: true,
    };
  } catch (e) {
    // The loading error is the one to report; cleaning up after it is best effort.
    await dev.close().catch(() => {});
    throw e;
  }
  await dev.close();
  return state;
}

/**
 * A database as the desired state. Bound to another schema than the target, its schema is
 * renamed to the target's, so that the contents are compared, not the names.
 */
async function inspectUrl(url: string, input: LoadInput): Promise<DesiredState> {
  if (/^(mysql|maria|mariadb):/i.test(url)) {
    throw new UserError('UNSUPPORTED', 'MySQL and MariaDB are not supported yet (tracked in issue #4)');
  }
  const own = urlSchema(parsePgUrl(url).searchPath);
  const target = input.target.boundSchema;
  let openUrl = url;
  let schemas = input.schemas;
  if (target === undefined) {
    openUrl = withSearchPath(url, undefined);
    if (own !== undefined && schemas.length === 0) schemas = [own];
  } else if (own === undefined) {
    openUrl = withSearchPath(url, target);
  } else if (own !== target) {
    schemas = schemas.map((s) => (s === target ? own : s));
  }
  const driver = await PostgresDriver.open(openUrl);
  try {
    let realm = await driver.inspect({ schemas, exclude: input.exclude });
    if (target !== undefined && own !== undefined && own !== target) realm = renameSchema(realm, own, target);
    return {
      realm,
      hints: [],
      warnings: versionWarning('desired-state database', driver.serverVersion, input.target.version),
      printedBy: driver.serverVersion,
      viaDevDatabase: false,
    };
  } finally {
    await driver.close();
  }
}

async function inspectDesired(driver: PostgresDriver, schemas: string[], exclude: string[]): Promise<Realm> {
  try {
    return await driver.inspect({ schemas, exclude });
  } catch (e) {
    const missing =
      isUserError(e) && e.code === 'NO_SCHEMA' ? /^schema "(.*)" does not exist/.exec(e.message) : null;
    if (!missing) throw e;
    throw new UserError(
      'NO_SCHEMA',
      `schema "${missing[1]}" is in scope but the desired state does not create it: add it to the desired state or leave it out of the scope`,
      { cause: e },
    );
  }
}
