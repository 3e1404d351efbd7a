// The Provider service's rules, with a small resource defined here: Terraform's plan rules
// (computed attributes become unknown only when something changed), destroy plans, private data,
// failures as diagnostics, state upgrade, import refusal and StopProvider.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UserError } from '../core/errors.ts';
import { type DynamicValue, decodeObject, encodeObject } from './codec.ts';
import type {
  ApplyRequest,
  BlockSchema,
  CallContext,
  DataSource,
  PlanRequest,
  PlanResponse,
  ProviderDefinition,
  Resource,
  TfObject,
} from './framework.ts';
import { fullObject, Unknown, warning } from './framework.ts';
import { stderrLogger } from './log.ts';
import { ProviderService } from './rpc.ts';

const BLOCK: BlockSchema = {
  attributes: {
    id: { type: 'string', description: '', computed: true },
    name: { type: 'string', description: '', required: true },
    version: { type: 'string', description: '', optional: true, computed: true },
    names: { type: ['set', 'string'], description: '', optional: true },
    status: { type: ['object', { current: 'string' }], description: '', computed: true },
  },
  blocks: {
    opts: {
      nesting: 'single',
      block: {
        attributes: {
          flag: { type: 'bool', description: '', optional: true },
          seen: { type: 'string', description: '', computed: true },
        },
      },
    },
  },
};

const obj = (v: TfObject): TfObject => fullObject(BLOCK, v);
const dv = (v: TfObject | null): DynamicValue => encodeObject(v === null ? null : obj(v), BLOCK);
const val = (d: DynamicValue | undefined) => decodeObject(d, BLOCK);

interface Fake extends Resource {
  plans: PlanRequest[];
  applies: ApplyRequest[];
  ctxs: CallContext[];
  planImpl?: (req: PlanRequest, ctx: CallContext) => Promise<PlanResponse>;
  applyImpl?: (req: ApplyRequest) => Promise<{ state: TfObject | null }>;
}

function fakeResource(): Fake {
  const r: Fake = {
    typeName: 'test_thing',
    schema: { version: 1, block: BLOCK },
    plans: [],
    applies: [],
    ctxs: [],
    async plan(req, ctx) {
      r.plans.push(req);
      r.ctxs.push(ctx);
      if (r.planImpl) return r.planImpl(req, ctx);
      return { planned: req.proposed };
    },
    async apply(req) {
      r.applies.push(req);
      if (r.applyImpl) return r.applyImpl(req);
      return { state: req.planned };
    },
    async read(state) {
      return { state };
    },
  };
  return r;
}

const dataSource: DataSource = {
  typeName: 'test_info',
  schema: {
    version: 0,
    block: {
      attributes: {
        q: { type: 'string', description: '', required: true },
        a: { type: 'string', description: '', computed: true },
      },
    },
  },
  async read(config) {
    return { q: config.q ?? null, a: `answer to ${String(config.q)}` };
  },
};

function setup(): { svc: ProviderService; r: Fake } {
  const r = fakeResource();
  const def: ProviderDefinition = {
    schema: {
      version: 0,
      block: {
        attributes: { dev_url: { type: 'string', description: '', optional: true, sensitive: true } },
      },
    },
    resources: [r],
    dataSources: [dataSource],
  };
  return { svc: new ProviderService(def, stderrLogger('off')), r };
}

const PRIOR = {
  id: 'i1',
  name: 'a',
  version: 'v1',
  names: ['x', 'y'],
  status: { current: 'v1' },
  opts: { flag: true, seen: 's' },
};

async function plan(
  svc: ProviderService,
  prior: TfObject | null,
  proposed: TfObject | null,
  config: TfObject | null,
) {
  return svc.planResourceChange({
    type_name: 'test_thing',
    prior_state: dv(prior),
    proposed_new_state: dv(proposed),
    config: dv(config),
    prior_private: Buffer.from('prior-private'),
  });
}

