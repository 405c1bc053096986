/**
 * Two rate limits, counted by @fastify/rate-limit (a fixed window of one minute per key):
 *
 * - per client address, before authentication, on every request whoever sends it (wrong
 *   credentials included, so they cannot be guessed faster than the address limit allows);
 * - per caller, once authentication knows who it is: one count per API key, per person (all of a
 *   user's sessions together) and for the bootstrap token. Keyed by who authenticated, not by the
 *   credential's text, which could be spelled differently ("bEaReR", extra spaces) to escape, nor by
 *   a key id parsed from an unchecked header, which would let anyone use up another key's requests.
 *
 * The plugin's own hook runs once per request (it marks the request), so both limits use its manual
 * limiter (`createRateLimit`) from hooks placed around authentication in app.ts. A request over a
 * limit gets 429 with Retry-After (seconds until its window ends) and the KRV_TOO_MANY_REQUESTS
 * problem from the error handler.
 *
 * Counts live in the process (the plugin's LRU store) unless `storage` says otherwise: several
 * server processes share their limits by passing `{ redis: <ioredis client> }` (the plugin's Redis
 * store, which needs the `ioredis` package) or `{ store: <store class> }`.
 */
import rateLimit, { type CreateRateLimitOptions, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import type { KarvonConfig } from '../../config/config.js';

/** Where the counts are kept: the plugin's options for a shared store (see the file comment). */
export type RateLimitStorage = Pick<RateLimitPluginOptions, 'redis' | 'nameSpace' | 'store'>;

const WINDOW_MS = 60_000;
/** Keys counted in memory at most; past it the least recently used are forgotten (forgiven). */
const MAX_COUNTED_KEYS = 100_000;
const EXEMPT_FROM_RATE_LIMITS = new Set(['/health', '/ready']);

type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface RateLimitHooks {
  /** Add before authentication. */
  perAddress: LimitHook;
  /** Add after authentication. */
  perCaller: LimitHook;
}

/** The count of an authenticated caller. A person signed in twice is one caller, not two. */
export function callerKey(principal: Principal): string {
  if (principal.via === 'api-key') return `key:${principal.keyId}`;
  if (principal.via === 'session') return `user:${principal.userId}`;
  return 'bootstrap';
}

export async function registerRateLimits(
  app: FastifyInstance,
  config: Pick<KarvonConfig, 'rateLimitPerAddress' | 'rateLimitPerKey'>,
  storage: RateLimitStorage = {},
): Promise<RateLimitHooks> {
  await app.register(rateLimit, { global: false, timeWindow: WINDOW_MS, ...storage });
  // Each limiter counts in a child of the plugin's store, made from the limiter's own options: the
  // in-memory one takes its size from `cache`, which the plugin's types leave out of these options.
  const sized = (options: CreateRateLimitOptions): CreateRateLimitOptions => ({ ...options, cache: MAX_COUNTED_KEYS }) as CreateRateLimitOptions;
  // The plugin's default key is the client address (an IPv6 address by its /64 network).
  const perAddress = app.createRateLimit(sized({ max: config.rateLimitPerAddress, allowList: (request) => exemptFromRateLimits(request) }));
  const perCaller = app.createRateLimit(sized({
    max: config.rateLimitPerKey,
    keyGenerator: (request) => (request.principal ? callerKey(request.principal) : ''),
    // Without a caller (anonymous or refused credentials) the address limit is the only one.
    allowList: (request) => request.principal === undefined || exemptFromRateLimits(request),
  }));
  return {
    perAddress: async (request, reply) => refuseOverLimit(reply, await perAddress(request), 'this address'),
    perCaller: async (request, reply) =>
      refuseOverLimit(reply, await perCaller(request), request.principal?.via === 'session' ? 'this user' : 'this API key'),
  };
}

type LimitResult = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

function refuseOverLimit(reply: FastifyReply, limit: LimitResult, who: string): void {
  if (limit.isAllowed || !limit.isExceeded) return;
  const seconds = Math.max(1, limit.ttlInSeconds);
  void reply.header('Retry-After', String(seconds));
  throw new KarvonError('KRV_TOO_MANY_REQUESTS', `Too many requests from ${who}; try again in ${seconds} s`);
}

/** /health and /ready answer whoever asks, however often (monitoring must never be refused). */
function exemptFromRateLimits(request: FastifyRequest): boolean {
  const query = request.url.indexOf('?');
  return EXEMPT_FROM_RATE_LIMITS.has(query < 0 ? request.url : request.url.slice(0, query));
}
