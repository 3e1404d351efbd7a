// The hand-written protobuf codec against protobufjs (through @grpc/proto-loader, which tests
// use as the reference implementation): each encodes what the other decodes, and the decoded
// objects have the same shape.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MethodDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { decodeMessage, encodeMessage, type ProtoObject } from './protobuf.ts';
import { protoRegistry } from './protos.ts';

const ref = loadSync(['tfplugin6.proto', 'health.proto'], {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [new URL('../proto/', import.meta.url).pathname],
});
const reg = protoRegistry();

function method(service: string, name: string): MethodDefinition<ProtoObject, ProtoObject> {
  const svc = ref[service] as unknown as Record<string, MethodDefinition<ProtoObject, ProtoObject>>;
  return svc[name]!;
}

/** Plain data: Buffers as hex, so that deepEqual compares content. */
function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `hex:${Buffer.from(v).toString('hex')}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const schema = {
  version: 2,
  block: {
    version: 2,
    attributes: [
      {
        name: 'url',
        type: Buffer.from('"string"'),
        description: 'the url',
        required: true,
        sensitive: true,
        description_kind: 'PLAIN',
      },
      {
        name: 'n',
        type: Buffer.from('"number"'),
        computed: true,
        optional: true,
        description_kind: 'MARKDOWN',
      },
    ],
    block_types: [
      {
        type_name: 'diff',
        nesting: 'SINGLE',
        min_items: 0,
        max_items: 0,
        block: { attributes: [{ name: 'x', type: Buffer.from('"bool"'), optional: true }], block_types: [] },
      },
    ],
    description: 'd',
  },
};

describe('protobuf codec agrees with protobufjs', () => {
  test('GetProviderSchema response: maps of schemas, enums, bytes, nested messages', () => {
    const msg: ProtoObject = {
      provider: schema,
      resource_schemas: { atlas_schema: schema, atlas_migration: { version: 0, block: null } },
      data_source_schemas: {},
      server_capabilities: {
        plan_destroy: true,
        get_provider_schema_optional: true,
        move_resource_state: false,
      },
      diagnostics: [{ severity: 'WARNING', summary: 's', detail: 'd' }],
    };
    const mine = encodeMessage(reg, 'tfplugin6.GetProviderSchema.Response', msg);
    const m = method('tfplugin6.Provider', 'GetProviderSchema');
    const theirs = m.responseDeserialize(mine);
    assert.deepEqual(plain(decodeMessage(reg, 'tfplugin6.GetProviderSchema.Response', mine)), plain(theirs));
    assert.equal((theirs.resource_schemas as Record<string, { version: number }>).atlas_schema!.version, 2);
    // And the other way round (protobufjs writes default values out, so the bytes differ).
    const back = decodeMessage(reg, 'tfplugin6.GetProviderSchema.Response', m.responseSerialize(theirs));
    assert.deepEqual(plain(back), plain(theirs));
  });

  test('requests Terraform sends decode like protobufjs decodes them', () => {
    const m = method('tfplugin6.Provider', 'PlanResourceChange');
    const bytes = m.requestSerialize({
      type_name: 'atlas_schema',
      prior_state: { msgpack: Buffer.from([0xc0]) },
      proposed_new_state: { msgpack: Buffer.from([0x81, 0xa1, 0x61, 0xd4, 0, 0]) },
      config: { json: Buffer.from('{}') },
      prior_private: Buffer.from('priv'),
      provider_meta: null,
      client_capabilities: { deferral_allowed: true, write_only_attributes_allowed: true },
    });
    const mine = decodeMessage(reg, 'tfplugin6.PlanResourceChange.Request', bytes);
    assert.deepEqual(plain(mine), plain(m.requestDeserialize(bytes)));
    assert.equal((mine.proposed_new_state as { msgpack: Buffer }).msgpack.toString('hex'), '81a161d40000');
  });

  test('oneof members, including a zero element_key_int, and negative int64', () => {
    const diag = {
      severity: 'ERROR',
      summary: 'bad',
      detail: '',
      attribute: {
        steps: [
          { attribute_name: 'rules' },
          { element_key_int: 0 },
          { element_key_string: 'k' },
          { element_key_int: -3 },
        ],
      },
    };
    const bytes = encodeMessage(reg, 'tfplugin6.Diagnostic', diag);
    const m = method('tfplugin6.Provider', 'ValidateResourceConfig');
    const theirs = m.responseDeserialize(
      encodeMessage(reg, 'tfplugin6.ValidateResourceConfig.Response', { diagnostics: [diag] }),
    );
    const mine = decodeMessage(reg, 'tfplugin6.Diagnostic', bytes);
    assert.deepEqual(plain(mine), plain((theirs.diagnostics as unknown[])[0]));
    assert.deepEqual(mine.attribute, {
      steps: [
        { attribute_name: 'rules', selector: 'attribute_name' },
        { element_key_int: 0, selector: 'element_key_int' },
        { element_key_string: 'k', selector: 'element_key_string' },
        { element_key_int: -3, selector: 'element_key_int' },
      ],
    });
  });

  test('64-bit integers beyond 32 bits, and proto3 optional presence', () => {
    const m = method('tfplugin6.Provider', 'UpgradeResourceState');
    for (const version of [0, 1, 2 ** 31, 2 ** 40, 2 ** 53 - 1, -1, -(2 ** 40)]) {
      const bytes = encodeMessage(reg, 'tfplugin6.UpgradeResourceState.Request', { type_name: 't', version });
      assert.equal(m.requestDeserialize(bytes).version, version);
      assert.equal(
        decodeMessage(reg, 'tfplugin6.UpgradeResourceState.Request', m.requestSerialize({ version })).version,
        version,
      );
    }
    // An explicit 0 in an optional field is sent (presence), an absent one is undefined.
    const zero = encodeMessage(reg, 'tfplugin6.FunctionError', { text: 'x', function_argument: 0 });
    assert.equal(decodeMessage(reg, 'tfplugin6.FunctionError', zero).function_argument, 0);
    const absent = encodeMessage(reg, 'tfplugin6.FunctionError', { text: 'x' });
    assert.equal(decodeMessage(reg, 'tfplugin6.FunctionError', absent).function_argument, undefined);
  });

  test('fields this version does not know are skipped', () => {
    // An Attribute (name = 1, then bytes, bools, an enum, a nested message) read as a message
    // that only knows field 1.
    const bytes = encodeMessage(reg, 'tfplugin6.Schema.Attribute', {
      name: 'url',
      type: Buffer.from('"string"'),
      nested_type: { attributes: [], nesting: 'LIST', min_items: 2 ** 40 },
      required: true,
      description_kind: 'MARKDOWN',
      write_only: true,
    });
    assert.deepEqual(decodeMessage(reg, 'tfplugin6.GetMetadata.ResourceMetadata', bytes), {
      type_name: 'url',
    });
  });

  test('health: enum values by name', () => {
    const m = method('grpc.health.v1.Health', 'Check');
    const bytes = encodeMessage(reg, 'grpc.health.v1.HealthCheckResponse', { status: 'SERVING' });
    assert.equal(m.responseDeserialize(bytes).status, 'SERVING');
    assert.deepEqual(decodeMessage(reg, 'grpc.health.v1.HealthCheckResponse', Buffer.alloc(0)), {
      status: 'UNKNOWN',
    });
  });

  test('every method of every service resolves its message types', () => {
    for (const svc of reg.services.values())
      for (const m of svc.methods) {
        assert.ok(reg.messages.has(m.input), m.input);
        assert.ok(reg.messages.has(m.output), m.output);
      }
    assert.equal(reg.services.get('tfplugin6.Provider')!.methods.length, 20);
  });
});
