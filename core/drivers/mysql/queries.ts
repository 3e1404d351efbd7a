// The catalog queries of one inspection: a fixed number, each over every schema in scope at
// once, never one per table. information_schema has no indexes, so joins are done here in
// memory (a server-side join of KEY_COLUMN_USAGE with REFERENTIAL_CONSTRAINTS costs seconds at
// 1,000 tables). SHOW CREATE is used in one place only: MySQL 8 keeps a view's ALGORITHM nowhere
// else (one SHOW CREATE VIEW per view; MariaDB has the column).

import type { MyConn, Row } from './conn.ts';
import {
  checksQuery,
  type Flavor,
  routineSourceQuery,
  statisticsColumns,
  viewsHaveAlgorithm,
} from './flavor.ts';
import { ident, literal } from './sql.ts';

/** Databases that belong to the server, never to a user's schema. */
export const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys'];

export interface CatalogRows {
  schemas: Row[];
  tables: Row[];
  columns: Row[];
  indexes: Row[];
  fkColumns: Row[];
  fkRules: Row[];
  checks: Row[];
  partitions: Row[];
  views: Row[];
  triggers: Row[];
  routines: Row[];
  parameters: Row[];
  /** Parameter lists as written (MariaDB, when mysql.proc is readable). */
  routineSources: Row[];
  events: Row[];
}

/** The user schemas of the server, for an inspection without a bound or requested schema. */
export async function listSchemas(conn: MyConn): Promise<string[]> {
  const rows = await conn.query<{ name: string }>(
    `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA
     WHERE SCHEMA_NAME NOT IN (${SYSTEM_SCHEMAS.map(literal).join(', ')}) ORDER BY SCHEMA_NAME`,
  );
  return rows.map((r) => String(r.name));
}

