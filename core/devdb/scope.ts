// Schema binding of URLs and realms. A desired realm is only comparable to the target's when
// both are bound alike: the same schema name, printed unqualified (or both unbound).
import type { Realm } from '../schema/model.ts';

/** The schema a URL's `search_path` binds to, read as PostgresDriver reads it. */
export function urlSchema(searchPath: string | undefined): string | undefined {
  return (
    searchPath
      ?.split(',')[0]
      ?.trim()
      .replace(/^"(.*)"$/, '$1') || undefined
  );
}

/** The URL bound to `schema`, or unbound when it is undefined. */
export function withSearchPath(url: string, schema: string | undefined): string {
  const u = new URL(url);
  if (schema === undefined) u.searchParams.delete('search_path');
  else u.searchParams.set('search_path', schema);
  return u.toString();
}

/** The realm with schema `from` called `to`, in every reference too. */
export function renameSchema(realm: Realm, from: string, to: string): Realm {
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'schema' && v === from ? to : rename(v);
    return out;
  };
  const renamed = rename(realm) as Realm;
  for (const s of renamed.schemas) if (s.name === from) s.name = to;
  return renamed;
}

/** A warning when the database that prints the desired state is another major version than the target. */
export function versionWarning(what: string, version: number, targetVersion: number): string[] {
  const major = Math.floor(version / 10000);
  const targetMajor = Math.floor(targetVersion / 10000);
  if (!targetVersion || major === targetMajor) return [];
  return [
    `${what} is PostgreSQL ${major}, target is PostgreSQL ${targetMajor}: both schemas are compared as ` +
      `PostgreSQL ${major} prints them, and a feature one version lacks may fail when the plan is applied; ` +
      `use a PostgreSQL ${targetMajor} dev database (--dev-url) to plan exactly`,
  ];
}
