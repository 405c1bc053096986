/**
 * The HTTP application factory: builds a Fastify instance with every feature plugin, apart from
 * listen(), so tests drive it with inject() and the CLI decides where it listens.
 */
import cookie from '@fastify/cookie';
import ajvFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { trustProxyOption } from './client-address.js';
import { registerAuthentication } from './plugins/authentication.js';
import { registerBodyLimits } from './plugins/body-limits.js';
import { registerEpcisBodyParsers } from './plugins/body-parsers.js';
import { registerCors } from './plugins/cors.js';
import { registerRateLimits, type RateLimitStorage } from './plugins/rate-limits.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerWebApp } from './plugins/web-app.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerGs1Headers } from './plugins/gs1-headers.js';
import { registerOpenApi } from './openapi.js';
import type { ApiDeps } from './deps.js';
import { MAX_IDENTIFIER_LENGTH } from '../epcis/validate/index.js';
import { accessRoutes } from './routes/access.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { authRoutes, type DemoSignIn } from './routes/auth.routes.js';
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
import { registrationChangesRoutes } from './routes/registration-changes.routes.js';
import { alertsRoutes } from './routes/alerts.routes.js';
import { devicesRoutes } from './routes/devices.routes.js';
import { telemetryRoutes } from './routes/telemetry.routes.js';

// ajv-formats is CommonJS: its plugin is the module's `default` export, typed for its own options.
type AjvPlugin = NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number];
const addFormats = ajvFormats.default as unknown as AjvPlugin;

export interface BuildOptions {
  version?: string;
  /**
   * Where the rate limits count: in this process by default; a shared store (Redis) lets several
   * server processes share them (see plugins/rate-limits.ts).
   */
  rateLimitStorage?: RateLimitStorage;
  /** The demo's users while this server runs the demo (GET /api/auth/demo-sign-ins); none by default. */
  demoSignIns?: () => readonly DemoSignIn[];
  /** The built web app served at / (default: the package's web/dist; see plugins/web-app.ts). */
  webRoot?: string;
}

export async function buildApp(deps: ApiDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  // The runtime's logger: requests are logged with the same redaction as everything else. (Typed as
  // Fastify's logger, so that the app and its plugins keep Fastify's default instance type.)
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // Only the one proxy in front of Karvon is believed about the client's address and protocol.
    trustProxy: trustProxyOption(deps.config),
    // EPCIS identifiers (eventIDs, EPC URIs) are long; allow them in paths. The router counts the
    // decoded parameter, and validation keeps identifiers within MAX_IDENTIFIER_LENGTH, so every
    // eventID a Location names can be fetched.
    routerOptions: { maxParamLength: Math.max(2048, MAX_IDENTIFIER_LENGTH) },
    // Validation refuses what it does not know instead of stripping it (Fastify's default drops
    // unknown fields silently: {"hours": 1000} would give a default link with 201), and reports
    // every finding at once. Query parameters arrive as text and are coerced to the schema's types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true }, plugins: [addFormats] },
  });
  registerErrorHandler(app);
  // Security headers, CORS and the address rate limit first: they apply to every request, known
  // caller or not; the limit per caller once authentication knows who it is.
  await registerSecurityHeaders(app);
  await registerCors(app, deps.config);
  const rateLimits = await registerRateLimits(app, deps.config, options.rateLimitStorage);
  app.addHook('onRequest', rateLimits.perAddress);
  await app.register(cookie);
  registerAuthentication(app, deps);
  app.addHook('onRequest', rateLimits.perCaller);
  registerBodyLimits(app, deps.config.captureFileSizeLimit);
  // Outside /epcis Fastify parses JSON bodies itself, and only JSON: a text/plain body (which a
  // cross-site form can send without a CORS preflight) is a 415.
  app.removeContentTypeParser('text/plain');
  registerGs1Headers(app);
  await registerOpenApi(app, options.version ?? '0.0.0');

  await app.register(healthRoutes(deps));
  // The EPCIS bindings read their bodies as raw bytes (JSON-LD, XML, streamed capture documents):
  // their parsers are registered in this scope only.
  await app.register(
    async (epcis) => {
      registerEpcisBodyParsers(epcis, deps.config.captureFileSizeLimit);
      await epcis.register(eventsRoutes(deps));
      await epcis.register(captureRoutes(deps));
      await epcis.register(queriesRoutes(deps));
      await epcis.register(resourcesRoutes(deps));
    },
    { prefix: '/epcis' },
  );
  await app.register(optionsRoutes());
  await app.register(referenceRoutes(), { prefix: '/api/reference' });
  await app.register(shipmentsRoutes(deps), { prefix: '/api/shipments' });
  await app.register(registrationChangesRoutes(deps), { prefix: '/api/shipments' });
  await app.register(authRoutes(deps, options.demoSignIns), { prefix: '/api/auth' });
  await app.register(accessRoutes(deps), { prefix: '/api' });
  await app.register(publicLinkRoutes(deps), { prefix: '/api' });
  await app.register(statisticsRoutes(deps), { prefix: '/api/statistics' });
  await app.register(statusRoutes(deps), { prefix: '/api/status' });
  await app.register(governanceRoutes(deps), { prefix: '/api/governance' });
  await app.register(auditRoutes(deps), { prefix: '/api/audit' });
  await app.register(devicesRoutes(deps), { prefix: '/api' });
  await app.register(telemetryRoutes(deps), { prefix: '/api' });
  await app.register(alertsRoutes(deps), { prefix: '/api' });
  await registerWebApp(app, options.webRoot);
  return app;
}
