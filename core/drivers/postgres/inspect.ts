// One inspection: the fixed set of catalog queries in one read-only snapshot, then the rows
// are assembled into a realm.
import type { Realm } from '../../schema/model.ts';
import { emptyRealm } from '../../schema/model.ts';
import { sortRealm } from '../../schema/order.ts';
import { BuildContext, type Rows } from './build-context.ts';
import { buildDependencies } from './build-deps.ts';
import { buildAggregates, buildEventTriggers, buildExtensions, buildFunctions } from './build-routines.ts';
import {
  buildColumns,
  buildConstraints,
  buildIndexes,
  buildPolicies,
  buildRelations,
  buildRules,
  buildTriggers,
  domainChecks,
  indexInfos,
} from './build-tables.ts';
import { buildEnums, buildSequences, buildTypes } from './build-types.ts';
import type { PgConn } from './conn.ts';
import { catalogQueries } from './queries.ts';
import { ident } from './sql.ts';

export interface InspectOptions {
  version: number;
  /** Schemas to inspect; undefined for every user schema. */
  schemas: string[] | undefined;
  /**
   * The search_path during inspection. Names in it are printed unqualified by the catalog's
   * deparsers; empty means everything is printed schema-qualified.
   */
  searchPath: string[];
}

/** PostgreSQL 15 comments the public schema by default; that is not the user's comment. */
const DEFAULT_PUBLIC_COMMENT = 'standard public schema';

export async function runCatalogQueries(conn: PgConn, opts: InspectOptions): Promise<Rows> {
  const queries = catalogQueries({ version: opts.version });
  const rows: Rows = {};
  // One snapshot for every query, so the parts agree with each other under concurrent DDL.
  await conn.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await conn.exec(`SET LOCAL search_path = ${opts.searchPath.map(ident).join(', ') || "''"}`);
    // Catalogs of fresh databases are never analyzed, so cost estimates grow with their size
    // until JIT compilation kicks in: it cost 400 ms of a 600 ms query at 5,000 tables.
    await conn.exec('SET LOCAL jit = off');
    for (const [name, sql] of Object.entries(queries)) {
      rows[name] = await conn.query(sql, sql.includes('$1') ? [opts.schemas ?? null] : []);
    }
  } finally {
    await conn.exec('ROLLBACK').catch(() => {});
  }
  return rows;
}

export function buildRealm(rows: Rows, opts: InspectOptions): Realm {
  const realm = emptyRealm('postgres');
  const ctx = new BuildContext(realm, rows);
  for (const r of rows.schemas ?? []) {
    const s = ctx.addSchema(String(r.name));
    const comment = ctx.comment('pg_namespace', r.oid);
    if (comment !== undefined && !(s.name === 'public' && comment === DEFAULT_PUBLIC_COMMENT))
      s.comment = comment;
  }
  buildRelations(ctx, rows);
  buildEnums(ctx, rows);
  // Types register composite types as relations, whose fields come with the columns.
  buildTypes(ctx, rows, domainChecks(ctx, rows));
  buildColumns(ctx, rows);
  const info = indexInfos(rows);
  const backing = buildConstraints(ctx, rows, info);
  buildIndexes(ctx, rows, backing, info);
  buildSequences(ctx, rows);
  buildFunctions(ctx, rows);
  buildAggregates(ctx, rows);
  buildTriggers(ctx, rows);
  buildPolicies(ctx, rows);
  buildRules(ctx, rows);
  buildExtensions(ctx, rows, opts.schemas === undefined);
  if (opts.schemas === undefined) buildEventTriggers(ctx, rows);
  buildDependencies(ctx, rows);
  return sortRealm(realm);
}
