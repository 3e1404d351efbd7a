// Reading the transition directories of test/transitions/<dialect>/ and the small pieces the
// transition runner needs around them: dump filtering, query output, in-order apply.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DiffPolicy, SKIPPABLE, type SkipKind } from '../../core/diff/policy.ts';
import type { Stmt } from '../../core/drivers/driver.ts';
import { psqlExec } from './db.ts';

/** Every file a transition directory may hold; anything else is a typo worth failing on. */
export const TRANSITION_FILES = {
  'from.sql': 'current schema, loaded with psql',
  'to.sql': 'desired schema (the plan target); first line: -- what this covers: ...',
  'data.sql': 'rows inserted after from.sql, before the change',
  'policy.json': 'a DiffPolicy',
  'expected.sql': 'the exact planned SQL, statements as `sql;\\n`',
  'check.sql': 'query run after apply ...',
  'check.out': '... and its expected output (psql unaligned, tuples only)',
  'catalog.sql': 'query replacing the to.sql dump comparison (required with skip policies) ...',
  'expected.out': '... and its expected output',
} as const;

const COVERS = /^-- what this covers: \S.*$/;

export interface Transition {
  name: string;
  dir: string;
  /** The one-line summary at the top of to.sql. */
  covers: string;
  policy?: DiffPolicy;
  has: (file: keyof typeof TRANSITION_FILES) => boolean;
  path: (file: keyof typeof TRANSITION_FILES) => string;
  read: (file: keyof typeof TRANSITION_FILES) => string;
}

function parsePolicy(name: string, text: string): DiffPolicy {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const policy: DiffPolicy = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'skip') {
      if (!Array.isArray(value) || value.some((k) => !(SKIPPABLE as readonly string[]).includes(k))) {
        throw new Error(
          `${name}/policy.json: skip must list kinds from SKIPPABLE, got ${JSON.stringify(value)}`,
        );
      }
      policy.skip = value as SkipKind[];
    } else if (key === 'concurrentIndex') {
      const v = value as Record<string, unknown>;
      if (typeof v !== 'object' || v === null || Object.keys(v).some((k) => k !== 'create' && k !== 'drop')) {
        throw new Error(`${name}/policy.json: concurrentIndex takes {create?, drop?}`);
      }
      policy.concurrentIndex = v as { create?: boolean; drop?: boolean };
    } else {
      throw new Error(`${name}/policy.json: unknown key "${key}"`);
    }
  }
  return policy;
}

/** The transitions under `root`, sorted by directory name, with their layout checked. */
export function loadTransitions(root: string): Transition[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const path = (f: keyof typeof TRANSITION_FILES) => join(dir, f);
      const has = (f: keyof typeof TRANSITION_FILES) => existsSync(path(f));
      const read = (f: keyof typeof TRANSITION_FILES) => readFileSync(path(f), 'utf8');
      if (!/^\d{2,}-[a-z0-9-]+$/.test(name)) throw new Error(`${name}: directories are named NN-short-name`);
      for (const f of readdirSync(dir)) {
        if (!(f in TRANSITION_FILES)) throw new Error(`${name}: unexpected file ${f}`);
      }
      for (const f of ['from.sql', 'to.sql'] as const) if (!has(f)) throw new Error(`${name}: missing ${f}`);
      if (has('check.sql') !== has('check.out'))
        throw new Error(`${name}: check.sql and check.out go together`);
      if (has('catalog.sql') !== has('expected.out')) {
        throw new Error(`${name}: catalog.sql and expected.out go together`);
      }
      const covers = read('to.sql').split('\n', 1)[0] ?? '';
      if (!COVERS.test(covers)) throw new Error(`${name}: to.sql must start with "-- what this covers: ..."`);
      const policy = has('policy.json') ? parsePolicy(name, read('policy.json')) : undefined;
      if (policy?.skip?.length && !has('catalog.sql')) {
        throw new Error(
          `${name}: a skip policy leaves the database unlike to.sql, so catalog.sql/expected.out must say what it looks like`,
        );
      }
      return {
        name,
        dir,
        covers: covers.replace(/^-- what this covers: /, ''),
        ...(policy ? { policy } : {}),
        has,
        path,
        read,
      };
    });
}

/** pg_dump output without what differs between two dumps of the same schema (as test/roundtrip-postgres.test.ts). */
export function comparableDump(dump: string): string {
  return dump
    .split('\n')
    .filter(
      (l) => l.trim() !== '' && !/^(--|SET |SELECT pg_catalog\.set_config|\\restrict|\\unrestrict)/.test(l),
    )
    .join('\n');
}

/** Runs a query file with psql and returns rows as `a|b` lines (unaligned, no headers, NULL as empty). */
export function queryOutput(url: string, sql: string): Promise<string> {
  return psqlExec(url, `\\pset format unaligned\n\\pset tuples_only on\n${sql}`);
}

/** A plan as the text expected.sql holds. */
export function planText(stmts: readonly Stmt[]): string {
  return stmts.map((s) => `${s.sql};\n`).join('');
}
