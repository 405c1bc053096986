/**
 * A refused form as the form shows it: the server's problem (RFC 7807) names each finding with the
 * JSON pointer of the field it is about, so each message goes next to its field; what names no
 * field of the form (or the problem's detail when nothing does) is said above the button.
 */
import { problemText } from '../../api/client';

export interface FormProblem {
  /** Messages by top-level field name ('/partyIds/2' belongs to 'partyIds'). */
  readonly fields: Readonly<Record<string, string>>;
  /** What to say for the form as a whole, if anything. */
  readonly general?: string;
}

export const NO_PROBLEM: FormProblem = { fields: {} };

export function formProblemOf(problem: unknown, formFields: readonly string[], fallback: string): FormProblem {
  const issues = typeof problem === 'object' && problem !== null && Array.isArray((problem as { issues?: unknown }).issues)
    ? ((problem as { issues: { pointer?: string; message: string }[] }).issues)
    : [];
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const issue of issues) {
    const field = issue.pointer?.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    if (field && formFields.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
    else elsewhere.push(issue.message);
  }
  const general = elsewhere.length > 0 ? elsewhere.join(' ') : Object.keys(fields).length === 0 ? (problemText(problem) ?? fallback) : undefined;
  return { fields, ...(general ? { general } : {}) };
}
