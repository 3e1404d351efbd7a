// The tfplugin6 Provider service over a ProviderDefinition (framework.ts). Requests and responses
// are the plain objects of tfplugin6.ts; provider/server.ts puts them on gRPC. Calls run
// concurrently (Terraform sends up to 10 at once on one process); each gets its own diagnostics
// and an AbortSignal that StopProvider fires.
import { CodecError, type DynamicValue, decodeObject, encodeObject, upgradeJson } from './codec.ts';
import { diagnosticToProto, errorToDiagnostic, pathToProto } from './diagnostics.ts';
import type { CallContext, DataSource, ProviderDefinition, Resource, TfObject } from './framework.ts';
import { error as addError, fullObject } from './framework.ts';
import type { Logger } from './log.ts';
import { applyPlanRule } from './plan-rules.ts';
import { schemaToProto } from './schema-proto.ts';
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ConfigRequest,
  ConfigureProviderRequest,
  GetMetadataResponse,
  GetProviderSchemaResponse,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ProtoDiagnostic,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  ServerCapabilities,
  StopProviderResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
  WithDiagnostics,
} from './tfplugin6.ts';

/**
 * plan_destroy: Terraform asks us to plan a destroy (the SQL preview); without it it skips the call.
 * get_provider_schema_optional: processes after the first skip GetProviderSchema.
 */
const CAPABILITIES: ServerCapabilities = {
  plan_destroy: true,
  get_provider_schema_optional: true,
  move_resource_state: false,
};

const NULL_VALUE: DynamicValue = encodeObject(null, { attributes: {} });

/** Bytes Terraform sends for "no private data". */
function priv(b: Uint8Array | undefined): Uint8Array | undefined {
  return b && b.length > 0 ? b : undefined;
}

export class ProviderService {
  private providerConfig: TfObject;
  private terraformVersion = '';
  private readonly inflight = new Set<AbortController>();
  private readonly resources: Map<string, Resource>;
  private readonly dataSources: Map<string, DataSource>;
  private schemaResponse: GetProviderSchemaResponse | undefined;

  constructor(
    private readonly def: ProviderDefinition,
    private readonly log: Logger,
  ) {
    this.providerConfig = fullObject(def.schema.block, {});
    this.resources = new Map(def.resources.map((r) => [r.typeName, r]));
    this.dataSources = new Map(def.dataSources.map((d) => [d.typeName, d]));
  }

  /** How many calls are running (for tests and the shutdown log). */
  get running(): number {
    return this.inflight.size;
  }

  /**
   * Runs `fn` with a fresh CallContext. A throw becomes an ERROR diagnostic and `value` is then
   * undefined; the caller decides what to answer in its place.
   */
  private async call<T>(
    rpc: string,
    typeName: string,
    fn: (ctx: CallContext) => Promise<T>,
  ): Promise<{ value: T | undefined; diagnostics: ProtoDiagnostic[] }> {
    const ac = new AbortController();
    this.inflight.add(ac);
    const ctx: CallContext = {
      diagnostics: [],
      signal: ac.signal,
      provider: this.providerConfig,
      terraformVersion: this.terraformVersion,
    };
    const t0 = performance.now();
    let value: T | undefined;
    try {
      value = await fn(ctx);
    } catch (e) {
      ctx.diagnostics.push(errorToDiagnostic(e, rpc, ac.signal.aborted, this.log));
    } finally {
      this.inflight.delete(ac);
    }
    this.log.log('debug', `${rpc} done`, {
      type_name: typeName || undefined,
      ms: Math.round(performance.now() - t0),
      diagnostics: ctx.diagnostics.length,
    });
    return { value, diagnostics: ctx.diagnostics.map(diagnosticToProto) };
  }

  private resource(typeName: string): Resource {
    const r = this.resources.get(typeName);
    if (!r) throw new CodecError([], `this provider has no resource type "${typeName}"`);
    return r;
  }

  private dataSource(typeName: string): DataSource {
    const d = this.dataSources.get(typeName);
    if (!d) throw new CodecError([], `this provider has no data source "${typeName}"`);
    return d;
  }

  getProviderSchema(): GetProviderSchemaResponse {
    this.schemaResponse ??= {
      provider: schemaToProto(this.def.schema),
      resource_schemas: Object.fromEntries(
        this.def.resources.map((r) => [r.typeName, schemaToProto(r.schema)]),
      ),
      data_source_schemas: Object.fromEntries(
        this.def.dataSources.map((d) => [d.typeName, schemaToProto(d.schema)]),
      ),
      server_capabilities: CAPABILITIES,
      diagnostics: [],
    };
    return this.schemaResponse;
  }

  getMetadata(): GetMetadataResponse {
    return {
      server_capabilities: CAPABILITIES,
      resources: this.def.resources.map((r) => ({ type_name: r.typeName })),
      data_sources: this.def.dataSources.map((d) => ({ type_name: d.typeName })),
      diagnostics: [],
    };
  }

  async validateProviderConfig(req: { config: DynamicValue | null }): Promise<WithDiagnostics> {
    const { diagnostics } = await this.call('ValidateProviderConfig', '', async () => {
      decodeObject(req.config, this.def.schema.block);
    });
    return { diagnostics };
  }

