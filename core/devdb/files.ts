// Desired-state sources: `file://` SQL files and directories, or database URLs. Paths keep the
// spelling the user gave (relative stays relative) so that messages point where they looked.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.ts';

export interface SqlFile {
  /** As the user wrote it, or the directory as written plus the file name. */
  path: string;
  text: string;
}

/**
 * A desired-state source as a project file (atlas.hcl) can give it: a URL string (`file://`,
 * database), text that was produced rather than read (an `external_schema` program's output),
 * or a `composite_schema`: several sources, each loaded into its own schema.
 */
export type DesiredInput = string | InlineSource | CompositeSource;

export interface InlineSource {
  kind: 'inline';
  /** Where the text came from, for messages (`data.external_schema.app`); `.hcl` makes it HCL. */
  path: string;
  text: string;
}

export interface CompositeSource {
  kind: 'composite';
  /** For messages: `data.composite_schema.app`. */
  name: string;
  members: { schema: string; src: DesiredInput[] }[];
}

/** SQL files, Atlas schema HCL files (never both: they would be two desired states), one URL, or a composite. */
export type DesiredSources =
  | { kind: 'files'; files: SqlFile[] }
  | { kind: 'hcl'; files: SqlFile[] }
  | { kind: 'url'; url: string }
  | { kind: 'composite'; name: string; members: { schema: string; sources: DesiredSources }[] };

const DB_SCHEMES = /^(postgres|postgresql|pglite|mysql|maria|mariadb):/i;

/** Sorts out the `to` entries: SQL files (read, in order) or exactly one database URL. */
export async function readDesiredSources(
  to: readonly DesiredInput[],
  cwd = process.cwd(),
): Promise<DesiredSources> {
  if (to.length === 0)
    throw new UserError('BAD_ARGS', 'no desired state given: pass file:// paths or a database URL');
  const composite = to.filter((t): t is CompositeSource => typeof t !== 'string' && t.kind === 'composite');
  if (composite.length > 0) {
    if (to.length > 1) {
      throw new UserError(
        'BAD_ARGS',
        `${composite[0]!.name} must be the only desired state: add the other sources to it as schemas`,
      );
    }
    const c = composite[0]!;
    const members = [];
    for (const m of c.members)
      members.push({ schema: m.schema, sources: await readDesiredSources(m.src, cwd) });
    return { kind: 'composite', name: c.name, members };
  }
  const urls = to.filter((t): t is string => typeof t === 'string' && DB_SCHEMES.test(t));
  if (urls.length > 0) {
    if (to.length > 1) {
      throw new UserError(
        'BAD_ARGS',
        'a database URL as desired state must be the only one: give either one URL or file:// paths',
      );
    }
    return { kind: 'url', url: urls[0]! };
  }
  const files: SqlFile[] = [];
  for (const entry of to) {
    if (typeof entry === 'string') files.push(...(await readEntry(entry, cwd)));
    else if (entry.kind === 'inline') files.push({ path: entry.path, text: entry.text });
  }
  const hcl = files.filter((f) => isHcl(f.path));
  if (hcl.length === 0) return { kind: 'files', files };
  if (hcl.length !== files.length) {
    throw new UserError(
      'BAD_ARGS',
      `the desired state mixes SQL and HCL files (${hcl[0]!.path}, ${files.find((f) => !isHcl(f.path))!.path}): give one kind, or combine them with a composite_schema data source in atlas.hcl`,
    );
  }
  return { kind: 'hcl', files };
}

async function readEntry(entry: string, cwd: string): Promise<SqlFile[]> {
  if (!/^file:\/\//i.test(entry)) {
    throw new UserError(
      'BAD_ARGS',
      `desired state "${entry}" is neither a file:// path nor a database URL: write file://${entry.replace(/^[a-z]+:\/*/i, '')} for a file or directory`,
    );
  }
  // file:///abs/x.sql is absolute; file://schema.sql and file://./db/ are relative to cwd.
  const path = entry.slice('file://'.length);
  if (path === '') throw new UserError('BAD_ARGS', `desired state "${entry}" names no file or directory`);
  const abs = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch (e) {
    throw notReadable(entry, path, e, cwd);
  }
  if (!isDir) {
    if (isProjectFile(path)) throw projectFileGiven(path);
    return [{ path, text: await readText(entry, path, abs, cwd) }];
  }
  let names: string[];
  try {
    const entries = await readdir(abs, { withFileTypes: true });
    names = entries
      .filter((d) => !d.isDirectory() && (d.name.endsWith('.sql') || isHcl(d.name)) && !isProjectFile(d.name))
      .map((d) => d.name);
  } catch (e) {
    throw notReadable(entry, path, e, cwd);
  }
  // Lexical order by code unit, not locale: 10_x.sql sorts the same on every machine.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) {
    // An empty desired state would plan dropping everything, so a wrong directory must not pass.
    throw new UserError('BAD_ARGS', `directory "${path}" (from ${entry}) holds no .sql or .hcl files`);
  }
  const dir = path.endsWith('/') ? path : `${path}/`;
  return Promise.all(
    names.map(async (name) => ({
      path: `${dir}${name}`,
      text: await readText(entry, `${dir}${name}`, resolve(abs, name), cwd),
    })),
  );
}

const isHcl = (path: string) => /\.hcl$/i.test(path);
/** `atlas.hcl` configures a project; it is not a schema. */
const isProjectFile = (path: string) => /(^|\/)atlas\.hcl$/i.test(path);

function projectFileGiven(path: string): UserError {
  return new UserError(
    'BAD_ARGS',
    `${path} is a project file, not a schema: select an environment with --env NAME (and --config file://${path}) instead`,
  );
}

async function readText(entry: string, path: string, abs: string, cwd: string): Promise<string> {
  try {
    return (await readFile(abs, 'utf8')).replace(/^\uFEFF/, '');
  } catch (e) {
    throw notReadable(entry, path, e, cwd);
  }
}

function notReadable(entry: string, path: string, e: unknown, cwd: string): UserError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const where = isAbsolute(path) ? '' : ` (relative to ${cwd})`;
    return new UserError('BAD_ARGS', `desired state ${entry}: no such file or directory "${path}"${where}`);
  }
  return new UserError('BAD_ARGS', `desired state ${entry}: cannot read "${path}": ${(e as Error).message}`, {
    cause: e,
  });
}
