// Credentials must never reach logs, plans, PR comments or Terraform state. Every string that
// may contain a URL or a driver message passes through `redact` before it is shown.

// The password runs to the last `@` before white space, as URL parsers read it, so that an
// unencoded `/` or `@` in a password cannot leave part of it behind; but `host:5432/db` followed
// later by an `@` (in a query parameter) is a port, not a password.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):(?!\d*(?:[/?#\s]|$))(\S*)@/gi;
const KEY_VALUE_PASSWORD = /\b(password|passwd|pwd)=([^&\s]+)/gi;

/** Replaces the password of every URL in `text` (and `password=` parameters) with `xxxxx`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  // Known secrets first: the patterns below may cut a secret in two.
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('xxxxx');
  return out.replace(URL_PASSWORD, '$1:xxxxx@').replace(KEY_VALUE_PASSWORD, '$1=xxxxx');
}

/** The password of a URL, decoded, so that driver messages quoting it can be scrubbed too. */
export function urlPassword(raw: string): string | undefined {
  try {
    const p = new URL(raw).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
