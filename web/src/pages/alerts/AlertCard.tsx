/**
 * One alert: what, how grave, where it stands in its lifecycle, its facts, its shipment, unit and
 * device, who acknowledged and resolved it and the comments; and the acts the reader may take on it
 * (acknowledge while open, resolve until resolved, comment any time). The answer of an act replaces
 * the alert, so what is shown is what the server holds.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, problemText } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { shipmentNumber, shipmentPath, unitOf } from '../shipments/shipmentText';
import { useReference } from '../../reference/reference-data';
import { alertDetails } from './alertText';
import type { Alert } from './alertTypes';

type Act = 'acknowledge' | 'resolve';

/** `level`: the heading level of the alert's title (2 in the inbox, 3 inside a page's section). */
export function AlertCard({ alert, onChanged, level = 2 }: { alert: Alert; onChanged: (alert: Alert) => void; level?: 2 | 3 }) {
  const { t, i18n } = useTranslation('alerts');
  const language = i18n.language;
  const reference = useReference();
  const titleId = useId();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [working, setWorking] = useState(false);

  const run = async (work: () => Promise<{ data?: Alert; error?: unknown }>, done: string) => {
    setWorking(true);
    try {
      const { data, error } = await work();
      if (data) {
        onChanged(data);
        setMessage({ text: done, error: false });
      } else setMessage({ text: t('actFailed', { reason: problemText(error) ?? '' }), error: true });
    } catch {
      setMessage({ text: t('actFailed', { reason: t('common:error.unreachable') }), error: true });
    } finally {
      setWorking(false);
    }
  };
  const act = (kind: Act) => {
    const params = { path: { id: alert.id } };
    return run(
      () => (kind === 'acknowledge' ? api.POST('/api/alerts/{id}/acknowledge', { params, body: {} }) : api.POST('/api/alerts/{id}/resolve', { params, body: {} })),
      t(kind === 'acknowledge' ? 'acknowledged' : 'resolved'),
    );
  };
  const addComment = (event: React.FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (text === '') return;
    void run(async () => {
      const answer = await api.POST('/api/alerts/{id}/comments', { params: { path: { id: alert.id } }, body: { text } });
      if (answer.data) setComment('');
      return answer;
    }, t('commented'));
  };
  // A person by name, else the key or organisation that acted, with the organisation it acted for.
  const who = (act: NonNullable<Alert['resolved']>) => {
    const name = act.name ?? act.by;
    return act.organisationId && act.organisationId !== name ? `${name} (${act.organisationId})` : name;
  };

  return (
    <article className={`card alert-card severity-${alert.severity} status-${alert.status}`} aria-labelledby={titleId}>
      <header className="alert-head">
        {level === 2 ? <h2 id={titleId}>{t(`kind.${alert.kind}`)}</h2> : <h3 id={titleId}>{t(`kind.${alert.kind}`)}</h3>}
        <span className={`alert-badge severity-${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
        <span className="alert-badge">{t(`status.${alert.status}`)}</span>
      </header>
      {alertDetails(t, alert, language, reference).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <dl className="alert-facts">
        {alert.shipmentId && (
          <>
            <dt>{t('shipment')}</dt>
            <dd>
              <Link to={shipmentPath(alert.shipmentId)} dir="ltr">
                {shipmentNumber(alert.shipmentId)}
              </Link>
            </dd>
          </>
        )}
        {alert.unitEpc && (
          <>
            <dt>{t('unit')}</dt>
            <dd dir="ltr">{unitOf(alert.unitEpc).number}</dd>
          </>
        )}
        {alert.deviceId && (
          <>
            <dt>{t('device')}</dt>
            <dd dir="ltr">{alert.deviceId}</dd>
          </>
        )}
        <dt>{t('since')}</dt>
        <dd>{formatDateTime(alert.since, language)}</dd>
        <dt>{t('lastSeen')}</dt>
        <dd>
          {formatDateTime(alert.lastSeen, language)} · {t('occurrences', { count: alert.occurrences })}
        </dd>
      </dl>
      <ul className="alert-history">
        {alert.acknowledged && <li>{t('acknowledgedBy', { by: who(alert.acknowledged), time: formatDateTime(alert.acknowledged.at, language) })}{alert.acknowledged.comment ? `: ${alert.acknowledged.comment}` : ''}</li>}
        {alert.resolved && (
          <li>
            {alert.resolved.by === 'karvon'
              ? t('resolvedAutomatically', { time: formatDateTime(alert.resolved.at, language) })
              : t('resolvedBy', { by: who(alert.resolved), time: formatDateTime(alert.resolved.at, language) })}
            {alert.resolved.comment && alert.resolved.by !== 'karvon' ? `: ${alert.resolved.comment}` : ''}
          </li>
        )}
        {alert.notes.map((note) => (
          <li key={`${note.at}-${note.by}`}>
            {t('noteBy', { by: who(note), time: formatDateTime(note.at, language) })}: {note.comment}
          </li>
        ))}
      </ul>
      <div className="alert-actions">
        {alert.status === 'open' && (
          <button type="button" disabled={working} onClick={() => void act('acknowledge')}>
            {t('acknowledge')}
          </button>
        )}
        {alert.status !== 'resolved' && (
          <button type="button" disabled={working} onClick={() => void act('resolve')}>
            {t('resolve')}
          </button>
        )}
      </div>
      <form className="alert-comment" onSubmit={addComment}>
        <label htmlFor={commentId}>{t('commentLabel')}</label>
        <textarea id={commentId} value={comment} maxLength={2000} rows={2} onChange={(event) => setComment(event.target.value)} />
        <button type="submit" className="secondary-button" disabled={working || comment.trim() === ''}>
          {t('comment')}
        </button>
      </form>
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text ?? ''}
      </p>
    </article>
  );
}
