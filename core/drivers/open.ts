// Picks the driver for a URL scheme. Drivers are imported lazily so that start-up only pays
// for the one in use.
import { UserError } from '../errors.ts';
import { redact } from '../redact.ts';
import type { Driver } from './driver.ts';

export async function openDriver(url: string): Promise<Driver> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
    case 'pglite': {
      const { PostgresDriver } = await import('./postgres/driver.ts');
      return PostgresDriver.open(url);
    }
    case 'mysql':
    case 'mysql+unix':
    case 'maria':
    case 'mariadb': {
      const { MysqlDriver } = await import('./mysql/driver.ts');
      return MysqlDriver.open(url);
    }
    default:
      throw new UserError(
        'BAD_URL',
        `malformed database URL "${redact(url)}": expected postgres://user@host:port/dbname, mysql://user@host:port/dbname or pglite://`,
      );
  }
}

/** Runs `fn` with a driver for `url`, closing it whatever happens. */
export async function withDriver<T>(url: string, fn: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = await openDriver(url);
  try {
    return await fn(driver);
  } finally {
    await driver.close().catch(() => {});
  }
}
