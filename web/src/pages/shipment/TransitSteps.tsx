/** The customs transit steps, one small table per country: step, time, customs office. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { DataTable } from '../../components/DataTable';
import { countryName } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import { officeName } from './reference-names';
import type { TransitStep } from './types';

export function TransitSteps({ transit, reference }: { transit: Readonly<Record<string, readonly TransitStep[]>>; reference: Reference }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  const countries = Object.entries(transit).filter(([, steps]) => steps.length > 0);
  return (
    <section aria-labelledby="transit-title" className="card shipment-section">
      <h2 id="transit-title">{t('transit.title')}</h2>
      {countries.length === 0 && <p>{t('transit.none')}</p>}
      <div className="transit-tables">
        {countries.map(([country, steps]) => (
          <DataTable
            key={country}
            caption={country === 'unknown' ? t('transit.unknownCountry') : countryName(country, language)}
            columns={[t('transit.step'), t('transit.time'), t('transit.office')]}
            rows={steps.map((step) => ({
              key: step.eventID,
              cells: [
                t(`transit.steps.${step.step}`),
                <time dateTime={step.time}>{formatDateTime(step.time, language)}</time>,
                step.office ? officeName(reference, step.office, language, (place) => t('customsPostAt', { place })) : '—',
              ],
            }))}
          />
        ))}
      </div>
    </section>
  );
}
