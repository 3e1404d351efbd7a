// Catalog dependencies -> `dependsOn` of the objects whose definitions hide them (the tables a
// view reads, a function called in a default or check, the row type a function returns).
import type { DepRef } from '../../schema/model.ts';
import type { BuildContext, Rows } from './build-context.ts';

export function buildDependencies(ctx: BuildContext, rows: Rows): void {
  // Array types stand for their element type.
  const elementOf = new Map<string, string>();
  for (const r of rows.typeOwners ?? []) if (r.elem) elementOf.set(`pg_type:${r.oid}`, `pg_type:${r.elem}`);
  const target = (key: string): DepRef | undefined =>
    ctx.depTargets.get(key) ?? ctx.depTargets.get(elementOf.get(key) ?? '');

  const seen = new Set<string>();
  for (const r of rows.depends ?? []) {
    // Foreign keys order themselves through their own `references`; as table dependencies
    // they would turn every reference cycle into an unbreakable one.
    if (r.catalog === 'pg_constraint' && r.constraint_type === 'f') continue;
    // A view's own rule stands for the view; other rules (CREATE RULE) are objects of their own.
    const ownerKey =
      (r.catalog === 'pg_rewrite' && r.owner_rel) ||
      r.catalog === 'pg_attrdef' ||
      (r.catalog === 'pg_constraint' && r.owner_rel)
        ? `pg_class:${r.owner_rel}`
        : r.catalog === 'pg_constraint'
          ? `pg_type:${r.owner_type}`
          : `${r.catalog}:${r.oid}`;
    const owner = ctx.depOwners.get(ownerKey);
    const ref = target(`${r.ref_catalog}:${r.ref_oid}`);
    if (!owner || !ref) continue;
    const self = ctx.depTargets.get(ownerKey);
    if (
      self &&
      self.kind === ref.kind &&
      self.schema === ref.schema &&
      self.name === ref.name &&
      self.args === ref.args
    ) {
      continue;
    }
    const key = `${ownerKey}>${ref.kind}:${ref.schema}.${ref.name}(${ref.args ?? ''})`;
    if (seen.has(key)) continue;
    seen.add(key);
    owner.dependsOn ??= [];
    owner.dependsOn.push({ ...ref });
  }
}
