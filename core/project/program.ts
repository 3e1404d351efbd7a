// Running the program of an `external` or `external_schema` data source: no shell (the list is
// the argv), stdout is the result, and a failure says how the program ended and what it printed
// last on stderr, which is where programs explain themselves.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';

export type ProgramResult = { ok: true; stdout: string } | { ok: false; reason: string };

/** Lines of stderr kept in a failure message: enough for the error, not the whole log. */
const STDERR_LINES = 3;

export function runProgram(argv: readonly string[], cwd: string): Promise<ProgramResult> {
  const shown = argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
  // spawn reports a missing working directory as ENOENT of the program, which misleads.
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {}
  if (!isDir) return Promise.resolve({ ok: false, reason: `working directory ${cwd} does not exist` });
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'no such program (is it installed and on PATH?)' : e.message;
      resolve({ ok: false, reason: `cannot run "${argv[0]}": ${why}` });
    });
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve({ ok: true, stdout: Buffer.concat(out).toString('utf8') });
        return;
      }
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tail = Buffer.concat(err)
        .toString('utf8')
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== '')
        .slice(-STDERR_LINES);
      resolve({
        ok: false,
        reason: `${shown} ${how}${tail.length ? `: ${tail.join(' | ')}` : ' (nothing on stderr)'}`,
      });
    });
  });
}
