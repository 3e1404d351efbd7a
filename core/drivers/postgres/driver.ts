// The PostgreSQL driver: a connection (server or embedded) plus inspection and rendering.

import type { Change } from '../../diff/changes.ts';
import type { DiffPolicy } from '../../diff/policy.ts';
import { UserError } from '../../errors.ts';
import { applyExcludes } from '../../schema/exclude.ts';
import type { Realm } from '../../schema/model.ts';
import type { Driver, InspectScope, Stmt } from '../driver.ts';
import { connectPg, type PgConn } from './conn.ts';
import { advisoryLock, execStatements } from './exec.ts';
import { buildRealm, runCatalogQueries } from './inspect.ts';
import { planChanges } from './plan.ts';
import { createStatements } from './render.ts';
import { ident } from './sql.ts';

/** Oldest server the catalog queries support (`pg_trigger.tgparentid`). */
const MIN_VERSION = 130000;

export class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly transactionalDdl = true;

  private constructor(
    private readonly conn: PgConn,
    readonly boundSchema: string | undefined,
    readonly serverVersion: number,
    readonly database: string,
  ) {}

  static async open(url: string): Promise<PostgresDriver> {
    const { conn, target } = await connectPg(url);
    try {
      const [info] = await conn.query<{ version: number; db: string }>(
        `SELECT current_setting('server_version_num')::int AS version, current_database() AS db`,
      );
      const version = Number(info?.version);
      if (version < MIN_VERSION) {
        throw new UserError(
          'UNSUPPORTED',
          `PostgreSQL ${Math.floor(version / 10000)} is not supported: use 13 or newer`,
        );
      }
      const path = (target.searchPath ?? '')
        .split(',')
        .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
        .filter((s) => s !== '');
      const bound = path[0];
      // Plans for a bound URL name objects unqualified: they must resolve in the bound schema.
      if (path.length > 0) await conn.exec(`SET search_path TO ${path.map(ident).join(', ')}`);
      return new PostgresDriver(conn, bound, version, String(info?.db));
    } catch (e) {
      await conn.close().catch(() => {});
      throw e;
    }
  }

  async inspect(scope: InspectScope = {}): Promise<Realm> {
    const requested = scope.schemas?.length
      ? [...new Set(scope.schemas)]
      : this.boundSchema
        ? [this.boundSchema]
        : undefined;
    // Bound to one schema: names in it print unqualified, so the output applies to any schema.
    const searchPath =
      this.boundSchema && requested?.length === 1 && requested[0] === this.boundSchema
        ? [this.boundSchema]
        : [];
    const opts = { version: this.serverVersion, schemas: requested, searchPath };
    const rows = await runCatalogQueries(this.conn, opts);
    const realm = buildRealm(rows, opts);
    for (const name of requested ?? []) {
      if (!realm.schemas.some((s) => s.name === name)) {
        throw new UserError('NO_SCHEMA', `schema "${name}" does not exist in database "${this.database}"`);
      }
    }
    return applyExcludes(realm, scope.exclude ?? [], searchPath.length > 0);
  }

  createStatements(realm: Realm): Stmt[] {
    return createStatements(realm, { qualify: this.qualifies(realm) });
  }

  planChanges(changes: Change[], ctx: { from: Realm; to: Realm; policy?: DiffPolicy }): Stmt[] {
    return planChanges(changes, { ...ctx, qualify: this.qualifies(ctx.to) });
  }

  /** Output bound to the URL's one schema names no schema. */
  private qualifies(realm: Realm): boolean {
    return !(
      this.boundSchema !== undefined &&
      realm.schemas.length === 1 &&
      realm.schemas[0]?.name === this.boundSchema
    );
  }

  exec(stmts: readonly Stmt[], opts: { txMode: 'file' | 'none' }): Promise<void> {
    return execStatements(this.conn, stmts, opts);
  }

  lock(name: string, timeoutMs: number): Promise<() => Promise<void>> {
    return advisoryLock(this.conn, name, timeoutMs);
  }

  async execScript(sql: string): Promise<void> {
    await this.conn.exec(sql);
  }

  query(sql: string, args?: unknown[]): Promise<Record<string, unknown>[]> {
    return this.conn.query(sql, args);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
