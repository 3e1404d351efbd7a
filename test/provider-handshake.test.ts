// The built provider executable as go-plugin's client (Terraform) sees it: the magic cookie, the
// handshake line, AutoMTLS with the client's certificate, the health and controller services,
// debug mode. The client side uses @grpc/proto-loader (protobufjs), not the provider's own codec.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { makeServerCert } from '../provider/cert.ts';
import { encodeObject } from '../provider/codec.ts';
import type { ProviderDefinition } from '../provider/framework.ts';
import { stderrLogger } from '../provider/log.ts';
import { serve } from '../provider/server.ts';
import { ROOT } from './helpers/cli.ts';
import { MAGIC_COOKIE, PROVIDER_EXE } from './helpers/terraform.ts';

const skip = existsSync(PROVIDER_EXE) ? false : `${PROVIDER_EXE} is missing: run npm run build:provider`;

type Unary = (req: object, cb: (err: grpc.ServiceError | null, res: Record<string, unknown>) => void) => void;
type Client = grpc.Client & Record<string, Unary>;
type ClientCtor = new (addr: string, creds: grpc.ChannelCredentials, opts?: object) => Client;

const pkg = grpc.loadPackageDefinition(
  loadSync(['tfplugin6.proto', 'health.proto', 'grpc_controller.proto'], {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [`${ROOT}/proto`],
  }),
);
const ns = (path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pkg) as ClientCtor;
const Provider = ns('tfplugin6.Provider');
const Health = ns('grpc.health.v1.Health');
const Controller = ns('plugin.GRPCController');

const call = (c: Client, method: string, req: object = {}) =>
  new Promise<Record<string, unknown>>((resolve, reject) =>
    c[method]!.call(c, req, (err, res) => (err ? reject(err) : resolve(res))),
  );

/** Terraform's side of AutoMTLS: its own self-signed certificate, offered in PLUGIN_CLIENT_CERT. */
const clientCert = makeServerCert();

interface Started {
  proc: ChildProcessWithoutNullStreams;
  line: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const started: ChildProcessWithoutNullStreams[] = [];
after(() => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

function start(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Started> {
  const proc = spawn(PROVIDER_EXE, args, {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.push(proc);
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0 && !args.includes('--debug'))
        resolve({ proc, line: out.slice(0, nl), stderr: () => err, exited });
      if (args.includes('--debug') && out.includes("TF_REATTACH_PROVIDERS='"))
        resolve({ proc, line: out, stderr: () => err, exited });
    });
    void exited.then(({ code }) =>
      reject(new Error(`provider exited (${code}) before its handshake: ${err}`)),
    );
  });
}

const pluginEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE,
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
  ...extra,
});

/** The server certificate from the handshake (base64 without padding) as PEM. */
function certPem(field: string): string {
  const b64 = field.padEnd(Math.ceil(field.length / 4) * 4, '=');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function tlsCreds(serverField: string, client = clientCert): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(
    Buffer.from(certPem(serverField)),
    Buffer.from(client.keyPem),
    Buffer.from(client.certPem),
  );
}

/** go-plugin dials with ServerName "localhost". */
const TLS_OPTS = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };

