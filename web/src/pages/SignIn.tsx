/**
 * Sign in with email and password (POST /api/auth/sign-in sets the session cookie). While the
 * server runs the demo, its demo users are listed (GET /api/auth/demo-sign-ins): picking one fills
 * in its email and the demo's published password.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText, type DemoSignIn } from '../api/client';
import type { paths } from '../api/schema';

export type SignedIn = paths['/api/auth/sign-in']['post']['responses']['200']['content']['application/json'];

export function SignIn({ onSignedIn }: { onSignedIn: (result: SignedIn) => void }) {
  const { t } = useTranslation();
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string>();
  const [demo, setDemo] = useState<DemoSignIn[]>([]);

  useEffect(() => {
    let current = true;
    api
      .GET('/api/auth/demo-sign-ins')
      .then(({ data }) => {
        if (current && data) setDemo(data.signIns);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(undefined);
    try {
      const { data, error: problem } = await api.POST('/api/auth/sign-in', { body: { email, password } });
      if (data) onSignedIn(data);
      else setError(problemText(problem) ?? t('signIn.failed'));
    } catch {
      setError(t('error.unreachable'));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="sign-in-title" className="card">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate={false}>
        <div className="field">
          <label htmlFor={emailId}>{t('signIn.email')}</label>
          <input id={emailId} type="email" name="email" autoComplete="username" dir="ltr" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('signIn.password')}</label>
          <input id={passwordId} type="password" name="password" autoComplete="current-password" dir="ltr" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={working}>
          {working ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
      {demo.length > 0 && (
        <section aria-labelledby="demo-title" className="demo">
          <h2 id="demo-title">{t('signIn.demoTitle')}</h2>
          <p>{t('signIn.demoIntro')}</p>
          <ul className="demo-list">
            {demo.map((user) => (
              <li key={user.email}>
                <button type="button" className="link-button" onClick={() => {
                  setEmail(user.email);
                  setPassword(user.password);
                }}>
                  {t('signIn.useDemo', { email: user.email, organisation: user.organisation })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
