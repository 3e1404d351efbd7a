// The schema model: plain, JSON-serializable data shared by every driver, the differ and the
// renderers. It imports nothing. Collections are arrays kept in a deterministic order (see
// `sortRealm`), never Maps, so that `JSON.stringify` of two equal schemas is byte-identical.
//
// Optional fields are omitted when they hold the database's default, so a realm inspected
// from PostgreSQL and one read from HCL compare equal without knowing every default.
// SQL fragments (expressions, bodies, definitions) are kept as text in the form the database
// prints them back; normalization is the driver's job.

export type Dialect = 'postgres' | 'mysql';

export interface Realm {
  dialect: Dialect;
  schemas: Schema[];
  /** Database-wide objects (PostgreSQL): extensions and event triggers are not in a schema's namespace. */
  extensions: Extension[];
  eventTriggers: EventTrigger[];
}

/** A qualified reference to an object in a schema. */
export interface ObjectRef {
  schema: string;
  name: string;
}

/**
 * An object another one depends on in ways its own fields do not show: a function called in a
 * default or check, the tables a view reads, a table row type a function returns. Inspection
 * fills these from the catalog; HCL from `depends_on`. Renderers use them to order DDL.
 */
export interface DepRef extends ObjectRef {
  kind: 'table' | 'view' | 'materialized_view' | 'function' | 'aggregate' | 'sequence' | 'type';
  /** Identity arguments, for functions and aggregates. */
  args?: string;
}

export interface Schema {
  name: string;
  comment?: string;
  tables: Table[];
  views: View[];
  materializedViews: MaterializedView[];
  sequences: Sequence[];
  /** Functions and procedures; overloads share a name and differ by `identityArgs`. */
  functions: Func[];
  aggregates: Aggregate[];
  enums: Enum[];
  domains: Domain[];
  composites: Composite[];
  ranges: RangeType[];
  /** MySQL-only schema (database) options. */
  charset?: string;
  collation?: string;
  /** MySQL scheduled events. */
  events?: MysqlEvent[];
}

/** A MySQL scheduled event (`CREATE EVENT`). */
export interface MysqlEvent {
  name: string;
  /** `AT '...'` or `EVERY 1 DAY [STARTS '...'] [ENDS '...']`, as the catalog describes it. */
  schedule: string;
  preserve?: boolean;
  /** Omitted when ENABLED. */
  status?: 'DISABLED' | 'SLAVESIDE_DISABLED';
  body: string;
  comment?: string;
  sqlMode?: string;
}

// ---------------------------------------------------------------- tables

export interface Table {
  name: string;
  dependsOn?: DepRef[];
  comment?: string;
  columns: Column[];
  primaryKey?: PrimaryKey;
  uniques: UniqueConstraint[];
  exclusions: ExclusionConstraint[];
  foreignKeys: ForeignKey[];
  checks: Check[];
  /** Indexes that are not the backing index of a constraint. */
  indexes: Index[];
  triggers: Trigger[];
  policies: Policy[];
  /** Rewrite rules other than a view's own (`CREATE RULE`). */
  rules?: Rule[];
  rls?: { enabled: boolean; forced: boolean };
  unlogged?: boolean;
  /** Set on a partitioned table: how rows are routed to partitions. */
  partitioning?: Partitioning;
  /** Set on a table that is a partition of another (PostgreSQL partitions are tables). */
  partitionOf?: PartitionOf;
  /** Parents of a table that uses classic inheritance (`INHERITS`), in declaration order. */
  inherits?: ObjectRef[];
  /** Storage parameters (`WITH (fillfactor=70)`), sorted by name. */
  storageParams?: KeyValue[];
  /**
   * MySQL table options; absent for PostgreSQL. Inspection records engine, charset and collation
   * always (a table keeps them whatever the database default becomes). `autoIncrement` is the
   * next value of the counter when above 1: it moves with the data, so plans only ever raise it
   * and fingerprints leave it out.
   */
  engine?: string;
  charset?: string;
  collation?: string;
  autoIncrement?: number;
  /** Only when given explicitly (`ROW_FORMAT=...` in the table's create options). */
  rowFormat?: string;
}

