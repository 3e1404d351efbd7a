// Running the bundled CLI (dist/cli.js) as a user would, for end-to-end tests.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli.js');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI must not pick up libpq settings (PGPASSWORD, PGUSER...) or the test runner's context. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^PG[A-Z]/.test(k) || k === 'NODE_TEST_CONTEXT' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return env;
}

/** Runs the CLI with stdin and stdout as pipes (never a terminal) and collects what it printed. */
export function runCli(cwd: string, args: string[], timeoutMs: number): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: childEnv(), timeout: timeoutMs, maxBuffer: 16 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        // A string code is a spawn failure; null means killed (the timeout), shown by the assertions.
        if (typeof err?.code === 'string') reject(err);
        else resolvePromise({ code: err ? (err.code ?? null) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
