// Everything that differs between MySQL 8 and MariaDB 10.11+, in one place. The rest of the
// driver asks the flavor instead of testing versions. MariaDB paths are tested against a real
// server; the MySQL 8 paths follow MySQL's documentation (see the issue #4 closing note).

export interface Flavor {
  readonly mariadb: boolean;
  /** MAJOR*10000 + MINOR*100 + PATCH, e.g. 101119 for MariaDB 10.11.19, 80036 for MySQL 8.0.36. */
  readonly version: number;
  /** `10.11.19-MariaDB` / `8.0.36` as the server reports it. */
  readonly label: string;
}

/** Reads `SELECT VERSION()`. */
export function flavorOf(versionText: string): Flavor {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(versionText);
  const version = m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
  const mariadb = /mariadb/i.test(versionText);
  return {
    mariadb,
    version,
    label: `${mariadb ? 'MariaDB' : 'MySQL'} ${m ? m.slice(1).join('.') : versionText}`,
  };
}

/** Oldest servers the catalog queries support. */
export function unsupportedReason(f: Flavor): string | undefined {
  if (f.mariadb && f.version < 100600) return `${f.label} is not supported: use MariaDB 10.6 or newer`;
  if (!f.mariadb && f.version < 80016) return `${f.label} is not supported: use MySQL 8.0.16 or newer`;
  return undefined;
}

/** STATISTICS columns for functional key parts and hidden indexes. */
export function statisticsColumns(f: Flavor): string {
  return f.mariadb
    ? `NULL AS expr, IGNORED = 'YES' AS hidden`
    : `EXPRESSION AS expr, IS_VISIBLE = 'NO' AS hidden`;
}

/** How an index hidden from the optimizer is written. */
export const hiddenIndexClause = (f: Flavor): string => (f.mariadb ? 'IGNORED' : 'INVISIBLE');

/** The ALTER TABLE clause that hides or shows an existing index. */
export const indexVisibility = (f: Flavor, index: string, hidden: boolean): string =>
  `ALTER INDEX \`${index.replace(/`/g, '``')}\` ${f.mariadb ? (hidden ? 'IGNORED' : 'NOT IGNORED') : hidden ? 'INVISIBLE' : 'VISIBLE'}`;

/**
 * CHECK constraints with their table: MariaDB's CHECK_CONSTRAINTS has TABLE_NAME and LEVEL
 * (column checks are named after their column); MySQL 8's has neither, and names are unique
 * per schema, so TABLE_CONSTRAINTS supplies the table and ENFORCED.
 */
export function checksQuery(f: Flavor, schemas: string): string {
  return f.mariadb
    ? `SELECT CONSTRAINT_SCHEMA AS s, TABLE_NAME AS t, CONSTRAINT_NAME AS name, LEVEL AS level,
         CHECK_CLAUSE AS expr, 'YES' AS enforced
       FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (${schemas})`
    : `SELECT c.CONSTRAINT_SCHEMA AS s, t.TABLE_NAME AS t, c.CONSTRAINT_NAME AS name, 'Table' AS level,
         c.CHECK_CLAUSE AS expr, t.ENFORCED AS enforced
       FROM information_schema.CHECK_CONSTRAINTS c
       JOIN information_schema.TABLE_CONSTRAINTS t
         ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME
        AND t.CONSTRAINT_TYPE = 'CHECK'
       WHERE c.CONSTRAINT_SCHEMA IN (${schemas})`;
}

/** MySQL 8's VIEWS has no ALGORITHM column: SHOW CREATE VIEW is the only source. */
export const viewsHaveAlgorithm = (f: Flavor): boolean => f.mariadb;

export type ParsedDefault = { kind: 'literal' | 'expr'; value: string } | undefined;

/**
 * COLUMN_DEFAULT as a model default. MariaDB quotes string literals (`'a'`), prints numbers and
 * bit literals bare, expressions bare (`current_timestamp()`), and an explicit NULL default as
 * `NULL`. MySQL 8 prints literals unquoted and marks expressions with DEFAULT_GENERATED in EXTRA.
 * Literals are kept as SQL literal text, so they render back verbatim.
 */
export function parseDefault(f: Flavor, raw: string | null, extra: string, dataType: string): ParsedDefault {
  if (raw === null) return undefined;
  if (f.mariadb) {
    if (raw === 'NULL') return undefined;
    if (/^'.*'$/s.test(raw) || /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw) || /^[bx]'[0-9a-f]*'$/i.test(raw))
      return { kind: 'literal', value: raw };
    return { kind: 'expr', value: raw };
  }
  if (/DEFAULT_GENERATED/i.test(extra)) return { kind: 'expr', value: raw };
  if (/^(bit)$/i.test(dataType)) return { kind: 'literal', value: raw };
  if (/^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|year)$/i.test(dataType) && raw !== '')
    return { kind: 'literal', value: raw };
  return { kind: 'literal', value: `'${raw.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` };
}

/** EXTRA's ON UPDATE clause, e.g. `current_timestamp(6)`. */
export function parseOnUpdate(extra: string): string | undefined {
  const m = /on update (\S+(?:\(\d*\))?)/i.exec(extra);
  return m ? m[1]!.toLowerCase().replace(/^current_timestamp$/, 'current_timestamp()') : undefined;
}

/**
 * Type text for comparison: MySQL 8.0.19+ no longer prints integer display widths (other than
 * tinyint(1)), MariaDB does; compared without them, a MySQL target planned on a MariaDB dev
 * database does not see every integer column as changed.
 */
export function normalizeType(columnType: string): string {
  const t = columnType.toLowerCase().trim();
  if (/^tinyint\(1\)/.test(t)) return t;
  return t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
}

/**
 * MariaDB keeps a routine's parameter list and return type as written in mysql.proc (and prints
 * them back in SHOW CREATE); information_schema only has them reformatted. Reading mysql.proc
 * needs SELECT on it: without it, the reformatted ones are used. MySQL 8 has no such table.
 */
export function routineSourceQuery(f: Flavor, schemas: string): string | undefined {
  if (!f.mariadb) return undefined;
  return `SELECT db AS s, name, type, CONVERT(param_list USING utf8mb4) AS params,
      CONVERT(\`returns\` USING utf8mb4) AS returns_text
    FROM mysql.proc WHERE db IN (${schemas})`;
}
