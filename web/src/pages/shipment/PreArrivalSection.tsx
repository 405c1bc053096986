/**
 * What the forwarder registered, as far as the caller may see it: everything (parties, goods with HS
 * codes and values) for full access, units, seals, packages and mass for a handling operator.
 */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { DataTable } from '../../components/DataTable';
import { countryName } from '../../reference/names';
import { sealsText } from './UnitsAndDocuments';
import type { PreArrival } from './types';

function money(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
  } catch {
    return `${formatNumber(amount, language)} ${currency}`;
  }
}

export function PreArrivalSection({ preArrival }: { preArrival: PreArrival }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  const kg = (value: number) => t('preArrival.kg', { mass: formatNumber(value, language) });
  return (
    <section aria-labelledby="pre-arrival-title" className="card shipment-section">
      <h2 id="pre-arrival-title">{t('preArrival.title')}</h2>
      <p className="muted">{t(`preArrival.access.${preArrival.access}`)}</p>
      <p>
        {t('preArrival.totals', { packages: formatNumber(preArrival.totals.packages, language), mass: kg(preArrival.totals.grossKg) })}
      </p>
      {preArrival.parties && preArrival.parties.length > 0 && (
        <DataTable
          caption={t('preArrival.parties')}
          columns={[t('preArrival.role'), t('preArrival.name'), t('preArrival.country')]}
          rows={preArrival.parties.map((party) => ({
            key: `${party.role}-${party.name}`,
            cells: [t(`preArrival.roles.${party.role}`, { defaultValue: party.role }), party.name, countryName(party.country, language)],
          }))}
        />
      )}
      {preArrival.goods && preArrival.goods.length > 0 && (
        <DataTable
          caption={t('preArrival.goods')}
          columns={[t('preArrival.hsCode'), t('preArrival.description'), t('preArrival.packages'), t('preArrival.grossMass'), t('preArrival.value')]}
          ltr={[0]}
          rows={preArrival.goods.map((line, index) => ({
            key: `${line.hsCode}-${index}`,
            cells: [
              line.hsCode,
              line.description,
              line.packageType ? `${formatNumber(line.packages, language)} (${line.packageType})` : formatNumber(line.packages, language),
              kg(line.grossKg),
              line.declaredValue ? money(line.declaredValue.amount, line.declaredValue.currency, language) : '—',
            ],
          }))}
        />
      )}
      {preArrival.transportUnits.length > 0 && (
        <DataTable
          caption={t('preArrival.units')}
          columns={[t('units.kind'), t('units.number'), t('units.seals')]}
          ltr={[1, 2]}
          rows={preArrival.transportUnits.map((unit) => ({
            key: `${unit.kind}-${unit.id}`,
            cells: [t(`units.kinds.${unit.kind}`, { defaultValue: unit.kind }), unit.id, sealsText(unit.seals)],
          }))}
        />
      )}
    </section>
  );
}
