// Which files of a directory are migrations, in which order, and their versions and
// descriptions, for each directory format Atlas reads (`?format=` on the directory URL).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export type DirFormat = 'atlas' | 'golang-migrate' | 'goose' | 'flyway' | 'liquibase' | 'dbmate';

export const DIR_FORMATS: readonly DirFormat[] = [
  'atlas',
  'golang-migrate',
  'goose',
  'flyway',
  'liquibase',
  'dbmate',
];

export interface ListedFile {
  /** Relative to the directory, with `/` (flyway files may sit in sub-directories). */
  name: string;
  version: string;
  description: string;
}

/** Byte order of the UTF-8 names, as Go sorts strings (UTF-16 order differs above U+FFFF). */
export function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** `1_initial.up.sql` → version `1`, description `initial.up`: split at the first `_`. */
export function atlasVersion(name: string): { version: string; description: string } {
  const base = name.endsWith('.sql') ? name.slice(0, -4) : name;
  const us = base.indexOf('_');
  return us === -1
    ? { version: base, description: '' }
    : { version: base.slice(0, us), description: base.slice(us + 1) };
}

export async function listFiles(abs: string, format: DirFormat): Promise<ListedFile[]> {
  if (format === 'flyway') return listFlyway(abs);
  const entries = await readdir(abs, { withFileTypes: true });
  const suffix = format === 'golang-migrate' ? '.up.sql' : '.sql';
  return entries
    .filter((e) => !e.isDirectory() && e.name.endsWith(suffix))
    .map((e) => e.name)
    .sort(byBytes)
    .map((name) => {
      const v = atlasVersion(name);
      // golang-migrate pairs `.up.sql` with `.down.sql`: the direction is not part of the name.
      if (format === 'golang-migrate') v.description = v.description.replace(/\.up$/, '');
      return { name, ...v };
    });
}

// ---------------------------------------------------------------- flyway

/** `V2_1__add_users.sql` → `2_1`; repeatable (`R__x.sql`) files have none. */
export function flywayVersion(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.startsWith('R')) return '';
  const stem = base.endsWith('.sql') ? base.slice(0, -4) : base;
  const sep = stem.indexOf('__');
  return (sep === -1 ? stem : stem.slice(0, sep)).slice(1);
}

export function flywayDescription(path: string): string {
  const sep = path.indexOf('__');
  if (sep === -1) return '';
  const rest = path.slice(sep + 2);
  return rest.endsWith('.sql') ? rest.slice(0, -4) : rest;
}

/** Flyway orders versions by their numeric parts: 1 < 1.1 < 1_2 < 2 < 11 (non-numbers count as 0). */
export function compareFlywayVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/_/g, '.')
      .split('.')
      .map((p) => (/^[+-]?\d+$/.test(p) ? Number(p) : 0));
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Flyway's files under `abs`, sub-directories included (hidden ones are not): the latest
 * baseline (`B`), the versioned files (`V`) after it, then the repeatable ones (`R`). Undo files
 * (`U`) are not migrations. Versions compare numerically throughout; Atlas compares them as
 * strings when it drops what a baseline covers (so `B2` would drop `V10`), which we do not copy.
 */
async function listFlyway(abs: string): Promise<ListedFile[]> {
  const baselines: string[] = [];
  const versioned: string[] = [];
  const repeatable: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(join(abs, rel), { withFileTypes: true });
    entries.sort((a, b) => byBytes(a.name, b.name));
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.')) await walk(path);
        continue;
      }
      if (!e.name.endsWith('.sql') || e.name.length < 4) continue;
      if (e.name[0] === 'B') baselines.push(path);
      else if (e.name[0] === 'V') versioned.push(path);
      else if (e.name[0] === 'R') repeatable.push(path);
    }
  };
  await walk('');
  const byVersion = (a: string, b: string) => compareFlywayVersions(flywayVersion(a), flywayVersion(b));
  const baseline = baselines.sort(byVersion).at(-1);
  const after = baseline
    ? versioned.filter((v) => compareFlywayVersions(flywayVersion(v), flywayVersion(baseline)) > 0)
    : versioned;
  const names = [...(baseline ? [baseline] : []), ...after.sort(byVersion), ...repeatable.sort(byVersion)];
  return names.map((name) => ({ name, version: flywayVersion(name), description: flywayDescription(name) }));
}
