/**
 * JSON bodies of the access routes (sign-in, organisations, users, keys). Requiring
 * `application/json` on these POSTs is also a CSRF defence for cookie sessions: a cross-site form can
 * only send urlencoded, multipart or text/plain bodies, and a cross-site script that wants to send
 * JSON must pass a CORS preflight, which the server does not grant (CORS is closed by default).
 * Fastify parses the JSON and the route's schema checks its shape before the handler runs.
 */
import type { FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';

export function requireJsonContentType(request: FastifyRequest): void {
  const type = request.headers['content-type'];
  if (!/^application\/json\s*(;|$)/i.test(type ?? '')) {
    throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', `Send this request as application/json, not ${type ?? 'without a content type'}`);
  }
}

/** The body as a JSON object (415 unless sent as JSON, 400 when absent or not an object). */
export function jsonObjectBody(request: FastifyRequest, what: string): Record<string, unknown> {
  requireJsonContentType(request);
  const body = request.body;
  if (body === undefined || body === null) throw new KarvonError('KRV_MALFORMED_BODY', `The request has no body: send ${what} as a JSON object`);
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new KarvonError('KRV_VALIDATION', `${what} must be a JSON object`, [{ pointer: '', message: 'expected a JSON object' }]);
  }
  return body as Record<string, unknown>;
}
