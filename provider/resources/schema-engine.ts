// What `atlas_schema` asks of the engine: the plan from the live database to the desired state,
// the plan that removes only what the desired state declares (destroy), the fingerprint of the
// schema in scope, and applying exactly a planned list of statements.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesiredInput } from '../../core/devdb/files.ts';
import type { Change } from '../../core/diff/changes.ts';
import { diffRealms } from '../../core/diff/diff.ts';
import type { DiffPolicy, SkipKind } from '../../core/diff/policy.ts';
import { SKIPPABLE } from '../../core/diff/policy.ts';
import type { Driver, Stmt } from '../../core/drivers/driver.ts';
import { openDriver } from '../../core/drivers/open.ts';
import { UserError } from '../../core/errors.ts';
import { applyPlan } from '../../core/plan/apply.ts';
import type { PlanDiagnostic } from '../../core/plan/plan.ts';
import { planSchema } from '../../core/plan/schema-plan.ts';
import { loadProject } from '../../core/project/project.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import type { Realm, Schema } from '../../core/schema/model.ts';
import { block, type CallContext, str, type TfObject, type TfValue } from '../framework.ts';

/** The inputs of one `atlas_schema`, from its attributes (and its `config` env, when given). */
export interface SchemaInputs {
  url: string;
  devUrl: string | undefined;
  to: DesiredInput[];
  schemas: string[];
  exclude: string[];
  policy: DiffPolicy | undefined;
  vars: Record<string, string>;
  txMode: 'file' | 'none';
}

