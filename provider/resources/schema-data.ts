// Data source `atlas_schema`: a desired state (HCL text, or a file:// URL of HCL or SQL) as the
// dev database prints it, as normalized HCL, with an `id` that changes only when the schema does.
import { createHash } from 'node:crypto';
import { devTarget, loadDesiredState } from '../../core/devdb/load.ts';
import { isUserError } from '../../core/errors.ts';
import { encodeSchemaHcl } from '../../core/hcl/schema-files.ts';
import { redact } from '../../core/redact.ts';
import { fingerprint } from '../../core/schema/fingerprint.ts';
import { type DataSource, error, str, type TfObject } from '../framework.ts';

export const atlasSchemaDataSource: DataSource = {
  typeName: 'atlas_schema',
  schema: {
    version: 0,
    block: {
      description:
        'Normalizes a desired schema: reads it (HCL text, or a `file://` URL of HCL or SQL) on the dev database and prints it back as Atlas HCL, the form `atlas_schema` compares. `id` changes only when the schema does.',
      attributes: {
        src: {
          type: 'string',
          description:
            'The schema: Atlas HCL text, or a URL such as `file://schema.hcl`, `file://schema.sql` or `file://schema/` (relative to the working directory).',
          required: true,
        },
        dev_url: {
          type: 'string',
          description:
            "The dev database (default: the provider's `dev_url`; for PostgreSQL an embedded database when neither is set).",
          optional: true,
          sensitive: true,
        },
        variables: {
          type: ['map', 'string'],
          description: 'Input variables of an HCL schema.',
          optional: true,
        },
        hcl: { type: 'string', description: 'The normalized schema, as Atlas HCL.', computed: true },
        id: {
          type: 'string',
          description: 'A stable identifier derived from the normalized schema.',
          computed: true,
        },
      },
    },
  },

  async read(config, ctx): Promise<TfObject> {
    const src = str(config, 'src') ?? '';
    if (src === '') return { ...config, hcl: null, id: digest('') };
    const devUrl = str(config, 'dev_url') ?? str(ctx.provider, 'dev_url');
    const to = /^file:\/\//i.test(src)
      ? [src]
      : [{ kind: 'inline' as const, path: 'atlas_schema.hcl', text: src }];
    const vars: Record<string, string> = {};
    const v = config.variables;
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string') vars[k] = x;
    try {
      // The dev database decides the dialect and prints the schema.
      const state = await loadDesiredState({
        to,
        devUrl,
        target: devTarget(devUrl),
        schemas: [],
        exclude: [],
        vars,
      });
      return { ...config, hcl: encodeSchemaHcl(state.realm), id: digest(fingerprint(state.realm)) };
    } catch (e) {
      error(
        ctx,
        'Inspect Error',
        `Unable to inspect given source, got error: ${redact(isUserError(e) ? e.message : (e as Error).message)}`,
      );
      return { ...config, hcl: null, id: digest('') };
    }
  },
};

/** A short, stable id (unpadded base64 of a SHA-256 prefix). */
const digest = (s: string) => createHash('sha256').update(s).digest('base64').slice(0, 22);