export interface KeyValue {
  name: string;
  value: string;
}

export interface Partitioning {
  strategy: 'RANGE' | 'LIST' | 'HASH' | 'KEY';
  /** MySQL `RANGE COLUMNS` / `LIST COLUMNS` (a list of columns instead of an expression). */
  columns?: boolean;
  /** MySQL `LINEAR HASH` / `LINEAR KEY`. */
  linear?: boolean;
  /** Key parts as the database prints them: a column name or a parenthesized expression, with opclass/collation. */
  key: string[];
  /** MySQL keeps partitions inside the table definition. PostgreSQL ones are tables with `partitionOf`. */
  partitions?: { name: string; bound: string; comment?: string }[];
  /** MySQL HASH/KEY partitions left to the server to name (`p0`...): only their number matters. */
  count?: number;
  /** MySQL sub-partitioning of each RANGE/LIST partition (`SUBPARTITION BY HASH (id) SUBPARTITIONS 2`). */
  sub?: { strategy: 'HASH' | 'KEY'; linear?: boolean; key: string; count: number };
}

export interface PartitionOf {
  parent: ObjectRef;
  /** `FOR VALUES ...` or `DEFAULT`, as `pg_get_expr(relpartbound)` prints it. */
  bound: string;
}

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  default?: DefaultValue;
  identity?: Identity;
  generated?: { expr: string; stored: boolean };
  collation?: string;
  comment?: string;
  /** Comes from an `INHERITS` parent and is not declared by the table itself. */
  inherited?: boolean;
  /** MySQL: `ON UPDATE CURRENT_TIMESTAMP` and `AUTO_INCREMENT`. */
  onUpdate?: string;
  autoIncrement?: boolean;
  /** MySQL: recorded for every character column, with `collation`, whatever the table's default. */
  charset?: string;
}

export interface ColumnType {
  /** The type exactly as the database reports it (`character varying(255)`, `public.mood[]`). */
  raw: string;
  /** Canonical spelling used for comparison (`varchar(255)`, `int4`, `public.mood[]`). */
  normalized: string;
  /** Declared array dimensions (PostgreSQL records but does not enforce them). */
  arrayDims?: number;
  /** Set when the type is user-defined (enum, domain, composite, range) so dependencies are known. */
  ref?: ObjectRef;
  unsigned?: boolean;
  /** MySQL inline ENUM/SET values. */
  values?: string[];
}

export type DefaultValue = { kind: 'literal'; value: string } | { kind: 'expr'; value: string };

export interface Identity {
  generation: 'ALWAYS' | 'BY DEFAULT';
  sequence: SequenceOptions;
}

