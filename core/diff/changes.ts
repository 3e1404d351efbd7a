// The typed result of comparing two realms. Diff never emits SQL and drivers never compare
// realms: a Change says what differs, with both versions of the object where it changed, and
// the driver decides how to get there.
import type {
  Aggregate,
  Check,
  Column,
  Composite,
  Domain,
  Enum,
  EventTrigger,
  ExclusionConstraint,
  Extension,
  ForeignKey,
  Func,
  Index,
  MaterializedView,
  MysqlEvent,
  Policy,
  PrimaryKey,
  RangeType,
  Rule,
  Schema,
  Sequence,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from '../schema/model.ts';

/** Objects that live in a schema, with the schema's name beside them. */
type In<K extends string, T> =
  | { kind: `add_${K}`; schema: string; obj: T }
  | { kind: `drop_${K}`; schema: string; obj: T }
  | { kind: `modify_${K}`; schema: string; from: T; to: T };

export type Change =
  | { kind: 'add_schema'; obj: Schema }
  | { kind: 'drop_schema'; obj: Schema }
  | { kind: 'modify_schema'; from: Schema; to: Schema }
  | { kind: 'add_extension'; obj: Extension }
  | { kind: 'drop_extension'; obj: Extension }
  | { kind: 'modify_extension'; from: Extension; to: Extension }
  | { kind: 'add_event_trigger'; obj: EventTrigger }
  | { kind: 'drop_event_trigger'; obj: EventTrigger }
  | { kind: 'modify_event_trigger'; from: EventTrigger; to: EventTrigger }
  | { kind: 'add_table'; schema: string; obj: Table }
  | { kind: 'drop_table'; schema: string; obj: Table }
  | { kind: 'modify_table'; schema: string; from: Table; to: Table; changes: TableChange[] }
  | { kind: 'rename_table'; schema: string; from: Table; to: Table }
  | In<'view', View>
  | In<'materialized_view', MaterializedView>
  | In<'sequence', Sequence>
  | In<'function', Func>
  | In<'aggregate', Aggregate>
  | In<'enum', Enum>
  | In<'domain', Domain>
  | In<'composite', Composite>
  | In<'range', RangeType>
  | In<'event', MysqlEvent>;

/** What changed inside one table. */
export type TableChange =
  | { kind: 'add_column'; column: Column }
  | { kind: 'drop_column'; column: Column }
  | { kind: 'modify_column'; from: Column; to: Column; what: ColumnAttr[] }
  | { kind: 'rename_column'; from: Column; to: Column }
  | { kind: 'add_primary_key'; pk: PrimaryKey }
  | { kind: 'drop_primary_key'; pk: PrimaryKey }
  | { kind: 'add_unique'; unique: UniqueConstraint }
  | { kind: 'drop_unique'; unique: UniqueConstraint }
  | { kind: 'add_check'; check: Check }
  | { kind: 'drop_check'; check: Check }
  | { kind: 'add_exclusion'; exclusion: ExclusionConstraint }
  | { kind: 'drop_exclusion'; exclusion: ExclusionConstraint }
  | { kind: 'add_foreign_key'; fk: ForeignKey }
  | { kind: 'drop_foreign_key'; fk: ForeignKey }
  | { kind: 'modify_foreign_key'; from: ForeignKey; to: ForeignKey }
  | { kind: 'add_index'; index: Index }
  | { kind: 'drop_index'; index: Index }
  | { kind: 'modify_index'; from: Index; to: Index }
  | { kind: 'rename_index'; from: Index; to: Index }
  | { kind: 'add_trigger'; trigger: Trigger }
  | { kind: 'drop_trigger'; trigger: Trigger }
  | { kind: 'modify_trigger'; from: Trigger; to: Trigger }
  | { kind: 'add_policy'; policy: Policy }
  | { kind: 'drop_policy'; policy: Policy }
  | { kind: 'modify_policy'; from: Policy; to: Policy }
  | { kind: 'add_rule'; rule: Rule }
  | { kind: 'drop_rule'; rule: Rule }
  | { kind: 'modify_rule'; from: Rule; to: Rule }
  | { kind: 'modify_table_attrs'; what: TableAttr[] }
  /** A NOT VALID check or foreign key is now validated. */
  | { kind: 'validate_constraint'; name: string }
  /** Only the comment of a constraint, index, trigger, policy or rule changed. */
  | {
      kind: 'modify_comment';
      target: 'constraint' | 'index' | 'trigger' | 'policy' | 'rule';
      name: string;
      comment: string | undefined;
    };

export type ColumnAttr =
  | 'type'
  | 'nullable'
  | 'default'
  | 'identity'
  | 'generated'
  | 'collation'
  | 'comment'
  // MySQL only:
  | 'charset'
  | 'on_update'
  | 'auto_increment';
export type TableAttr =
  | 'comment'
  | 'rls'
  | 'unlogged'
  | 'storage_params'
  | 'partition_bound'
  | 'inherits'
  // MySQL only: table options, the partitioning scheme (altered in place, keeping rows) and the
  // order of the columns (MySQL can move a column; PostgreSQL cannot and ignores it).
  | 'engine'
  | 'charset'
  | 'row_format'
  | 'auto_increment'
  | 'partitioning'
  | 'column_order';

export type ChangeKind = Change['kind'] | TableChange['kind'];
