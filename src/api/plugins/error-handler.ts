/**
 * The one error handler: known errors become RFC 7807 problem bodies with the EPCIS exception type;
 * everything else is logged and answered with a generic 500 (no stack traces or SQL to clients).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { KarvonError, toProblem, type ErrorCode } from '../../errors.js';

/** Fastify's own client errors, mapped onto rows of the error table. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'KRV_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'KRV_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'KRV_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'KRV_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_TYPE: 'KRV_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'KRV_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'KRV_QUERY_PARAMETER',
  FST_ERR_BAD_URL: 'KRV_NO_SUCH_RESOURCE',
};

function fromFastify(error: FastifyError): KarvonError | undefined {
  const code = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (code) return new KarvonError(code, error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new KarvonError(error.statusCode === 413 ? 'KRV_BODY_TOO_LARGE' : 'KRV_MALFORMED_BODY', error.message);
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('FST_')
      ? fromFastify(error)
      : undefined;
    const { problem, known } = toProblem(mapped ?? error);
    if (!known) request.log.error({ err: error }, 'unhandled error');
    else if (problem.status >= 500) request.log.error({ err: error }, problem.detail);
    problem.instance = request.url;
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const { problem } = toProblem(new KarvonError('KRV_NO_SUCH_RESOURCE', `There is no resource at ${request.method} ${request.url}`));
    problem.instance = request.url;
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });
}
