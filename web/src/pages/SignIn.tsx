/**
 * Sign in with email and password (POST /api/auth/sign-in sets the session cookie). While the
 * server runs the demo, its demo users are listed (GET /api/auth/demo-sign-ins): picking one fills
 * in its email and the demo's published password.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, problemText, type DemoSignIn } from '../api/client';
import { useSession } from '../session';

/** Where to go after signing in: the page asked for, if it is one of ours (never another site). */
function nextPage(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = nextPage(search.get('next'));
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
      if (data) {
        signedIn(data, data.expiresAt);
        void navigate(next, { replace: true });
      }
      else setError(problemText(problem) ?? t('signIn.failed'));
    } catch {
      setError(t('error.unreachable'));
    } finally {
      setWorking(false);
    }
  };

  if (session.state === 'signed-in') return <Navigate to={next} replace />;
  return (
    <section aria-labelledby="sign-in-title" className="card narrow">
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
