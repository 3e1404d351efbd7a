// The tfplugin6 messages the provider reads and writes, as plain objects (proto/tfplugin6.proto,
// decoded by provider/protobuf.ts: snake_case, enum names, int64 as number, defaults filled).
// Only the fields the server uses are declared; the descriptors are the source of truth.
import type { DynamicValue } from './codec.ts';

export type { DynamicValue };

export interface AttributePathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

export interface AttributePath {
  steps: AttributePathStep[];
}

export interface ProtoDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail: string;
  attribute?: AttributePath;
}

export interface ProtoAttribute {
  name: string;
  type: Uint8Array;
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  description_kind: 'PLAIN' | 'MARKDOWN';
  deprecated: boolean;
}

export interface ProtoNestedBlock {
  type_name: string;
  block: ProtoBlock;
  nesting: 'SINGLE' | 'LIST' | 'SET';
  min_items: number;
  max_items: number;
}

export interface ProtoBlock {
  version: number;
  attributes: ProtoAttribute[];
  block_types: ProtoNestedBlock[];
  description: string;
  description_kind: 'PLAIN' | 'MARKDOWN';
  deprecated: boolean;
}

export interface ProtoSchema {
  version: number;
  block: ProtoBlock;
}

export interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
  move_resource_state: boolean;
}

export interface WithDiagnostics {
  diagnostics: ProtoDiagnostic[];
}

export interface GetProviderSchemaResponse extends WithDiagnostics {
  provider: ProtoSchema;
  resource_schemas: Record<string, ProtoSchema>;
  data_source_schemas: Record<string, ProtoSchema>;
  server_capabilities: ServerCapabilities;
}

export interface GetMetadataResponse extends WithDiagnostics {
  server_capabilities: ServerCapabilities;
  resources: { type_name: string }[];
  data_sources: { type_name: string }[];
}

export interface ConfigRequest {
  type_name: string;
  config: DynamicValue | null;
}

export interface ConfigureProviderRequest {
  terraform_version: string;
  config: DynamicValue | null;
}

export interface UpgradeResourceStateRequest {
  type_name: string;
  version: number;
  raw_state: { json: Uint8Array; flatmap: Record<string, string> } | null;
}

export interface UpgradeResourceStateResponse extends WithDiagnostics {
  upgraded_state?: DynamicValue;
}

export interface ReadResourceRequest {
  type_name: string;
  current_state: DynamicValue | null;
  private: Uint8Array;
}

export interface ReadResourceResponse extends WithDiagnostics {
  new_state?: DynamicValue;
  private?: Uint8Array;
}

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state: DynamicValue | null;
  proposed_new_state: DynamicValue | null;
  config: DynamicValue | null;
  prior_private: Uint8Array;
}

export interface PlanResourceChangeResponse extends WithDiagnostics {
  planned_state?: DynamicValue;
  requires_replace: AttributePath[];
  planned_private?: Uint8Array;
  legacy_type_system: boolean;
}

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state: DynamicValue | null;
  planned_state: DynamicValue | null;
  config: DynamicValue | null;
  planned_private: Uint8Array;
}

export interface ApplyResourceChangeResponse extends WithDiagnostics {
  new_state?: DynamicValue;
  private?: Uint8Array;
  legacy_type_system: boolean;
}

export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
}

export interface ImportResourceStateResponse extends WithDiagnostics {
  imported_resources: { type_name: string; state: DynamicValue; private?: Uint8Array }[];
}

export interface ReadDataSourceResponse extends WithDiagnostics {
  state?: DynamicValue;
}

export interface StopProviderResponse {
  Error: string;
}