const strings = (v: TfValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The desired state: exactly one of `hcl`, `sql`, `src`. */
function desiredOf(o: TfObject): DesiredInput[] | undefined {
  const hcl = str(o, 'hcl');
  const sql = str(o, 'sql');
  const src = str(o, 'src');
  if (hcl !== undefined) return [{ kind: 'inline', path: 'atlas_schema.hcl', text: hcl }];
  if (sql !== undefined) return [{ kind: 'inline', path: 'atlas_schema.sql', text: sql }];
  if (src !== undefined) return [src];
  return undefined;
}

/** `diff { skip { drop_table = true } concurrent_index { create = true } }` as a policy. */
export function policyOf(o: TfObject): DiffPolicy | undefined {
  const diff = block(o, 'diff');
  if (!diff) return undefined;
  const skipBlock = block(diff, 'skip');
  const skip = SKIPPABLE.filter((k) => skipBlock?.[k] === true) as SkipKind[];
  const ci = block(diff, 'concurrent_index');
  const policy: DiffPolicy = {};
  if (skip.length) policy.skip = skip;
  if (ci && (ci.create === true || ci.drop === true)) {
    policy.concurrentIndex = { create: ci.create === true, drop: ci.drop === true };
  }
  return policy.skip || policy.concurrentIndex ? policy : undefined;
}

export async function inputsOf(o: TfObject, ctx: CallContext): Promise<SchemaInputs> {
  let vars: Record<string, string> = {};
  const rawVars = str(o, 'variables');
  if (rawVars !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawVars);
    } catch (e) {
      throw new UserError(
        'BAD_ARGS',
        `variables must be a JSON object (e.g. jsonencode({ tenant = "acme" })): ${(e as Error).message}`,
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UserError(
        'BAD_ARGS',
        'variables must be a JSON object (e.g. jsonencode({ tenant = "acme" }))',
      );
    }
    vars = Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  const env = await configEnv(o, vars);
  const url = str(o, 'url') ?? env?.url;
  if (url === undefined) throw new UserError('BAD_ARGS', 'url is not set (nor in the env of config)');
  const to = desiredOf(o) ?? (env && env.src.length > 0 ? env.src : undefined);
  if (!to) throw new UserError('BAD_ARGS', 'no desired state: set one of hcl, sql or src');
  const txMode = str(o, 'tx_mode') === 'none' ? 'none' : 'file';
  return {
    url,
    devUrl: str(o, 'dev_url') ?? env?.devUrl ?? str(ctx.provider, 'dev_url'),
    to,
    schemas: strings(o.schemas).length ? strings(o.schemas) : (env?.schemas ?? []),
    exclude: strings(o.exclude).length ? strings(o.exclude) : (env?.exclude ?? []),
    policy: policyOf(o) ?? env?.diff,
    vars,
    txMode,
  };
}

/** `config` (an atlas.hcl text) and `env_name`: the env supplies what the attributes leave out. */
async function configEnv(o: TfObject, vars: Record<string, string>) {
  const config = str(o, 'config');
  if (config === undefined) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-tf-config-'));
  try {
    writeFileSync(join(dir, 'atlas.hcl'), config);
    const envs = await loadProject({
      config: `file://${join(dir, 'atlas.hcl')}`,
      env: str(o, 'env_name') ?? 'tf',
      vars,
    });
    if (envs.length !== 1) {
      throw new UserError(
        'BAD_ARGS',
        `the env of config has ${envs.length} instances (for_each); atlas_schema manages one database`,
      );
    }
    return envs[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Planned {
  stmts: Stmt[];
  changes: Change[];
  from: string;
  /** The analyzers' findings on the plan, shown as warnings; `lint.review` decides if they block. */
  diagnostics: PlanDiagnostic[];
}

/** Plans the desired state against the live database and hands the result (driver open) to `use`. */
async function withSchemaPlan<T>(
  inputs: SchemaInputs,
  policy: DiffPolicy | undefined,
  use: (res: Awaited<ReturnType<typeof planSchema>>) => T,
): Promise<T> {
  const res = await planSchema({
    url: inputs.url,
    to: inputs.to,
    devUrl: inputs.devUrl,
    schemas: inputs.schemas,
    exclude: inputs.exclude,
    vars: inputs.vars,
    ...(policy ? { policy } : {}),
  });
  try {
    return use(res);
  } finally {
    await res.driver.close().catch(() => {});
  }
}

/** The plan from the live database to the desired state. */
export function planApply(inputs: SchemaInputs): Promise<Planned> {
  return withSchemaPlan(inputs, inputs.policy, (res) => ({
    stmts: res.plan.stmts,
    changes: res.plan.changes,
    from: res.plan.fromFingerprint,
    diagnostics: res.plan.diagnostics ?? [],
  }));
}

/**
 * The plan that removes what the desired state declares and nothing else: other tables, other
 * schemas and the schemas themselves stay. (No diff policy: destroy removes all it declared.)
 */
export function planDestroy(inputs: SchemaInputs): Promise<Planned> {
  return withSchemaPlan(inputs, undefined, (res) => {
    const kept = withoutDeclared(res.current, res.desired);
    const changes = diffRealms(res.current, kept);
    const stmts = res.driver.planChanges(changes, { from: res.current, to: kept });
    return { stmts, changes, from: res.plan.fromFingerprint, diagnostics: [] };
  });
}

function withoutDeclared(current: Realm, declared: Realm): Realm {
  const out: Realm = structuredClone(current);
  for (const d of declared.schemas) {
    const s = out.schemas.find((x) => x.name === d.name);
    if (!s) continue;
    const drop = <T extends { name: string }>(list: T[], gone: { name: string }[]) => {
      const names = new Set(gone.map((g) => g.name));
      return list.filter((x) => !names.has(x.name));
    };
    const keys: (keyof Schema)[] = [
      'tables',
      'views',
      'materializedViews',
      'sequences',
      'functions',
      'aggregates',
      'enums',
      'domains',
      'composites',
      'ranges',
      'events',
    ];
    for (const k of keys) {
      const cur = s[k] as { name: string }[] | undefined;
      const dec = d[k] as { name: string }[] | undefined;
      if (cur && dec) (s as unknown as Record<string, unknown>)[k] = drop(cur, dec);
    }
  }
  const ext = new Set(declared.extensions.map((e) => e.name));
  out.extensions = out.extensions.filter((e) => !ext.has(e.name));
  const et = new Set(declared.eventTriggers.map((e) => e.name));
  out.eventTriggers = out.eventTriggers.filter((e) => !et.has(e.name));
  return out;
}

/** The fingerprint of the database's schema in scope. */
export async function liveFingerprint(
  driver: Driver,
  inputs: Pick<SchemaInputs, 'schemas' | 'exclude'>,
): Promise<string> {
  return fingerprint(await driver.inspect({ schemas: inputs.schemas, exclude: inputs.exclude }));
}

/** Runs exactly the planned statements, refusing if the schema is no longer the one planned from. */
export async function applyPlanned(
  inputs: SchemaInputs,
  planned: Planned,
  signal?: AbortSignal,
): Promise<string> {
  const driver = await openDriver(inputs.url);
  // StopProvider (Ctrl-C in Terraform): closing the connection cancels the running statement,
  // and an open transaction rolls back with it.
  const stop = () => void driver.close().catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (signal?.aborted)
      throw new UserError('EXEC', 'stopped before applying: Terraform asked the provider to stop');
    await applyPlan(
      driver,
      { changes: [], stmts: planned.stmts, fromFingerprint: planned.from, toFingerprint: '' },
      {
        txMode: driver.transactionalDdl ? inputs.txMode : 'none',
        lockTimeoutMs: 10_000,
        currentFingerprint: () => liveFingerprint(driver, inputs),
      },
    ).catch((e: unknown) => {
      if (e instanceof UserError && e.code === 'CHANGED') {
        throw new UserError('CHANGED', 'database changed since plan; run terraform plan again', { cause: e });
      }
      throw e;
    });
    return await liveFingerprint(driver, inputs);
  } finally {
    signal?.removeEventListener('abort', stop);
    await driver.close().catch(() => {});
  }
}

/** Objects a plan drops: what a first apply would remove although the desired state never named it. */
export function droppedObjects(changes: readonly Change[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    const kind = c.kind;
    if (!kind.startsWith('drop_')) {
      if (c.kind === 'modify_table') {
        for (const tc of c.changes)
          if (tc.kind === 'drop_column')
            out.push(`column "${c.schema}"."${c.from.name}"."${tc.column.name}"`);
      }
      continue;
    }
    const obj = 'obj' in c ? (c.obj as { name?: string }) : undefined;
    const schema = 'schema' in c && typeof c.schema === 'string' ? `"${c.schema}".` : '';
    out.push(`${kind.slice(5).replace(/_/g, ' ')} ${schema}"${obj?.name ?? '?'}"`);
  }
  return out;
}

/** Statements kept in private state between plan and apply. */
export function encodePlanned(p: Planned): Uint8Array {
  return Buffer.from(
    JSON.stringify({
      from: p.from,
      stmts: p.stmts.map((s) => ({
        sql: s.sql,
        ...(s.comment ? { comment: s.comment } : {}),
        ...(s.transactional === false ? { transactional: false } : {}),
      })),
    }),
  );
}

export function decodePlanned(b: Uint8Array | undefined): Planned | undefined {
  if (!b || b.length === 0) return undefined;
  const o = JSON.parse(Buffer.from(b).toString('utf8')) as { from: string; stmts: Stmt[] };
  return { from: o.from, stmts: o.stmts, changes: [], diagnostics: [] };
}
