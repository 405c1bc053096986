/** Holds on the goods: open ones first and marked in words and with a sign, closed ones after. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { countryName } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import { officeName } from './reference-names';
import type { Hold } from './types';

export function Holds({ holds, reference }: { holds: readonly Hold[]; reference: Reference }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  const ordered = [...holds.filter((hold) => hold.state === 'open'), ...holds.filter((hold) => hold.state === 'closed')];
  return (
    <section aria-labelledby="holds-title" className="card shipment-section">
      <h2 id="holds-title">{t('holds.title')}</h2>
      {ordered.length === 0 ? (
        <p>{t('holds.none')}</p>
      ) : (
        <ul className="holds">
          {ordered.map((hold) => (
            <li key={`${hold.openedAt}-${hold.reason}`} className={`hold hold-${hold.state}`}>
              <strong>
                <span aria-hidden="true">{hold.state === 'open' ? '⚠ ' : '✓ '}</span>
                {t(hold.state === 'open' ? 'holds.open' : 'holds.closed')}
              </strong>
              : {hold.reason}
              <br />
              <span className="muted">
                {t('holds.since', { time: formatDateTime(hold.openedAt, language) })}
                {hold.closedAt && ` · ${t('holds.until', { time: formatDateTime(hold.closedAt, language) })}`}
                {hold.office && ` · ${officeName(reference, hold.office, language, (place) => t('customsPostAt', { place }))}`}
                {hold.country && ` · ${countryName(hold.country, language)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
