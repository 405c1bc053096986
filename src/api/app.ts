/**
 * The HTTP application factory: builds a Fastify instance with every feature plugin, apart from
 * listen(), so tests drive it with inject() and the CLI decides where it listens.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerBodyParsers } from './plugins/body-parsers.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerGs1Headers } from './plugins/gs1-headers.js';
import { registerOpenApi } from './openapi.js';
import type { ApiDeps } from './deps.js';
import { captureRoutes } from './routes/capture.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { optionsRoutes } from './routes/options.routes.js';
import { queriesRoutes } from './routes/queries.routes.js';
import { referenceRoutes } from './routes/reference.routes.js';
import { resourcesRoutes } from './routes/resources.routes.js';
import { shipmentsRoutes } from './routes/shipments.routes.js';

export interface BuildOptions {
  /** Fastify logger option: false for silence, or pino options. */
  logger?: boolean | Record<string, unknown>;
  version?: string;
}

export async function buildApp(deps: ApiDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: deps.config.captureFileSizeLimit,
    // EPCIS identifiers (eventIDs, EPC URIs) are long; allow them in paths.
    routerOptions: { maxParamLength: 2048 },
  });
  registerErrorHandler(app);
  registerBodyParsers(app, deps.config.captureFileSizeLimit);
  registerGs1Headers(app);
  await registerOpenApi(app, options.version ?? '0.0.0');

  await app.register(healthRoutes(deps));
  await app.register(eventsRoutes(deps), { prefix: '/epcis' });
  await app.register(captureRoutes(deps), { prefix: '/epcis' });
  await app.register(queriesRoutes(deps), { prefix: '/epcis' });
  await app.register(resourcesRoutes(deps), { prefix: '/epcis' });
  await app.register(optionsRoutes());
  await app.register(referenceRoutes(), { prefix: '/api/reference' });
  await app.register(shipmentsRoutes(deps), { prefix: '/api/shipments' });
  return app;
}
