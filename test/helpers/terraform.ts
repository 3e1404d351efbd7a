// End-to-end tests against the real terraform binary, offline: a CLI config whose dev_overrides
// point ariga/atlas at dist/ (built by `npm test` / `npm run build:provider`), and never
// `terraform init` (with dev_overrides it is unnecessary, and offline it fails on the registry).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/** go-plugin's handshake cookie for Terraform providers. */
export const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** Where the built provider lives (the dev_overrides directory). */
export const PROVIDER_DIR = join(ROOT, 'dist');

export const PROVIDER_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

/** The provider executable Terraform starts. */
export const PROVIDER_EXE = join(PROVIDER_DIR, `terraform-provider-atlas_v${PROVIDER_VERSION}`);

/** Whether `terraform` is on PATH (tests that need it skip otherwise). */
export const hasTerraform: boolean = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

/** Reason to skip a terraform test, or false. */
export function terraformMissing(): string | false {
  if (!hasTerraform) return 'terraform is not on PATH';
  if (!existsSync(PROVIDER_EXE)) return `${PROVIDER_EXE} is missing: run npm run build:provider`;
  return false;
}

/**
 * The environment for running terraform in `dir`: writes `dir/.terraformrc.test` (dev_overrides
 * for ariga/atlas → dist/) and points TF_CLI_CONFIG_FILE at it. Checkpoint (the version check
 * over the network) is off.
 */
export function terraformEnv(dir: string): NodeJS.ProcessEnv {
  const config = join(dir, '.terraformrc.test');
  writeFileSync(
    config,
    `provider_installation {
  dev_overrides {
    "registry.terraform.io/ariga/atlas" = ${JSON.stringify(PROVIDER_DIR)}
  }
  direct {}
}
`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A test sets what it wants; inherited logging or a plugin cache would change the output.
  for (const k of [
    'TF_LOG',
    'TF_LOG_PATH',
    'TF_LOG_PROVIDER',
    'TF_LOG_CORE',
    'TF_PLUGIN_CACHE_DIR',
    'TF_REATTACH_PROVIDERS',
  ])
    delete env[k];
  return {
    ...env,
    TF_CLI_CONFIG_FILE: config,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
}

export interface TfResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TfOptions {
  /** Added to (and overriding) terraformEnv(dir). */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds before terraform is killed (default 120 s). */
  timeout?: number;
  /** Written to terraform's stdin (default: none, stdin closed). */
  input?: string;
}

/** Runs `terraform <args>` in `dir`; never throws on a non-zero exit. */
export function tf(dir: string, args: readonly string[], opts: TfOptions = {}): Promise<TfResult> {
  return new Promise((resolve, reject) => {
    const p = spawn('terraform', args, {
      cwd: dir,
      env: { ...terraformEnv(dir), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), opts.timeout ?? 120_000);
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    p.stdin.end(opts.input ?? '');
  });
}

/** One line of terraform's `-json` output (plan, apply, validate…). */
export interface TfJsonLine {
  '@level': string;
  '@message': string;
  type: string;
  diagnostic?: TfDiagnostic;
  [key: string]: unknown;
}

export interface TfDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  address?: string;
  range?: { filename: string; start: { line: number }; end: { line: number } };
}

/** The JSON lines of `-json` output; other lines (there should be none) are skipped. */
export function jsonLines(output: string): TfJsonLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as TfJsonLine);
}

const DEV_OVERRIDES_WARNING = 'Provider development overrides are in effect';

/**
 * The diagnostics in `-json` output (a string of lines, or lines already parsed), without the
 * warning that dev_overrides are in effect, which every command prints under this harness.
 */
export function diagnostics(json: string | readonly TfJsonLine[]): TfDiagnostic[] {
  const lines = typeof json === 'string' ? jsonLines(json) : json;
  return lines
    .filter((l) => l.type === 'diagnostic' && l.diagnostic)
    .map((l) => l.diagnostic!)
    .filter((d) => d.summary !== DEV_OVERRIDES_WARNING);
}
