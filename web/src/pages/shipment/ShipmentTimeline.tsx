/**
 * The timeline in plain language: each entry phrased in the page's language from its `what`
 * (timeline-sentence.ts), with its time, and the EPCIS event behind it one click away.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { RawEventDialog } from './RawEventDialog';
import type { Reference } from '../../reference/reference-data';
import { timelineSentence } from './timeline-sentence';
import type { TimelineEntry } from './types';

type Order = 'newest' | 'oldest';

export function ShipmentTimeline({ timeline, reference }: { timeline: readonly TimelineEntry[]; reference: Reference }) {
  const { t, i18n } = useTranslation('timeline');
  const language = i18n.resolvedLanguage ?? 'en';
  const orderId = useId();
  const [order, setOrder] = useState<Order>('newest');
  const [open, setOpen] = useState<{ eventID: string; sentence: string }>();
  const entries = timeline.map((entry) => ({ entry, sentence: timelineSentence(entry, t, reference, language) }));
  if (order === 'newest') entries.reverse();

  return (
    <section aria-labelledby="timeline-title" className="card shipment-section">
      <div className="section-head">
        <h2 id="timeline-title">{t('ui.title')}</h2>
        <span className="muted">{t('ui.count', { count: timeline.length })}</span>
        <div className="field-inline">
          <label htmlFor={orderId}>{t('ui.order')}</label>
          <select id={orderId} value={order} onChange={(event) => setOrder(event.target.value as Order)}>
            <option value="newest">{t('ui.newestFirst')}</option>
            <option value="oldest">{t('ui.oldestFirst')}</option>
          </select>
        </div>
      </div>
      {timeline.length === 0 ? (
        <p>{t('ui.empty')}</p>
      ) : (
        <ol className="timeline" reversed={order === 'newest'}>
          {entries.map(({ entry, sentence }) => (
            <li key={entry.eventID} className="timeline-entry" data-kind={entry.what.kind}>
              <time dateTime={entry.time} className="muted">
                {formatDateTime(entry.time, language)}
              </time>
              <span className="timeline-sentence">{sentence}</span>
              <button type="button" className="link-button" aria-label={t('ui.showEventOf', { sentence })} onClick={() => setOpen({ eventID: entry.eventID, sentence })}>
                {t('ui.showEvent')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {open && <RawEventDialog eventID={open.eventID} title={open.sentence} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
