// Realm x Realm -> Change[]. (Being implemented: issue #3.)
import type { RenameHint } from '../devdb/devdb.ts';
import type { Realm } from '../schema/model.ts';
import type { Change } from './changes.ts';
import type { DiffPolicy } from './policy.ts';

export interface DiffOptions {
  policy?: DiffPolicy | undefined;
  hints?: RenameHint[];
}

export function diffRealms(_from: Realm, _to: Realm, _opts: DiffOptions = {}): Change[] {
  throw new Error('diffRealms: not implemented yet');
}
