// `--env` and `--config` for the schema commands: flags the command line leaves out are taken
// from an env of the project file (atlas.hcl). Explicit flags always win, and without either
// flag no project file is read, so commands behave as before.
import type { DesiredInput } from '../core/devdb/files.ts';
import type { DiffPolicy } from '../core/diff/policy.ts';
import { isUserError, UserError } from '../core/errors.ts';
import type { InputVars } from '../core/hcl/document.ts';
import { loadProject, type ProjectEnv } from '../core/project/project.ts';
import { redact } from '../core/redact.ts';
import { parseVars } from './args.ts';
import type { CommandIo, CommandResult } from './commands/schema-apply.ts';

/** Options to spread into a command's `parse` table. */
export const projectOptions = {
  env: { type: 'string' },
  config: { type: 'string', short: 'c' },
} as const;

/** The flags a command may take from an env; commands pass what they parsed. */
export interface ProjectFlagValues {
  env?: string | undefined;
  config?: string | undefined;
  var?: string[] | undefined;
  url?: string | undefined;
  to?: string[] | undefined;
  'dev-url'?: string | undefined;
  schema?: string[] | undefined;
  exclude?: string[] | undefined;
}

/** What one run of a command works on: its flags, completed from the env. */
export interface Target {
  /** The env's name; undefined without a project file (or with one that defines no env). */
  env: string | undefined;
  /** `env "prod"`, for messages. */
  label: string | undefined;
  url: string | undefined;
  to: DesiredInput[];
  devUrl: string | undefined;
  schemas: string[];
  exclude: string[];
  /** The env's `diff` policy. */
  policy: DiffPolicy | undefined;
  /** Input variables for HCL schema files. */
  vars: InputVars;
  /** An env offers its attributes to every schema file; only `--var` on its own must be declared. */
  undeclaredVars: 'error' | 'ignore';
  /** The env's `migration {}` block (dir, format, revisions_schema, baseline, exec_order, lock_timeout). */
  migration: ProjectEnv['migration'];
}

/**
 * The targets a command runs on: one from the flags, or one per instance of the selected env
 * (several when it has `for_each`). With a project, `--var` values are the project file's
 * variables; the schema files get the env's own extra attributes instead (as Atlas does).
 */
export async function resolveTargets(values: ProjectFlagValues): Promise<Target[]> {
  const to = (values.to ?? []).filter((t) => t !== '');
  const given = {
    url: values.url,
    devUrl: values['dev-url'],
    schemas: values.schema ?? [],
    exclude: values.exclude ?? [],
  };
  const vars = parseVars(values.var);
  if (values.env === undefined && values.config === undefined) {
    return [
      {
        env: undefined,
        label: undefined,
        ...given,
        to,
        policy: undefined,
        vars,
        undeclaredVars: 'error',
        migration: undefined,
      },
    ];
  }
  const envs = await loadProject({ config: values.config, env: values.env, vars });
  return envs.map((env) => ({
    env: env.name === '' ? undefined : env.name,
    label: env.name === '' ? undefined : `env "${env.name}"`,
    url: given.url ?? env.url,
    to: to.length > 0 ? to : env.src,
    devUrl: given.devUrl ?? env.devUrl,
    schemas: given.schemas.length > 0 ? given.schemas : env.schemas,
    exclude: given.exclude.length > 0 ? given.exclude : env.exclude,
    policy: env.diff,
    vars: env.vars,
    undeclaredVars: 'ignore',
    migration: env.migration,
  }));
}

/** The one target of commands that do not iterate over `for_each` instances. */
export function singleTarget(targets: Target[], command: string): Target {
  if (targets.length !== 1) {
    throw new UserError(
      'BAD_ARGS',
      `${targets[0]?.label ?? 'the env'} has ${targets.length} instances (for_each); ${command} works on one database: give --url, or use an env without for_each`,
    );
  }
  return targets[0]!;
}

/** A flag's value, or an error that says where it was looked for. */
export function requireFrom(
  value: string | undefined,
  flag: string,
  attr: string,
  t: Target,
  usage: string,
): string {
  if (value !== undefined && value !== '') return value;
  const where = t.label ? `: pass it, or set ${attr} in ${t.label}` : '';
  throw new UserError('BAD_ARGS', `missing required flag ${flag}${where}`, { help: usage });
}

export function requireTo(t: Target, usage: string): DesiredInput[] {
  if (t.to.length > 0) return t.to;
  return [requireFrom(undefined, '--to', 'src', t, usage)];
}

/**
 * Runs a command once per target, in order, under a header naming each. Stops at the first
 * failure, saying which targets were done and which were not run. JSON output becomes one array
 * of the per-target documents.
 */
export async function forEachTarget(
  io: CommandIo,
  targets: Target[],
  json: boolean,
  run: (t: Target) => Promise<CommandResult>,
): Promise<CommandResult> {
  if (targets.length === 1) return run(targets[0]!);
  const where = (t: Target) => redact(t.url ?? '(no url)');
  const docs: string[] = [];
  for (const [i, t] of targets.entries()) {
    if (!json) io.out(`${i > 0 ? '\n' : ''}-- env ${t.env ?? ''}: ${where(t)}\n`);
    const stopped = () => {
      const done = targets.slice(0, i).map(where);
      const rest = targets.slice(i + 1).map(where);
      return `stopped at target ${i + 1} of ${targets.length} (${where(t)}); done: ${done.join(', ') || 'none'}; not run: ${rest.join(', ') || 'none'}`;
    };
    let res: CommandResult;
    try {
      res = await run(t);
    } catch (e) {
      if (isUserError(e))
        throw new UserError(e.code, `${e.message}; ${stopped()}`, { cause: e, help: e.help });
      throw e;
    }
    const { out, code } = typeof res === 'string' ? { out: res, code: 0 } : res;
    if (json) docs.push(out);
    else if (out !== '') io.out(out.endsWith('\n') ? out : `${out}\n`);
    if (code !== 0) {
      io.err(`Error: ${t.label ?? 'env'}: ${stopped()}\n`);
      return { out: json ? jsonArray(docs) : '', code };
    }
  }
  return json ? jsonArray(docs) : '';
}

function jsonArray(docs: string[]): string {
  return `[\n${docs.join(',\n')}\n]`;
}

/**
 * The migration directory URL of a migrate command: `--dir`, else the env's `migration.dir`,
 * else file://migrations. The env's `migration.format` (or `--dir-format`, Atlas's older flag)
 * applies when the URL names no format.
 */
export function migrationDirUrl(
  values: { dir?: string | undefined; 'dir-format'?: string | undefined },
  t: Target,
): string {
  const dir = values.dir ?? t.migration?.dir ?? 'file://migrations';
  const format = values['dir-format'] ?? t.migration?.format;
  if (!format || /[?&]format=/.test(dir)) return dir;
  return `${dir}${dir.includes('?') ? '&' : '?'}format=${encodeURIComponent(format)}`;
}
