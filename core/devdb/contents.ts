// What a PostgreSQL dev database holds, as a list of droppable objects: database-wide objects
// (schemas, extensions, event triggers, ...) and every top-level object in a user schema, found
// through its dependency on the schema. A snapshot before loading and one after tell what
// loading created, which is exactly what cleaning drops.

import type { PgConn } from '../drivers/postgres/conn.ts';
import { ident } from '../drivers/postgres/sql.ts';
import { UserError } from '../errors.ts';

export interface DbObject {
  /** Stable identity across snapshots: `table public.t`, `extension hstore`. */
  label: string;
  /** The schema it lives in; undefined for database-wide objects (schemas themselves included). */
  schema: string | undefined;
  /** The name; for objects in a schema, the identity (`public.f(integer)`). */
  name: string;
  kind: string;
  drop: string;
  /** Goes with another object (a serial's sequence, a range's constructors): not worth naming. */
  owned: boolean;
}

const USER_SCHEMA = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;
const notExtensionMember = (cls: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '${cls}'::regclass AND x.objid = ${oid} AND x.deptype = 'e')`;

// Order matters for dropping: event triggers first (they could fire on the other drops).
const DATABASE_OBJECTS = `
SELECT 'event trigger' AS kind, evtname AS name, format('DROP EVENT TRIGGER IF EXISTS %I', evtname) AS drop
  FROM pg_event_trigger e WHERE ${notExtensionMember('pg_event_trigger', 'e.oid')}
UNION ALL
SELECT 'publication', pubname, format('DROP PUBLICATION IF EXISTS %I', pubname) FROM pg_publication
UNION ALL
SELECT 'schema', n.nspname, format('DROP SCHEMA IF EXISTS %I CASCADE', n.nspname)
  FROM pg_namespace n WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_namespace', 'n.oid')}
UNION ALL
SELECT 'extension', extname, format('DROP EXTENSION IF EXISTS %I CASCADE', extname)
  FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL
SELECT 'cast', format('(%s AS %s)', c.castsource::regtype, c.casttarget::regtype),
       format('DROP CAST IF EXISTS (%s AS %s) CASCADE', c.castsource::regtype, c.casttarget::regtype)
  FROM pg_cast c WHERE c.oid >= 16384 AND ${notExtensionMember('pg_cast', 'c.oid')}
UNION ALL
SELECT 'server', srvname, format('DROP SERVER IF EXISTS %I CASCADE', srvname)
  FROM pg_foreign_server s WHERE ${notExtensionMember('pg_foreign_server', 's.oid')}
UNION ALL
SELECT 'foreign-data wrapper', fdwname, format('DROP FOREIGN DATA WRAPPER IF EXISTS %I CASCADE', fdwname)
  FROM pg_foreign_data_wrapper w WHERE ${notExtensionMember('pg_foreign_data_wrapper', 'w.oid')}