export async function runCatalogQueries(
  conn: MyConn,
  flavor: Flavor,
  schemas: string[],
): Promise<CatalogRows> {
  const inList = schemas.map(literal).join(', ');
  const q = (sql: string) => conn.query(sql);
  // One connection runs them one after the other; the server answers each in a few ms.
  const schemaRows = await q(
    `SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation
     FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (${inList})`,
  );
  const tables = await q(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, TABLE_TYPE AS type, ENGINE AS engine,
       TABLE_COLLATION AS collation, AUTO_INCREMENT AS auto_increment,
       CREATE_OPTIONS AS options, TABLE_COMMENT AS comment
     FROM information_schema.TABLES
     WHERE TABLE_SCHEMA IN (${inList}) AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`,
  );
  // Joined here, not on the server: MariaDB joins TABLES x COLLATIONS without an index, which
  // cost 190 ms at 5,000 tables; the list alone takes under a millisecond.
  const charsets = new Map(
    (
      await q(
        'SELECT COLLATION_NAME AS name, CHARACTER_SET_NAME AS charset FROM information_schema.COLLATIONS',
      )
    ).map((r) => [String(r.name), String(r.charset)]),
  );
  for (const t of tables) t.charset = charsets.get(String(t.collation)) ?? null;
  const columns = await q(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS name, ORDINAL_POSITION AS pos,
       COLUMN_TYPE AS type, DATA_TYPE AS data_type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def,
       EXTRA AS extra, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation,
       COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS gen
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (${inList})
     ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
  );
  const indexes = await q(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, INDEX_NAME AS name, NON_UNIQUE AS non_unique,
       SEQ_IN_INDEX AS seq, COLUMN_NAME AS col, SUB_PART AS sub_part, COLLATION AS ord,
       INDEX_TYPE AS type, INDEX_COMMENT AS comment, ${statisticsColumns(flavor)}
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (${inList})
     ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
  );
  const fkColumns = await q(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, CONSTRAINT_NAME AS name, COLUMN_NAME AS col,
       ORDINAL_POSITION AS seq, REFERENCED_TABLE_SCHEMA AS rs, REFERENCED_TABLE_NAME AS rt,
       REFERENCED_COLUMN_NAME AS rc
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA IN (${inList}) AND REFERENCED_TABLE_NAME IS NOT NULL
     ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
  );
  const fkRules = await q(
    `SELECT CONSTRAINT_SCHEMA AS s, TABLE_NAME AS t, CONSTRAINT_NAME AS name, UPDATE_RULE AS on_update,
       DELETE_RULE AS on_delete
     FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (${inList})`,
  );
  const checks = await q(checksQuery(flavor, inList));
  // PARTITIONS opens every table it lists: only the partitioned ones are asked for.
  const partitioned = tables.filter((t) => /\bpartitioned\b/i.test(String(t.options ?? '')));
  const partitionFilter = partitioned
    .map((t) => `(TABLE_SCHEMA = ${literal(String(t.s))} AND TABLE_NAME = ${literal(String(t.name))})`)
    .join(' OR ');
  const partitions =
    partitioned.length === 0
      ? []
      : await q(
          `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, PARTITION_NAME AS name, PARTITION_METHOD AS method,
       PARTITION_EXPRESSION AS expr, PARTITION_DESCRIPTION AS bound, PARTITION_COMMENT AS comment,
       SUBPARTITION_NAME AS sub, SUBPARTITION_METHOD AS sub_method, SUBPARTITION_EXPRESSION AS sub_expr
     FROM information_schema.PARTITIONS
     WHERE (${partitionFilter}) AND PARTITION_NAME IS NOT NULL
     ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION`,
        );
  const views = await q(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS check_option,
       SECURITY_TYPE AS security, ${viewsHaveAlgorithm(flavor) ? 'ALGORITHM' : 'NULL'} AS algorithm
     FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (${inList})`,
  );
  if (!viewsHaveAlgorithm(flavor)) {
    for (const v of views) {
      const [row] = await conn.query(`SHOW CREATE VIEW ${ident(String(v.s))}.${ident(String(v.name))}`);
      const text = String(row?.['Create View'] ?? '');
      v.algorithm = /\bALGORITHM=(\w+)/i.exec(text)?.[1] ?? 'UNDEFINED';
    }
  }
  const triggers = await q(
    `SELECT TRIGGER_SCHEMA AS s, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS t, ACTION_TIMING AS timing,
       EVENT_MANIPULATION AS event, ACTION_ORDER AS action_order, ACTION_STATEMENT AS body,
       SQL_MODE AS sql_mode
     FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (${inList})`,
  );
  const routines = await q(
    `SELECT ROUTINE_SCHEMA AS s, ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returns,
       ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS is_deterministic, SQL_DATA_ACCESS AS data_access,
       SECURITY_TYPE AS security, ROUTINE_COMMENT AS comment, SQL_MODE AS sql_mode
     FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (${inList})`,
  );
  const parameters = await q(
    `SELECT SPECIFIC_SCHEMA AS s, SPECIFIC_NAME AS name, ROUTINE_TYPE AS type, ORDINAL_POSITION AS pos,
       PARAMETER_MODE AS mode, PARAMETER_NAME AS param, DTD_IDENTIFIER AS dtd
     FROM information_schema.PARAMETERS
     WHERE SPECIFIC_SCHEMA IN (${inList}) AND ORDINAL_POSITION > 0
     ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION`,
  );
  const sourceQuery = routineSourceQuery(flavor, inList);
  const routineSources =
    sourceQuery && routines.length > 0
      ? await q(sourceQuery).catch((e: { code?: string }) => {
          if (e?.code === 'ER_TABLEACCESS_DENIED_ERROR' || e?.code === 'ER_NO_SUCH_TABLE') return [];
          throw e;
        })
      : [];
  const events = await q(
    `SELECT EVENT_SCHEMA AS s, EVENT_NAME AS name, EVENT_DEFINITION AS body, EVENT_TYPE AS type,
       EXECUTE_AT AS execute_at, INTERVAL_VALUE AS interval_value, INTERVAL_FIELD AS interval_field,
       STARTS AS starts, ENDS AS ends, CREATED AS created, STATUS AS status, ON_COMPLETION AS on_completion,
       EVENT_COMMENT AS comment, SQL_MODE AS sql_mode
     FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN (${inList})`,
  );
  return {
    schemas: schemaRows,
    tables,
    columns,
    indexes,
    fkColumns,
    fkRules,
    checks,
    partitions,
    views,
    triggers,
    routines,
    parameters,
    routineSources,
    events,
  };
}
