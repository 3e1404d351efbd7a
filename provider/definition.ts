// The atlas provider: its configuration schema and the resources and data sources it serves.
// The plugin server loads this module after the handshake (it pulls in the schema engine and the
// database drivers), so Terraform never waits for it before connecting.
import type { ProviderDefinition } from './framework.ts';
import { atlasMigrationResource } from './resources/migration.ts';
import { atlasMigrationDataSource } from './resources/migration-data.ts';
import { atlasSchemaResource } from './resources/schema.ts';
import { atlasSchemaDataSource } from './resources/schema-data.ts';

export function atlasProvider(): ProviderDefinition {
  return {
    schema: {
      version: 0,
      block: {
        description:
          'The atlas provider manages database schemas with atlas-ts: declaratively (atlas_schema, from an HCL or SQL description of the desired state) or with versioned migrations (atlas_migration, from a migration directory). It supports PostgreSQL and MySQL/MariaDB.',
        attributes: {
          dev_url: {
            type: 'string',
            description:
              'The URL of a dev database, used by every resource and data source that does not set its own `dev_url`: an empty database on the same engine and major version as the target, where atlas-ts replays and normalizes schemas. See https://atlasgo.io/concepts/dev-database.',
            optional: true,
            sensitive: true,
          },
        },
      },
    },
    resources: [atlasSchemaResource, atlasMigrationResource],
    dataSources: [atlasSchemaDataSource, atlasMigrationDataSource],
  };
}
