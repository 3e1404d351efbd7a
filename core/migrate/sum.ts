// atlas.sum: the directory's integrity file, byte-compatible with Atlas. One SHA-256 hasher is
// fed each file's name and raw bytes in execution order; a file's entry is the digest of all
// that so far, so editing a file changes its own entry and every later one. The first line
// hashes the entries. Files whose first line says `atlas:sum ignore` add only their name.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.ts';
import type { MigrationDir } from './dir.ts';

export const SUM_FILE = 'atlas.sum';

export interface SumFile {
  /** Base64 SHA-256 of the entries, without "h1:". */
  total: string;
  /** Hashes without "h1:". */
  entries: { name: string; hash: string }[];
}

function totalOf(entries: SumFile['entries']): string {
  const h = createHash('sha256');
  for (const e of entries) h.update(e.name).update(e.hash);
  return h.digest('base64');
}

export function computeSum(dir: MigrationDir): SumFile {
  const h = createHash('sha256');
  const entries: SumFile['entries'] = [];
  for (const f of dir.files) {
    h.update(f.name);
    if (f.directives.sumIgnore) continue;
    h.update(f.bytes);
    // copy() digests what was fed so far and leaves the running hash going.
    entries.push({ name: f.name, hash: h.copy().digest('base64') });
  }
  return { total: totalOf(entries), entries };
}

/** The cumulative atlas.sum hash of each file (without "h1:"), as stored in the revisions table. */
export function fileHashes(dir: MigrationDir): Map<string, string> {
  return new Map(computeSum(dir).entries.map((e) => [e.name, e.hash]));
}

export function formatSum(sum: SumFile): string {
  return `h1:${sum.total}\n${sum.entries.map((e) => `${e.name} h1:${e.hash}\n`).join('')}`;
}

const REHASH = "run 'atlas-ts migrate hash' to re-create it";

/** Reads atlas.sum text as Atlas does: the total first, then `name h1:hash` lines. */
export function parseSum(text: string, path: string): SumFile {
  // Lines as Go's line scanner gives them: a `\r` before the newline dropped, no last empty line.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  const total = (lines[0] ?? '').replace(/^h1:/, '');
  const entries: SumFile['entries'] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const at = line.indexOf('h1:');
    if (at === -1) {
      throw new UserError(
        'CHECKSUM',
        `${path}: checksum file format invalid: line ${i + 2} has no "h1:" hash (${JSON.stringify(line)}); ${REHASH}`,
      );
    }
    entries.push({ name: line.slice(0, at).trim(), hash: line.slice(at + 3) });
  }
  if (totalOf(entries) !== total) {
    throw new UserError(
      'CHECKSUM',
      `${path}: checksum mismatch: its first line does not match the hashes below it (was it edited or merged by hand?); ${REHASH}`,
    );
  }
  return { total, entries };
}

const sumPath = (dir: MigrationDir) => `${dir.path.endsWith('/') ? dir.path : `${dir.path}/`}${SUM_FILE}`;

export async function readSum(dir: MigrationDir): Promise<SumFile | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(dir.abs, SUM_FILE), 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw new UserError('CHECKSUM', `${sumPath(dir)}: ${(e as Error).message}`, { cause: e });
  }
  return parseSum(text, sumPath(dir));
}

export async function writeSum(dir: MigrationDir): Promise<void> {
  await writeFile(resolve(dir.abs, SUM_FILE), formatSum(computeSum(dir)));
}

export type ChecksumReason = 'added' | 'edited' | 'removed';

export interface ChecksumMismatch {
  /** 1-based line of atlas.sum (the total is line 1). */
  line: number;
  file: string;
  reason: ChecksumReason;
}

/** The first difference between the recorded and the computed sum, as Atlas reports it. */
export function findMismatch(recorded: SumFile, computed: SumFile): ChecksumMismatch | undefined {
  if (recorded.total === computed.total) return undefined;
  for (const [i, r] of recorded.entries.entries()) {
    const c = computed.entries[i];
    if (c && c.name === r.name && c.hash === r.hash) continue;
    const at = computed.entries.findIndex((e) => e.name === r.name);
    if (at < 0) return { line: i + 2, file: r.name, reason: 'removed' };
    if (at === i) return { line: i + 2, file: r.name, reason: 'edited' };
    // The file moved down: another one was added before it.
    return { line: i + 2, file: computed.entries[i]!.name, reason: 'added' };
  }
  const n = recorded.entries.length;
  const next = computed.entries[n];
  // Same entries, other total: only possible when the totals were computed differently.
  return next ? { line: n + 2, file: next.name, reason: 'added' } : undefined;
}

/** What to do about a mismatch, beyond Atlas's message: whether re-hashing is likely safe. */
function advice(dir: MigrationDir, m: ChecksumMismatch): string {
  const names = dir.files.map((f) => f.name);
  const at = names.indexOf(m.file);
  const later = at < 0 ? [] : names.slice(at + 1);
  if (m.reason === 'edited') {
    if (later.length === 0) {
      return `${m.file} is the newest file: if it has not been applied to any database yet, re-hashing is safe. If it has, revert the edit and put the change in a new file.`;
    }
    return `${m.file} is followed by ${later.length} newer file${later.length === 1 ? '' : 's'} (${later[0]}${later.length > 1 ? ', ...' : ''}), so it was likely applied somewhere already: revert the edit and put the change in a new file (atlas-ts migrate new), unless you know no database has run it.`;
  }
  if (m.reason === 'removed') {
    return `${m.file} is listed in atlas.sum but no longer in the directory: restore it if any database has run it; re-hash only if it was never applied.`;
  }
  if (later.length > 0) {
    return `${m.file} sorts before ${later.length} file${later.length === 1 ? '' : 's'} already in atlas.sum: databases that ran those will not run it in order; give it a later version (rename it) unless that is intended, then re-hash.`;
  }
  return `${m.file} is new: re-hash to add it to atlas.sum.`;
}

/**
 * Checks the directory against its atlas.sum. Throws UserError('CHECKSUM') with Atlas's message
 * (and advice on whether re-hashing is safe); a directory without files needs no atlas.sum.
 */
export async function validateDir(dir: MigrationDir): Promise<void> {
  const recorded = await readSum(dir);
  if (recorded === undefined) {
    if (dir.files.length === 0) return;
    throw new UserError(
      'CHECKSUM',
      `checksum file not found: run 'atlas-ts migrate hash' to create ${SUM_FILE}`,
    );
  }
  const computed = computeSum(dir);
  const m = findMismatch(recorded, computed);
  if (!m) return;
  throw new UserError(
    'CHECKSUM',
    `You have a checksum error in your migration directory.\n\n\tL${m.line}: ${m.file} was ${m.reason}\n\nPlease check your migration files and run 'atlas-ts migrate hash' to re-hash the contents\n\n${advice(dir, m)}`,
  );
}
