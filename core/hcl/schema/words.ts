// Keywords that HCL writes as bare words with `_` for spaces (`NO_ACTION`, `BY_DEFAULT`).
import type { Deferrable, RefAction } from '../../schema/model.ts';

export const REF_ACTIONS: readonly RefAction[] = [
  'NO ACTION',
  'RESTRICT',
  'CASCADE',
  'SET NULL',
  'SET DEFAULT',
];
export const DEFERRABLE: readonly Deferrable[] = ['DEFERRABLE', 'DEFERRABLE INITIALLY DEFERRED'];

/** `SET_NULL` -> `SET NULL`. */
export const fromWord = (w: string): string => w.toUpperCase().replace(/_/g, ' ');

/** `SET NULL` -> `SET_NULL`. */
export const toWord = (s: string): string => s.toUpperCase().replace(/ /g, '_');
