// Resource `atlas_schema`: a database schema managed declaratively. `terraform plan` shows the
// SQL (an `Atlas Plan` warning) and `terraform apply` runs exactly those statements, refusing if
// the database changed in between. The desired state is kept as the user wrote it; drift is
// found by planning against the live database, so a non-normalized document never shows a
// perpetual diff.
import { randomUUID } from 'node:crypto';
import { SKIPPABLE } from '../../core/diff/policy.ts';
import { openDriver } from '../../core/drivers/open.ts';
import { isUserError } from '../../core/errors.ts';
import { encodeSchemaHcl } from '../../core/hcl/schema-files.ts';
import { redact } from '../../core/redact.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import {
  type AttributeSchema,
  type CallContext,
  error,
  fullObject,
  hasUnknown,
  KeyedMutex,
  type PlanResponse,
  type Resource,
  type Schema,
  type TfObject,
  Unknown,
  warning,
} from '../framework.ts';
import {
  applyPlanned,
  decodePlanned,
  droppedObjects,
  encodePlanned,
  inputsOf,
  liveFingerprint,
  type Planned,
  planApply,
  planDestroy,
} from './schema-engine.ts';

const opt = (
  type: AttributeSchema['type'],
  description: string,
  extra: Partial<AttributeSchema> = {},
): AttributeSchema => ({
  type,
  description,
  optional: true,
  ...extra,
});

export const schemaResourceSchema: Schema = {
  version: 0,
  block: {
    description:
      'A database schema managed declaratively: the plan shows the SQL that brings the database to the desired state (an `Atlas Plan` warning), and apply runs exactly those statements. Destroy drops only the objects the desired state declares.',
    attributes: {
      hcl: opt(
        'string',
        'The desired schema in Atlas HCL, as written (it is kept as is: no perpetual diff for documents that are not normalized). One of `hcl`, `sql` or `src` is required.',
      ),
      sql: opt(
        'string',
        'The desired schema as SQL statements (run on the dev database and inspected). One of `hcl`, `sql` or `src` is required.',
      ),
      src: opt(
        'string',
        'The desired schema as a URL: `file://schema.hcl`, `file://schema.sql` or a directory `file://schema/`, relative to the Terraform working directory. One of `hcl`, `sql` or `src` is required.',
      ),
      url: {
        type: 'string',
        description:
          'The database to manage, e.g. `postgres://user:pass@host:5432/db?search_path=public` or `mysql://user:pass@host:3306/db`.',
        required: true,
        sensitive: true,
      },
      dev_url: opt(
        'string',
        "A dev database the desired state is normalized on (empty, or a server where a temporary database can be created). Defaults to the provider's `dev_url`; for PostgreSQL an embedded database is used when neither is set. MySQL needs one.",
        { sensitive: true },
      ),
      schemas: opt(['list', 'string'], "Schemas to manage; default: the URL's schema, else every schema."),
      exclude: opt(
        ['list', 'string'],
        'Objects to leave alone: globs on `schema`, `schema.table` or `schema.table.column`.',
      ),
      tx_mode: opt(
        'string',
        '`file` (default): all statements in one transaction; `none`: each statement on its own (MySQL always runs them one by one).',
      ),
      allow_drop_unmanaged: opt(
        'bool',
        'On create, the plan may drop objects that exist in the database but not in the desired state. Without it such a plan is refused, listing them.',
      ),
      variables: opt(
        'string',
        'Input variables of an HCL desired state, as a JSON object string: `jsonencode({ tenant = "acme" })`.',
      ),
      config: opt(
        'string',
        "An `atlas.hcl` project file's text; the env named by `env_name` supplies what the attributes leave out (url, dev, src, schemas, exclude, diff).",
      ),
      env_name: opt('string', 'The env of `config` to use (default `tf`).'),
      id: {
        type: 'string',
        description: 'Identifier of the resource (stable across updates).',
        computed: true,
      },
      fingerprint: {
        type: 'string',
        description:
          'SHA-256 of the database schema in scope, as of the last apply or refresh. A change made outside Terraform changes it, and the plan shows the SQL that undoes it.',
        computed: true,
      },
    },
    blocks: {
      diff: {
        nesting: 'single',
        block: {
          description: 'Diff policy: change kinds to leave out, and concurrent index changes (PostgreSQL).',
          attributes: {},
          blocks: {
            skip: {
              nesting: 'single',
              block: {
                description: 'Change kinds to leave out of plans (set to true).',
                attributes: Object.fromEntries(
                  SKIPPABLE.map((k) => [k, opt('bool', `Leave out ${k.replace(/_/g, ' ')} changes.`)]),
                ),
              },
            },
            concurrent_index: {
              nesting: 'single',
              block: {
                description:
                  'Create and drop indexes on existing tables CONCURRENTLY (PostgreSQL), outside the transaction.',
                attributes: {
                  create: opt('bool', 'CREATE INDEX CONCURRENTLY.'),
                  drop: opt('bool', 'DROP INDEX CONCURRENTLY.'),
                },
              },
            },
          },
        },
      },
      lint: {
        nesting: 'single',
        block: {
          description: 'Lint policy for plans (the analyzers report their findings as warnings).',
          attributes: { review: opt('string', 'When a plan needs review: `ERROR`, `WARNING` or `ALWAYS`.') },
        },
      },
    },
  },
};

