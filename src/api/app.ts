/**
 * The HTTP application factory: builds a Fastify instance with every feature plugin, apart from
 * listen(), so tests drive it with inject() and the CLI decides where it listens.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthentication } from './plugins/authentication.js';
import { registerBodyParsers } from './plugins/body-parsers.js';
import { registerCallerRateLimit } from './plugins/caller-rate-limit.js';
import { LOG_REDACTION, registerHardening, trustProxyOption } from './plugins/hardening.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerGs1Headers } from './plugins/gs1-headers.js';
import { registerOpenApi } from './openapi.js';
import type { ApiDeps } from './deps.js';
import { MAX_IDENTIFIER_LENGTH } from '../epcis/validate/index.js';
import { accessRoutes } from './routes/access.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { captureRoutes } from './routes/capture.routes.js';
import { governanceRoutes } from './routes/governance.routes.js';
import { publicLinkRoutes } from './routes/public-links.routes.js';
import { statisticsRoutes } from './routes/statistics.routes.js';
import { statusRoutes } from './routes/status.routes.js';
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
  const logger = options.logger ?? false;
  const app = Fastify({
    // Credentials never reach the logs, whatever logs a request's headers.
    logger:
      logger === false
        ? false
        : {
            ...(logger === true ? {} : logger),
            redact: LOG_REDACTION,
            // A public tracking link's token is in its path: log the path without it.
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({
                method: request.method,
                url: request.url.replace(/^(\/api\/public\/track\/)[^/?#]+/, '$1[redacted]'),
                remoteAddress: request.ip,
              }),
            },
          },
    // Only the one proxy in front of Karvon is believed about the client's address and protocol.
    trustProxy: trustProxyOption(deps.config),
    bodyLimit: deps.config.captureFileSizeLimit,
    // EPCIS identifiers (eventIDs, EPC URIs) are long; allow them in paths. The router counts the
    // decoded parameter, and validation keeps identifiers within MAX_IDENTIFIER_LENGTH, so every
    // eventID a Location names can be fetched.
    routerOptions: { maxParamLength: Math.max(2048, MAX_IDENTIFIER_LENGTH) },
  });
  registerErrorHandler(app);
  // The address rate limit, security headers and CORS first: they apply to every request, known
  // caller or not; the limit per caller once authentication knows who it is.
  registerHardening(app, deps);
  registerAuthentication(app, deps);
  registerCallerRateLimit(app, deps);
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
  await app.register(authRoutes(deps), { prefix: '/api/auth' });
  await app.register(accessRoutes(deps), { prefix: '/api' });
  await app.register(publicLinkRoutes(deps), { prefix: '/api' });
  await app.register(statisticsRoutes(deps), { prefix: '/api/statistics' });
  await app.register(statusRoutes(deps), { prefix: '/api/status' });
  await app.register(governanceRoutes(deps), { prefix: '/api/governance' });
  await app.register(auditRoutes(deps), { prefix: '/api/audit' });
  return app;
}
