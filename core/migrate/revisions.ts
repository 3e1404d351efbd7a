// The revisions table, `atlas_schema_revisions`, with Atlas's columns and types so that a
// database migrated by Atlas continues with atlas-ts and the reverse. One row per migration
// file; `applied`/`total` and `partial_hashes` record statement-level progress.
//
// Progress is recorded so that the bytes written grow linearly with the number of statements:
// after each statement only the fixed-size columns change (`applied`, `executed_at`,
// `execution_time`), and the array of statement hashes is written when a file stops short (a
// failure) — Atlas rewrites the whole array after every statement, which is quadratic.
import type { Driver } from '../drivers/driver.ts';
import { quoteIdent } from '../drivers/quote.ts';
import { UserError } from '../errors.ts';

export const REVISIONS_TABLE = 'atlas_schema_revisions';
/** Where the table lives when neither a flag nor the URL names a schema (as Atlas). */
export const DEFAULT_REVISIONS_SCHEMA = 'atlas_schema_revisions';
/** Atlas's row that identifies the table to Atlas Cloud; never a migration. */
const CLOUD_IDENTIFIER = '.atlas_cloud_identifier';

/** Bit flags of `type`. */
export const RevisionType = { baseline: 1, executed: 2, resolved: 4 } as const;

export interface Revision {
  version: string;
  description: string;
  type: number;
  applied: number;
  total: number;
  executedAt: Date;
  /** Nanoseconds, as Go's time.Duration that Atlas stores. */
  executionTime: bigint;
  error?: string | undefined;
  errorStmt?: string | undefined;
  /** The file's cumulative atlas.sum hash, without `h1:`. */
  hash: string;
  /** `h1:`-prefixed cumulative statement hashes of the applied statements of an unfinished file. */
  partialHashes?: string[] | undefined;
  operatorVersion: string;
}

/**
 * A URL bound to a schema keeps the revisions table in that schema; a database migrated before
 * with a URL without one has it in `atlas_schema_revisions`. Finding only the latter would
 * start the history over (and run every file again), so it is refused, as Atlas does.
 */
export async function checkRevisionsLocation(driver: Driver, revisionsSchema: string): Promise<void> {
  if (
    driver.boundSchema === undefined ||
    revisionsSchema !== driver.boundSchema ||
    revisionsSchema === DEFAULT_REVISIONS_SCHEMA
  )
    return;
  if (await new RevisionStore(driver, revisionsSchema).exists()) return;
  if (!(await new RevisionStore(driver, DEFAULT_REVISIONS_SCHEMA).exists())) return;
  throw new UserError(
    'BAD_ARGS',
    `ambiguous revisions table: there is none in schema "${revisionsSchema}" (the URL's), but there is one in "${DEFAULT_REVISIONS_SCHEMA}", written by a run with a URL without a schema. Pass --revisions-schema ${DEFAULT_REVISIONS_SCHEMA} to continue that history, or drop it if it belongs to nothing.`,
  );
}

/**
 * `--exclude` globs that leave the revisions table out of an inspection (it is bookkeeping, not
 * schema): paths start at the object when the inspection is bound to a schema.
 */
export function excludeRevisions(boundSchema: string | undefined, revisionsSchema: string): string[] {
  if (boundSchema !== undefined) return boundSchema === revisionsSchema ? [REVISIONS_TABLE] : [];
  // Atlas's own schema holds nothing else; a schema the user named may.
  return [
    revisionsSchema === DEFAULT_REVISIONS_SCHEMA ? revisionsSchema : `${revisionsSchema}.${REVISIONS_TABLE}`,
  ];
}

const COLUMNS = [
  'version',
  'description',
  'type',
  'applied',
  'total',
  'executed_at',
  'execution_time',
  'error',
  'error_stmt',
  'hash',
  'partial_hashes',
  'operator_version',
] as const;

export class RevisionStore {
  private readonly mysql: boolean;
  private readonly table: string;

  constructor(
    private readonly driver: Driver,
    readonly schema: string,
  ) {
    this.mysql = driver.dialect === 'mysql';
    this.table = `${this.q(schema)}.${this.q(REVISIONS_TABLE)}`;
  }

  private q(name: string): string {
    return quoteIdent(this.driver.dialect, name);
  }

  /** Placeholder `n` (1-based) of a statement. */
  private p(n: number): string {
    return this.mysql ? '?' : `$${n}`;
  }

  /** Once seen (or created), the table is not looked up again by this store. */
  private known = false;

  async exists(): Promise<boolean> {
    if (this.known) return true;
    const rows = this.mysql
      ? await this.driver.query(
          'SELECT 1 AS x FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
          [this.schema, REVISIONS_TABLE],
        )
      : await this.driver.query(
          'SELECT 1 AS x FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2',
          [this.schema, REVISIONS_TABLE],
        );
    this.known = rows.length > 0;
    return this.known;
  }

