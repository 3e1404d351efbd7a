// URL helpers of project files: one base URL in a variable, turned into the URL of each tenant
// or environment (`urlsetpath(var.url, each.value)`). They behave as Atlas's functions of the
// same names, which rely on Go's net/url: the path is replaced as given, query keys come out
// sorted, and user info is percent-encoded.
import type { HclFunction } from '../hcl/syntax/eval.ts';
import { HclError, type Range } from '../hcl/syntax/position.ts';

function parseUrl(text: string, fn: string, range: Range): URL {
  try {
    return new URL(text);
  } catch {
    throw new HclError(`${fn}(): "${text}" is not a URL (scheme://host/path)`, range);
  }
}

function strings(
  fn: string,
  args: unknown[],
  call: { range: Range },
  names: string[],
  optional = 0,
): string[] {
  const min = names.length - optional;
  if (args.length < min || args.length > names.length || args.some((a) => typeof a !== 'string')) {
    throw new HclError(
      `${fn}() takes ${names.length === min ? '' : `${min} to `}${names.length} strings: ${fn}(${names.join(', ')})`,
      call.range,
    );
  }
  return args as string[];
}

/** `urlsetpath("mysql://root@host:3306/", "tenant_1")`: the URL with its path replaced. */
export const urlSetPathFunction: HclFunction = (args, call) => {
  const [url, path] = strings('urlsetpath', args, call, ['url', 'path']);
  const u = parseUrl(url!, 'urlsetpath', call.argRanges[0] ?? call.range);
  // Go writes a path without a leading slash after the host with one; URL does the same for
  // URLs with a host, and an empty path stays empty.
  u.pathname = path!;
  return u.toString();
};

/** `urlqueryset(var.url, "search_path", each.value)`: the URL with one query parameter set. */
export const urlQuerySetFunction: HclFunction = (args, call) => {
  const [url, key, value] = strings('urlqueryset', args, call, ['url', 'key', 'value']);
  const u = parseUrl(url!, 'urlqueryset', call.argRanges[0] ?? call.range);
  const q = u.searchParams;
  q.set(key!, value!);
  // Go's Values.Encode sorts by key; doing the same keeps the URLs Atlas users expect.
  q.sort();
  return u.toString();
};

/** `urluserinfo(var.url, "app", var.password)`: the URL with its user (and password) replaced. */
export const urlUserinfoFunction: HclFunction = (args, call) => {
  const [url, user, pass] = strings('urluserinfo', args, call, ['url', 'user', 'pass'], 1);
  const u = parseUrl(url!, 'urluserinfo', call.argRanges[0] ?? call.range);
  u.username = user!;
  u.password = pass ?? '';
  return u.toString();
};

export const urlFunctions: Readonly<Record<string, HclFunction>> = {
  urlsetpath: urlSetPathFunction,
  urlqueryset: urlQuerySetFunction,
  urluserinfo: urlUserinfoFunction,
};
