// The go-plugin side of the provider: a gRPC server on a unix socket, AutoMTLS, the handshake
// line Terraform reads from stdout, and go-plugin's own services (health, controller, stdio,
// broker) beside tfplugin6.Provider.
//
// Start-up matters: Terraform starts a fresh provider process for each phase of each command.
// Nothing the handshake does not need is loaded before it; the provider definition (resources,
// schema engine, drivers) is loaded right after the line is printed, while Terraform connects.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type handleBidiStreamingCall,
  type handleServerStreamingCall,
  type handleUnaryCall,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerWritableStream,
  status,
} from '@grpc/grpc-js';
import { makeServerCert } from './cert.ts';
import { diagnosticToProto, errorToDiagnostic } from './diagnostics.ts';
import type { ProviderDefinition } from './framework.ts';
import type { Logger } from './log.ts';
import type { ProtoObject } from './protobuf.ts';
import { serviceDefinition } from './protos.ts';
import { ProviderService } from './rpc.ts';

export interface ServeOptions {
  /** Loaded once, after the handshake line is written. */
  loadDefinition: () => Promise<ProviderDefinition>;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** `--debug`: no TLS, and print TF_REATTACH_PROVIDERS instead of the handshake line. */
  debug?: boolean;
  /** The provider's source address, for TF_REATTACH_PROVIDERS. */
  address?: string;
  /** Where the handshake goes (stdout). */
  write: (text: string) => void;
  /** Called once the server has stopped after GRPCController.Shutdown (the process exits there). */
  onShutdown: () => void;
}

export interface RunningServer {
  socket: string;
  /** The handshake line as written, without its newline (empty in debug mode). */
  handshake: string;
  /** Stops serving: calls in flight are aborted, streams ended. */
  shutdown(): Promise<void>;
  /** The service, once the definition has loaded (for tests). */
  service(): Promise<ProviderService>;
}

/** Terraform asks for up to 64 MiB for schemas; terraform-plugin-go allows 256 MiB both ways. */
const MAX_MESSAGE = 256 << 20;

/** The Provider RPCs and the service method each maps to. */
const PROVIDER_RPCS = {
  GetMetadata: (s) => s.getMetadata(),
  GetProviderSchema: (s) => s.getProviderSchema(),
  ValidateProviderConfig: (s, r) => s.validateProviderConfig(req(r)),
  ValidateResourceConfig: (s, r) => s.validateResourceConfig(req(r)),
  ValidateDataResourceConfig: (s, r) => s.validateDataResourceConfig(req(r)),
  UpgradeResourceState: (s, r) => s.upgradeResourceState(req(r)),
  ConfigureProvider: (s, r) => s.configureProvider(req(r)),
  ReadResource: (s, r) => s.readResource(req(r)),
  PlanResourceChange: (s, r) => s.planResourceChange(req(r)),
  ApplyResourceChange: (s, r) => s.applyResourceChange(req(r)),
  ImportResourceState: (s, r) => s.importResourceState(req(r)),
  ReadDataSource: (s, r) => s.readDataSource(req(r)),
} satisfies Record<string, (s: ProviderService, req: ProtoObject) => unknown>;

/** A decoded request as the message type its RPC declares (the descriptor guarantees the shape). */
function req<T>(r: ProtoObject): T {
  return r as unknown as T;
}

