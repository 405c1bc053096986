import type { Command } from 'commander';
import { buildApp } from '../api/app.js';
import { loadConfig } from '../config/config.js';
import { openRuntime } from '../runtime/runtime.js';
import { packageVersion } from './package-version.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the HTTP API (EPCIS 2.0 REST bindings under /epcis, docs under /docs)')
    .option('-p, --port <port>', 'TCP port (overrides KARVON_PORT)')
    .action(async (options: { port?: string }) => {
      const config = loadConfig({ ...process.env, ...(options.port ? { KARVON_PORT: options.port } : {}) });
      const runtime = await openRuntime(config);
      const app = await buildApp(runtime, { logger: { level: config.logLevel }, version: packageVersion() });
      const resumed = await runtime.capture.resumeUnfinished();
      if (resumed > 0) app.log.info(`resumed ${resumed} unfinished capture job(s)`);
      const shutdown = async (signal: string) => {
        app.log.info(`${signal}: shutting down`);
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      app.log.info(`Karvon serves http://localhost:${config.port} (store: ${config.dataDir}); API docs at /docs`);
    });
}
