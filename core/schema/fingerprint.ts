// The state fingerprint: SHA-256 (standard base64) of a canonical serialization of a realm.
// Plans record it to refuse running against a database that changed since they were made.
import { createHash } from 'node:crypto';
import type { Realm } from './model.ts';
import { cmp, sortRealm } from './order.ts';

/** JSON with object keys sorted and undefined members dropped, so key insertion order never matters. */
export function canonicalJson(value: unknown): string {
  // The native serializer does the work; the replacer only hands it objects with sorted keys.
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(cmp)) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function fingerprint(realm: Realm): string {
  // Sort a copy: callers may hold the realm in an order they care about.
  const copy = sortRealm(structuredClone(realm));
  // A MySQL AUTO_INCREMENT counter moves with every insert: it is data, not schema.
  for (const s of copy.schemas) for (const t of s.tables) delete t.autoIncrement;
  return createHash('sha256').update(canonicalJson(copy)).digest('base64');
}
