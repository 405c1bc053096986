/**
 * The part every form of these pages shares: send, and on refusal put the server's findings next to
 * their fields (form-problem.ts) and say the rest above the submit button. The server is the one
 * that checks: the form does not repeat its rules.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formProblemOf, NO_PROBLEM, type FormProblem } from './form-problem';

interface Sent<T> {
  readonly data?: T;
  readonly error?: unknown;
}

export function useServerForm<T>(fields: readonly string[], refusedText: string, send: () => Promise<Sent<T>>, done: (data: T) => void) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [working, setWorking] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setProblem(NO_PROBLEM);
    void send()
      .then(({ data, error }) => (data !== undefined ? done(data) : setProblem(formProblemOf(error, fields, refusedText))))
      .catch(() => setProblem({ fields: {}, general: t('error.unreachable') }))
      .finally(() => setWorking(false));
  };
  return { problem, working, onSubmit };
}

/** What the server said about the form as a whole, then the submit button. */
export function FormEnd({ problem, working, submitText }: { problem: FormProblem; working: boolean; submitText: string }) {
  return (
    <>
      {problem.general && (
        <p role="alert" className="error">
          {problem.general}
        </p>
      )}
      <button type="submit" disabled={working}>
        {submitText}
      </button>
    </>
  );
}
