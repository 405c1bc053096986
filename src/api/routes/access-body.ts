/**
 * JSON bodies of the access routes (sign-in, organisations, users, keys). Requiring
 * `application/json` on these POSTs is also a CSRF defence for cookie sessions: a cross-site form can
 * only send urlencoded, multipart or text/plain bodies, and a cross-site script that wants to send
 * JSON must pass a CORS preflight, which the server does not grant (CORS is closed by default).
 */
import type { FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';

export function requireJsonContentType(request: FastifyRequest): void {
  const type = request.headers['content-type'];
  if (!/^application\/json\s*(;|$)/i.test(type ?? '')) {
    throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', `Send this request as application/json, not ${type ?? 'without a content type'}`);
  }
}

/** The body as a JSON object (400 otherwise); `allowEmpty` gives {} for an empty body. */
export function jsonObjectBody(request: FastifyRequest, what: string, allowEmpty = false): Record<string, unknown> {
  requireJsonContentType(request);
  const body = request.body;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (text.trim() === '') {
    if (allowEmpty) return {};
    throw new KarvonError('KRV_MALFORMED_BODY', `The request has no body: send ${what} as a JSON object`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KarvonError('KRV_MALFORMED_BODY', `${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KarvonError('KRV_VALIDATION', `${what} must be a JSON object`, [{ pointer: '', message: 'expected a JSON object' }]);
  }
  return parsed as Record<string, unknown>;
}
