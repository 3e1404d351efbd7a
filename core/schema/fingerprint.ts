// The state fingerprint: SHA-256 (standard base64) of a canonical serialization of a realm.
// Plans record it to refuse running against a database that changed since they were made.
import { createHash } from 'node:crypto';
import type { Realm } from './model.ts';
import { cmp, sortRealm } from './order.ts';

/** JSON with object keys sorted and undefined members dropped, so key insertion order never matters. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => cmp(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function fingerprint(realm: Realm): string {
  // Sort a copy: callers may hold the realm in an order they care about.
  const copy = sortRealm(structuredClone(realm));
  return createHash('sha256').update(canonicalJson(copy)).digest('base64');
}