  async validateResourceConfig(req: ConfigRequest): Promise<WithDiagnostics> {
    const { diagnostics } = await this.call('ValidateResourceConfig', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      const config = decodeObject(req.config, r.schema.block);
      if (config && r.validate) await r.validate(config, ctx);
    });
    return { diagnostics };
  }

  async validateDataResourceConfig(req: ConfigRequest): Promise<WithDiagnostics> {
    const { diagnostics } = await this.call('ValidateDataResourceConfig', req.type_name, async (ctx) => {
      const d = this.dataSource(req.type_name);
      const config = decodeObject(req.config, d.schema.block);
      if (config && d.validate) await d.validate(config, ctx);
    });
    return { diagnostics };
  }

  async configureProvider(req: ConfigureProviderRequest): Promise<WithDiagnostics> {
    const { diagnostics } = await this.call('ConfigureProvider', '', async () => {
      const block = this.def.schema.block;
      this.providerConfig = decodeObject(req.config, block) ?? fullObject(block, {});
      this.terraformVersion = req.terraform_version;
    });
    return { diagnostics };
  }

  /**
   * The stored JSON (of whichever schema version wrote it) as an object of the current schema:
   * attributes that no longer exist are dropped, new ones are null.
   */
  async upgradeResourceState(req: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse> {
    const { value, diagnostics } = await this.call('UpgradeResourceState', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      const raw = req.raw_state;
      if (raw && raw.json.length > 0)
        return encodeObject(upgradeJson(raw.json, r.schema.block), r.schema.block);
      if (raw && Object.keys(raw.flatmap).length > 0) {
        addError(
          ctx,
          'Unsupported state format',
          `The state of this ${req.type_name} is in the flatmap format of Terraform 0.11 and earlier, which this provider cannot read. Upgrade the state with a Terraform release that still converts it, or remove it from the state and import the object again.`,
        );
        return undefined;
      }
      return NULL_VALUE;
    });
    return value ? { upgraded_state: value, diagnostics } : { diagnostics };
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    const { value, diagnostics } = await this.call('ReadResource', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      const state = decodeObject(req.current_state, r.schema.block);
      if (state === null) return { new_state: NULL_VALUE, private: req.private };
      const res = await r.read(state, priv(req.private), ctx);
      return { new_state: encodeObject(res.state, r.schema.block), private: res.private ?? req.private };
    });
    // After a failure the state Terraform has is kept as it is.
    return {
      ...(value ?? { new_state: req.current_state ?? NULL_VALUE, private: req.private }),
      diagnostics,
    };
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    const { value, diagnostics } = await this.call('PlanResourceChange', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      const block = r.schema.block;
      const prior = decodeObject(req.prior_state, block);
      const config = decodeObject(req.config, block);
      const proposed = applyPlanRule(prior, decodeObject(req.proposed_new_state, block), config, block);
      const res = await r.plan({ prior, proposed, config, priorPrivate: priv(req.prior_private) }, ctx);
      // A destroy plans null whatever else the resource says; Terraform refuses anything else.
      const planned = proposed === null ? null : res.planned;
      return {
        planned_state: encodeObject(planned, block),
        requires_replace:
          prior !== null && planned !== null ? (res.requiresReplace ?? []).map(pathToProto) : [],
        planned_private: res.private ?? req.prior_private,
      };
    });
    return {
      ...(value ?? { planned_state: req.proposed_new_state ?? NULL_VALUE, requires_replace: [] }),
      legacy_type_system: false,
      diagnostics,
    };
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const { value, diagnostics } = await this.call('ApplyResourceChange', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      const block = r.schema.block;
      const res = await r.apply(
        {
          prior: decodeObject(req.prior_state, block),
          planned: decodeObject(req.planned_state, block),
          config: decodeObject(req.config, block),
          plannedPrivate: priv(req.planned_private),
        },
        ctx,
      );
      return { new_state: encodeObject(res.state, block), private: res.private ?? req.planned_private };
    });
    // A failed apply answers the prior state: null after a failed create (nothing was recorded),
    // the old object after a failed update or delete. A null here would make Terraform forget an
    // object that still exists.
    return {
      ...(value ?? { new_state: req.prior_state ?? NULL_VALUE, private: req.planned_private }),
      legacy_type_system: false,
      diagnostics,
    };
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    const { value, diagnostics } = await this.call('ImportResourceState', req.type_name, async (ctx) => {
      const r = this.resource(req.type_name);
      if (!r.import) {
        addError(
          ctx,
          `${req.type_name} cannot be imported`,
          `This provider cannot import existing ${req.type_name} objects. Declare the resource in the configuration instead and let terraform apply create it.`,
        );
        return undefined;
      }
      const state = await r.import(req.id, ctx);
      return [{ type_name: req.type_name, state: encodeObject(state, r.schema.block) }];
    });
    return { imported_resources: value ?? [], diagnostics };
  }

  async readDataSource(req: ConfigRequest): Promise<ReadDataSourceResponse> {
    const { value, diagnostics } = await this.call('ReadDataSource', req.type_name, async (ctx) => {
      const d = this.dataSource(req.type_name);
      const config = decodeObject(req.config, d.schema.block);
      if (config === null) throw new CodecError([], 'no configuration');
      return encodeObject(await d.read(config, ctx), d.schema.block);
    });
    return value ? { state: value, diagnostics } : { diagnostics };
  }

  /** StopProvider: every call in flight sees its signal fire; calls made afterwards start afresh. */
  stopProvider(): StopProviderResponse {
    this.abortAll('Terraform asked the provider to stop');
    return { Error: '' };
  }

  abortAll(reason: string): void {
    for (const ac of this.inflight) ac.abort(new Error(reason));
  }
}
