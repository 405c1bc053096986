/**
 * Where the goods are on their way: every stop, passed, current or next, and for each stop still
 * ahead its arrival range (earliest–latest, the likely time, and what the range is based on).
 */
import { basisKey } from '../../api/estimate-basis';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDateTimeRange, formatShortDateTime } from '../../i18n/format';
import type { JourneyStop } from './itinerary-stops';
import type { Reference } from '../../reference/reference-data';
import { placeName } from './reference-names';

const STATE_ICONS = { passed: '✓', current: '◉', next: '○' } as const;

/** The basis of a range in words: "from 412 similar trips", "reference figures", "the registered plan". */
export function basisWords(basis: string, t: TFunction<'shipment'>): string {
  const words = basisKey(basis);
  return 'text' in words ? words.text : t(`progress.basis.${words.key}`, words.count === undefined ? {} : { count: words.count });
}

export function ItineraryProgress({ stops, reference }: { stops: readonly JourneyStop[]; reference: Reference }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  if (stops.length === 0) return null;
  return (
    <section aria-labelledby="progress-title" className="card shipment-section">
      <h2 id="progress-title">{t('progress.title')}</h2>
      <ol className="stops">
        {stops.map((stop) => (
          <li key={`${stop.index}-${stop.locationId}`} className={`stop stop-${stop.state}`}>
            <span aria-hidden="true" className="stop-icon">
              {STATE_ICONS[stop.state]}
            </span>
            <div>
              <strong>{placeName(reference, stop.locationId, language) ?? stop.estimate?.name ?? stop.locationId}</strong>{' '}
              <span className="stop-state">{t(`progress.state.${stop.state}`)}</span>
              {stop.estimate && (
                <p className="eta">
                  {t('progress.eta', {
                    range: formatDateTimeRange(stop.estimate.earliest, stop.estimate.latest, language),
                    time: formatShortDateTime(stop.estimate.likely, language),
                  })}{' '}
                  <span className="muted">({basisWords(stop.estimate.basis, t)})</span>
                </p>
              )}
              {stop.state === 'next' && !stop.estimate && <p className="muted">{t('progress.noEstimate')}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
