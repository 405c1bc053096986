/**
 * The rate limit per caller: one bucket per API key, per person (all of a user's sessions) and for
 * the bootstrap token, keyed by who authenticated rather than by how the credential was written.
 *
 * Registered right after the authentication plugin, so it runs once the caller is known. Requests
 * without credentials, and requests whose credentials fail, have no caller: the per-address limit
 * of hardening.ts (which runs before authentication) is theirs. Keying by a key id parsed from an
 * unchecked header instead would let anyone who knows a key's id use up that key's requests.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../model/access.js';
import type { ApiDeps } from '../deps.js';
import { enforceBucket, exemptFromRateLimits } from './hardening.js';
import { TokenBuckets } from './token-buckets.js';

const MINUTE_MS = 60_000;

/** The bucket of an authenticated caller. A person signed in twice is one caller, not two. */
export function callerBucketKey(principal: Principal): string {
  if (principal.via === 'api-key') return `key:${principal.keyId}`;
  if (principal.via === 'session') return `user:${principal.userId}`;
  return 'bootstrap';
}

export function registerCallerRateLimit(app: FastifyInstance, deps: Pick<ApiDeps, 'config'>): void {
  const perCaller = new TokenBuckets({ capacity: deps.config.rateLimitPerKey, windowMs: MINUTE_MS });
  app.addHook('onRequest', async (request, reply) => {
    if (request.principal === undefined || exemptFromRateLimits(request)) return;
    enforceBucket(reply, perCaller.take(callerBucketKey(request.principal)), request.principal.via === 'session' ? 'this user' : 'this API key');
  });
}
