// Loading a desired state: SQL files are executed on a dev database and inspected, so that the
// desired realm is printed by PostgreSQL just as the target's is; a database URL is inspected
// directly. Either way with the target's scope and schema binding.
import type { Driver } from '../drivers/driver.ts';
import { MysqlDriver } from '../drivers/mysql/driver.ts';
import { isMysqlUrl, parseMysqlUrl, withDatabase } from '../drivers/mysql/url.ts';
import { PostgresDriver } from '../drivers/postgres/driver.ts';
import { parsePgUrl } from '../drivers/postgres/url.ts';
import { quoteIdent } from '../drivers/quote.ts';
import { isUserError, UserError } from '../errors.ts';
import type { InputVars } from '../hcl/document.ts';
import { readSchemaHcl } from '../hcl/schema-files.ts';
import type { SqlStatement } from '../migrate/split.ts';
import type { Dialect, Realm } from '../schema/model.ts';
import { type DevDatabase, openDevDatabase } from './dev-database.ts';
import type { DesiredState, RenameHint } from './devdb.ts';
import { executeFile, fileStatements } from './execute.ts';
import { type DesiredInput, type DesiredSources, readDesiredSources, type SqlFile } from './files.ts';
import { renameHints } from './hints.ts';
import { databaseSwitch, MYSQL_DEV_URL_HINT } from './mysql-dev-database.ts';
import { applyRealm } from './normalize.ts';
import { renameSchema, urlSchema, versionWarning, withSearchPath } from './scope.ts';

export { normalizeRealm } from './normalize.ts';

export interface LoadInput {
  /** `file://` SQL or HCL files or directories (files in lexical order), database URLs, or project-file sources. */
  to: readonly DesiredInput[];
  devUrl?: string | undefined;
  target: {
    dialect: Dialect;
    version: number;
    boundSchema: string | undefined;
    /** MySQL: the target database's default charset and collation. */
    defaults?: { charset: string; collation: string } | undefined;
  };
  /** Schemas in scope; the desired state is inspected with the same scope. */
  schemas: string[];
  exclude: string[];
  /** Input variables of HCL desired states (`--var name=value`, or an env's attributes). */
  vars?: InputVars | undefined;
  /** `ignore` when the variables come from a project env rather than the command line. */
  undeclaredVars?: 'error' | 'ignore' | undefined;
}

export async function loadDesiredState(input: LoadInput): Promise<DesiredState> {
  const { dialect, boundSchema } = input.target;
  const sources = await readDesiredSources(input.to);
  if (sources.kind === 'url') return inspectUrl(sources.url, input);
  if (dialect === 'mysql' && input.devUrl === undefined) {
    throw new UserError(
      'BAD_ARGS',
      `a MySQL desired state given as ${sources.kind === 'hcl' ? 'HCL' : 'SQL'} needs a dev database: ${MYSQL_DEV_URL_HINT}`,
    );
  }
  if (sources.kind === 'composite') {
    if (boundSchema !== undefined && sources.members.length > 1) {
      throw new UserError(
        'BAD_ARGS',
        `${sources.name} has ${sources.members.length} schemas but the target URL is bound to schema "${boundSchema}": use a URL without a schema for the whole database`,
      );
    }
    // Each member is read (and checked) before the dev database starts, then loaded into its schema.
    const members = sources.members.map((m) => ({
      schema: m.schema,
      loader: loader(m.sources, input, m.schema),
    }));
    return viaDevDatabase(input, {
      load: async (dev) => {
        for (const m of members) {
          if (boundSchema === undefined) await useSchema(dev, m.schema, m.loader.kind === 'sql');
          await m.loader.load(dev);
        }
      },
      hints: (dev) => members.flatMap((m) => m.loader.hints(dev)),
    });
  }
  return viaDevDatabase(input, loader(sources, input, undefined));
}

interface Loader {
  kind: 'sql' | 'hcl';
  load(dev: DevDatabase): Promise<void>;
  hints(dev: DevDatabase): RenameHint[];
}

/**
 * How SQL or HCL files get onto the dev database. `into` names the schema a composite member
 * loads into: its HCL is renamed to it, and its SQL runs with it as the current schema.
 */
function loader(sources: DesiredSources, input: LoadInput, into: string | undefined): Loader {
  const { dialect, boundSchema } = input.target;
  if (sources.kind === 'url' || sources.kind === 'composite') {
    throw new UserError(
      'BAD_ARGS',
      'a composite_schema member must be SQL or HCL files, not a database URL or another composite',
    );
  }
  const target = boundSchema ?? into;
  if (sources.kind === 'hcl') {
    // Decoded before a dev database is started: a mistake in the file fails fast.
    const decoded = readSchemaHcl(sources.files, {
      dialect,
      vars: input.vars,
      undeclaredVars: input.undeclaredVars,
    });
    const declared = boundToTarget(decoded.realm, target);
    const hints = decoded.hints.map((h) => (target === undefined ? h : { ...h, schema: target }));
    return {
      kind: 'hcl',
      load: (dev) =>
        applyRealm(
          dev.driver,
          boundSchema !== undefined && dev.loadSchema !== boundSchema
            ? renameSchema(declared, boundSchema, dev.loadSchema)
            : declared,
        ),
      hints: () => hints,
    };
  }
  // Split first: a file that cannot be split fails before a dev database is started.
  const files = sources.files.map((file) => ({ file, stmts: fileStatements(file, dialect) }));
  if (dialect === 'mysql' && target !== undefined) {
    for (const f of files) refuseDatabaseSwitch(f.file, f.stmts);
  }
  return {
    kind: 'sql',
    load: async (dev) => {
      for (const { file, stmts } of files) await executeFile(dev.driver, file, stmts);
    },
    hints: (dev) => files.flatMap(({ stmts }) => renameHints(stmts, target ?? dev.loadSchema)),
  };
}