describe('PlanResourceChange', () => {
  test('create: computed attributes the config leaves null are unknown, also in nested blocks', async () => {
    const { svc, r } = setup();
    const config = { name: 'a', opts: { flag: true } };
    // Terraform proposes config values, and prior values (null on create) for computed ones.
    const res = await plan(svc, null, config, config);
    assert.deepEqual(res.diagnostics, []);
    const proposed = r.plans[0]!.proposed!;
    assert.equal(proposed.id, Unknown);
    assert.equal(proposed.version, Unknown);
    assert.equal(proposed.status, Unknown);
    assert.equal(proposed.name, 'a');
    assert.deepEqual(proposed.opts, { flag: true, seen: Unknown });
    assert.deepEqual(val(res.planned_state), obj({ ...proposed }));
    assert.equal(res.legacy_type_system, false);
    assert.deepEqual(res.requires_replace, []);
  });

  test('an optional+computed attribute set in the config keeps its value', async () => {
    const { svc, r } = setup();
    const config = { name: 'a', version: 'v9' };
    await plan(svc, PRIOR, { ...PRIOR, ...config }, config);
    assert.equal(r.plans[0]!.proposed!.version, 'v9');
    assert.equal(r.plans[0]!.proposed!.id, Unknown);
  });

  test('update: a change makes the computed values unknown', async () => {
    const { svc, r } = setup();
    const config = { name: 'b', names: ['x', 'y'], opts: { flag: true } };
    await plan(svc, PRIOR, { ...PRIOR, name: 'b' }, config);
    const p = r.plans[0]!;
    assert.deepEqual(p.prior, obj(PRIOR));
    assert.equal(p.proposed!.status, Unknown);
    assert.equal(p.proposed!.id, Unknown);
    assert.deepEqual(p.config, obj({ ...config, opts: { flag: true, seen: null } }));
    assert.deepEqual(p.priorPrivate, Buffer.from('prior-private'));
  });

  test('no change: computed values stay as they were (sets compare without order)', async () => {
    const { svc, r } = setup();
    const config = { name: 'a', names: ['y', 'x'], opts: { flag: true } };
    const res = await plan(svc, PRIOR, { ...PRIOR, names: ['y', 'x'] }, config);
    assert.deepEqual(r.plans[0]!.proposed, obj({ ...PRIOR, names: ['y', 'x'] }));
    assert.deepEqual(val(res.planned_state), obj({ ...PRIOR, names: ['y', 'x'] }));
  });

  test('destroy: proposed is null, and so is the planned state whatever the resource says', async () => {
    const { svc, r } = setup();
    r.planImpl = async (req, ctx) => {
      warning(ctx, 'Atlas Plan', 'DROP TABLE t;');
      return { planned: req.prior };
    };
    const res = await plan(svc, PRIOR, null, null);
    assert.equal(r.plans[0]!.proposed, null);
    assert.deepEqual(r.plans[0]!.prior, obj(PRIOR));
    assert.equal(val(res.planned_state), null);
    assert.deepEqual(res.diagnostics, [
      { severity: 'WARNING', summary: 'Atlas Plan', detail: 'DROP TABLE t;' },
    ]);
  });

  test('requires_replace paths and private data go to Terraform; private defaults to the prior one', async () => {
    const { svc, r } = setup();
    r.planImpl = async (req) => ({
      planned: req.proposed,
      requiresReplace: [['name'], ['opts', 'flag'], ['names', 0], ['status', { key: 'current' }]],
    });
    const res = await plan(svc, PRIOR, { ...PRIOR, name: 'b' }, { name: 'b' });
    assert.deepEqual(res.requires_replace, [
      { steps: [{ attribute_name: 'name' }] },
      { steps: [{ attribute_name: 'opts' }, { attribute_name: 'flag' }] },
      { steps: [{ attribute_name: 'names' }, { element_key_int: 0 }] },
      { steps: [{ attribute_name: 'status' }, { element_key_string: 'current' }] },
    ]);
    assert.deepEqual(res.planned_private, Buffer.from('prior-private'));

    r.planImpl = async (req) => ({ planned: req.proposed, private: Buffer.from('mine') });
    const res2 = await plan(svc, null, { name: 'c' }, { name: 'c' });
    assert.deepEqual(res2.planned_private, Buffer.from('mine'));
  });

  test('a UserError is an error diagnostic with its message as it is; no gRPC error', async () => {
    const { svc, r } = setup();
    r.planImpl = async () => {
      throw new UserError('CONNECT', 'cannot connect to db:5432: connection refused');
    };
    const res = await plan(svc, null, { name: 'a' }, { name: 'a' });
    assert.deepEqual(res.diagnostics, [
      { severity: 'ERROR', summary: 'cannot connect to db:5432: connection refused', detail: '' },
    ]);
  });

  test('any other exception is an "unexpected error" diagnostic', async () => {
    const { svc, r } = setup();
    r.planImpl = async () => {
      throw new TypeError('x is undefined');
    };
    const res = await plan(svc, null, { name: 'a' }, { name: 'a' });
    assert.equal(res.diagnostics.length, 1);
    assert.equal(res.diagnostics[0]!.severity, 'ERROR');
    assert.equal(res.diagnostics[0]!.summary, 'unexpected error: x is undefined');
    assert.match(res.diagnostics[0]!.detail, /bug in the atlas provider/);
  });

  test('a planned value of the wrong type is reported with its attribute path', async () => {
    const { svc, r } = setup();
    r.planImpl = async (req) => ({ planned: { ...req.proposed!, version: 3 } });
    const res = await plan(svc, null, { name: 'a' }, { name: 'a' });
    assert.equal(res.diagnostics[0]!.summary, 'unexpected error: version: expected a string, got number 3');
    assert.deepEqual(res.diagnostics[0]!.attribute, { steps: [{ attribute_name: 'version' }] });
  });

  test('diagnostics carry attribute paths', async () => {
    const { svc, r } = setup();
    r.planImpl = async (req, ctx) => {
      ctx.diagnostics.push({ severity: 'warning', summary: 'w', attribute: ['opts', 'flag'] });
      return { planned: req.proposed };
    };
    const res = await plan(svc, null, { name: 'a' }, { name: 'a' });
    assert.deepEqual(res.diagnostics, [
      {
        severity: 'WARNING',
        summary: 'w',
        detail: '',
        attribute: { steps: [{ attribute_name: 'opts' }, { attribute_name: 'flag' }] },
      },
    ]);
  });

  test('an unknown resource type is a diagnostic', async () => {
    const { svc } = setup();
    const res = await svc.planResourceChange({
      type_name: 'nope',
      prior_state: null,
      proposed_new_state: null,
      config: null,
      prior_private: Buffer.alloc(0),
    });
    assert.match(res.diagnostics[0]!.summary, /no resource type "nope"/);
  });
});

