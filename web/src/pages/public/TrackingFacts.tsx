/**
 * What a public link tells, in words: status, last place, when the network last heard of the goods,
 * and the arrival range with what it rests on. A shipment that has not moved yet has only its
 * registration to show; the page says so rather than passing it off as a sighting.
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDateTimeRange } from '../../i18n/format';
import type { Tracking } from './PublicTrackingPage';

/** Statuses this page has words for (the API's list); another one is shown as the API spells it. */
const KNOWN_STATUSES = ['planned', 'departed', 'in-transit', 'at-border', 'held-by-customs', 'on-ferry', 'arrived', 'delivered', 'exception', 'cancelled'];

function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Why there is no place to name: not gone yet, last reported between places (a position, which the link does not show), or nothing said. */
function noPlace(status: string): 'lastPlace.notDeparted' | 'lastPlace.onTheWay' | 'lastPlace.none' {
  if (status === 'planned') return 'lastPlace.notDeparted';
  return ['departed', 'in-transit', 'on-ferry'].includes(status) ? 'lastPlace.onTheWay' : 'lastPlace.none';
}

export function TrackingFacts({ tracking, placeName }: { tracking: Tracking; placeName: string | undefined }) {
  const { t, i18n } = useTranslation('public');
  const language = i18n.language;
  const notYetMoved = tracking.status === 'planned';
  const country = tracking.lastLocation?.country;
  return (
    <dl className="public-facts">
      <dt>{t('status.label')}</dt>
      <dd className="public-facts-status">{KNOWN_STATUSES.includes(tracking.status) ? t(`status.${tracking.status}`) : tracking.status}</dd>

      <dt>{t('lastPlace.label')}</dt>
      <dd>{placeName ? (country ? t('lastPlace.inCountry', { place: placeName, country: countryName(country, language) }) : placeName) : t(noPlace(tracking.status))}</dd>

      <dt>{notYetMoved ? t('when.registeredLabel') : t('when.label')}</dt>
      <dd>
        {tracking.lastSeenAt === null ? (
          t('when.none')
        ) : notYetMoved ? (
          <>
            <time dateTime={tracking.lastSeenAt}>{formatDateTime(tracking.lastSeenAt, language)}</time>
            <span className="public-facts-note">{t('when.notYetDeparted')}</span>
          </>
        ) : (
          <time dateTime={tracking.lastSeenAt}>{formatDateTime(tracking.lastSeenAt, language)}</time>
        )}
      </dd>

      <dt>{t('eta.label')}</dt>
      <dd>
        {tracking.eta ? (
          <>
            <span className="public-facts-range">{formatDateTimeRange(tracking.eta.earliest, tracking.eta.latest, language)}</span>
            <span className="public-facts-note">{t('eta.likely', { time: formatDateTime(tracking.eta.likely, language) })}</span>
            <span className="public-facts-note muted">{t('eta.basis', { share: new Intl.NumberFormat(language, { style: 'percent' }).format(0.8) })}</span>
          </>
        ) : (
          t(tracking.status === 'delivered' || tracking.status === 'arrived' ? 'eta.arrived' : tracking.status === 'cancelled' ? 'eta.cancelled' : 'eta.none')
        )}
      </dd>
    </dl>
  );
}
