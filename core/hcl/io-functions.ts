// Functions that reach outside the document: files next to it and the environment. Kept apart
// from the pure standard library so that what a document can touch is visible in one place.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { HclFunction } from './syntax/eval.ts';
import { HclError } from './syntax/position.ts';

/** `file("schema.sql")`: a file's text, relative to the directory of the document that calls it. */
export const fileFunction: HclFunction = (args, call) => {
  const [path] = args;
  if (args.length !== 1 || typeof path !== 'string')
    throw new HclError('file() takes one string: a path', call.range);
  const abs = resolve(dirname(call.range.file), path);
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new HclError(`file("${path}"): ${why} (looked for ${abs})`, call.argRanges[0] ?? call.range);
  }
};

/** `getenv("NAME")`: an environment variable, or "" when it is unset (as Atlas). */
export const getenvFunction: HclFunction = (args, call) => {
  const [name] = args;
  if (args.length !== 1 || typeof name !== 'string')
    throw new HclError('getenv() takes one string: a variable name', call.range);
  return process.env[name] ?? '';
};