describe('ApplyResourceChange', () => {
  const apply = (svc: ProviderService, prior: TfObject | null, planned: TfObject | null) =>
    svc.applyResourceChange({
      type_name: 'test_thing',
      prior_state: dv(prior),
      planned_state: dv(planned),
      config: dv(planned),
      planned_private: Buffer.from('pp'),
    });

  test('the new state and private data; private defaults to the planned one', async () => {
    const { svc, r } = setup();
    r.applyImpl = async (req) => ({ state: { ...req.planned!, id: 'new', status: { current: 'v1' } } });
    const res = await apply(svc, null, { name: 'a', id: Unknown, status: Unknown });
    assert.deepEqual(val(res.new_state), obj({ name: 'a', id: 'new', status: { current: 'v1' } }));
    assert.deepEqual(res.private, Buffer.from('pp'));
    assert.deepEqual(r.applies[0]!.plannedPrivate, Buffer.from('pp'));
  });

  test('a failed create answers null, a failed update or delete the prior state', async () => {
    const { svc, r } = setup();
    r.applyImpl = async () => {
      throw new UserError('EXEC', 'statement failed');
    };
    const created = await apply(svc, null, { name: 'a' });
    assert.equal(val(created.new_state), null);
    assert.equal(created.diagnostics[0]!.summary, 'statement failed');
    const updated = await apply(svc, PRIOR, { ...PRIOR, name: 'b' });
    assert.deepEqual(val(updated.new_state), obj(PRIOR));
    const deleted = await apply(svc, PRIOR, null);
    assert.deepEqual(val(deleted.new_state), obj(PRIOR));
  });
});

