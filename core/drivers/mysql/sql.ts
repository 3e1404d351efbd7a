// Quoting for MySQL SQL. Identifiers are always backquoted so that keywords and odd names
// survive; string literals escape backslashes, since MySQL reads them as escapes by default.
import type { ObjectRef } from '../../schema/model.ts';

export const ident = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

export const literal = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0')}'`;

/** A qualified name, or the bare one when output is bound to the object's schema. */
export const qname = (ref: ObjectRef, qualify: boolean): string =>
  qualify ? `${ident(ref.schema)}.${ident(ref.name)}` : ident(ref.name);

/**
 * Removes qualifiers naming `schema` from SQL text the server printed (view definitions), outside
 * string literals: `` `shop`.`users` `` becomes `` `users` ``, so that a definition compares equal
 * whatever database it was loaded into.
 */
export function unqualify(text: string, schema: string): string {
  const prefix = `${ident(schema)}.`;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      // A doubled quote continues the literal.
      while (text[j + 1] === c) {
        j += 2;
        while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`' && text.startsWith(prefix, i)) {
      i += prefix.length;
    } else if (c === '`') {
      let j = i + 1;
      while (j < text.length && !(text[j] === '`' && text[j + 1] !== '`')) j += text[j] === '`' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Backquoted identifiers that occur in SQL text, for finding what a view or routine reads. */
export function quotedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/`((?:[^`]|``)*)`/g)) names.add(m[1]!.replace(/``/g, '`'));
  return names;
}
