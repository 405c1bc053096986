/**
 * The one table of Karvon's error codes. Every error a client can see has a row here: its HTTP
 * status, its title, and the two problem types it is reported under: Karvon's own
 * (https://ns.karvon.org/problems/<kebab-name>, outside the EPCIS endpoints) and the EPCIS exception
 * type (under /epcis, where the standard names the types). Codes are never reused for a different
 * meaning. docs/errors.md lists every row; a test keeps it in step with this table.
 */
import { EpcisException, type EpcisExceptionType, type ValidationIssue } from './epcis/exceptions.js';

interface ErrorRow {
  status: number;
  /** The EPCIS exception type the code is reported as under /epcis. */
  exception: EpcisExceptionType;
  title: string;
}

/** Where Karvon's own problem types live; a type is this plus the code's kebab-case name. */
export const KARVON_PROBLEM_BASE = 'https://ns.karvon.org/problems/';

export const ERROR_TABLE = {
  KRV_VALIDATION: { status: 400, exception: 'ValidationException', title: 'The request or the EPCIS document is not valid' },
  KRV_MALFORMED_BODY: { status: 400, exception: 'ValidationException', title: 'The request body could not be parsed' },
  KRV_QUERY_PARAMETER: { status: 400, exception: 'QueryParameterException', title: 'A query parameter is unknown or malformed' },
  KRV_QUERY_TOO_LARGE: { status: 413, exception: 'QueryTooLargeException', title: 'The query would return more events than allowed' },
  KRV_QUERY_TOO_COMPLEX: { status: 413, exception: 'QueryTooComplexException', title: 'The query is too complex to execute' },
  KRV_NO_SUCH_RESOURCE: { status: 404, exception: 'NoSuchResourceException', title: 'The resource does not exist' },
  KRV_NO_SUCH_NAME: { status: 404, exception: 'NoSuchNameException', title: 'No query with this name exists' },
  KRV_DUPLICATE_NAME: { status: 409, exception: 'DuplicateNameException', title: 'A query with this name already exists' },
  KRV_ALREADY_EXISTS: { status: 409, exception: 'ResourceAlreadyExistsException', title: 'The resource already exists' },
  KRV_CONFLICT: { status: 409, exception: 'ValidationException', title: 'The request conflicts with the current state of the resource' },
  KRV_EVENT_ID_TAKEN: { status: 409, exception: 'ResourceAlreadyExistsException', title: 'The eventID names another event already stored' },
  KRV_CAPTURE_LIMIT: { status: 413, exception: 'CaptureLimitExceededException', title: 'The capture exceeds the capture limits' },
  KRV_BODY_TOO_LARGE: { status: 413, exception: 'CaptureLimitExceededException', title: 'The request body is larger than allowed' },
  KRV_NOT_ACCEPTABLE: { status: 406, exception: 'NotAcceptableException', title: 'No acceptable representation is available' },
  KRV_UNSUPPORTED_MEDIA_TYPE: { status: 415, exception: 'UnsupportedMediaTypeException', title: 'The content type is not supported' },
  KRV_METHOD_NOT_ALLOWED: { status: 405, exception: 'MethodNotAllowedException', title: 'The method is not allowed on this resource' },
  KRV_UNAUTHORIZED: { status: 401, exception: 'SecurityException', title: 'Authentication is required' },
  KRV_FORBIDDEN: { status: 403, exception: 'SecurityException', title: 'The caller may not do this' },
  KRV_TOO_MANY_REQUESTS: { status: 429, exception: 'SecurityException', title: 'Too many requests; slow down (see Retry-After)' },
  KRV_NOT_READY: { status: 503, exception: 'ImplementationException', title: 'The service is not ready' },
  KRV_INTERNAL: { status: 500, exception: 'ImplementationException', title: 'An internal error occurred' },
} as const satisfies Record<string, ErrorRow>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** Which vocabulary a problem is typed in: the EPCIS endpoints keep the standard's exception types. */
export type ProblemVocabulary = 'karvon' | 'epcis';

/** Karvon's own problem type of a code: KRV_NO_SUCH_RESOURCE is https://ns.karvon.org/problems/no-such-resource. */
export function karvonProblemType(code: ErrorCode): string {
  return KARVON_PROBLEM_BASE + code.replace(/^KRV_/, '').toLowerCase().replace(/_/g, '-');
}

/** The EPCIS problem type of a code, e.g. epcisException:ValidationException. */
export function epcisProblemType(code: ErrorCode): string {
  return `epcisException:${ERROR_TABLE[code].exception}`;
}

export function problemTypeOf(code: ErrorCode, vocabulary: ProblemVocabulary): string {
  return vocabulary === 'epcis' ? epcisProblemType(code) : karvonProblemType(code);
}

/** Which row an exception raised by the pure EPCIS core is reported under. */
const CODE_OF_EPCIS_EXCEPTION: Partial<Record<EpcisExceptionType, ErrorCode>> = {
  ValidationException: 'KRV_VALIDATION',
  QueryParameterException: 'KRV_QUERY_PARAMETER',
  QueryTooLargeException: 'KRV_QUERY_TOO_LARGE',
  QueryTooComplexException: 'KRV_QUERY_TOO_COMPLEX',
  NoSuchResourceException: 'KRV_NO_SUCH_RESOURCE',
  NoSuchNameException: 'KRV_NO_SUCH_NAME',
  DuplicateNameException: 'KRV_DUPLICATE_NAME',
  CaptureLimitExceededException: 'KRV_CAPTURE_LIMIT',
  NotAcceptableException: 'KRV_NOT_ACCEPTABLE',
  UnsupportedMediaTypeException: 'KRV_UNSUPPORTED_MEDIA_TYPE',
  SecurityException: 'KRV_FORBIDDEN',
};

/** An error with a row in the table, a message for the user and, optionally, where it was found. */
export class KarvonError extends Error {
  override readonly name = 'KarvonError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_TABLE[this.code].status;
  }
}

/** RFC 7807 problem details, as every error response body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  issues?: ValidationIssue[];
}

/**
 * Turns any thrown value into a problem; unknown errors become a generic 500 without details. The
 * type is Karvon's own unless the caller asks for the EPCIS vocabulary (the /epcis endpoints).
 */
export function toProblem(error: unknown, vocabulary: ProblemVocabulary = 'karvon'): { problem: Problem; known: boolean } {
  let known: KarvonError | undefined;
  if (error instanceof KarvonError) known = error;
  else if (error instanceof EpcisException) {
    known = new KarvonError(CODE_OF_EPCIS_EXCEPTION[error.type] ?? 'KRV_INTERNAL', error.message, error.issues);
  }
  if (!known) {
    const row = ERROR_TABLE.KRV_INTERNAL;
    return {
      known: false,
      problem: {
        type: problemTypeOf('KRV_INTERNAL', vocabulary),
        title: row.title,
        status: row.status,
        detail: 'The server could not complete the request. The error has been logged.',
        code: 'KRV_INTERNAL',
      },
    };
  }
  const row = ERROR_TABLE[known.code];
  const problem: Problem = {
    type: problemTypeOf(known.code, vocabulary),
    title: row.title,
    status: row.status,
    detail: known.message,
    code: known.code,
  };
  if (known.issues.length > 0) problem.issues = known.issues;
  return { problem, known: true };
}