  /** Creates the schema (if needed) and the table with Atlas's column types. */
  async ensure(): Promise<void> {
    if (await this.exists()) return;
    if (this.mysql) {
      await this.driver.execScript(`CREATE DATABASE IF NOT EXISTS ${this.q(this.schema)}`);
      await this.driver.execScript(`CREATE TABLE IF NOT EXISTS ${this.table} (
  \`version\` varchar(255) NOT NULL,
  \`description\` varchar(255) NOT NULL,
  \`type\` bigint unsigned NOT NULL DEFAULT 2,
  \`applied\` bigint NOT NULL DEFAULT 0,
  \`total\` bigint NOT NULL DEFAULT 0,
  \`executed_at\` timestamp NOT NULL,
  \`execution_time\` bigint NOT NULL,
  \`error\` longtext NULL,
  \`error_stmt\` longtext NULL,
  \`hash\` varchar(255) NOT NULL,
  \`partial_hashes\` json NULL,
  \`operator_version\` varchar(255) NOT NULL,
  PRIMARY KEY (\`version\`)
) CHARSET utf8mb4 COLLATE utf8mb4_bin`);
      this.known = true;
      return;
    }
    await this.driver.execScript(`CREATE SCHEMA IF NOT EXISTS ${this.q(this.schema)};
CREATE TABLE IF NOT EXISTS ${this.table} (
  "version" character varying NOT NULL,
  "description" character varying NOT NULL,
  "type" bigint NOT NULL DEFAULT 2,
  "applied" bigint NOT NULL DEFAULT 0,
  "total" bigint NOT NULL DEFAULT 0,
  "executed_at" timestamptz NOT NULL,
  "execution_time" bigint NOT NULL,
  "error" text NULL,
  "error_stmt" text NULL,
  "hash" character varying NOT NULL,
  "partial_hashes" jsonb NULL,
  "operator_version" character varying NOT NULL,
  PRIMARY KEY ("version")
)`);
    this.known = true;
  }

  /** Every revision, by version (compared as strings, as Atlas does). */
  async read(): Promise<Revision[]> {
    if (!(await this.exists())) return [];
    const rows = await this.driver.query(
      `SELECT ${COLUMNS.map((c) => this.q(c)).join(', ')} FROM ${this.table} WHERE ${this.q('version')} <> ${this.p(1)}`,
      [CLOUD_IDENTIFIER],
    );
    return rows.map(fromRow).sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  }

  /** Inserts or replaces a whole row. */
  async write(r: Revision): Promise<void> {
    const values = [
      r.version,
      r.description,
      r.type,
      r.applied,
      r.total,
      r.executedAt,
      r.executionTime.toString(),
      r.error ?? null,
      r.errorStmt ?? null,
      r.hash,
      r.partialHashes ? JSON.stringify(r.partialHashes) : null,
      r.operatorVersion,
    ];
    const cols = COLUMNS.map((c) => this.q(c)).join(', ');
    const params = COLUMNS.map((_, i) => this.p(i + 1)).join(', ');
    const sql = this.mysql
      ? `INSERT INTO ${this.table} (${cols}) VALUES (${params}) ON DUPLICATE KEY UPDATE ${COLUMNS.slice(1)
          .map((c) => `${this.q(c)} = VALUES(${this.q(c)})`)
          .join(', ')}`
      : `INSERT INTO ${this.table} (${cols}) VALUES (${params}) ON CONFLICT ("version") DO UPDATE SET ${COLUMNS.slice(
          1,
        )
          .map((c) => `"${c}" = EXCLUDED."${c}"`)
          .join(', ')}`;
    await this.driver.query(sql, values);
  }

  /**
   * One more statement of `version` applied: only the fixed-size columns are written, so that a
   * file of n statements costs O(n) bytes, not O(n²). Clears an error left by an earlier attempt.
   */
  async progress(version: string, applied: number, executionTime: bigint): Promise<void> {
    await this.driver.query(
      `UPDATE ${this.table} SET ${this.q('applied')} = ${this.p(1)}, ${this.q('executed_at')} = ${this.p(2)}, ${this.q('execution_time')} = ${this.p(3)}, ${this.q('error')} = NULL, ${this.q('error_stmt')} = NULL WHERE ${this.q('version')} = ${this.p(4)}`,
      [applied, new Date(), executionTime.toString(), version],
    );
  }

  /**
   * PostgreSQL: a statement and its progress in one transaction and one round trip (a script of
   * BEGIN, the statement, the UPDATE, COMMIT), so a crash can never separate them.
   */
  async runWithProgress(
    stmt: string,
    version: string,
    applied: number,
    executionTime: bigint,
  ): Promise<void> {
    const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
    // The newline ends a trailing `--` comment of the statement before the `;`.
    await this.driver.execScript(
      `BEGIN;\n${stmt}\n;\nUPDATE ${this.table} SET "applied" = ${applied}, "executed_at" = now(), "execution_time" = ${executionTime}, "error" = NULL, "error_stmt" = NULL WHERE "version" = ${lit(version)};\nCOMMIT;`,
    );
  }

  async delete(versions: readonly string[]): Promise<void> {
    for (const v of versions) {
      await this.driver.query(`DELETE FROM ${this.table} WHERE ${this.q('version')} = ${this.p(1)}`, [v]);
    }
  }
}

function fromRow(row: Record<string, unknown>): Revision {
  const hashes = row.partial_hashes;
  const parsed = typeof hashes === 'string' ? (JSON.parse(hashes) as unknown) : hashes;
  const r: Revision = {
    version: String(row.version),
    description: String(row.description ?? ''),
    type: Number(row.type),
    applied: Number(row.applied),
    total: Number(row.total),
    executedAt: row.executed_at instanceof Date ? row.executed_at : new Date(String(row.executed_at)),
    executionTime: BigInt(String(row.execution_time ?? 0)),
    hash: String(row.hash ?? ''),
    operatorVersion: String(row.operator_version ?? ''),
  };
  if (row.error !== null && row.error !== undefined && row.error !== '') r.error = String(row.error);
  if (row.error_stmt !== null && row.error_stmt !== undefined && row.error_stmt !== '')
    r.errorStmt = String(row.error_stmt);
  if (Array.isArray(parsed) && parsed.length > 0) r.partialHashes = parsed.map(String);
  return r;
}
