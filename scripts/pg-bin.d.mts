// Types for pg-bin.mjs, so test/helpers/db.ts can share it under `strict`.
export function pgBinDirs(): string[];
export function pgBinMajor(dir: string, tool?: string): number;
export function findPgBinDir(tools?: string[], minMajor?: number): string | undefined;
