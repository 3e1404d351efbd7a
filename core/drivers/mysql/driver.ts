// The MySQL/MariaDB driver: a mysql2 connection plus inspection and rendering. A URL with a
// database binds to it (plans name objects unqualified); a server URL covers every user database.
import type { Change } from '../../diff/changes.ts';
import type { DiffPolicy } from '../../diff/policy.ts';
import { UserError } from '../../errors.ts';
import { applyExcludes } from '../../schema/exclude.ts';
import type { Realm } from '../../schema/model.ts';
import type { Driver, InspectScope, Stmt } from '../driver.ts';
import { connectMysql, type MyConn } from './conn.ts';
import { execStatements, namedLock } from './exec.ts';
import { type Flavor, flavorOf, unsupportedReason } from './flavor.ts';
import { buildRealm } from './inspect.ts';
import { planChanges } from './plan.ts';
import { listSchemas, runCatalogQueries } from './queries.ts';
import { createStatements } from './render.ts';

export class MysqlDriver implements Driver {
  readonly dialect = 'mysql' as const;
  readonly transactionalDdl = false;

  private constructor(
    private readonly conn: MyConn,
    readonly boundSchema: string | undefined,
    readonly flavor: Flavor,
    /** The session's sql_mode, restored after statements that need another. */
    readonly sessionMode: string,
    readonly schemaDefaults: { charset: string; collation: string } | undefined,
  ) {}

  get serverVersion(): number {
    return this.flavor.version;
  }

  static async open(url: string): Promise<MysqlDriver> {
    const { conn, target } = await connectMysql(url);
    try {
      const [info] = await conn.query<{ version: string; mode: string; charset: string; collation: string }>(
        `SELECT VERSION() AS version, @@SESSION.sql_mode AS mode, @@character_set_database AS charset,
           @@collation_database AS collation`,
      );
      const flavor = flavorOf(String(info?.version));
      const unsupported = unsupportedReason(flavor);
      if (unsupported) throw new UserError('UNSUPPORTED', unsupported);
      const defaults =
        target.database !== undefined && info
          ? { charset: String(info.charset), collation: String(info.collation) }
          : undefined;
      return new MysqlDriver(conn, target.database, flavor, String(info?.mode ?? ''), defaults);
    } catch (e) {
      await conn.close().catch(() => {});
      throw e;
    }
  }

  async inspect(scope: InspectScope = {}): Promise<Realm> {
    const requested = scope.schemas?.length
      ? [...new Set(scope.schemas)]
      : this.boundSchema !== undefined
        ? [this.boundSchema]
        : undefined;
    const schemas = requested ?? (await listSchemas(this.conn));
    const bound = requested?.length === 1 && requested[0] === this.boundSchema ? this.boundSchema : undefined;
    const realm =
      schemas.length === 0
        ? { dialect: 'mysql' as const, schemas: [], extensions: [], eventTriggers: [] }
        : buildRealm(await runCatalogQueries(this.conn, this.flavor, schemas), {
            flavor: this.flavor,
            bound,
          });
    for (const name of requested ?? []) {
      if (!realm.schemas.some((s) => s.name === name)) {
        throw new UserError('NO_SCHEMA', `database "${name}" does not exist on the server`);
      }
    }
    return applyExcludes(realm, scope.exclude ?? [], bound !== undefined);
  }

  createStatements(realm: Realm): Stmt[] {
    return createStatements(realm, this.ctx(realm), this.sessionMode);
  }

  planChanges(changes: Change[], ctx: { from: Realm; to: Realm; policy?: DiffPolicy }): Stmt[] {
    return planChanges(changes, {
      ...this.ctx(ctx.to),
      from: ctx.from,
      to: ctx.to,
      sessionMode: this.sessionMode,
    });
  }

  private ctx(realm: Realm) {
    // Output bound to the URL's one database names no database.
    const qualify = !(
      this.boundSchema !== undefined &&
      realm.schemas.length === 1 &&
      realm.schemas[0]?.name === this.boundSchema
    );
    return { flavor: this.flavor, qualify };
  }

  /** DDL is not transactional in MySQL: `txMode` cannot group statements, each commits. */
  exec(stmts: readonly Stmt[], _opts: { txMode: 'file' | 'none' }): Promise<void> {
    return execStatements(this.conn, stmts);
  }

  lock(name: string, timeoutMs: number): Promise<() => Promise<void>> {
    return namedLock(this.conn, name, this.boundSchema, timeoutMs);
  }

  async execScript(sql: string): Promise<void> {
    await this.conn.exec(sql);
  }

  /** The server's user databases (not mysql, sys, information_schema, performance_schema). */
  listSchemas(): Promise<string[]> {
    return listSchemas(this.conn);
  }

  /** Rows of a query, for the dev database's bookkeeping. */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.conn.query<T>(sql, params);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
