// The atlas-ts command: maps argv to a command, prints its output, and turns user errors into
// one line on stderr with exit code 1. Secrets in messages are redacted.
import { createInterface } from 'node:readline/promises';
import { isUserError } from '../core/errors.ts';
import { redact } from '../core/redact.ts';
import { VERSION } from '../core/version.ts';
import { migrateApply, usage as migrateApplyUsage } from './commands/migrate-apply.ts';
import { migrateDiff, usage as migrateDiffUsage } from './commands/migrate-diff.ts';
import { migrateDownCommand, usage as migrateDownUsage } from './commands/migrate-down.ts';
import { migrateHash, usage as migrateHashUsage } from './commands/migrate-hash.ts';
import { migrateNew, usage as migrateNewUsage } from './commands/migrate-new.ts';
import {
  migrateSet,
  setUsage as migrateSetUsage,
  migrateStatus,
  statusUsage as migrateStatusUsage,
} from './commands/migrate-status.ts';
import { migrateValidate, usage as migrateValidateUsage } from './commands/migrate-validate.ts';
import {
  usage as applyUsage,
  type CommandIo,
  type CommandResult,
  schemaApply,
} from './commands/schema-apply.ts';
import { usage as cleanUsage, schemaClean } from './commands/schema-clean.ts';
import { usage as diffUsage, schemaDiff } from './commands/schema-diff.ts';
import { usage as inspectUsage, schemaInspect } from './commands/schema-inspect.ts';

const USAGE = `Usage: atlas-ts <command> [flags]

Database schema as code for PostgreSQL and MySQL/MariaDB.

Commands:
  schema inspect   print the schema of a database as SQL, Atlas HCL or JSON
  schema apply     plan and apply the changes that bring a database to a desired schema
  schema diff      print the SQL that takes one schema to another
  schema clean     drop every object in a database or schema
  migrate diff     write the migration file that takes the migration directory to a desired schema
  migrate new      create an empty migration file
  migrate hash     (re)write atlas.sum, the migration directory's integrity file
  migrate validate check a migration directory against atlas.sum (and run it on a dev database)
  migrate apply    run the pending migration files, resuming a stopped run where it stopped
  migrate status   show applied and pending migrations and the last error
  migrate set      mark the database as being at a version, without running anything
  migrate down     revert applied migrations, refusing to drop data

Run "atlas-ts <command> --help" for a command's flags.`;

type Command = (argv: string[], io: CommandIo) => Promise<CommandResult>;

const COMMANDS: Record<string, Record<string, { run: Command; usage: string }>> = {
  schema: {
    inspect: { run: schemaInspect, usage: inspectUsage },
    apply: { run: schemaApply, usage: applyUsage },
    diff: { run: schemaDiff, usage: diffUsage },
    clean: { run: schemaClean, usage: cleanUsage },
  },
  // One entry per verb; apply, status, set and down join these.
  migrate: {
    diff: { run: migrateDiff, usage: migrateDiffUsage },
    new: { run: migrateNew, usage: migrateNewUsage },
    hash: { run: migrateHash, usage: migrateHashUsage },
    validate: { run: migrateValidate, usage: migrateValidateUsage },
    apply: { run: migrateApply, usage: migrateApplyUsage },
    status: { run: migrateStatus, usage: migrateStatusUsage },
    set: { run: migrateSet, usage: migrateSetUsage },
    down: { run: migrateDownCommand, usage: migrateDownUsage },
  },
};

const io: CommandIo = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(redact(text));
  },
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

export async function main(argv: string[]): Promise<number> {
  const [group, verb, ...rest] = argv;
  if (group === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  if (group === '--help' || group === '-h' || group === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (group === '--version' || group === 'version') {
    process.stdout.write(`atlas-ts ${VERSION}\n`);
    return 0;
  }
  const verbs = COMMANDS[group];
  const cmd = verbs && verb !== undefined ? verbs[verb] : undefined;
  if (!verbs || !cmd) {
    const known = verbs ? Object.keys(verbs).map((v) => `${group} ${v}`) : Object.keys(COMMANDS);
    const what = verbs
      ? verb === undefined || verb.startsWith('-')
        ? `"${group}" needs a subcommand`
        : `unknown command "${group} ${verb}"`
      : `unknown command "${group}"`;
    process.stderr.write(`Error: ${what}; available: ${known.join(', ')}\n`);
    return 1;
  }
  try {
    const res = await cmd.run(rest, io);
    const { out, code } = typeof res === 'string' ? { out: res, code: 0 } : res;
    if (out !== '') process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    return code;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`Error: ${redact(e.message)}\n${e.help ? `\n${e.help}\n` : ''}`);
      return 1;
    }
    const err = e as Error;
    process.stderr.write(
      `Error: unexpected failure (a bug in atlas-ts; please report it): ${redact(err.stack ?? String(err))}\n`,
    );
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Error: ${redact(String(e))}\n`);
    process.exitCode = 2;
  },
);