export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const { log, env } = opts;
  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE,
    'grpc.max_send_message_length': MAX_MESSAGE,
  });

  let loading: Promise<ProviderService> | undefined;
  const service = () => {
    loading ??= opts.loadDefinition().then((def) => new ProviderService(def, log));
    return loading;
  };
  const streams = new Set<{ end(): void }>();
  let stopping: Promise<void> | undefined;

  // --- tfplugin6.Provider ---
  const provider: Record<string, handleUnaryCall<ProtoObject, ProtoObject>> = {};
  for (const [name, fn] of Object.entries(PROVIDER_RPCS)) {
    provider[name] = (call, cb) => {
      log.log('trace', `${name} received`);
      service()
        .then((s) => fn(s, call.request))
        .then(
          (res) => cb(null, res as unknown as ProtoObject),
          // Only a provider that failed to load gets here: say so on every call, as a diagnostic.
          (e: unknown) => {
            const d = errorToDiagnostic(e, name, false, log);
            cb(null, { diagnostics: [diagnosticToProto(d)] });
          },
        );
    };
  }
  provider.StopProvider = (_call, cb) => {
    log.log('info', 'StopProvider: cancelling the calls in flight');
    // Before the definition has loaded nothing can be running.
    if (loading) void loading.then((s) => s.stopProvider()).catch(() => {});
    cb(null, { Error: '' });
  };
  server.addService(serviceDefinition('tfplugin6.Provider'), provider);

  // --- grpc.health.v1.Health: go-plugin's Ping checks service "plugin" ---
  const health: handleUnaryCall<ProtoObject, ProtoObject> = (call, cb) => {
    const svc = call.request.service;
    if (svc === '' || svc === 'plugin') cb(null, { status: 'SERVING' });
    else cb({ code: status.NOT_FOUND, details: `unknown service ${String(svc)}` });
  };
  const watch: handleServerStreamingCall<ProtoObject, ProtoObject> = (call) => {
    const svc = call.request.service;
    call.write({ status: svc === '' || svc === 'plugin' ? 'SERVING' : 'SERVICE_UNKNOWN' });
    track(streams, call);
  };
  server.addService(serviceDefinition('grpc.health.v1.Health'), {
    Check: health,
    Watch: watch,
    List: ((_call, cb) =>
      cb(null, { statuses: { plugin: { status: 'SERVING' } } })) satisfies handleUnaryCall<
      ProtoObject,
      ProtoObject
    >,
  });

  // --- plugin.GRPCStdio: kept open and silent. Anything sent would be logged by Terraform as
  // unexpected output; our logs go to stderr, which go-plugin reads directly. ---
  server.addService(serviceDefinition('plugin.GRPCStdio'), {
    StreamStdio: ((call) => track(streams, call)) satisfies handleServerStreamingCall<
      ProtoObject,
      ProtoObject
    >,
  });

  // --- plugin.GRPCBroker: Terraform providers never broker connections; accept and ignore. ---
  server.addService(serviceDefinition('plugin.GRPCBroker'), {
    StartStream: ((call: ServerDuplexStream<ProtoObject, ProtoObject>) => {
      call.on('data', () => {});
      call.on('end', () => call.end());
      track(streams, call);
    }) satisfies handleBidiStreamingCall<ProtoObject, ProtoObject>,
  });

  // --- plugin.GRPCController: Terraform's way to stop us; without it, it waits 2 s then kills. ---
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      log.log('debug', 'shutting down');
      if (loading) (await loading.catch(() => undefined))?.abortAll('the provider is shutting down');
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        // A client that keeps its connection open must not hold us: force it after a moment.
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    })();
    return stopping;
  };
  server.addService(serviceDefinition('plugin.GRPCController'), {
    Shutdown: ((_call, cb) => {
      cb(null, {});
      // After the reply is on its way.
      setImmediate(() => void shutdown().then(opts.onShutdown));
    }) satisfies handleUnaryCall<ProtoObject, ProtoObject>,
  });

  // --- listener and handshake ---
  const clientCert = env.PLUGIN_CLIENT_CERT;
  const tls = !opts.debug && !env.TF_DISABLE_PLUGIN_TLS && !!clientCert;
  let certField = '';
  let creds = ServerCredentials.createInsecure();
  if (tls) {
    const cert = makeServerCert();
    // Only Terraform's own certificate may connect (go-plugin: RequireAndVerifyClientCert).
    creds = ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ cert_chain: Buffer.from(cert.certPem), private_key: Buffer.from(cert.keyPem) }],
      true,
    );
    // go-plugin reads base64.RawStdEncoding: no padding, and no newlines in the line.
    certField = cert.der.toString('base64').replace(/=+$/, '');
  }

  const ownDir = !env.PLUGIN_UNIX_SOCKET_DIR;
  const dir = env.PLUGIN_UNIX_SOCKET_DIR || mkdtempSync(join(tmpdir(), 'tfp-'));
  const socket = join(dir, `plugin${randomBytes(4).toString('hex')}`);
  process.on('exit', () => {
    try {
      rmSync(ownDir ? dir : socket, { recursive: true, force: true });
    } catch {}
  });
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix:${socket}`, creds, (err) => (err ? reject(err) : resolve())),
  );

  let handshake = '';
  if (opts.debug) {
    const reattach = {
      [opts.address ?? 'registry.terraform.io/ariga/atlas']: {
        Protocol: 'grpc',
        ProtocolVersion: 6,
        Pid: process.pid,
        // Required for protocol 6: without it Terraform 1.11 negotiates no version and panics.
        Test: true,
        Addr: { Network: 'unix', String: socket },
      },
    };
    opts.write(
      'Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n' +
        `\tTF_REATTACH_PROVIDERS='${JSON.stringify(reattach)}'\n`,
    );
  } else {
    handshake = `1|6|unix|${socket}|grpc|${certField}`;
    opts.write(`${handshake}\n`);
  }
  log.log('debug', 'plugin server listening', { socket, tls });
  // Load the resources now, while Terraform reads the line and connects.
  setImmediate(
    () => void service().catch((e: unknown) => log.log('error', `loading the provider failed: ${e}`)),
  );

  return { socket, handshake, shutdown, service };
}

function track(
  streams: Set<{ end(): void }>,
  call: ServerWritableStream<ProtoObject, ProtoObject> | ServerDuplexStream<ProtoObject, ProtoObject>,
): void {
  streams.add(call);
  const drop = () => streams.delete(call);
  call.on('cancelled', drop);
  call.on('close', drop);
}
