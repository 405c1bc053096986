/**
 * The app's frame: a header with the language picker and who is signed in, then the sign-in page or
 * the home page. Later steps add pages (shipments, map, alerts, ...) behind the header.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from './api/client';
import { LanguagePicker } from './LanguagePicker';
import { Home } from './pages/Home';
import { SignIn, type SignedIn } from './pages/SignIn';
import { formatDateTime } from './i18n/format';

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'signed-in'; me: Me; expiresAt?: string };

export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const { data } = await api.GET('/api/auth/me').catch(() => ({ data: undefined }));
    setSession(data ? { state: 'signed-in', me: data } : { state: 'anonymous' });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = (result: SignedIn) => setSession({ state: 'signed-in', me: result, expiresAt: result.expiresAt });

  const signOut = async () => {
    await api.POST('/api/auth/sign-out', { body: {} }).catch(() => undefined);
    setSession({ state: 'anonymous' });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="header-tools">
          <LanguagePicker />
          {session.state === 'signed-in' && (
            <div className="whoami" aria-live="polite">
              <span>
                {session.me.user
                  ? t('header.signedInAs', { name: session.me.user.name, organisation: session.me.organisation.name })
                  : t('header.viaKey', { organisation: session.me.organisation.name })}
              </span>
              {session.expiresAt && <span className="muted">{t('header.sessionEnds', { time: formatDateTime(session.expiresAt, i18n.language) })}</span>}
              {session.me.via === 'session' && (
                <button type="button" onClick={() => void signOut()}>
                  {t('header.signOut')}
                </button>
              )}
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.state === 'loading' && <p role="status">{t('app.loading')}</p>}
        {session.state === 'anonymous' && <SignIn onSignedIn={signedIn} />}
        {session.state === 'signed-in' && <Home />}
      </main>
    </>
  );
}
