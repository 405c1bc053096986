/**
 * The typed client of Karvon's HTTP API. `paths` is generated from the server's own /openapi.json
 * (npm run web:api writes schema.d.ts), so a change of the contract breaks this app's type check.
 * Same origin: the session cookie of POST /api/auth/sign-in goes with every request.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** Who the caller is (GET /api/auth/me). */
export type Me = paths['/api/auth/me']['get']['responses']['200']['content']['application/json'];
/** A demo user the sign-in page lists (GET /api/auth/demo-sign-ins). */
export type DemoSignIn = paths['/api/auth/demo-sign-ins']['get']['responses']['200']['content']['application/json']['signIns'][number];
/** An RFC 7807 problem document, as every error of the sign-in answers (and of the API). */
type SignInProblem = paths['/api/auth/sign-in']['post']['responses']['4XX']['content'];
export type Problem = SignInProblem[keyof SignInProblem];

/** The words of a problem to show a person: its detail, else its title. */
export function problemText(problem: unknown): string | undefined {
  if (typeof problem !== 'object' || problem === null) return undefined;
  const { detail, title } = problem as Problem;
  return detail ?? title;
}
