/**
 * The one error handler: known errors become RFC 7807 problem bodies; everything else is logged and
 * answered with a generic 500 (no stack traces or SQL to clients). Under /epcis the problem types are
 * the EPCIS exception types the standard names; elsewhere they are Karvon's own (src/errors.ts).
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { KarvonError, toProblem, type ErrorCode, type ProblemVocabulary } from '../../errors.js';
import type { ValidationIssue } from '../../epcis/exceptions.js';

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

/** One Ajv finding, as Fastify hands it on (only the fields read here). */
interface SchemaFinding {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The JSON pointer of a finding inside its part, down to the unknown or missing property it names. */
function pointerOf(finding: SchemaFinding): string {
  const named = finding.keyword === 'additionalProperties' ? finding.params.additionalProperty : finding.keyword === 'required' ? finding.params.missingProperty : undefined;
  return typeof named === 'string' ? `${finding.instancePath}/${named.replace(/~/g, '~0').replace(/\//g, '~1')}` : finding.instancePath;
}

/** Where a finding is, as a reader would write it: body.hours, querystring.limit, body.goods.0.grossKg. */
function placeOf(part: string, pointer: string): string {
  return pointer === '' ? part : `${part}${pointer.split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')}`;
}

function describeFinding(part: string, finding: SchemaFinding): ValidationIssue {
  const pointer = pointerOf(finding);
  const place = placeOf(part, pointer);
  let message: string;
  if (finding.keyword === 'additionalProperties') {
    message = part === 'querystring' ? `Unknown query parameter '${String(finding.params.additionalProperty)}' (${place})` : `${place} is not a field this route takes`;
  } else if (finding.keyword === 'required') {
    message = `${place} is required (must have required property '${String(finding.params.missingProperty)}')`;
  } else if (finding.keyword === 'enum' && Array.isArray(finding.params.allowedValues)) {
    message = `${place} must be one of ${finding.params.allowedValues.join(', ')}`;
  } else {
    message = `${place} ${finding.message ?? 'is not valid'}`;
  }
  return { pointer, message };
}

/**
 * A schema validation failure as a problem naming every finding and where it is. The body's findings
 * are validation problems; the query string's and path's are parameter problems.
 */
function fromSchemaValidation(error: FastifyError & { validation?: SchemaFinding[]; validationContext?: string }): KarvonError {
  const part = error.validationContext ?? 'request';
  // An if/then/else finding only says that a branch failed; the branch's own findings say what.
  const issues = (error.validation ?? []).filter((finding) => finding.keyword !== 'if').map((finding) => describeFinding(part, finding));
  const code: ErrorCode = part === 'body' ? 'KRV_VALIDATION' : 'KRV_QUERY_PARAMETER';
  const detail = issues.length > 0 ? issues.map((issue) => issue.message).join('; ') : error.message;
  return new KarvonError(code, detail, issues);
}

function fromFastify(error: FastifyError): KarvonError | undefined {
  if (error.code === 'FST_ERR_VALIDATION' || 'validation' in error) return fromSchemaValidation(error);
  const code = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (code) return new KarvonError(code, error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new KarvonError(error.statusCode === 413 ? 'KRV_BODY_TOO_LARGE' : 'KRV_MALFORMED_BODY', error.message);
  }
  return undefined;
}

/** The EPCIS endpoints answer in the standard's vocabulary, every other route in Karvon's. */
export function vocabularyOf(request: Pick<FastifyRequest, 'url'>): ProblemVocabulary {
  return /^\/epcis(?:[/?#]|$)/.test(request.url) ? 'epcis' : 'karvon';
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const fromFastifyItself =
      error instanceof Error && (('validation' in error && Array.isArray((error as { validation?: unknown }).validation)) || (typeof error.code === 'string' && error.code.startsWith('FST_')));
    const mapped = fromFastifyItself ? fromFastify(error) : undefined;
    const { problem, known } = toProblem(mapped ?? error, vocabularyOf(request));
    if (!known) request.log.error({ err: error }, 'unhandled error');
    // "Not ready" is the node telling a probe to wait (start-up, catching up): worth a line, not an alarm.
    else if (problem.code === 'KRV_NOT_READY') request.log.info({ code: problem.code }, problem.detail);
    else if (problem.status >= 500) request.log.error({ err: error }, problem.detail);
    problem.instance = request.url;
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const { problem } = toProblem(new KarvonError('KRV_NO_SUCH_RESOURCE', `There is no resource at ${request.method} ${request.url}`), vocabularyOf(request));
    problem.instance = request.url;
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });
}