describe('other RPCs', () => {
  test('GetProviderSchema: JSON types, flags, capabilities', () => {
    const { svc } = setup();
    const res = svc.getProviderSchema();
    assert.deepEqual(res.server_capabilities, {
      plan_destroy: true,
      get_provider_schema_optional: true,
      move_resource_state: false,
    });
    const s = res.resource_schemas.test_thing!;
    assert.equal(s.version, 1);
    const names = s.block.attributes.find((a) => a.name === 'names')!;
    assert.equal(Buffer.from(names.type).toString(), '["set","string"]');
    const status = s.block.attributes.find((a) => a.name === 'status')!;
    assert.equal(Buffer.from(status.type).toString(), '["object",{"current":"string"}]');
    assert.equal(status.computed, true);
    assert.deepEqual(
      s.block.block_types.map((b) => [b.type_name, b.nesting, b.min_items, b.max_items]),
      [['opts', 'SINGLE', 0, 0]],
    );
    assert.equal(res.provider.block.attributes[0]!.sensitive, true);
    assert.deepEqual(Object.keys(res.data_source_schemas), ['test_info']);
  });

  test('ConfigureProvider: the config and Terraform version reach later calls', async () => {
    const { svc, r } = setup();
    await svc.configureProvider({
      terraform_version: '1.11.4',
      config: encodeObject(
        { dev_url: 'docker://x' },
        { attributes: { dev_url: { type: 'string', description: '' } } },
      ),
    });
    await plan(svc, null, { name: 'a' }, { name: 'a' });
    assert.deepEqual(r.ctxs[0]!.provider, { dev_url: 'docker://x' });
    assert.equal(r.ctxs[0]!.terraformVersion, '1.11.4');
  });

  test('UpgradeResourceState: an older JSON state becomes a full object of this schema', async () => {
    const { svc } = setup();
    const res = await svc.upgradeResourceState({
      type_name: 'test_thing',
      version: 0,
      raw_state: {
        json: Buffer.from('{"id":"i","name":"a","gone":1,"opts":{"flag":false,"old":2}}'),
        flatmap: {},
      },
    });
    assert.deepEqual(res.diagnostics, []);
    assert.deepEqual(val(res.upgraded_state), obj({ id: 'i', name: 'a', opts: { flag: false, seen: null } }));
  });

  test('ReadResource: null stays null, private is echoed unless the resource replaces it', async () => {
    const { svc } = setup();
    const gone = await svc.readResource({
      type_name: 'test_thing',
      current_state: dv(null),
      private: Buffer.from('p'),
    });
    assert.equal(val(gone.new_state), null);
    const res = await svc.readResource({
      type_name: 'test_thing',
      current_state: dv(PRIOR),
      private: Buffer.from('p'),
    });
    assert.deepEqual(val(res.new_state), obj(PRIOR));
    assert.deepEqual(res.private, Buffer.from('p'));
  });

  test('ImportResourceState: a resource without import is refused with a diagnostic', async () => {
    const { svc } = setup();
    const res = await svc.importResourceState({ type_name: 'test_thing', id: 'x' });
    assert.deepEqual(res.imported_resources, []);
    assert.equal(res.diagnostics[0]!.severity, 'ERROR');
    assert.equal(res.diagnostics[0]!.summary, 'test_thing cannot be imported');
  });

  test('ImportResourceState: the imported object is a full object', async () => {
    const { svc, r } = setup();
    r.import = async (id) => ({ id, name: 'imported' });
    const res = await svc.importResourceState({ type_name: 'test_thing', id: 'x' });
    assert.equal(res.imported_resources.length, 1);
    assert.equal(res.imported_resources[0]!.type_name, 'test_thing');
    assert.deepEqual(val(res.imported_resources[0]!.state), obj({ id: 'x', name: 'imported' }));
  });

  test('ReadDataSource', async () => {
    const { svc } = setup();
    const block = dataSource.schema.block;
    const res = await svc.readDataSource({
      type_name: 'test_info',
      config: encodeObject({ q: 'q1' }, block),
    });
    assert.deepEqual(decodeObject(res.state, block), { q: 'q1', a: 'answer to q1' });
  });

  test('StopProvider fires the signal of every call in flight; later calls start afresh', async () => {
    const { svc, r } = setup();
    let started!: () => void;
    const isStarted = new Promise<void>((res) => {
      started = res;
    });
    r.planImpl = (_req, ctx) =>
      new Promise((_res, reject) => {
        started();
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
      });
    const pending = plan(svc, null, { name: 'a' }, { name: 'a' });
    await isStarted;
    assert.equal(svc.running, 1);
    assert.deepEqual(svc.stopProvider(), { Error: '' });
    const res = await pending;
    assert.equal(r.ctxs[0]!.signal.aborted, true);
    assert.match(res.diagnostics[0]!.summary, /^interrupted: Terraform asked the provider to stop/);
    assert.equal(svc.running, 0);

    r.planImpl = async (req) => ({ planned: req.proposed });
    const after = await plan(svc, null, { name: 'b' }, { name: 'b' });
    assert.deepEqual(after.diagnostics, []);
    assert.equal(r.ctxs[1]!.signal.aborted, false);
  });
});
