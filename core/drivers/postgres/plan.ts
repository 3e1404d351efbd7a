// Planning: Change[] -> ordered statements. (Being implemented: issue #3.)
import type { Change } from '../../diff/changes.ts';
import type { DiffPolicy } from '../../diff/policy.ts';
import type { Realm } from '../../schema/model.ts';
import type { Stmt } from '../driver.ts';

export function planChanges(
  _changes: Change[],
  _ctx: { from: Realm; to: Realm; policy?: DiffPolicy; qualify: boolean },
): Stmt[] {
  throw new Error('planChanges: not implemented yet');
}
