// `atlas-ts schema inspect`: print the schema of a database as SQL or as the JSON model.
import { openDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import { formatScript } from '../../core/plan/script.ts';
import { parse, required } from '../args.ts';

export const usage = `Usage: atlas-ts schema inspect --url URL [flags]

Inspect a database and print its schema.

Flags:
  -u, --url URL        database to inspect: postgres://user:pass@host:port/db[?search_path=schema],
                       pglite:// (embedded, in memory), pglite:///abs/dir or pglite://./rel/dir
  -s, --schema NAME    inspect only this schema (repeatable); default: the URL's schema, else all
      --exclude GLOB   leave out matching objects (repeatable): "schema", "schema.table",
                       "schema.table.column"; * and ? match within one name
      --format FORMAT  sql (default): creation DDL in dependency order; json: the schema model
  -h, --help           show this help

Examples:
  atlas-ts schema inspect --url "postgres://app@localhost:5432/shop?sslmode=disable"
  atlas-ts schema inspect --url "postgres://app@localhost/shop?search_path=billing" --format json
  atlas-ts schema inspect --url pglite://./data --exclude "public.audit_*"`;

export async function schemaInspect(argv: string[]): Promise<string> {
  const { values } = parse(
    argv,
    {
      url: { type: 'string', short: 'u' },
      schema: { type: 'string', short: 's', multiple: true },
      exclude: { type: 'string', multiple: true },
      format: { type: 'string', default: 'sql' },
    },
    usage,
  );
  if (values.help) return usage;
  const url = required(values.url, '--url', usage);
  const format = values.format;
  if (format !== 'sql' && format !== 'json') {
    throw new UserError('BAD_ARGS', `unknown --format "${format}": use sql or json`);
  }
  const driver = await openDriver(url);
  try {
    const realm = await driver.inspect({ schemas: values.schema ?? [], exclude: values.exclude ?? [] });
    return format === 'json' ? JSON.stringify(realm, null, 2) : formatScript(driver.createStatements(realm));
  } finally {
    await driver.close();
  }
}
