/**
 * What a route requires of its caller. The authentication plugin (plugins/authentication.ts) puts
 * the caller's Principal on the request; every route is closed unless it says `config: { public:
 * true }`, and routes that need more than a signed-in caller ask for a scope here.
 */
import type { FastifyRequest } from 'fastify';
import { hasScope, type KeyScope, type Principal } from '../model/access.js';
import { readScopeOf } from '../access/visibility.js';
import type { ReadScope } from '../model/visibility-scope.js';
import { KarvonError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; undefined on public routes called without credentials. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Callable without credentials (health, reference data, sign-in, public tracking links). */
    public?: boolean;
  }
}

/** The caller, or 401. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new KarvonError('KRV_UNAUTHORIZED', 'Sign in, or send an API key as "Authorization: Bearer <key>"');
  return request.principal;
}

/** The caller if it holds `scope`, else 403 (401 without credentials). */
export function requireScope(request: FastifyRequest, scope: KeyScope): Principal {
  const principal = principalOf(request);
  if (!hasScope(principal, scope)) {
    throw new KarvonError('KRV_FORBIDDEN', `This needs the '${scope}' right, which ${principal.keyId ? 'this API key' : 'your role'} does not have`);
  }
  return principal;
}

/** What the caller may read (the visibility policy), after checking it may read at all. */
export function readScope(request: FastifyRequest): ReadScope {
  return readScopeOf(requireScope(request, 'read'));
}

/** For routes that serve shipment or event details: refuses callers that see aggregates only. */
export function detailScope(request: FastifyRequest): Exclude<ReadScope, { kind: 'aggregates' }> {
  const scope = readScope(request);
  if (scope.kind === 'aggregates') {
    throw new KarvonError('KRV_FORBIDDEN', 'The secretariat and the council see aggregate statistics only (/api/statistics), not shipments or events');
  }
  return scope;
}
