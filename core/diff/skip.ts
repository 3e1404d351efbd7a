// Applies a diff policy's `skip` list to computed changes. Type kinds (enum, domain, composite,
// range) answer to `*_type`, materialized views to `*_view`, aggregates to `*_function`; inside
// a table, constraint changes other than foreign keys answer to `modify_table`.
import type { Change, TableChange } from './changes.ts';
import type { DiffPolicy, SkipKind } from './policy.ts';

const OBJECT_SKIP: Record<string, string> = {
  enum: 'type',
  domain: 'type',
  composite: 'type',
  range: 'type',
  materialized_view: 'view',
  aggregate: 'function',
};

function skipKindOf(kind: string): string {
  const m = /^(add|drop|modify|rename)_(.*)$/.exec(kind);
  if (!m) return kind;
  const [, verb, obj] = m as unknown as [string, string, string];
  const v = verb === 'rename' ? 'modify' : verb;
  return `${v}_${OBJECT_SKIP[obj] ?? obj}`;
}

const TABLE_SKIP: Partial<Record<TableChange['kind'], SkipKind>> = {
  add_column: 'add_column',
  drop_column: 'drop_column',
  modify_column: 'modify_column',
  rename_column: 'modify_column',
  add_index: 'add_index',
  drop_index: 'drop_index',
  modify_index: 'modify_index',
  rename_index: 'modify_index',
  add_foreign_key: 'add_foreign_key',
  drop_foreign_key: 'drop_foreign_key',
  modify_foreign_key: 'modify_foreign_key',
  add_trigger: 'add_trigger',
  drop_trigger: 'drop_trigger',
  modify_trigger: 'modify_trigger',
  add_policy: 'add_policy',
  drop_policy: 'drop_policy',
  modify_policy: 'modify_policy',
};

export function applyPolicy(changes: Change[], policy: DiffPolicy | undefined): Change[] {
  const skip = new Set<string>(policy?.skip ?? []);
  if (skip.size === 0) return changes;
  const out: Change[] = [];
  for (const c of changes) {
    if (skip.has(skipKindOf(c.kind))) continue;
    if (c.kind === 'modify_table') {
      const kept = c.changes.filter((tc) => !skip.has(TABLE_SKIP[tc.kind] ?? 'modify_table'));
      if (kept.length) out.push({ ...c, changes: kept });
      continue;
    }
    out.push(c);
  }
  return out;
}
