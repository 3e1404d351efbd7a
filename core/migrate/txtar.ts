// The txtar archive format (golang.org/x/tools/txtar) that `-- atlas:txtar` migration files use:
// a comment, then files, each starting at a marker line `-- name --`. Offsets are kept so that
// statements inside a member can be reported at their line in the migration file.

export interface TxtarMember {
  name: string;
  /** The member's content: from the line after its marker to the next marker. */
  text: string;
  /** Index of `text` in the archive. */
  offset: number;
  /** 1-based line of the marker, for messages. */
  line: number;
}

export interface Txtar {
  /** Everything before the first marker (the directive lines of a migration file). */
  comment: string;
  files: TxtarMember[];
}

/** The member name if the line starting at `i` is a marker. */
function markerAt(src: string, i: number): { name: string; next: number } | undefined {
  if (!src.startsWith('-- ', i)) return undefined;
  const nl = src.indexOf('\n', i);
  const line = src.slice(i, nl === -1 ? src.length : nl);
  if (line.length < 6 || !line.endsWith(' --')) return undefined;
  const name = line.slice(3, -3).trim();
  return name === '' ? undefined : { name, next: nl === -1 ? src.length : nl + 1 };
}

export function parseTxtar(src: string): Txtar {
  const starts: { name: string; marker: number; next: number }[] = [];
  for (let i = 0; i < src.length; ) {
    const m = markerAt(src, i);
    if (m) starts.push({ name: m.name, marker: i, next: m.next });
    const nl = src.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  const comment = src.slice(0, starts[0]?.marker ?? src.length);
  let line = 1;
  let counted = 0;
  const lineOf = (offset: number) => {
    for (let j = src.indexOf('\n', counted); j !== -1 && j < offset; j = src.indexOf('\n', j + 1)) line++;
    counted = offset;
    return line;
  };
  const files = starts.map((s, k) => {
    const end = starts[k + 1]?.marker ?? src.length;
    return { name: s.name, text: src.slice(s.next, end), offset: s.next, line: lineOf(s.marker) };
  });
  return { comment, files };
}
