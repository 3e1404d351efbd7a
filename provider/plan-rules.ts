// The rule terraform-plugin-framework applies before a resource plans, so that resources written
// against framework.ts behave like ariga's: when Terraform's proposed new state differs from the
// prior state, every computed attribute the configuration leaves null becomes Unknown ("known
// after apply"); when nothing changed, computed values stay as they were, or every plan would
// show a diff.
import type { BlockSchema, NestedBlockSchema, TfObject, TfType, TfValue } from './framework.ts';
import { Unknown } from './framework.ts';

/** `proposed` with the rule applied (null stays null: a destroy). */
export function applyPlanRule(
  prior: TfObject | null,
  proposed: TfObject | null,
  config: TfObject | null,
  block: BlockSchema,
): TfObject | null {
  if (proposed === null) return null;
  if (prior !== null && objectsEqual(prior, proposed, block)) return proposed;
  return markComputed(proposed, config, block);
}

function markComputed(proposed: TfObject, config: TfObject | null, block: BlockSchema): TfObject {
  const out: TfObject = { ...proposed };
  for (const [name, a] of Object.entries(block.attributes)) {
    const c = config?.[name] ?? null;
    if (a.computed && c === null) out[name] = Unknown;
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const p = proposed[name];
    const c = config?.[name];
    if (nb.nesting === 'single') {
      if (isObject(p)) out[name] = markComputed(p, isObject(c) ? c : null, nb.block);
    } else if (Array.isArray(p)) {
      // Blocks are paired with their configuration by position; Terraform keeps config order.
      const cs = Array.isArray(c) ? c : [];
      out[name] = p.map((item, i) => {
        const ci = cs[i];
        return isObject(item) ? markComputed(item, isObject(ci) ? ci : null, nb.block) : item;
      });
    }
  }
  return out;
}

function isObject(v: TfValue | undefined): v is TfObject {
  return v !== null && v !== undefined && v !== Unknown && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality under `block`; sets (and set-nested blocks) compare without order. */
export function objectsEqual(a: TfObject, b: TfObject, block: BlockSchema): boolean {
  for (const [name, attr] of Object.entries(block.attributes))
    if (!valuesEqual(a[name] ?? null, b[name] ?? null, attr.type)) return false;
  for (const [name, nb] of Object.entries(block.blocks ?? {}))
    if (!blocksEqual(a[name] ?? null, b[name] ?? null, nb)) return false;
  return true;
}

function blocksEqual(a: TfValue, b: TfValue, nb: NestedBlockSchema): boolean {
  if (a === Unknown || b === Unknown) return a === b;
  if (nb.nesting === 'single') {
    if (a === null || b === null) return a === b;
    return isObject(a) && isObject(b) && objectsEqual(a, b, nb.block);
  }
  // An absent list of blocks and an empty one are the same configuration.
  const xs = Array.isArray(a) ? a : [];
  const ys = Array.isArray(b) ? b : [];
  const eq = (x: TfValue, y: TfValue) => isObject(x) && isObject(y) && objectsEqual(x, y, nb.block);
  return nb.nesting === 'set' ? sameMembers(xs, ys, eq) : sameSequence(xs, ys, eq);
}

export function valuesEqual(a: TfValue, b: TfValue, type: TfType): boolean {
  if (a === null || b === null || a === Unknown || b === Unknown) return a === b;
  if (typeof type === 'string') return a === b;
  const [kind, elem] = type;
  if (kind === 'object') {
    if (!isObject(a) || !isObject(b)) return false;
    return Object.entries(elem).every(([k, t]) => valuesEqual(a[k] ?? null, b[k] ?? null, t));
  }
  if (kind === 'map') {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k]!, b[k]!, elem));
  }
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const eq = (x: TfValue, y: TfValue) => valuesEqual(x, y, elem);
  return kind === 'set' ? sameMembers(a, b, eq) : sameSequence(a, b, eq);
}

function sameSequence(xs: TfValue[], ys: TfValue[], eq: (x: TfValue, y: TfValue) => boolean): boolean {
  return xs.length === ys.length && xs.every((x, i) => eq(x, ys[i]!));
}

/** Each element of xs matched to a distinct equal element of ys (sets are small: quadratic is fine). */
function sameMembers(xs: TfValue[], ys: TfValue[], eq: (x: TfValue, y: TfValue) => boolean): boolean {
  if (xs.length !== ys.length) return false;
  const used = new Array<boolean>(ys.length).fill(false);
  return xs.every((x) => {
    const i = ys.findIndex((y, j) => !used[j] && eq(x, y));
    if (i < 0) return false;
    used[i] = true;
    return true;
  });
}
