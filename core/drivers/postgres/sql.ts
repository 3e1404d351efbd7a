// Quoting and small text utilities for PostgreSQL SQL. Identifiers are always double-quoted so
// that names which are keywords, mixed case or non-ASCII survive a round trip unchanged.
import type { ObjectRef } from '../../schema/model.ts';

export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A name as PostgreSQL prints it in definitions: bare when that reads back the same, else quoted. */
export const printedName = (name: string): string => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : ident(name));

export const qname = (ref: ObjectRef): string => `${ident(ref.schema)}.${ident(ref.name)}`;

/** A string literal, with `E''` escapes only when a backslash makes them necessary. */
export function literal(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** Dollar-quotes a body with a tag that does not occur in it. */
export function dollarQuote(body: string): string {
  for (let i = 0; ; i++) {
    const tag = i === 0 ? '$$' : `$_${i === 1 ? '' : i}$`;
    // The closing tag must match only where it is put: `$$a$` + `$$` would close one early.
    if ((body + tag).indexOf(tag) === body.length) return `${tag}${body}${tag}`;
  }
}

/**
 * Splits `text` at `sep` characters that are outside parentheses, brackets, quotes and
 * dollar-quoted strings. Used on lists the catalog prints (argument defaults, key lists).
 */
export function splitTopLevel(text: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const q = c;
      for (i++; i < text.length; i++) {
        if (text[i] === q) {
          if (text[i + 1] === q) i++;
          else break;
        }
      }
    } else if (c === '$' && !/[A-Za-z0-9_$]/.test(text[i - 1] ?? '')) {
      // A dollar quote starts a token; a `$` inside an identifier (a$b) does not open one.
      const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        i = end < 0 ? text.length : end + m[0].length - 1;
      }
    } else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** `name=value` storage parameters as the catalog stores them in `reloptions`. */
export function parseOptions(opts: unknown): { name: string; value: string }[] | undefined {
  if (!Array.isArray(opts) || opts.length === 0) return undefined;
  return (opts as string[])
    .map((o) => {
      const i = o.indexOf('=');
      return { name: o.slice(0, i), value: o.slice(i + 1) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
