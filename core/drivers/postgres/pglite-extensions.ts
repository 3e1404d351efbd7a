import type { Extensions } from '@electric-sql/pglite';

// Every extension PGlite ships, registered up front so that `CREATE EXTENSION` works on an
// embedded database as it does on a server with contrib installed. Registration only maps
// names to bundles; a bundle is unpacked when CREATE EXTENSION asks for it.

const CONTRIB = [
  'amcheck',
  'auto_explain',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'file_fdw',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'moddatetime',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_stat_statements',
  'pg_surgery',
  'pg_trgm',
  'pg_visibility',
  'pg_walinspect',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid_ossp',
];

export async function pgliteExtensions(): Promise<Extensions> {
  const entries = await Promise.all([
    ...CONTRIB.map(async (name) => [name, await load(`@electric-sql/pglite/contrib/${name}`, name)] as const),
    (async () => ['vector', await load('@electric-sql/pglite/vector', 'vector')] as const)(),
  ]);
  return Object.fromEntries(entries.filter(([, ext]) => ext !== undefined)) as Extensions;
}

async function load(specifier: string, name: string): Promise<unknown> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    return mod[name];
  } catch {
    // A PGlite release without this extension: CREATE EXTENSION will say it is unavailable.
    return undefined;
  }
}
