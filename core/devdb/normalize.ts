// Normalizing a realm: rendering it on a dev database and inspecting it back, so that a target
// inspected on one PostgreSQL major version compares with a desired state printed by another.
import type { Driver } from '../drivers/driver.ts';
import { UserError } from '../errors.ts';
import type { Realm } from '../schema/model.ts';
import { openDevDatabase } from './dev-database.ts';

export async function normalizeRealm(
  realm: Realm,
  opts: { devUrl?: string | undefined; boundSchema?: string | undefined },
): Promise<Realm> {
  const dev = await openDevDatabase(opts);
  let out: Realm;
  try {
    await applyRealm(dev.driver, realm, 'normalize the schema');
    const names = realm.schemas.map((s) => s.name);
    const inspected = await dev.driver.inspect({ schemas: names });
    // No schema at all: inspecting "every schema" would add the dev database's empty `public`.
    out = names.length > 0 ? inspected : { ...inspected, schemas: [] };
  } catch (e) {
    await dev.close().catch(() => {});
    throw e;
  }
  await dev.close();
  return out;
}

/** Creates a realm's objects on a (dev) database, naming the statement that fails and why. */
/** Statements per round trip on PostgreSQL: creating a large schema is latency-bound otherwise. */
const BATCH = 200;

export async function applyRealm(
  driver: Driver,
  realm: Realm,
  what = 'create the desired schema',
): Promise<void> {
  const stmts = driver.createStatements(realm);
  const fail = (i: number, e: unknown): UserError => {
    const stmt = stmts[i]!;
    const server =
      driver.dialect === 'postgres' ? `PostgreSQL ${Math.floor(driver.serverVersion / 10000)}` : 'MySQL';
    return new UserError(
      'SQL',
      `cannot ${what} on the dev database (${server}): statement ${i + 1} of ${stmts.length}${stmt.comment ? ` (${stmt.comment})` : ''} failed: ${(e as Error).message}: ${excerpt(stmt.sql)}`,
      { cause: e },
    );
  };
  // PostgreSQL runs a batch as one implicit transaction: a failing batch leaves nothing behind,
  // so it is run again one statement at a time to name the statement that fails. MySQL commits
  // DDL statement by statement (a failed batch would be half done), so it always goes one by one.
  const size = driver.transactionalDdl ? BATCH : 1;
  for (let start = 0; start < stmts.length; start += size) {
    const batch = stmts.slice(start, start + size);
    try {
      await driver.execScript(batch.map((s) => `${s.sql};`).join('\n'));
      continue;
    } catch (e) {
      if (batch.length === 1) throw fail(start, e);
    }
    for (const [k, stmt] of batch.entries()) {
      try {
        await driver.execScript(stmt.sql);
      } catch (e) {
        throw fail(start + k, e);
      }
    }
  }
}

function excerpt(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
