// A plan: the statements that take a database from one schema to another, with what a
// reviewer, the linter and the executor need to know about each.
import type { Change } from '../diff/changes.ts';
import type { Stmt } from '../drivers/driver.ts';

export interface Plan {
  changes: Change[];
  stmts: Stmt[];
  /** Fingerprint of the current schema the plan was made from; apply refuses if it changed. */
  fromFingerprint: string;
  /** Fingerprint of the desired schema. */
  toFingerprint: string;
}

export const isEmptyPlan = (p: Plan) => p.stmts.length === 0;
