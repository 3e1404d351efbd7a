// Diagnostics as Terraform receives them. Everything a resource throws becomes an ERROR
// diagnostic (a gRPC error would show as "Plugin error" with no address or context).
import { isUserError } from '../core/errors.ts';
import { CodecError } from './codec.ts';
import type { Diagnostic, PathStep } from './framework.ts';
import type { Logger } from './log.ts';
import type { AttributePath, ProtoDiagnostic } from './tfplugin6.ts';

export function pathToProto(path: readonly PathStep[]): AttributePath {
  return {
    steps: path.map((s) =>
      typeof s === 'string'
        ? { attribute_name: s }
        : typeof s === 'number'
          ? { element_key_int: s }
          : { element_key_string: s.key },
    ),
  };
}

export function diagnosticToProto(d: Diagnostic): ProtoDiagnostic {
  return {
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.attribute && d.attribute.length > 0 ? { attribute: pathToProto(d.attribute) } : {}),
  };
}

/**
 * A thrown error as a diagnostic. A UserError's message is written for users and is used as it
 * is; anything else is a bug, reported as such, with the stack only in the debug log.
 */
export function errorToDiagnostic(e: unknown, rpc: string, aborted: boolean, log: Logger): Diagnostic {
  if (isUserError(e)) return { severity: 'error', summary: e.message, ...(e.help ? { detail: e.help } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  if (aborted)
    return {
      severity: 'error',
      summary: `interrupted: ${message}`,
      detail: 'Terraform asked the provider to stop while this operation was running.',
    };
  log.log('debug', `${rpc}: unexpected error`, {
    error: message,
    stack: e instanceof Error ? e.stack : undefined,
  });
  return {
    severity: 'error',
    summary: `unexpected error: ${message}`,
    detail:
      'This is a bug in the atlas provider. The stack trace is in the provider log (TF_LOG_PROVIDER=debug).',
    ...(e instanceof CodecError && e.path.length > 0 ? { attribute: e.path } : {}),
  };
}
