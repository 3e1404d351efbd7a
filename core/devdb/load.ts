// Loading a desired state. (Being implemented: issue #3.)
import type { Dialect } from '../schema/model.ts';
import type { DesiredState } from './devdb.ts';

export interface LoadInput {
  /** `file://` SQL files or directories (files in lexical order), or database URLs. */
  to: string[];
  devUrl?: string | undefined;
  target: { dialect: Dialect; version: number; boundSchema: string | undefined };
  /** Schemas in scope; the desired state is inspected with the same scope. */
  schemas: string[];
  exclude: string[];
}

export async function loadDesiredState(_input: LoadInput): Promise<DesiredState> {
  throw new Error('loadDesiredState: not implemented yet');
}
