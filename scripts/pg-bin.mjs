// Locating PostgreSQL binaries. Shared by the test harness (which starts the server) and
// test/helpers/db.ts (which runs psql/pg_dump), so both pick the same installation.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Candidate bin dirs, preferred first: `pg_config --bindir`, then /usr/lib/postgresql/<major>/bin newest first. */
export function pgBinDirs() {
  const dirs = [];
  try {
    dirs.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {
    // No pg_config on PATH (Debian ships it only with libpq-dev/postgresql-common): fall back to the layout.
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...majors.map((v) => join(root, v, 'bin')));
  }
  return [...new Set(dirs)].filter(Boolean);
}

/** Major version of the binaries in `dir`, read from `<tool> --version` ("pg_dump (PostgreSQL) 15.18"). */
export function pgBinMajor(dir, tool = 'postgres') {
  const out = execFileSync(join(dir, tool), ['--version'], { encoding: 'utf8', stdio: 'pipe' });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
  if (!m) throw new Error(`cannot parse version from ${join(dir, tool)}: ${out.trim()}`);
  return Number(m[1]);
}

/**
 * First candidate dir holding every tool in `tools` whose major is >= `minMajor`
 * (pg_dump refuses servers newer than itself), or undefined.
 */
export function findPgBinDir(tools = ['initdb', 'postgres'], minMajor = 0) {
  for (const dir of pgBinDirs()) {
    if (!tools.every((t) => existsSync(join(dir, t)))) continue;
    if (minMajor > 0 && pgBinMajor(dir, tools[0]) < minMajor) continue;
    return dir;
  }
  return undefined;
}
