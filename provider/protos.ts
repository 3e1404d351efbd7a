// The vendored protocol files (proto/) as gRPC service definitions. The bundle carries their text
// (scripts/build-provider.mjs defines PROVIDER_PROTO_FILES); from source they are read from disk.
import { readFileSync } from 'node:fs';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { type ProtoRegistry, parseProtos } from './proto-parse.ts';
import { decodeMessage, encodeMessage, type ProtoObject } from './protobuf.ts';

declare const PROVIDER_PROTO_FILES: Record<string, string> | undefined;

export const PROTO_FILES = [
  'tfplugin6.proto',
  'grpc_controller.proto',
  'grpc_stdio.proto',
  'grpc_broker.proto',
  'health.proto',
] as const;

function sources(): Record<string, string> {
  if (typeof PROVIDER_PROTO_FILES === 'object' && PROVIDER_PROTO_FILES !== null) return PROVIDER_PROTO_FILES;
  const dir = new URL('../proto/', import.meta.url);
  return Object.fromEntries(PROTO_FILES.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
}

let registry: ProtoRegistry | undefined;

export function protoRegistry(): ProtoRegistry {
  registry ??= parseProtos(sources());
  return registry;
}

/** A gRPC service definition whose messages are plain objects (see protobuf.ts for their shape). */
export function serviceDefinition(name: string): ServiceDefinition {
  const reg = protoRegistry();
  const svc = reg.services.get(name);
  if (!svc) throw new Error(`no service ${name} in ${PROTO_FILES.join(', ')}`);
  const def: Record<string, MethodDefinition<ProtoObject, ProtoObject>> = {};
  for (const m of svc.methods) {
    const ser = (type: string) => (v: ProtoObject) => encodeMessage(reg, type, v);
    const de = (type: string) => (b: Buffer) => decodeMessage(reg, type, b);
    def[m.name] = {
      path: `/${svc.name}/${m.name}`,
      requestStream: m.clientStreaming,
      responseStream: m.serverStreaming,
      requestSerialize: ser(m.input),
      requestDeserialize: de(m.input),
      responseSerialize: ser(m.output),
      responseDeserialize: de(m.output),
      originalName: m.name,
    };
  }
  return def;
}
