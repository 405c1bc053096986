/**
 * What every request goes through before anything else looks at it: the rate limit per client
 * address, a 1 MiB body limit outside capture, CORS (closed unless an origin is listed) and the
 * security headers of every response.
 *
 * Registered before the authentication plugin, so the caller is not known yet. The limit per API
 * key or person is applied once it is (caller-rate-limit.ts): a bucket keyed by the credential's
 * text could be escaped by spelling the same key differently ("bEaReR", extra spaces).
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ITEM_LIMIT_HEADERS } from '../../capture/list-items.js';
import { KarvonError } from '../../errors.js';
import type { KarvonConfig } from '../../config/config.js';
import type { ApiDeps } from '../deps.js';
import { TokenBuckets } from './token-buckets.js';

/** Largest body of any request that is not an EPCIS capture (sign-in, registrations, governance...). */
export const NON_CAPTURE_BODY_LIMIT = 1024 * 1024;

const MINUTE_MS = 60_000;
const EXEMPT_FROM_RATE_LIMITS = new Set(['/health', '/ready']);

/** Request headers a browser on an allowed origin may send (besides the CORS-safelisted ones). */
const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'if-none-match'];
/** Response headers a browser script may read. */
const CORS_EXPOSED_HEADERS = [
  'Location', 'Link', 'Retry-After', 'GS1-EPCIS-Version', 'GS1-CBV-Version', 'GS1-EPCIS-Min', 'GS1-EPCIS-Max',
  'GS1-CBV-Min', 'GS1-CBV-Max', 'GS1-Next-Page-Token-Expires', 'GS1-EPCIS-Capture-Limit', 'GS1-EPCIS-Capture-File-Size-Limit',
  ITEM_LIMIT_HEADERS.perEvent, ITEM_LIMIT_HEADERS.perDocument,
].join(', ');
const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** An API answers JSON and never needs to load anything, be framed or submit forms. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/**
 * Swagger UI (/docs) loads its scripts, styles and the OpenAPI document from this server, uses
 * data: URIs for its icons and sets inline styles; it has no inline scripts and needs no eval.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Fastify's `trustProxy` for `KARVON_TRUST_PROXY`: trust exactly one hop, the TLS-terminating proxy
 * that connects to us. `true` would trust every X-Forwarded-For entry, so a client could pick its
 * own address (and its own rate-limit bucket); a hop count is refused by Fastify (it fails closed).
 * Set at construction in app.ts: `trustProxy: trustProxyOption(deps.config)`.
 */
export function trustProxyOption(config: Pick<KarvonConfig, 'trustProxy'>): false | ((address: string, hop: number) => boolean) {
  return config.trustProxy ? (_address, hop) => hop === 0 : false;
}

/**
 * pino `redact` for the Fastify logger (app.ts): credentials never reach a log line, whichever
 * serializer or log call put request or response headers there.
 */
export const LOG_REDACTION = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    'headers["set-cookie"]',
  ],
  censor: '[redacted]',
};

export function registerHardening(app: FastifyInstance, deps: Pick<ApiDeps, 'config'>): void {
  const { config } = deps;
  const perAddress = new TokenBuckets({ capacity: config.rateLimitPerAddress, windowMs: MINUTE_MS });
  const allowedOrigins = new Set(config.corsOrigins);

  app.addHook('onRequest', async (request, reply) => {
    const origin = allowedOriginOf(request, allowedOrigins);
    // Set first, so that a browser on an allowed origin can read a 429 or 413 too.
    if (origin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Credentials', 'true');
      reply.header('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    }
    reply.header('Vary', 'Origin');

    if (!exemptFromRateLimits(request)) enforceBucket(reply, perAddress.take(`address:${request.ip}`), 'this address');

    if (isPreflight(request)) return answerPreflight(request, reply, origin);

    const declared = Number(request.headers['content-length']);
    if (!isCapture(request) && Number.isFinite(declared) && declared > NON_CAPTURE_BODY_LIMIT) {
      throw bodyTooLarge();
    }
  });

  // A body sent without Content-Length (chunked) is counted as it arrives.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (isCapture(request)) return payload;
    const limited = new BodyLimit(NON_CAPTURE_BODY_LIMIT);
    // Not pipeline(): that would destroy the request with our error and no 413 could be sent.
    // An aborted upload still ends the limited stream.
    payload.on('error', (error) => limited.destroy(error));
    return payload.pipe(limited);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Content-Security-Policy', isDocs(request) ? DOCS_CSP : API_CSP);
    // Only over TLS: a browser ignores it over plain HTTP, and sending it there would be misleading.
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    reply.removeHeader('X-Powered-By');
  });
}

/** /health and /ready answer whoever asks, however often (monitoring must never be refused). */
export function exemptFromRateLimits(request: FastifyRequest): boolean {
  return EXEMPT_FROM_RATE_LIMITS.has(pathOf(request));
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query < 0 ? request.url : request.url.slice(0, query);
}

function isDocs(request: FastifyRequest): boolean {
  const path = pathOf(request);
  return path === '/docs' || path.startsWith('/docs/');
}

/** The two routes that take EPCIS documents keep the (larger) capture file size limit. */
function isCapture(request: FastifyRequest): boolean {
  if (request.method !== 'POST') return false;
  const path = pathOf(request);
  return path.startsWith('/epcis/capture') || /^\/epcis\/events\/?$/.test(path);
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

function allowedOriginOf(request: FastifyRequest, allowed: ReadonlySet<string>): string | undefined {
  const origin = request.headers.origin;
  return origin !== undefined && allowed.has(origin) ? origin : undefined;
}

/**
 * Answers a CORS preflight itself, before routing (the EPCIS OPTIONS routes answer discovery
 * requests, which carry no Access-Control-Request-Method). An origin that is not listed is refused.
 */
function answerPreflight(request: FastifyRequest, reply: FastifyReply, origin: string | undefined): FastifyReply {
  if (!origin) throw new KarvonError('KRV_FORBIDDEN', `Origin ${request.headers.origin} may not call this API from a browser`);
  const asked = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter((header) => header.length > 0 && (CORS_ALLOWED_HEADERS.includes(header) || header.startsWith('gs1-')));
  reply.header('Access-Control-Allow-Methods', CORS_METHODS);
  if (asked.length > 0) reply.header('Access-Control-Allow-Headers', asked.join(', '));
  reply.header('Access-Control-Max-Age', '600');
  return reply.code(204).send();
}

/** Takes a token, or refuses the request with 429 and Retry-After. */
export function enforceBucket(reply: FastifyReply, result: ReturnType<TokenBuckets['take']>, who: string): void {
  if (result.allowed) return;
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  reply.header('Retry-After', String(seconds));
  throw new KarvonError('KRV_TOO_MANY_REQUESTS', `Too many requests from ${who}; try again in ${seconds} s`);
}

function bodyTooLarge(): KarvonError {
  return new KarvonError('KRV_BODY_TOO_LARGE', `Request bodies are limited to ${NON_CAPTURE_BODY_LIMIT} bytes except EPCIS captures (POST /epcis/capture, POST /epcis/events)`);
}

/** Passes a body through and fails it once it exceeds the limit. */
class BodyLimit extends Transform {
  /** Fastify compares this with Content-Length once the body has been read. */
  receivedEncodedLength = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) done(bodyTooLarge());
    else done(null, chunk);
  }
}
