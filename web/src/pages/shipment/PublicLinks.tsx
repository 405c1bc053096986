/**
 * Public tracking links of this shipment: create one (its full URL is shown once, with a copy
 * button), see the caller's links and revoke them. Only a party to the shipment may; anyone else is
 * told so in a sentence (the API answers 403).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { CopyButton } from './CopyButton';
import { DataTable } from '../../components/DataTable';
import type { PublicLink } from './types';

type Links = { state: 'loading' } | { state: 'forbidden' } | { state: 'failed' } | { state: 'loaded'; links: PublicLink[] };

export function PublicLinks({ shipmentId }: { shipmentId: string }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  const [links, setLinks] = useState<Links>({ state: 'loading' });
  const [created, setCreated] = useState<string>();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    const { data, response } = await api.GET('/api/shipments/{id}/public-links', { params: { path: { id: shipmentId } } });
    if (data) setLinks({ state: 'loaded', links: data.links });
    else setLinks({ state: response.status === 403 ? 'forbidden' : 'failed' });
  }, [shipmentId]);

  useEffect(() => {
    reload().catch(() => setLinks({ state: 'failed' }));
  }, [reload]);

  const create = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const { data, error: problem, response } = await api.POST('/api/shipments/{id}/public-links', { params: { path: { id: shipmentId } }, body: {} });
      if (data) {
        setCreated(new URL(data.url, window.location.origin).href);
        await reload();
      } else if (response.status === 403) setLinks({ state: 'forbidden' });
      else setError(problemText(problem) ?? t('links.failed'));
    } catch {
      setError(t('links.failed'));
    } finally {
      setWorking(false);
    }
  };

  const revoke = async (id: string) => {
    setWorking(true);
    setError(undefined);
    try {
      const { error: problem, response } = await api.DELETE('/api/public-links/{id}', { params: { path: { id } } });
      if (response.ok) await reload();
      else setError(problemText(problem) ?? t('links.failed'));
    } catch {
      setError(t('links.failed'));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="links-title" className="card shipment-section">
      <h2 id="links-title">{t('links.title')}</h2>
      {links.state === 'loading' && <p role="status">{t('loading')}</p>}
      {links.state === 'forbidden' && <p>{t('links.forbidden')}</p>}
      {links.state === 'failed' && <p role="alert">{t('links.failed')}</p>}
      {links.state === 'loaded' && (
        <>
          <p className="muted">{t('links.intro')}</p>
          <button type="button" onClick={() => void create()} disabled={working}>
            {t('links.create')}
          </button>
          {created && (
            <div className="created-link" role="status">
              <p>{t('links.created')}</p>
              <p className="link-url">
                <a href={created} dir="ltr">
                  {created}
                </a>{' '}
                <CopyButton text={created} label={t('links.copy')} />
              </p>
            </div>
          )}
          {links.links.length === 0 ? (
            <p>{t('links.none')}</p>
          ) : (
            <DataTable
              caption={t('links.list')}
              columns={[t('links.createdAt'), t('links.expiresAt'), t('links.state'), <span className="visually-hidden">{t('links.actions')}</span>]}
              rows={links.links.map((link) => ({
                key: link.id,
                cells: [
                  formatDateTime(link.createdAt, language),
                  formatDateTime(link.expiresAt, language),
                  link.revokedAt ? t('links.revokedAt', { time: formatDateTime(link.revokedAt, language) }) : t('links.active'),
                  link.revokedAt ? null : (
                    <button type="button" className="secondary" disabled={working} onClick={() => void revoke(link.id)} aria-label={t('links.revokeOne', { time: formatDateTime(link.createdAt, language) })}>
                      {t('links.revoke')}
                    </button>
                  ),
                ],
              }))}
            />
          )}
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
