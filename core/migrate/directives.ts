// Atlas directives: `-- atlas:<name> [args]` comments that change how a migration file is hashed,
// split, run or linted. File directives are the comment lines at the top of a file followed by
// a blank line (so that they cannot be mistaken for a first statement's comments); two are
// read from the first line whatever follows it: `atlas:sum` and `atlas:delimiter`.

export interface FileDirectives {
  /** `atlas:sum ignore` on the first line: the content stays out of atlas.sum (its name does not). */
  sumIgnore: boolean;
  /** `-- atlas:delimiter <d>` on the first line, with `\n`, `\r` and `\t` decoded. */
  delimiter?: string;
  /** `atlas:txmode none|file`: how the file runs regardless of the command's --tx-mode. */
  txMode?: 'none' | 'file';
  /** `atlas:nolint [names...]`: empty when the whole file is left out of linting. */
  nolint?: string[];
  /** `atlas:checkpoint [tag]`: a fresh database starts from the last checkpoint. */
  checkpoint?: { tag?: string };
  /** `atlas:txtar`: the file is an archive of checks and a migration. */
  txtar: boolean;
  /**
   * A directive Atlas refuses (txmode "all" or unknown, several txmodes, an empty delimiter),
   * with the file's path. Such a file is still hashed; running it fails (fileStatements throws).
   */
  error?: string;
}

// Atlas's pattern, with `[^\n]` for Go's `.` (which, unlike JavaScript's, takes `\r`): any
// printable ASCII before `atlas:`, the name, then arguments after spaces.
const DIRECTIVE = /^([ -~]*)atlas:(\w+)(?: +([^\n]+))*/;

/** A directive's arguments if `line` (or a text's first line) holds directive `name` ('' for none). */
export function directiveArgs(line: string, name: string, prefix?: string): string | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m || m[2] !== name || (prefix !== undefined && m[1] !== prefix)) return undefined;
  return m[3] ?? '';
}

/**
 * The comment lines at the top of a file when a blank line separates them from what follows
 * (or nothing follows them). Atlas reads file directives only from these.
 */
export function fileComments(text: string): string[] {
  const comments: string[] = [];
  let rest = text;
  while (rest.startsWith('#') || rest.startsWith('--')) {
    const nl = rest.indexOf('\n');
    if (nl === -1) {
      // A last comment line without a newline is not followed by a blank line: Atlas then
      // finds no file comments at all.
      comments.push(rest);
      break;
    }
    comments.push(rest.slice(0, nl).trim());
    rest = rest.slice(nl + 1);
  }
  if (rest !== '' && !rest.replace(/^[ \t]+/, '').startsWith('\n')) return [];
  return comments;
}

/** Every argument string of file directive `name`, in order. */
export function fileDirective(text: string, name: string): string[] {
  const out: string[] = [];
  for (const c of fileComments(text)) {
    const args = directiveArgs(c, name);
    if (args !== undefined) out.push(args);
  }
  return out;
}

/** Decodes `\n`, `\r` and `\t` in a delimiter as written in its directive. */
export function unescapeDelimiter(d: string): string {
  return d.replace(/\\([nrt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\t'));
}

/** The `-- atlas:delimiter` line that sets `d`. */
export function delimiterDirective(d: string): string {
  return `-- atlas:delimiter ${d.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}`;
}

/**
 * The directives of a migration file. `path` names it in `error`: a file with a directive Atlas
 * refuses can still be hashed, as in Atlas, and fails only when it is to run.
 */
export function parseFileDirectives(path: string, text: string): FileDirectives {
  const out: FileDirectives = { sumIgnore: directiveArgs(text, 'sum') === 'ignore', txtar: false };
  const fail = (msg: string) => {
    out.error ??= msg;
  };
  const delimiter = directiveArgs(text, 'delimiter', '-- ');
  if (delimiter !== undefined) {
    if (delimiter === '') fail(`${path}:1: atlas:delimiter needs a delimiter`);
    else if (!text.includes('\n'))
      fail(`${path}:1: no input found after delimiter ${JSON.stringify(delimiter)}`);
    else out.delimiter = unescapeDelimiter(delimiter);
  }
  const txmode = fileDirective(text, 'txmode');
  const m = txmode[0];
  if (txmode.length > 1)
    fail(`${path}: multiple txmode values found: ${txmode.map((t) => `"${t}"`).join(', ')}`);
  else if (m === 'all') {
    fail(
      `${path}: txmode "all" is not allowed in file directive. Use "file" instead (or --tx-mode all for the whole run)`,
    );
  } else if (m === 'none' || m === 'file') out.txMode = m;
  else if (m !== undefined)
    fail(`${path}: unknown txmode "${m}" found in file directive: use "none" or "file"`);
  const nolint = fileDirective(text, 'nolint');
  if (nolint.length > 0) {
    // A lone bare directive leaves the whole file out; arguments name analyzers or codes.
    out.nolint = nolint.length === 1 && nolint[0] === '' ? [] : nolint.flatMap((d) => d.split(' '));
  }
  const checkpoint = fileDirective(text, 'checkpoint');
  if (checkpoint.length > 0) out.checkpoint = checkpoint[0] ? { tag: checkpoint[0] } : {};
  out.txtar = fileDirective(text, 'txtar').length > 0;
  return out;
}

/**
 * Directive `name` among the comments that lead a statement's text (as the splitter keeps them):
 * `-- atlas:nolint DS103` right above a statement, for example.
 */
export function statementDirective(text: string, name: string): string[] {
  const out: string[] = [];
  const lead = /^(?:\s+|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/)/;
  let rest = text;
  for (let m = lead.exec(rest); m; m = lead.exec(rest)) {
    const c = m[0];
    rest = rest.slice(c.length);
    if (/^\s/.test(c)) continue;
    const body = c.startsWith('/*') ? c.slice(0, -2).trim() : c.trim();
    for (const prefix of c.startsWith('/*') ? ['/*', '/* '] : ['#', '# ', '--', '-- ']) {
      const args = directiveArgs(body, name, prefix);
      if (args !== undefined) {
        out.push(args.trim());
        break;
      }
    }
  }
  return out;
}