/** Makes `schema` exist and, for SQL, current, so that unqualified names land in it. */
async function useSchema(dev: DevDatabase, schema: string, current: boolean): Promise<void> {
  const q = quoteIdent(dev.driver.dialect, schema);
  await dev.driver.execScript(
    dev.driver.dialect === 'mysql'
      ? `CREATE DATABASE IF NOT EXISTS ${q}${current ? `; USE ${q}` : ''}`
      : `CREATE SCHEMA IF NOT EXISTS ${q}${current ? `; SET search_path TO ${q}` : ''}`,
  );
}

/** A desired state put on a dev database by `load`, then inspected as the target would be. */
async function viaDevDatabase(
  input: LoadInput,
  how: { load: (dev: DevDatabase) => Promise<void>; hints: (dev: DevDatabase) => RenameHint[] },
): Promise<DesiredState> {
  const { dialect, boundSchema } = input.target;
  const dev = await openDevDatabase({ devUrl: input.devUrl, boundSchema, defaults: input.target.defaults });
  let state: DesiredState;
  try {
    await how.load(dev);
    let realm = await inspectDesired(dev.driver, await dev.inspectScope(input.schemas), input.exclude);
    // A MySQL dev database has a name of its own: compare its contents as the target's.
    if (boundSchema !== undefined && dev.loadSchema !== boundSchema) {
      realm = asTargetSchema(realm, dev.loadSchema, boundSchema, input.target.defaults);
    }
    state = {
      realm,
      hints: how.hints(dev),
      warnings:
        dialect === 'postgres'
          ? versionWarning('dev database', dev.driver.serverVersion, input.target.version)
          : [],
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
 * An HCL document for a target bound to one schema describes that schema, whatever it calls
 * it (as Atlas compares a bound schema's contents, not its name).
 */
function boundToTarget(realm: Realm, boundSchema: string | undefined): Realm {
  if (boundSchema === undefined) return realm;
  if (realm.schemas.length > 1) {
    throw new UserError(
      'HCL',
      `the HCL declares ${realm.schemas.length} schemas (${realm.schemas.map((s) => s.name).join(', ')}) but the target URL is bound to schema "${boundSchema}": declare one schema, or use a URL without a schema for the whole database`,
    );
  }
  const only = realm.schemas[0];
  return only && only.name !== boundSchema ? renameSchema(realm, only.name, boundSchema) : realm;
}

/**
 * The target a desired state is loaded for when there is no target database, only the dev
 * database (`schema inspect` of files, the Terraform data source): its dialect and schema come
 * from the dev URL, without opening a second connection (a second embedded PostgreSQL costs
 * seconds). Version 0: the dev database prints the schema, nothing to compare it with.
 */
export function devTarget(devUrl: string | undefined): LoadInput['target'] {
  const url = devUrl ?? 'pglite://';
  if (isMysqlUrl(url)) return { dialect: 'mysql', version: 0, boundSchema: parseMysqlUrl(url).database };
  return { dialect: 'postgres', version: 0, boundSchema: urlSchema(parsePgUrl(url).searchPath) };
}

/**
 * A database as the desired state. Bound to another schema than the target, its schema is
 * renamed to the target's, so that the contents are compared, not the names.
 */
async function inspectUrl(url: string, input: LoadInput): Promise<DesiredState> {
  if (isMysqlUrl(url)) return inspectMysqlUrl(url, input);
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

/** A MySQL database as the desired state, bound (or not) as the target is, renamed to the target's. */
async function inspectMysqlUrl(url: string, input: LoadInput): Promise<DesiredState> {
  const own = parseMysqlUrl(url).database;
  const target = input.target.boundSchema;
  if ((target === undefined) !== (own === undefined)) {
    throw new UserError(
      'BAD_ARGS',
      'the desired-state URL and the target URL must both name a database, or both name none (a whole server)',
    );
  }
  const driver = await MysqlDriver.open(own === undefined ? url : withDatabase(url, own));
  try {
    let realm = await driver.inspect({
      schemas: input.schemas.length ? input.schemas : [],
      exclude: input.exclude,
    });
    if (target !== undefined && own !== undefined && own !== target) {
      realm = asTargetSchema(realm, own, target, input.target.defaults);
    }
    return { realm, hints: [], warnings: [], printedBy: driver.serverVersion, viaDevDatabase: false };
  } finally {
    await driver.close();
  }
}

/**
 * A MySQL desired realm loaded in another database, as the target's: renamed, and with the
 * target database's defaults (a desired state for one database cannot say what they are).
 */
function asTargetSchema(
  realm: Realm,
  from: string,
  to: string,
  defaults: LoadInput['target']['defaults'],
): Realm {
  const renamed = renameSchema(realm, from, to);
  for (const s of renamed.schemas) Object.assign(s, defaults ?? {});
  return renamed;
}

/** Desired SQL for one database must stay in it: USE or CREATE DATABASE would act elsewhere. */
function refuseDatabaseSwitch(file: SqlFile, stmts: readonly SqlStatement[]): void {
  for (const stmt of stmts) {
    const what = databaseSwitch(stmt.text);
    if (what) {
      throw new UserError(
        'SQL',
        `${file.path}:${stmt.line}:${stmt.col}: ${what} is not allowed in a desired state for one database (the target URL names a database): remove it, or use server URLs (no database) for the target and --dev-url`,
      );
    }
  }
}

async function inspectDesired(driver: Driver, schemas: string[], exclude: string[]): Promise<Realm> {
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
