// A migration directory (`--dir file://migrations?format=...`): its files in execution order
// with versions, descriptions and directives, read once. Paths in messages keep the spelling the
// user gave. Statements come from ./statements.ts; atlas.sum from ./sum.ts.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { type FileDirectives, parseFileDirectives } from './directives.ts';
import { DIR_FORMATS, type DirFormat, listFiles } from './formats.ts';

export type { FileDirectives } from './directives.ts';
export type { DirFormat } from './formats.ts';
export {
  atlasStmtText,
  type FileCheck,
  type FileStatement,
  fileStatements,
} from './statements.ts';

export interface MigrationFile {
  /** File name as hashed in atlas.sum (flyway: path relative to the directory). */
  name: string;
  /** For messages: the directory as the user wrote it, then the name. */
  path: string;
  /** Compared as strings, as Atlas does. */
  version: string;
  description: string;
  /** The content as UTF-8 (a byte order mark removed). */
  text: string;
  /** The raw content: atlas.sum hashes these bytes. */
  bytes: Uint8Array;
  directives: FileDirectives;
  /** The directory's format: it decides which part of the file runs. */
  format: DirFormat;
}

export interface MigrationDir {
  /** As given: file://path?format=... */
  url: string;
  /** Filesystem path as the user wrote it (relative stays relative). */
  path: string;
  /** Absolute path, for reading and writing. */
  abs: string;
  format: DirFormat;
  /** In execution order (atlas: lexical by byte). */
  files: MigrationFile[];
}

export const DEFAULT_DIR_URL = 'file://migrations';

/** The path and format a directory URL names. */
export function parseDirUrl(dirUrl: string): { path: string; format: DirFormat } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^?#]*)(?:\?([^#]*))?/i.exec(dirUrl);
  if (!m) {
    throw new UserError(
      'BAD_URL',
      `migration directory "${dirUrl}" has no scheme: did you mean "file://${dirUrl.replace(/^[a-z]+:\/*/i, '')}"?`,
    );
  }
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'file') {
    throw new UserError(
      'BAD_URL',
      scheme === 'atlas'
        ? `migration directory "${dirUrl}": atlas:// directories (Atlas Cloud) are not supported; use file://path`
        : `migration directory "${dirUrl}": unsupported scheme "${scheme}"; use file://path`,
    );
  }
  let path: string;
  try {
    path = decodeURIComponent(m[2]!);
  } catch {
    path = m[2]!;
  }
  const format = new URLSearchParams(m[3] ?? '').get('format') ?? '';
  if (format !== '' && !(DIR_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(
      'BAD_URL',
      `unknown dir format "${format}" in ${dirUrl}: use one of ${DIR_FORMATS.join(', ')}`,
    );
  }
  return { path: path === '' ? 'migrations' : path, format: (format || 'atlas') as DirFormat };
}

/**
 * Reads the directory `dirUrl` names. Errors: a URL that is not file://, an unknown format, a
 * directory that does not exist (unless `create`), a file with a directive Atlas refuses.
 */
export async function openDir(
  dirUrl: string,
  cwd: string = process.cwd(),
  opts: { create?: boolean } = {},
): Promise<MigrationDir> {
  const { path, format } = parseDirUrl(dirUrl);
  const abs = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ENOENT' || !opts.create) {
      const where = isAbsolute(path) ? '' : ` (relative to ${cwd})`;
      throw new UserError(
        'BAD_ARGS',
        code === 'ENOENT'
          ? `migration directory "${path}" does not exist${where}: create it, or pass --dir file://path`
          : `migration directory "${path}": ${(e as Error).message}`,
        { cause: e },
      );
    }
    await mkdir(abs, { recursive: true });
    isDir = true;
  }
  if (!isDir) throw new UserError('BAD_ARGS', `migration directory "${path}" is not a directory`);
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const listed = await listFiles(abs, format);
  const files = await Promise.all(
    listed.map(async (f): Promise<MigrationFile> => {
      const bytes = await readFile(resolve(abs, f.name));
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const filePath = `${prefix}${f.name}`;
      return { ...f, path: filePath, text, bytes, directives: parseFileDirectives(filePath, text), format };
    }),
  );
  return { url: dirUrl, path, abs, format, files };
}

/**
 * A new version: the current UTC time as 14 digits (20240131235959), as Atlas names files — but
 * always after the directory's latest version, so that two files written in the same second (or
 * on a machine whose clock is behind) still sort, and apply, in the order they were made.
 */
export function newVersion(now: Date = new Date(), existing: readonly MigrationFile[] = []): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = (d: Date) =>
    `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  const latest = existing.reduce<string | undefined>(
    (m, f) => (m === undefined || f.version > m ? f.version : m),
    undefined,
  );
  let t = new Date(Math.floor(now.getTime() / 1000) * 1000);
  // Only timestamp versions can be stepped past; `1_init` is older than any timestamp anyway.
  if (latest !== undefined && /^\d{14}$/.test(latest)) {
    while (stamp(t) <= latest) t = new Date(t.getTime() + 1000);
  }
  return stamp(t);
}
