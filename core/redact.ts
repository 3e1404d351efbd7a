// Credentials must never reach logs, plans, PR comments or Terraform state. Every string that
// may contain a URL or a driver message passes through `redact` before it is shown.

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@/\s]*)@/gi;
const KEY_VALUE_PASSWORD = /\b(password|passwd|pwd)=([^&\s]+)/gi;

/** Replaces the password of every URL in `text` (and `password=` parameters) with `xxxxx`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_PASSWORD, '$1:xxxxx@').replace(KEY_VALUE_PASSWORD, '$1=xxxxx');
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('xxxxx');
  return out;
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
