/**
 * The audit log, for the council and the network operator: its entries page by page (time, who,
 * what, on what, outcome), from the first or the newest, and the verification of the whole log.
 * The API pages by entry number (afterSeq) and offers no filters.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatNumber, formatShortDateTime } from '../../i18n/format';
import { VerifyPanel } from './VerifyPanel';
import { DataTable } from '../../components/DataTable';
import '../../components/forms.css';
import './audit.css';

type Entry = paths['/api/audit/']['get']['responses']['200']['content']['application/json']['entries'][number];

const PAGE_SIZE = 50;

/** Who did it, in a few words: the organisation, the user or key, and how. */
function actorText(actor: Entry['actor'], t: (key: string, options?: Record<string, unknown>) => string): string {
  const who = [
    actor.organisationId,
    actor.userId ? t('actor.user', { id: actor.userId.slice(0, 8) }) : undefined,
    actor.keyId ? t('actor.key', { id: actor.keyId }) : undefined,
  ].filter(Boolean);
  const via = t(`actor.via.${actor.via}`, { defaultValue: actor.via });
  return who.length > 0 ? `${who.join(' · ')} (${via})` : via;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const lang = i18n.language;
  const [afterSeq, setAfterSeq] = useState(0);
  const [page, setPage] = useState<{ entries: Entry[]; nextAfterSeq?: number }>();
  const [failure, setFailure] = useState<string>();

  const load = useCallback(
    async (after: number) => {
      setFailure(undefined);
      try {
        const { data, error } = await api.GET('/api/audit/', { params: { query: { afterSeq: after, limit: PAGE_SIZE } } });
        if (data) {
          setPage(data);
          setAfterSeq(after);
        } else setFailure(problemText(error) ?? t('loadFailed'));
      } catch {
        setFailure(t('common:error.unreachable'));
      }
    },
    [t],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  const newest = async () => {
    const { data, error } = await api.GET('/api/audit/heads');
    if (data) await load(Math.max(0, data.head.treeSize - PAGE_SIZE));
    else setFailure(problemText(error) ?? t('loadFailed'));
  };

  const entries = page?.entries ?? [];
  const first = entries[0]?.seq;
  const last = entries[entries.length - 1]?.seq;
  return (
    <div className="page-stack">
      <section aria-labelledby="audit-title" className="card">
        <h1 id="audit-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        {failure && (
          <p role="alert" className="error">
            {failure}
          </p>
        )}
        <nav className="toolbar" aria-label={t('paging.label')}>
          <button type="button" className="secondary-button" disabled={afterSeq === 0} onClick={() => void load(0)}>
            {t('paging.first')}
          </button>
          <button type="button" className="secondary-button" disabled={afterSeq === 0} onClick={() => void load(Math.max(0, afterSeq - PAGE_SIZE))}>
            {t('paging.previous')}
          </button>
          <button type="button" className="secondary-button" disabled={page?.nextAfterSeq === undefined} onClick={() => page?.nextAfterSeq !== undefined && void load(page.nextAfterSeq)}>
            {t('paging.next')}
          </button>
          <button type="button" className="secondary-button" onClick={() => void newest()}>
            {t('paging.newest')}
          </button>
        </nav>
        <p role="status" className="muted">
          {page ? (first !== undefined && last !== undefined ? t('paging.showing', { first: formatNumber(first, lang), last: formatNumber(last, lang) }) : t('empty')) : t('common:app.loading')}
        </p>
        {page && entries.length > 0 && (
          <DataTable caption={t('caption')} className="audit-table" columns={[{ label: t('column.seq'), numeric: true }, t('column.time'), t('column.actor'), t('column.action'), t('column.subject'), t('column.outcome'), t('column.details')]}>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <th scope="row" className="number">
                  {formatNumber(entry.seq, lang)}
                </th>
                <td>{formatShortDateTime(entry.time, lang)}</td>
                <td>
                  <span dir="auto">{actorText(entry.actor, t)}</span>
                </td>
                <td>
                  <code dir="ltr">{entry.action}</code>
                </td>
                <td>{entry.target ? <code dir="ltr">{entry.target}</code> : '—'}</td>
                <td className={`outcome outcome-${entry.outcome}`}>
                  <span aria-hidden="true">{entry.outcome === 'success' ? '✓ ' : '✗ '}</span>
                  {t(`outcome.${entry.outcome}`)}
                </td>
                <td>
                  {Object.keys(entry.details).length > 0 && (
                    <details>
                      <summary>
                        {t('details.show')}
                        <span className="visually-hidden"> {t('details.ofEntry', { seq: formatNumber(entry.seq, lang) })}</span>
                      </summary>
                      <pre dir="ltr" className="entry-details">
                        {JSON.stringify(entry.details, null, 2)}
                      </pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <VerifyPanel />
    </div>
  );
}