/** One apply at a time per database; different databases proceed in parallel. */
const perDatabase = new KeyedMutex();

const planText = (stmts: readonly { sql: string }[]) =>
  `The following SQL statements will be executed:\n\n\n${stmts.map((s) => `${s.sql};`).join('\n')}\n`;

/** A failure as a diagnostic: user errors as they are, credentials never. */
function fail(ctx: CallContext, summary: string, e: unknown): void {
  const message = isUserError(e) ? e.message : `unexpected error: ${(e as Error).message}`;
  error(ctx, summary, redact(message));
}

export const atlasSchemaResource: Resource = {
  typeName: 'atlas_schema',
  schema: schemaResourceSchema,

  async validate(config, ctx) {
    const given = ['hcl', 'sql', 'src'].filter((k) => config[k] !== null);
    if (given.length > 1)
      error(ctx, 'Conflicting desired state', `set only one of hcl, sql and src (got ${given.join(', ')})`, [
        given[1]!,
      ]);
    if (given.length === 0 && config.config === null)
      error(ctx, 'No desired state', 'set one of hcl, sql or src');
    const tx = config.tx_mode;
    if (typeof tx === 'string' && !['file', 'all', 'none'].includes(tx)) {
      error(
        ctx,
        'Invalid Attribute Value Match',
        `Attribute tx_mode value must be one of: "file", "all", "none", got: "${tx}"`,
        ['tx_mode'],
      );
    }
    if (config.dev_url === null && config.config === null && ctx.provider.dev_url === null) {
      warning(
        ctx,
        'dev_url is unset',
        "No dev database is set: PostgreSQL schemas are normalized on an embedded PostgreSQL, which is slower and may print definitions differently from your server's version; MySQL needs one. Set dev_url (or the provider's dev_url) to an empty database.",
        ['dev_url'],
      );
    }
  },

  async plan(req, ctx): Promise<PlanResponse> {
    if (req.proposed === null) return planDelete(req.prior!, ctx);
    const proposed = req.proposed;
    const keep = (planned: TfObject): PlanResponse => ({ planned });
    // Values known only at apply (a URL from another resource): no SQL preview yet.
    if (
      hasUnknown(proposed.url ?? null) ||
      ['hcl', 'sql', 'src', 'config', 'variables'].some((k) => hasUnknown(proposed[k] ?? null))
    ) {
      return keep({ ...proposed, fingerprint: Unknown, id: req.prior?.id ?? Unknown });
    }
    let planned: Planned;
    try {
      const inputs = await inputsOf(proposed, ctx);
      planned = await perDatabase.run(inputs.url, () => planApply(inputs));
    } catch (e) {
      fail(ctx, 'Atlas Plan Error', e);
      return keep(proposed);
    }
    const prior = req.prior;
    // The prior state was refreshed when the plan was made. Terraform plans again when it
    // applies (also a saved plan), with that same prior state: a different schema now means the
    // database changed since the plan, and the statements shown then are not the ones to run.
    if (prior && typeof prior.fingerprint === 'string' && prior.fingerprint !== planned.from) {
      error(
        ctx,
        'Database changed since plan',
        'database changed since plan; run terraform plan again (the schema is no longer the one the plan was made from, or the state was not refreshed)',
      );
      return keep(proposed);
    }
    if (!prior && proposed.allow_drop_unmanaged !== true) {
      const dropped = droppedObjects(planned.changes);
      if (dropped.length > 0) {
        error(
          ctx,
          'Unrecognized schema resources',
          `The database has objects the desired state does not declare, and the first apply would drop them:\n${dropped.map((d) => `  - ${d}`).join('\n')}\nDeclare them, leave them out with exclude, or set allow_drop_unmanaged = true to drop them.`,
        );
        return keep(proposed);
      }
    }
    if (planned.stmts.length > 0) warning(ctx, 'Atlas Plan', planText(planned.stmts));
    if (reviewBlocks(proposed, planned, ctx)) return keep(proposed);
    const fp = planned.stmts.length > 0 ? Unknown : (prior?.fingerprint ?? planned.from);
    return {
      planned: { ...proposed, fingerprint: fp, id: prior?.id ?? Unknown },
      private: encodePlanned(planned),
    };
  },

  async apply(req, ctx) {
    const planned = decodePlanned(req.plannedPrivate);
    if (req.planned === null) {
      // Destroy: the statements shown at plan, which drop only what the desired state declares.
      try {
        const inputs = await inputsOf(req.prior!, ctx);
        const p = planned ?? (await planDestroy(inputs));
        await perDatabase.run(inputs.url, () => applyPlanned(inputs, p, ctx.signal));
        return { state: null };
      } catch (e) {
        fail(ctx, 'Destroy Error', e);
        return { state: req.prior };
      }
    }
    const target = req.planned;
    try {
      const inputs = await inputsOf(target, ctx);
      const p = planned ?? (await planApply(inputs));
      const fp = await perDatabase.run(inputs.url, () => applyPlanned(inputs, p, ctx.signal));
      return { state: { ...target, fingerprint: fp, id: req.prior?.id ?? randomUUID() } };
    } catch (e) {
      fail(ctx, 'Apply Error', e);
      return { state: req.prior };
    }
  },

  async read(state, priv, ctx) {
    try {
      const inputs = await inputsOf(state, ctx);
      const driver = await openDriver(inputs.url);
      try {
        return {
          state: { ...state, fingerprint: await liveFingerprint(driver, inputs) },
          ...(priv ? { private: priv } : {}),
        };
      } finally {
        await driver.close().catch(() => {});
      }
    } catch (e) {
      fail(ctx, 'Read Error', e);
      return { state };
    }
  },

  async import(id, ctx) {
    // `terraform import atlas_schema.x <url>`: the live schema becomes the state's desired state.
    try {
      const driver = await openDriver(id);
      try {
        const realm = await driver.inspect({});
        return fullObject(schemaResourceSchema.block, {
          url: id,
          hcl: encodeSchemaHcl(realm),
          fingerprint: fingerprint(realm),
          id: randomUUID(),
        });
      } finally {
        await driver.close().catch(() => {});
      }
    } catch (e) {
      fail(ctx, 'Import Error', e);
      throw e;
    }
  },
};

