/**
 * The exceptions the EPCIS 2.0 standard names. The pure core throws only these; the HTTP layer maps
 * each name to a status through the one error table (src/errors.ts).
 */
export const EPCIS_EXCEPTION_TYPES = [
  'ValidationException',
  'QueryParameterException',
  'QueryTooLargeException',
  'QueryTooComplexException',
  'NoSuchNameException',
  'NoSuchResourceException',
  'NoSuchSubscriptionException',
  'DuplicateNameException',
  'DuplicateSubscriptionException',
  'InvalidURIException',
  'SubscribeNotPermittedException',
  'SubscriptionControlsException',
  'CaptureLimitExceededException',
  'SecurityException',
  'ImplementationException',
  'NotAcceptableException',
  'UnsupportedMediaTypeException',
  'MethodNotAllowedException',
  'ResourceAlreadyExistsException',
] as const;
export type EpcisExceptionType = (typeof EPCIS_EXCEPTION_TYPES)[number];

/** Where in the input a problem was found: a JSON pointer, or an XML path with line and column. */
export interface ProblemLocation {
  /** JSON pointer into the document (JSON-LD input) or into the event model (XML input). */
  pointer?: string;
  /** Slash-separated element path for XML input, e.g. /EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action */
  xmlPath?: string;
  line?: number;
  column?: number;
}

/** One finding of validation: where, and what was expected. */
export interface ValidationIssue extends ProblemLocation {
  message: string;
  /**
   * 'warning' marks a data-quality finding (a GS1 key whose check digit does not compute, a CBV-looking
   * term the CBV does not define) on input the EPCIS 2.0.1 schema accepts: reported, never refused.
   * Absent means an error.
   */
  severity?: 'warning';
}

/** Whether an issue is a warning (reported, not refused). */
export function isWarning(issue: ValidationIssue): boolean {
  return issue.severity === 'warning';
}

/** An error in the standard's own vocabulary, raised by the pure EPCIS core. */
export class EpcisException extends Error {
  override readonly name = 'EpcisException';
  constructor(
    readonly type: EpcisExceptionType,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
  }
}

/** Shorthand for the most common case: a document or event that breaks the rules. */
export function validationError(message: string, issues: ValidationIssue[] = []): EpcisException {
  return new EpcisException('ValidationException', message, issues);
}
