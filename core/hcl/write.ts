// Writing HCL text: blocks and attributes laid out as `hclwrite` formats them (two-space
// indentation, `=` aligned across consecutive attributes), strings escaped so that they read
// back byte for byte.

/** An attribute whose value is already HCL expression text. */
export interface HclAttr {
  name: string;
  expr: string;
}

export interface HclBlock {
  type: string;
  labels: string[];
  items: (HclAttr | HclBlock)[];
}

export const attr = (name: string, expr: string): HclAttr => ({ name, expr });

export const block = (
  type: string,
  labels: string[],
  items: (HclAttr | HclBlock | undefined)[],
): HclBlock => ({
  type,
  labels,
  items: items.filter((i): i is HclAttr | HclBlock => i !== undefined),
});

const isBlock = (i: HclAttr | HclBlock): i is HclBlock => 'items' in i;

export function writeBlocks(blocks: readonly HclBlock[]): string {
  const out: string[] = [];
  for (const b of blocks) writeBlock(b, '', out);
  return out.join('\n') + (out.length ? '\n' : '');
}

function writeBlock(b: HclBlock, indent: string, out: string[]): void {
  const head = `${indent}${b.type}${b.labels.map((l) => ` ${hclString(l)}`).join('')} {`;
  if (b.items.length === 0) {
    out.push(`${head}\n${indent}}`);
    return;
  }
  const lines: string[] = [head];
  const inner = `${indent}  `;
  let run: HclAttr[] = [];
  const flush = () => {
    // Like hclwrite: single-line attributes in a row share one `=` column.
    const width = Math.max(...run.map((a) => a.name.length));
    for (const a of run) {
      const expr = a.expr.includes('\n') ? indentHeredoc(a.expr, inner) : a.expr;
      lines.push(`${inner}${a.name.padEnd(width)} = ${expr}`);
    }
    run = [];
  };
  for (const item of b.items) {
    if (isBlock(item)) {
      flush();
      const sub: string[] = [];
      writeBlock(item, inner, sub);
      lines.push(...sub);
    } else run.push(item);
  }
  flush();
  lines.push(`${indent}}`);
  out.push(lines.join('\n'));
}

/** Heredoc bodies marked with a leading `\0` are indented to the attribute (`<<-` strips it again). */
function indentHeredoc(expr: string, indent: string): string {
  if (!expr.startsWith(INDENT_MARK)) return expr;
  const [first, ...rest] = expr.slice(1).split('\n');
  return [first, ...rest.map((l) => (l === '' ? '' : `${indent}${l}`))].join('\n');
}

const INDENT_MARK = '\0';

/** A string literal in HCL syntax: JSON escapes, with `${` and `%{` kept literal. */
export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/**
 * Text that should read well when long (SQL bodies): a heredoc when it spans lines and ends
 * with a newline (a heredoc always does), else a quoted string. `<<-` strips the common
 * indentation, so text with its own common indentation uses the verbatim `<<` form.
 */
export function hclText(s: string): string {
  if (!s.includes('\n') || !s.endsWith('\n') || /[\r\u2028\u2029]/.test(s)) return hclString(s);
  const body = s.slice(0, -1).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  const lines = body.split('\n');
  let marker = 'SQL';
  while (lines.some((l) => l.trim() === marker)) marker += '_';
  const indented = lines.filter((l) => l.trim() !== '').every((l) => !/^[ \t]/.test(l)) && !/\t/.test(body);
  if (indented) return `${INDENT_MARK}<<-${marker}\n${body}\n${marker}`;
  return `<<${marker}\n${body}\n${marker}`;
}

/** A list of HCL expressions, on one line. */
export const list = (items: readonly string[]): string => `[${items.join(', ')}]`;

/** An object of string values: `{ fillfactor = "70" }`. */
export function object(kvs: readonly { name: string; value: string }[]): string {
  const key = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : hclString(k));
  return `{ ${kvs.map((kv) => `${key(kv.name)} = ${hclString(kv.value)}`).join(', ')} }`;
}
