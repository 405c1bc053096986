// A rule of governance-rules.ts that says no, as the error the caller sees (its code and message).
import { KarvonError } from '../errors.js';
import type { GovernanceProblem } from './governance-rules.js';

export const refusal = (problem: GovernanceProblem): KarvonError => new KarvonError(problem.code, problem.message);
