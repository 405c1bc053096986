/** One thing wrong with a registration: where (JSON pointer into the input), a stable code, and a message for people. */
export interface RegistrationProblem {
  readonly path: string;
  readonly code: RegistrationProblemCode;
  readonly message: string;
}

export type RegistrationProblemCode =
  | 'missing'
  | 'invalid-identifier'
  | 'invalid-value'
  | 'duplicate'
  | 'unknown-location'
  | 'unknown-transport-unit'
  | 'invalid-time'
  | 'arrival-before-departure'
  | 'legs-not-chained'
  | 'legs-overlap'
  | 'mode-impossible'
  | 'unit-mode-mismatch'
  | 'invalid-carriage';

