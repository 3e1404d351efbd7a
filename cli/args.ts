// Flag parsing shared by every command: node's parseArgs with errors a person can act on.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../core/errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UserError('BAD_ARGS', msg, { help: usage });
  }
}

export function required(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || value === '')
    throw new UserError('BAD_ARGS', `missing required flag ${flag}`, { help: usage });
  return value;
}

/** `--var name=value` flags; a name given more than once becomes a list (as Atlas). */
export function parseVars(flags: readonly string[] | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const flag of flags ?? []) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UserError('BAD_ARGS', `--var "${flag}" is not name=value`);
    const name = flag.slice(0, eq);
    const value = flag.slice(eq + 1);
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** Like `parse`, for commands that take up to `max` arguments besides flags (`migrate new [name]`). */
export function parseWithArgs<T extends Options>(argv: string[], options: T, usage: string, max: number) {
  const read = () => {
    try {
      return parseArgs({
        args: argv,
        options: { ...options, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: true,
      });
    } catch (e) {
      throw new UserError('BAD_ARGS', (e as Error).message, { help: usage });
    }
  };
  const parsed = read();
  const n = parsed.positionals.length;
  if (n > max) {
    throw new UserError(
      'BAD_ARGS',
      `accepts at most ${max} argument${max === 1 ? '' : 's'}, received ${n}: ${parsed.positionals.join(' ')}`,
      { help: usage },
    );
  }
  return parsed;
}
