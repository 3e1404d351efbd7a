// Data source `atlas_migration`: where a database stands against a migration directory. Its
// `next` and `latest` are what `atlas_migration.version` is usually set from.
import {
  type CallContext,
  type DataSource,
  fullObject,
  type Schema,
  type TfObject,
  warning,
} from '../framework.ts';
import {
  dataSourceId,
  type MigrationSettings,
  readStatus,
  reportError,
  resolveSettings,
  SHARED_ATTRIBUTES,
  validateShared,
} from './migration-common.ts';

const schema: Schema = {
  version: 0,
  block: {
    description:
      'Reads where a database stands against a migration directory: the applied version, the next file to apply and the latest one. Nothing is written, not even the revisions table. Use `next` or `latest` as the `version` of an `atlas_migration` resource.',
    attributes: {
      url: SHARED_ATTRIBUTES.url,
      dev_url: {
        ...SHARED_ATTRIBUTES.dev_url,
        description:
          'URL of a dev database. Accepted for compatibility with ariga/atlas configurations; reading the status does not use it.',
      },
      dir: SHARED_ATTRIBUTES.dir,
      revisions_schema: SHARED_ATTRIBUTES.revisions_schema,
      config: SHARED_ATTRIBUTES.config,
      env_name: SHARED_ATTRIBUTES.env_name,
      variables: SHARED_ATTRIBUTES.variables,
      status: {
        type: 'string',
        computed: true,
        description: '`OK` when every file is applied, `PENDING` when files are left to apply.',
      },
      current: {
        type: 'string',
        computed: true,
        description: 'The last applied version; an empty string when nothing is applied yet.',
      },
      next: {
        type: 'string',
        computed: true,
        description:
          'The next version to apply; an empty string at the latest version (which `atlas_migration.version` reads as "the latest").',
      },
      latest: {
        type: 'string',
        computed: true,
        description: 'The last version of the directory; null when it has no files.',
      },
      id: {
        type: 'string',
        computed: true,
        description:
          'Derived from the directory and the versions above (not from the URL): it changes exactly when they do.',
      },
    },
  },
};

async function validate(config: TfObject, ctx: CallContext): Promise<void> {
  validateShared(config, ctx);
}

async function read(config: TfObject, ctx: CallContext): Promise<TfObject> {
  let settings: MigrationSettings | undefined;
  const out = fullObject(schema.block, config);
  try {
    settings = await resolveSettings(config, ctx);
    const { report } = await readStatus(settings, { checkSum: true });
    const latest = report.available.at(-1)?.version ?? null;
    const current = report.current ?? '';
    const next = report.next ?? '';
    if (latest === null) {
      warning(
        ctx,
        'The migration directory is empty',
        `${settings.dir} has no migration files. Add files (atlas-ts migrate diff or migrate new) to start using migrations.`,
      );
    }
    return {
      ...out,
      status: report.status,
      current,
      next,
      latest,
      id: dataSourceId(settings.dir, current, next, latest),
    };
  } catch (e) {
    reportError(ctx, 'Failed to read migration status', e, settings?.secrets ?? []);
    return out;
  }
}

export const atlasMigrationDataSource: DataSource = {
  typeName: 'atlas_migration',
  schema,
  validate,
  read,
};
