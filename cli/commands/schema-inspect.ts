// `atlas-ts schema inspect`: print the schema of a database, or of schema files as a dev
// database prints them, as SQL, Atlas HCL or the JSON model.
import { devTarget, loadDesiredState } from '../../core/devdb/load.ts';
import type { Driver } from '../../core/drivers/driver.ts';
import { withDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import { encodeSchemaHcl } from '../../core/hcl/schema-files.ts';
import { formatScript } from '../../core/plan/script.ts';
import type { Realm } from '../../core/schema/model.ts';
import { parse } from '../args.ts';
import { projectOptions, requireFrom, resolveTargets, singleTarget } from '../project-flags.ts';

export const usage = `Usage: atlas-ts schema inspect --url URL [flags]

Inspect a database (or schema files) and print its schema.

Flags:
  -u, --url URL        database to inspect: postgres://user:pass@host:port/db[?search_path=schema],
                       mysql://user:pass@host:port[/db], pglite:// (embedded, in memory),
                       pglite:///abs/dir or pglite://./rel/dir; or schema files (file://schema.hcl,
                       file://schema.sql, file://dir/) printed as the dev database reads them
      --dev-url URL    dev database for file:// URLs (default: embedded PostgreSQL; MySQL needs one)
  -s, --schema NAME    inspect only this schema (repeatable); default: the URL's schema, else all
      --exclude GLOB   leave out matching objects (repeatable): "schema", "schema.table",
                       "schema.table.column"; * and ? match within one name
      --format FORMAT  sql (default): creation DDL in dependency order; hcl: Atlas schema HCL;
                       json: the schema model
      --var NAME=VALUE input variable of HCL files (repeatable); with --env, of the project file
      --env NAME       take missing flags from env "NAME" of the project file (url, dev, schemas,
                       exclude)
  -c, --config URL     project file (default file://atlas.hcl)
  -h, --help           show this help

Examples:
  atlas-ts schema inspect --url "postgres://app@localhost:5432/shop?sslmode=disable"
  atlas-ts schema inspect --url "postgres://app@localhost/shop?search_path=billing" --format hcl
  atlas-ts schema inspect --url file://schema.hcl --format sql
  atlas-ts schema inspect --url pglite://./data --exclude "public.audit_*"`;

const FORMATS = ['sql', 'hcl', 'json'];

export async function schemaInspect(argv: string[]): Promise<string> {
  const { values } = parse(
    argv,
    {
      url: { type: 'string', short: 'u' },
      'dev-url': { type: 'string' },
      schema: { type: 'string', short: 's', multiple: true },
      exclude: { type: 'string', multiple: true },
      format: { type: 'string', default: 'sql' },
      var: { type: 'string', multiple: true },
      ...projectOptions,
    },
    usage,
  );
  if (values.help) return usage;
  const t = singleTarget(await resolveTargets(values), 'schema inspect');
  const url = requireFrom(t.url, '--url', 'url', t, usage);
  const format = values.format ?? 'sql';
  if (!FORMATS.includes(format)) {
    throw new UserError('BAD_ARGS', `unknown --format "${format}": use sql, hcl or json`);
  }
  const scope = { schemas: t.schemas, exclude: t.exclude };
  if (!/^file:/i.test(url)) {
    return withDriver(url, async (driver) => render(await driver.inspect(scope), format, () => driver));
  }
  // Schema files are printed by a dev database; only SQL output needs a driver of its own.
  const realm = (
    await loadDesiredState({
      to: [url],
      devUrl: t.devUrl,
      target: devTarget(t.devUrl),
      vars: t.vars,
      undeclaredVars: t.undeclaredVars,
      ...scope,
    })
  ).realm;
  if (format !== 'sql') return render(realm, format, () => undefined);
  return withDriver(t.devUrl ?? 'pglite://', async (driver) => render(realm, format, () => driver));
}

function render(realm: Realm, format: string, driver: () => Driver | undefined): string {
  if (format === 'json') return JSON.stringify(realm, null, 2);
  if (format === 'hcl') return encodeSchemaHcl(realm).trimEnd();
  return formatScript(driver()!.createStatements(realm));
}