describe('provider executable', { skip }, () => {
  test('without the magic cookie: a message for humans on stderr, exit 1', async () => {
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const proc = spawn(PROVIDER_EXE, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise((r) => proc.on('exit', r));
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /Terraform plugin/);
    assert.match(err, /started by Terraform/);
  });

  test('a Terraform that does not offer protocol 6 is refused', async () => {
    const proc = spawn(PROVIDER_EXE, [], {
      env: { ...process.env, ...pluginEnv({ PLUGIN_PROTOCOL_VERSIONS: '4,5' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d) => {
      err += d;
    });
    assert.equal(await new Promise((r) => proc.on('exit', r)), 1);
    assert.match(err, /protocol 6/);
  });

  test('AutoMTLS: handshake with the server certificate, GetProviderSchema and health over TLS', async (t) => {
    const p = await start(pluginEnv({ PLUGIN_CLIENT_CERT: clientCert.certPem, TF_LOG_PROVIDER: 'debug' }));
    const parts = p.line.split('|');
    assert.equal(parts.length, 6, p.line);
    const [core, app, network, addr, protocol, cert] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    assert.deepEqual([core, app, network, protocol], ['1', '6', 'unix', 'grpc']);
    assert.ok(existsSync(addr), addr);
    assert.match(cert, /^[A-Za-z0-9+/]{100,}$/, 'base64 without padding');

    const creds = tlsCreds(cert);
    const provider = new Provider(`unix:${addr}`, creds, TLS_OPTS);
    const health = new Health(`unix:${addr}`, creds, TLS_OPTS);
    t.after(() => {
      provider.close();
      health.close();
    });
    assert.deepEqual(await call(health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
    const schema = await call(provider, 'GetProviderSchema');
    assert.deepEqual(Object.keys(schema.resource_schemas as object).sort(), [
      'atlas_migration',
      'atlas_schema',
    ]);
    assert.deepEqual(Object.keys(schema.data_source_schemas as object).sort(), [
      'atlas_migration',
      'atlas_schema',
    ]);
    assert.deepEqual(schema.server_capabilities, {
      plan_destroy: true,
      get_provider_schema_optional: true,
      move_resource_state: false,
    });
    const providerAttrs = (
      schema.provider as { block: { attributes: { name: string; sensitive: boolean }[] } }
    ).block.attributes;
    assert.deepEqual(
      providerAttrs.map((a) => [a.name, a.sensitive]),
      [['dev_url', true]],
    );

    // A client with another certificate is not let in.
    const stranger = new Health(`unix:${addr}`, tlsCreds(cert, makeServerCert()), TLS_OPTS);
    t.after(() => stranger.close());
    await assert.rejects(
      call(stranger, 'Check', { service: 'plugin' }),
      (e: grpc.ServiceError) => e.code === grpc.status.UNAVAILABLE,
    );

    // Logs: hclog JSON lines on stderr, with go-plugin's six-digit timestamps.
    const lines = p.stderr().split('\n').filter(Boolean);
    assert.ok(lines.length > 0);
    for (const l of lines) {
      const entry = JSON.parse(l) as Record<string, string>;
      assert.ok(['trace', 'debug', 'info', 'warn', 'error'].includes(entry['@level']!), l);
      assert.equal(typeof entry['@message'], 'string');
      assert.match(entry['@timestamp']!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
  });

  test('TF_DISABLE_PLUGIN_TLS: plain gRPC, and the handshake has no certificate', async (t) => {
    const p = await start(pluginEnv({ TF_DISABLE_PLUGIN_TLS: '1', PLUGIN_CLIENT_CERT: '' }));
    assert.match(p.line, /^1\|6\|unix\|[^|]+\|grpc\|$/);
    const addr = p.line.split('|')[3]!;
    const health = new Health(`unix:${addr}`, grpc.credentials.createInsecure());
    t.after(() => health.close());
    assert.deepEqual(await call(health, 'Check', { service: '' }), { status: 'SERVING' });
    await assert.rejects(
      call(health, 'Check', { service: 'other' }),
      (e: grpc.ServiceError) => e.code === grpc.status.NOT_FOUND,
    );
  });

  test('SIGINT is ignored (Terraform handles Ctrl-C); GRPCController.Shutdown ends the process promptly', async (t) => {
    const p = await start(pluginEnv({ TF_DISABLE_PLUGIN_TLS: '1' }));
    const addr = p.line.split('|')[3]!;
    const creds = grpc.credentials.createInsecure();
    const health = new Health(`unix:${addr}`, creds);
    const controller = new Controller(`unix:${addr}`, creds);
    t.after(() => {
      health.close();
      controller.close();
    });
    p.proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await call(health, 'Check', { service: 'plugin' }), { status: 'SERVING' });

    const t0 = performance.now();
    assert.deepEqual(await call(controller, 'Shutdown'), {});
    const exit = await Promise.race([p.exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    assert.ok(exit, 'the provider did not exit within 5 s of Shutdown');
    assert.equal(exit.code, 0);
    t.diagnostic(`exited ${Math.round(exit.at - t0)} ms after Shutdown was called`);
    assert.equal(existsSync(addr), false, 'the socket is removed');
  });

  test('--debug: TF_REATTACH_PROVIDERS for a plain-gRPC server that stays up until SIGINT', async (t) => {
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const p = await start(env, ['--debug']);
    const m = /TF_REATTACH_PROVIDERS='(.*)'/.exec(p.line);
    assert.ok(m, p.line);
    const reattach = JSON.parse(m[1]!) as Record<
      string,
      {
        Protocol: string;
        ProtocolVersion: number;
        Pid: number;
        Test: boolean;
        Addr: { Network: string; String: string };
      }
    >;
    const entry = reattach['registry.terraform.io/ariga/atlas'];
    assert.ok(entry);
    assert.equal(entry.Protocol, 'grpc');
    assert.equal(entry.ProtocolVersion, 6);
    assert.equal(entry.Test, true);
    assert.equal(entry.Pid, p.proc.pid);
    assert.equal(entry.Addr.Network, 'unix');
    const health = new Health(`unix:${entry.Addr.String}`, grpc.credentials.createInsecure());
    t.after(() => health.close());
    assert.deepEqual(await call(health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
    p.proc.kill('SIGINT');
    assert.equal((await p.exited).code, 0);
  });
});

describe('plugin server in-process', () => {
  test('StopProvider aborts the signal of a call in flight over gRPC', async (t) => {
    let started!: () => void;
    const isStarted = new Promise<void>((r) => {
      started = r;
    });
    let seen: AbortSignal | undefined;
    const block = { attributes: { name: { type: 'string' as const, description: '', required: true } } };
    const def: ProviderDefinition = {
      schema: { version: 0, block: { attributes: {} } },
      dataSources: [],
      resources: [
        {
          typeName: 'test_slow',
          schema: { version: 0, block },
          plan: (_req, ctx) =>
            new Promise((_resolve, reject) => {
              seen = ctx.signal;
              started();
              ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
            }),
          apply: async () => ({ state: null }),
          read: async (state) => ({ state }),
        },
      ],
    };
    let out = '';
    const running = await serve({
      loadDefinition: async () => def,
      log: stderrLogger('off'),
      env: { TF_DISABLE_PLUGIN_TLS: '1' },
      write: (s) => {
        out += s;
      },
      onShutdown: () => {},
    });
    t.after(() => running.shutdown());
    assert.equal(out, `${running.handshake}\n`);
    const provider = new Provider(`unix:${running.socket}`, grpc.credentials.createInsecure());
    t.after(() => provider.close());

    const value = encodeObject({ name: 'a' }, block);
    const planning = call(provider, 'PlanResourceChange', {
      type_name: 'test_slow',
      prior_state: encodeObject(null, block),
      proposed_new_state: value,
      config: value,
    });
    await isStarted;
    assert.equal(seen?.aborted, false);
    assert.deepEqual(await call(provider, 'StopProvider'), { Error: '' });
    const res = await planning;
    assert.equal(seen?.aborted, true);
    const diags = res.diagnostics as { severity: string; summary: string }[];
    assert.equal(diags[0]?.severity, 'ERROR');
    assert.match(diags[0]!.summary, /^interrupted:/);
  });
});