export interface SequenceOptions {
  /** Data type of the sequence; omitted when it is `bigint`. */
  type?: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface PrimaryKey {
  name: string;
  columns: string[];
  include?: string[];
  comment?: string;
  /** `USING INDEX` storage parameters of the backing index. */
  storageParams?: KeyValue[];
}

export interface UniqueConstraint {
  name: string;
  columns: string[];
  include?: string[];
  nullsNotDistinct?: boolean;
  deferrable?: Deferrable;
  comment?: string;
  storageParams?: KeyValue[];
}

export type Deferrable = 'DEFERRABLE' | 'DEFERRABLE INITIALLY DEFERRED';

export interface ExclusionConstraint {
  name: string;
  /** The full constraint definition, as `pg_get_constraintdef` prints it. */
  definition: string;
  deferrable?: Deferrable;
  comment?: string;
}

export type RefAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey {
  name: string;
  columns: string[];
  references: ObjectRef & { columns: string[] };
  /** Omitted when NO ACTION. */
  onUpdate?: RefAction;
  onDelete?: RefAction;
  /** Omitted when SIMPLE. */
  match?: 'FULL' | 'PARTIAL';
  deferrable?: Deferrable;
  notValid?: boolean;
  comment?: string;
}

export interface Check {
  name: string;
  /** The boolean expression without the surrounding `CHECK (...)`. */
  expr: string;
  noInherit?: boolean;
  notValid?: boolean;
  comment?: string;
  /** MariaDB column-level check (`c int CHECK (c > 0)`, named after the column): rendered in the column. */
  column?: string;
  /** MySQL 8 `NOT ENFORCED`. */
  notEnforced?: boolean;
}

export interface Index {
  name: string;
  unique?: boolean;
  /** Access method; omitted when btree. */
  method?: string;
  parts: IndexPart[];
  include?: string[];
  where?: string;
  nullsNotDistinct?: boolean;
  storageParams?: KeyValue[];
  comment?: string;
  /**
   * On a partition: the index of the partitioned parent this one is attached to. Such indexes
   * are created with the parent's (`CREATE INDEX ... ON ONLY parent` + `ATTACH PARTITION`).
   */
  attachedTo?: ObjectRef;
  /** MySQL: FULLTEXT parser, invisible (MySQL 8) / ignored (MariaDB). */
  parser?: string;
  invisible?: boolean;
}

export interface IndexPart {
  /** Exactly one of column or expr. */
  column?: string;
  expr?: string;
  collation?: string;
  opclass?: string;
  desc?: boolean;
  /** Only when it differs from the default for the direction (NULLS LAST for ASC, FIRST for DESC). */
  nulls?: 'FIRST' | 'LAST';
  /** MySQL prefix length. */
  prefix?: number;
}

// ---------------------------------------------------------------- views

export interface View {
  name: string;
  dependsOn?: DepRef[];
  /** The SELECT as `pg_get_viewdef` prints it. */
  definition: string;
  checkOption?: 'LOCAL' | 'CASCADED';
  securityBarrier?: boolean;
  securityInvoker?: boolean;
  columns: ViewColumn[];
  comment?: string;
  triggers: Trigger[];
  rules?: Rule[];
  /** MySQL view attributes, omitted when UNDEFINED / DEFINER (the defaults). */
  algorithm?: 'MERGE' | 'TEMPTABLE';
  security?: 'INVOKER';
}

export interface ViewColumn {
  name: string;
  type: string;
  comment?: string;
}

export interface MaterializedView {
  name: string;
  dependsOn?: DepRef[];
  definition: string;
  columns: ViewColumn[];
  indexes: Index[];
  withData: boolean;
  storageParams?: KeyValue[];
  comment?: string;
}

// ---------------------------------------------------------------- sequences, routines

export interface Sequence extends SequenceOptions {
  name: string;
  ownedBy?: { table: string; column: string };
  comment?: string;
}

export interface FuncArg {
  name?: string;
  mode?: 'IN' | 'OUT' | 'INOUT' | 'VARIADIC' | 'TABLE';
  type: string;
  default?: string;
}

export interface Func {
  name: string;
  dependsOn?: DepRef[];
  kind: 'function' | 'procedure';
  /** `pg_get_function_identity_arguments`: what tells overloads apart. */
  identityArgs: string;
  args: FuncArg[];
  /** `integer`, `SETOF public.film`, `TABLE(id integer, ...)`; absent for procedures. */
  returns?: string;
  language: string;
  /** The body between the dollar quotes, or the SQL-standard `BEGIN ATOMIC ... END` body. */
  body: string;
  /** True when the body is SQL-standard (`BEGIN ATOMIC`/`RETURN ...`) rather than a string. */
  sqlBody?: boolean;
  volatility?: 'IMMUTABLE' | 'STABLE';
  strict?: boolean;
  securityDefiner?: boolean;
  leakproof?: boolean;
  parallel?: 'SAFE' | 'RESTRICTED';
  cost?: number;
  rows?: number;
  /** `SET name = value` clauses, sorted by name. */
  config?: KeyValue[];
  comment?: string;
  /** MySQL routine characteristics; `dataAccess` omitted when CONTAINS SQL, `security` when DEFINER. */
  deterministic?: boolean;
  dataAccess?: 'NO SQL' | 'READS SQL DATA' | 'MODIFIES SQL DATA';
  security?: 'INVOKER';
  /**
   * MariaDB: the parameter list as written (`p_id INT, OUT n INT`), which the server keeps and
   * prints back; `args` then still lists the parameters as the catalog describes them.
   */
  params?: string;
  /** MySQL: the `sql_mode` the routine was created under (it governs how the body runs). */
  sqlMode?: string;
}

export interface Aggregate {
  name: string;
  dependsOn?: DepRef[];
  identityArgs: string;
  /** The `(...)` options of CREATE AGGREGATE as rendered by the driver, e.g. `SFUNC = ..., STYPE = ...`. */
  options: KeyValue[];
  comment?: string;
}

export interface Trigger {
  name: string;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  events: ('INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE')[];
  updateOf?: string[];
  forEach: 'ROW' | 'STATEMENT';
  when?: string;
  /** Trigger function and its literal arguments (PostgreSQL), or the body (MySQL). */
  function?: ObjectRef;
  args?: string[];
  body?: string;
  /** Omitted when ORIGIN (the default `ENABLE`). */
  enabled?: 'DISABLED' | 'REPLICA' | 'ALWAYS';
  constraint?: { deferrable?: Deferrable };
  /** Transition tables (`REFERENCING NEW TABLE AS ...`). */
  referencing?: string;
  comment?: string;
  /**
   * MySQL: the trigger this one follows among the table's triggers for the same timing and
   * event (the catalog keeps only positions, which `FOLLOWS` reproduces).
   */
  follows?: string;
  /** MySQL: the `sql_mode` the trigger was created under. */
  sqlMode?: string;
}

export interface Rule {
  name: string;
  dependsOn?: DepRef[];
  /** The full `CREATE RULE` statement as `pg_get_ruledef` prints it. */
  definition: string;
  enabled?: 'DISABLED' | 'REPLICA' | 'ALWAYS';
  comment?: string;
}

export interface EventTrigger {
  name: string;
  event: string;
  tags?: string[];
  function: ObjectRef;
  enabled?: 'DISABLED' | 'REPLICA' | 'ALWAYS';
  comment?: string;
}

// ---------------------------------------------------------------- types

export interface Enum {
  name: string;
  values: string[];
  comment?: string;
}

export interface Domain {
  name: string;
  dependsOn?: DepRef[];
  type: string;
  /** Set when the base type is user-defined. */
  ref?: ObjectRef;
  collation?: string;
  default?: string;
  notNull?: boolean;
  checks: Check[];
  comment?: string;
}

export interface Composite {
  name: string;
  fields: { name: string; type: string; ref?: ObjectRef; collation?: string; comment?: string }[];
  comment?: string;
}

export interface RangeType {
  name: string;
  subtype: string;
  options: KeyValue[];
  comment?: string;
}

// ---------------------------------------------------------------- extensions, policies

export interface Extension {
  name: string;
  schema: string;
  version: string;
  comment?: string;
}

export interface Policy {
  name: string;
  permissive: boolean;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  /** Role names, sorted; `PUBLIC` when the policy applies to everyone. */
  roles: string[];
  using?: string;
  withCheck?: string;
  comment?: string;
}

export function emptyRealm(dialect: Dialect): Realm {
  return { dialect, schemas: [], extensions: [], eventTriggers: [] };
}

export function emptySchema(name: string): Schema {
  return {
    name,
    tables: [],
    views: [],
    materializedViews: [],
    sequences: [],
    functions: [],
    aggregates: [],
    enums: [],
    domains: [],
    composites: [],
    ranges: [],
  };
}

export function emptyTable(name: string): Table {
  return {
    name,
    columns: [],
    uniques: [],
    exclusions: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    triggers: [],
    policies: [],
  };
}
