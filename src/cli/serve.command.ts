import type { Command } from 'commander';
import { buildApp } from '../api/app.js';
import { createLogger } from '../runtime/logger.js';
import { describeDatabase } from '../config/database-url.js';
import { openRuntime } from '../runtime/runtime.js';
import type { DemoSignIn } from '../api/routes/auth.routes.js';
import { holdReadinessForDemo, type RunningDemo } from '../sim/demo.js';
import { DEMO_PASSWORD, demoEmailOf, demoOrganisations } from '../sim/demo-organisations.js';
import { cliConfig, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import { packageVersion } from './package-version.js';

export function registerServeCommand(program: Command): void {
  withDataDirOption(program.command('serve'))
    .description('Serve the HTTP API (EPCIS 2.0 REST bindings under /epcis, docs under /docs)')
    .option('-p, --port <port>', 'TCP port (overrides KARVON_PORT)')
    .option('--no-demo', 'no demo: do not fill an empty store with simulated corridor traffic (production)')
    .action(async (options: { port?: string; demo: boolean } & DataDirOption) => {
      const config = cliConfig(options, { ...process.env, ...(options.port ? { KARVON_PORT: options.port } : {}) });
      // Listen at once; /ready answers 503 until every follower has caught up with the store.
      const logger = createLogger({ level: config.logLevel, stream: 'stdout' });
      const runtime = await openRuntime(config, { catchUpInBackground: true, logger });
      // The sign-in page lists the demo's users once the demo runs (GET /api/auth/demo-sign-ins).
      let demoSignIns: readonly DemoSignIn[] = [];
      const app = await buildApp(runtime, { version: packageVersion(), demoSignIns: () => demoSignIns });
      // /ready answers 503 until the demo (when on) has seeded, so sign-ins work once it says 200.
      const startDemo = options.demo ? holdReadinessForDemo(runtime) : undefined;
      const resumed = await runtime.capture.resumeUnfinished();
      if (resumed > 0) app.log.info(`resumed ${resumed} unfinished capture job(s)`);
      await app.listen({ port: config.port, host: config.host });
      // Telemetry's background work (signal watch, retention, live feed) and MQTT start with the server.
      await runtime.startTelemetry();
      app.log.info(`Karvon serves http://localhost:${config.port} (store: ${describeDatabase(config.database)}): the web app at /, API docs at /docs`);
      let demo: RunningDemo | undefined;
      const shutdown = async (signal: string) => {
        app.log.info(`${signal}: shutting down`);
        await demo?.stop();
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      if (startDemo) {
        const settings = { shipments: config.demoShipments, days: config.demoDays, seed: config.demoSeed, speed: config.demoSpeed };
        demo = await startDemo(settings, (message) => logger.info(message));
        if (!demo) app.log.info('demo: the store holds data of its own, so no demo traffic is added');
        else demoSignIns = demoOrganisations().map((organisation) => ({ email: demoEmailOf(organisation.id), organisation: organisation.name, password: DEMO_PASSWORD }));
      }
    });
}
