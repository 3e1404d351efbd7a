// Diff policies: change kinds to leave out of a plan, and whether index changes on existing
// tables run CONCURRENTLY. Atlas names (`diff { skip { drop_table = true } }`) map to `skip`.

/** Change kinds a policy may skip; each covers the matching Change / TableChange kinds. */
export const SKIPPABLE = [
  'add_schema',
  'drop_schema',
  'modify_schema',
  'add_table',
  'drop_table',
  'modify_table',
  'add_column',
  'drop_column',
  'modify_column',
  'add_index',
  'drop_index',
  'modify_index',
  'add_foreign_key',
  'drop_foreign_key',
  'modify_foreign_key',
  'add_view',
  'drop_view',
  'modify_view',
  'add_function',
  'drop_function',
  'modify_function',
  'add_trigger',
  'drop_trigger',
  'modify_trigger',
  'add_type',
  'drop_type',
  'modify_type',
  'add_policy',
  'drop_policy',
  'modify_policy',
] as const;

export type SkipKind = (typeof SKIPPABLE)[number];

export interface DiffPolicy {
  skip?: SkipKind[];
  /** Create and drop indexes on existing tables with CONCURRENTLY (outside the transaction). */
  concurrentIndex?: { create?: boolean; drop?: boolean };
}
