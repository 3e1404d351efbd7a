// Reading schema HCL files into a realm, with mistakes reported as user errors that name the
// file, line and column.

import { UserError } from '../errors.ts';
import type { Dialect } from '../schema/model.ts';
import type { InputVars } from './document.ts';
import { fileFunction } from './io-functions.ts';
import { type DecodedSchema, decodeSchemaHcl } from './schema/decode.ts';
import { encodeSchemaHcl } from './schema/encode.ts';
import { parseHcl } from './syntax/parser.ts';
import { HclError } from './syntax/position.ts';

export interface SchemaSource {
  /** As the user gave it (shown in messages); `file()` paths are relative to its directory. */
  path: string;
  text: string;
}

export function readSchemaHcl(
  files: readonly SchemaSource[],
  opts: { dialect: Dialect; vars?: InputVars | undefined; undeclaredVars?: 'error' | 'ignore' | undefined },
): DecodedSchema {
  return hclErrors(() =>
    decodeSchemaHcl(
      files.map((f) => parseHcl(f.text, f.path)),
      {
        dialect: opts.dialect,
        vars: opts.vars,
        undeclaredVars: opts.undeclaredVars,
        functions: { file: fileFunction },
      },
    ),
  );
}

/** Runs HCL work, turning its errors into user errors (`file:line:col: message`). */
export function hclErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HclError) throw new UserError('HCL', e.describe(), { cause: e });
    throw e;
  }
}

export { encodeSchemaHcl };