UNION ALL
SELECT 'language', lanname, format('DROP LANGUAGE IF EXISTS %I CASCADE', lanname)
  FROM pg_language l WHERE l.oid >= 16384 AND ${notExtensionMember('pg_language', 'l.oid')}`;

// Every object in a schema depends on it ('n'), except parts of another object (indexes,
// constraints, array and row types), which go with their owner. Extensions are listed above.
const SCHEMA_OBJECTS = `
SELECT n.nspname AS schema, o.type, o.identity,
       EXISTS (SELECT 1 FROM pg_depend a
                WHERE a.classid = d.classid AND a.objid = d.objid AND a.deptype IN ('a', 'i')) AS owned
  FROM pg_depend d
  JOIN pg_namespace n ON n.oid = d.refobjid
  CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
 WHERE d.refclassid = 'pg_namespace'::regclass AND d.deptype = 'n'
   AND d.classid <> 'pg_extension'::regclass AND ${USER_SCHEMA}
   AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classid AND x.objid = d.objid AND x.deptype = 'e')
 ORDER BY o.type <> 'table', o.type, o.identity`;

// pg_identify_object's type names are DROP's keywords except for these.
const DROP_KEYWORD: Record<string, string> = { 'composite type': 'TYPE', 'statistics object': 'STATISTICS' };

export async function listObjects(conn: PgConn): Promise<DbObject[]> {
  const global = await conn.query<{ kind: string; name: string; drop: string }>(DATABASE_OBJECTS);
  const local = await conn.query<{ schema: string; type: string; identity: string; owned: boolean }>(
    SCHEMA_OBJECTS,
  );
  return [
    ...global.map((r) => ({
      label: `${r.kind} ${r.name}`,
      schema: undefined,
      name: r.name,
      kind: r.kind,
      drop: r.drop,
      owned: false,
    })),
    ...local.map((r) => ({
      label: `${r.type} ${r.identity}`,
      schema: r.schema,
      name: r.identity,
      kind: r.type,
      drop: `DROP ${DROP_KEYWORD[r.type] ?? r.type.toUpperCase()} IF EXISTS ${r.identity} CASCADE`,
      owned: r.owned,
    })),
  ];
}

/** `table public.t, schema app and 3 more`: what a user needs to find the objects. */
export function describeObjects(objects: readonly DbObject[]): string {
  const named = objects.filter((o) => !o.owned);
  const list = named.length > 0 ? named : objects;
  const shown = list.slice(0, 5).map((o) => o.label);
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Drops what the database holds now and did not `before`, and recreates the schemas that existed
 * before and are gone (a script may drop `public`). Throws when that leaves it otherwise.
 */
/** Drops per round trip: few enough that a chunk's locks fit a default lock table. */
const DROP_CHUNK = 100;

export async function dropCreated(
  conn: PgConn,
  before: readonly DbObject[],
  database: string,
): Promise<void> {
  const existed = new Set(before.map((o) => o.label));
  const after = await listObjects(conn);
  const created = after.filter((o) => !existed.has(o.label));
  const newSchemas = new Set(created.filter((o) => o.kind === 'schema').map((o) => o.name));
  // Objects in a dropped schema go with it; the rest one by one (CASCADE takes dependents).
  const drops = created.filter((o) => o.schema === undefined || !newSchemas.has(o.schema));
  const ordered = [
    ...drops.filter((o) => o.schema === undefined && o.kind !== 'extension'),
    ...drops.filter((o) => o.schema !== undefined),
    ...drops.filter((o) => o.kind === 'extension'),
  ];
  // A failed drop is not final: a later CASCADE may take the object. The last listing decides.
  let firstError: string | undefined;
  const attempt = (sql: string) =>
    conn.exec(sql).catch((e: Error) => {
      firstError ??= `${sql}: ${e.message}`;
    });
  // In chunks, one round trip each (every drop is IF EXISTS ... CASCADE, so a chunk never trips
  // over an object an earlier CASCADE took); a chunk that fails as a whole (it is one implicit
  // transaction: nothing of it stays) is retried one drop at a time.
  for (let i = 0; i < ordered.length; i += DROP_CHUNK) {
    const chunk = ordered.slice(i, i + DROP_CHUNK);
    const done = await conn.exec(chunk.map((o) => o.drop).join(';\n')).then(
      () => true,
      () => false,
    );
    if (!done) for (const o of chunk) await attempt(o.drop);
  }
  // Only schemas the script dropped are missing: the drops above never take an old one.
  const schemas = before.filter((o) => o.kind === 'schema').map((o) => o.name);
  const present = new Set(after.map((o) => o.label));
  for (const s of schemas) if (!present.has(`schema ${s}`)) await attempt(`CREATE SCHEMA ${ident(s)}`);
  const now = await listObjects(conn);
  const left = now.filter((o) => !existed.has(o.label));
  const labels = new Set(now.map((o) => o.label));
  const missing = schemas.filter((s) => !labels.has(`schema ${s}`));
  if (left.length > 0 || missing.length > 0) {
    const what = [
      ...(left.length > 0 ? [`still there: ${describeObjects(left)}`] : []),
      ...(missing.length > 0 ? [`schema ${missing.join(', ')} missing`] : []),
      ...(firstError ? [firstError] : []),
    ];
    throw new UserError('SQL', `could not leave dev database "${database}" as it was: ${what.join('; ')}`);
  }
}