/**
 * The analyzers' findings, one warning each (`code: message`, with the statement), and the
 * review policy: `lint { review = ERROR }` blocks a plan with an error finding, `WARNING` with
 * any finding; `ALWAYS` asks for a review of every plan with statements.
 */
function reviewBlocks(config: TfObject, planned: Planned, ctx: CallContext): boolean {
  for (const d of planned.diagnostics) {
    const stmt = d.stmt !== undefined ? planned.stmts[d.stmt] : undefined;
    warning(ctx, `${d.code}: ${d.message}`, stmt ? `Statement ${d.stmt! + 1}:\n${stmt.sql};` : undefined);
  }
  const lint = config.lint;
  const review = lint && typeof lint === 'object' && !Array.isArray(lint) ? lint.review : null;
  if (review === 'ALWAYS' && planned.stmts.length > 0) {
    // Atlas approves such plans in its cloud; here `terraform plan` is where people review them.
    warning(
      ctx,
      'Review the plan',
      'lint.review = ALWAYS: review the statements above before applying (there is no separate approval step).',
    );
  }
  const blocking =
    review === 'WARNING'
      ? planned.diagnostics.length > 0
      : review === 'ERROR' && planned.diagnostics.some((d) => d.severity === 'error');
  if (blocking) {
    error(
      ctx,
      'Review required',
      `lint.review = ${String(review)}: the plan has findings that need review before it can be applied`,
      ['lint', 'review'],
    );
  }
  return blocking;
}

async function planDelete(prior: TfObject, ctx: CallContext): Promise<PlanResponse> {
  try {
    const inputs = await inputsOf(prior, ctx);
    const p = await perDatabase.run(inputs.url, () => planDestroy(inputs));
    if (p.stmts.length > 0) warning(ctx, 'Atlas Plan', planText(p.stmts));
    return { planned: null, private: encodePlanned(p) };
  } catch (e) {
    fail(ctx, 'Atlas Plan Error', e);
    return { planned: null };
  }
}
