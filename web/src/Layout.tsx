/**
 * The frame of every page: a skip link, the header (brand, navigation for the caller, the search box,
 * the language picker, who is signed in) and the page itself.
 */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { OpenAlertsBadge } from './components/OpenAlertsBadge';
import { SearchBox } from './components/SearchBox';
import { LanguagePicker } from './LanguagePicker';
import { NAV_ITEMS } from './navigation';
import { useSession } from './session';
import { formatDateTime } from './i18n/format';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const me = session.state === 'signed-in' ? session.me : undefined;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        {me && <SearchBox />}
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
        {me && (
          <nav aria-label={t('nav.label')} className="app-nav">
            <ul>
              {NAV_ITEMS.filter((item) => item.shownTo(me)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>
                    {t(item.label)}
                    {item.to === '/alerts' && <OpenAlertsBadge />}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
