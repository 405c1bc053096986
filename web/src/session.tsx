/**
 * Who is signed in, for every page: asked once of GET /api/auth/me, renewed after sign-in and
 * sign-out. Pages that need a caller sit inside <RequireSignIn>, which sends a visitor to the sign-in
 * page and back to where they were going afterwards.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api, type Me } from './api/client';

export type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'signed-in'; me: Me; expiresAt?: string };

interface SessionValue {
  session: Session;
  signedIn(me: Me, expiresAt?: string): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    api
      .GET('/api/auth/me')
      .then(({ data }) => current && setSession(data ? { state: 'signed-in', me: data } : { state: 'anonymous' }))
      .catch(() => current && setSession({ state: 'anonymous' }));
    return () => {
      current = false;
    };
  }, []);

  const signedIn = useCallback((me: Me, expiresAt?: string) => setSession({ state: 'signed-in', me, ...(expiresAt ? { expiresAt } : {}) }), []);
  const signOut = useCallback(async () => {
    await api.POST('/api/auth/sign-out', { body: {} }).catch(() => undefined);
    setSession({ state: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ session, signedIn, signOut }), [session, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The signed-in caller; only inside <RequireSignIn>. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.state !== 'signed-in') throw new Error('useMe outside <RequireSignIn>');
  return session.me;
}

/** Shows its children to a signed-in caller; sends anybody else to sign in, then back here. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (session.state === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
