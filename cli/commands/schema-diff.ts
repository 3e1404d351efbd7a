// `atlas-ts schema diff`: print the SQL that takes one schema (a database or SQL files) to another.
import { UserError } from '../../core/errors.ts';
import { planJson, renderScript } from '../../core/plan/render-plan.ts';
import { diffStates } from '../../core/plan/schema-plan.ts';
import { parse } from '../args.ts';
import { projectOptions, requireTo, resolveTargets, singleTarget } from '../project-flags.ts';
import type { CommandIo, CommandResult } from './schema-apply.ts';

export const usage = `Usage: atlas-ts schema diff --from URL --to URL [flags]

Print the SQL statements that take the "from" schema to the "to" schema. Nothing is changed.

Flags:
      --from URL       current schema (repeatable): a database URL, or file://schema.sql /
                       file://schema.hcl / file://dir/ loaded on the dev database
      --to URL         desired schema (repeatable): file://schema.sql, file://schema.hcl (Atlas HCL),
                       file://dir/ or a database URL
      --var NAME=VALUE input variable of HCL files (repeatable); with --env, of the project file
      --env NAME       take missing flags from env "NAME" of the project file: src (--to), dev,
                       schemas, exclude, and its diff policy (--from stays explicit)
  -c, --config URL     project file (default file://atlas.hcl); alone, its top-level diff policy
      --dev-url URL    dev database SQL files run on to be normalized; must be empty; its
                       ?search_path= limits the diff to one schema when both sides are files;
                       default: an embedded PostgreSQL (PGlite) in memory
  -s, --schema NAME    compare only this schema (repeatable)
      --exclude GLOB   leave out matching objects (repeatable): "schema", "schema.table",
                       "schema.table.column"; * and ? match within one name
      --format FORMAT  sql (default): a script with one comment per statement; json: the plan
  -h, --help           show this help

Examples:
  atlas-ts schema diff --from "postgres://app@localhost:5432/shop" --to file://schema.sql
  atlas-ts schema diff --from file://v1.sql --to file://v2.sql --dev-url "postgres://app@localhost/dev"`;

export async function schemaDiff(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values } = parse(
    argv,
    {
      from: { type: 'string', multiple: true },
      to: { type: 'string', multiple: true },
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
  const from = (values.from ?? []).filter((s) => s !== '');
  if (from.length === 0) throw new UserError('BAD_ARGS', 'missing required flag --from', { help: usage });
  const t = singleTarget(await resolveTargets(values), 'schema diff');
  const to = requireTo(t, usage);
  const format = values.format;
  if (format !== 'sql' && format !== 'json') {
    throw new UserError('BAD_ARGS', `unknown --format "${format}": use sql or json`);
  }
  const { plan, warnings } = await diffStates({
    from,
    to,
    devUrl: t.devUrl,
    schemas: t.schemas,
    exclude: t.exclude,
    vars: t.vars,
    undeclaredVars: t.undeclaredVars,
    policy: t.policy,
  });
  for (const w of warnings) io.err(`Warning: ${w}\n`);
  if (format === 'json') {
    const { changes, statements } = planJson(plan, { txMode: 'file' });
    return JSON.stringify({ changes, statements, warnings }, null, 2);
  }
  return plan.stmts.length === 0 ? 'Schemas are synced, no changes to be made' : renderScript(plan.stmts);
}
