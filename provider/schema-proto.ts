// framework.ts schemas as tfplugin6 Schema messages (GetProviderSchema). Terraform validates
// what it gets (configschema InternalValidate) and panics on a malformed `type`, so the JSON type
// is produced from the typed TfType and attribute flags are passed through unchanged.
import type { BlockSchema, NestedBlockSchema, Schema } from './framework.ts';
import type { ProtoBlock, ProtoNestedBlock, ProtoSchema } from './tfplugin6.ts';

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET' } as const;

export function schemaToProto(schema: Schema): ProtoSchema {
  return { version: schema.version, block: blockToProto(schema.block, schema.version) };
}

function blockToProto(block: BlockSchema, version: number): ProtoBlock {
  return {
    version,
    attributes: Object.entries(block.attributes).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      description: a.description,
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
      description_kind: 'PLAIN',
      deprecated: a.deprecated ?? false,
    })),
    block_types: Object.entries(block.blocks ?? {}).map(([name, nb]) => nestedToProto(name, nb, version)),
    description: block.description ?? '',
    description_kind: 'PLAIN',
    deprecated: block.deprecated ?? false,
  };
}

function nestedToProto(name: string, nb: NestedBlockSchema, version: number): ProtoNestedBlock {
  // Terraform requires min = max ∈ {0, 1} for single blocks: 1 makes the block required.
  const single = nb.nesting === 'single' ? (nb.minItems === 1 ? 1 : 0) : undefined;
  return {
    type_name: name,
    block: blockToProto(nb.block, version),
    nesting: NESTING[nb.nesting],
    min_items: single ?? nb.minItems ?? 0,
    max_items: single ?? nb.maxItems ?? 0,
  };
}
