// Provider logs: hclog JSON lines on stderr, which go-plugin parses and Terraform shows with
// TF_LOG / TF_LOG_PROVIDER. stdout is reserved for the handshake line.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

export interface Logger {
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/**
 * The level Terraform asked for: TF_LOG_PROVIDER, else TF_LOG (`json` means trace, as in
 * Terraform). Unset: warnings and errors only, which Terraform discards unless logging is on.
 */
export function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel | 'off' {
  const v = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (v === '') return 'warn';
  if (v === 'json') return 'trace';
  return v in RANK ? (v as LogLevel | 'off') : 'trace';
}

/**
 * hclog's timestamp layout is `2006-01-02T15:04:05.000000Z07:00`; go-plugin falls back to
 * treating the whole line as raw text unless there are exactly six fractional digits.
 */
function timestamp(): string {
  return new Date().toISOString().replace('Z', '000Z');
}

export function stderrLogger(
  level: LogLevel | 'off',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = RANK[level];
  return {
    enabled: (l) => RANK[l] >= min,
    log(l, message, fields) {
      if (RANK[l] < min) return;
      const entry = { '@level': l, '@message': message, '@timestamp': timestamp(), ...fields };
      write(`${JSON.stringify(entry)}\n`);
    },
  };
}
