// Entry point of terraform-provider-atlas. Terraform starts it with no arguments and the go-plugin
// environment (magic cookie, protocol versions, client certificate); `--debug` starts it by hand
// for TF_REATTACH_PROVIDERS.
import { levelFromEnv, stderrLogger } from './log.ts';
import { serve } from './server.ts';

declare const PROVIDER_VERSION: string | undefined;
const VERSION = typeof PROVIDER_VERSION === 'string' ? PROVIDER_VERSION : 'dev';

/** go-plugin's handshake config for Terraform providers (terraform internal/plugin6/serve.go). */
const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

const ADDRESS = 'registry.terraform.io/ariga/atlas';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const debug = argv.includes('--debug');
  if (argv.includes('--version')) {
    process.stdout.write(`terraform-provider-atlas ${VERSION}\n`);
    return;
  }
  if (!debug && env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(
      'This is the atlas provider, a Terraform plugin: it is meant to be started by Terraform, not run directly.\n' +
        'Install it for Terraform (see scripts/install-provider.mjs), or start it with --debug to attach\n' +
        'Terraform to it through TF_REATTACH_PROVIDERS.\n',
    );
    process.exitCode = 1;
    return;
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((v) => v.trim());
  if (!debug && env.PLUGIN_PROTOCOL_VERSIONS && !offered.includes('6')) {
    process.stderr.write(
      `This provider speaks Terraform plugin protocol 6 (Terraform 1.0 and later); this Terraform offers ${env.PLUGIN_PROTOCOL_VERSIONS}.\n`,
    );
    process.exitCode = 1;
    return;
  }

  const log = stderrLogger(levelFromEnv(env));
  // Ctrl-C reaches the whole process group; Terraform handles it and calls StopProvider. In
  // debug mode there is no Terraform in charge, so Ctrl-C stops the provider.
  if (!debug)
    process.on('SIGINT', () => log.log('debug', 'SIGINT ignored: Terraform will call StopProvider'));

  const running = await serve({
    loadDefinition: async () => (await import('./definition.ts')).atlasProvider(),
    log,
    env,
    debug,
    address: ADDRESS,
    write: (text) => process.stdout.write(text),
    onShutdown: () => process.exit(0),
  });
  log.log('info', `terraform-provider-atlas ${VERSION} started`, { pid: process.pid });

  if (debug) {
    const stop = () => void running.shutdown().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  // Terraform normally ends us with GRPCController.Shutdown. Should it die instead (SIGKILL,
  // crash), we are re-parented; stop rather than linger holding its pipes.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void running.shutdown().then(() => process.exit(0));
  }, 1000).unref();
}

main(process.argv.slice(2), process.env).catch((e: unknown) => {
  process.stderr.write(
    `terraform-provider-atlas: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
