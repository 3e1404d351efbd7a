// The version the bundle was built as (scripts/build.mjs defines it); `dev` when run from source.
declare const ATLAS_TS_VERSION: string;

export const VERSION: string = typeof ATLAS_TS_VERSION === 'string' ? ATLAS_TS_VERSION : 'dev';

/** What migration runs write to the revisions table's `operator_version`. */
export const OPERATOR_VERSION = `atlas-ts v${VERSION}`;
