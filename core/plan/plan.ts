// A plan: the statements that take a database from one schema to another, with what a
// reviewer, the linter and the executor need to know about each.
import type { Change } from '../diff/changes.ts';
import type { Stmt } from '../drivers/driver.ts';
import { fingerprint } from '../schema/fingerprint.ts';
import type { Realm } from '../schema/model.ts';

/** A finding about a plan (lint analyzers: destructive change, table lock, ...), with Atlas's code. */
export interface PlanDiagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** 0-based index of the statement it is about, if any. */
  stmt?: number;
}

export interface Plan {
  changes: Change[];
  stmts: Stmt[];
  /** What the analyzers found (filled by lint; none until it runs). Front ends show each one. */
  diagnostics?: PlanDiagnostic[];
  /** Fingerprint of the current schema the plan was made from; apply refuses if it changed. */
  fromFingerprint: string;
  /** Fingerprint of the desired schema. */
  toFingerprint: string;
}

export const isEmptyPlan = (p: Plan) => p.stmts.length === 0;

/**
 * A plan whose fingerprints are computed when first read: hashing a large schema costs about as
 * much as inspecting it, and only an apply needs them.
 */
export function makePlan(changes: Change[], stmts: Stmt[], from: Realm, to: Realm): Plan {
  let fromFp: string | undefined;
  let toFp: string | undefined;
  return {
    changes,
    stmts,
    get fromFingerprint() {
      fromFp ??= fingerprint(from);
      return fromFp;
    },
    get toFingerprint() {
      toFp ??= fingerprint(to);
      return toFp;
    },
  };
}
