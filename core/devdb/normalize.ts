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
export async function applyRealm(
  driver: Driver,
  realm: Realm,
  what = 'create the desired schema',
): Promise<void> {
  const stmts = driver.createStatements(realm);
  for (const [i, stmt] of stmts.entries()) {
    try {
      await driver.execScript(stmt.sql);
    } catch (e) {
      const server =
        driver.dialect === 'postgres' ? `PostgreSQL ${Math.floor(driver.serverVersion / 10000)}` : 'MySQL';
      throw new UserError(
        'SQL',
        `cannot ${what} on the dev database (${server}): statement ${i + 1} of ${stmts.length}${stmt.comment ? ` (${stmt.comment})` : ''} failed: ${(e as Error).message}: ${excerpt(stmt.sql)}`,
        { cause: e },
      );
    }
  }
}

function excerpt(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
