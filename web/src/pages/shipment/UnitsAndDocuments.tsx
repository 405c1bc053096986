/** The transport units (with their seals, when the registration gave them) and the documents. */
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { unitNumber } from './ShipmentHeader';
import type { PreArrival, ShipmentDetail } from './types';

const UNIT_KINDS = ['container', 'wagon', 'vehicle', 'vessel'] as const;

function unitKind(iri: string): string {
  return UNIT_KINDS.find((kind) => iri.includes(`/${kind}/`)) ?? 'other';
}

const squashed = (number: string) => number.replace(/\s+/g, '').toUpperCase();

/** Seals, or a dash when none were registered. */
export function sealsText(seals: readonly string[] | undefined): string {
  return seals && seals.length > 0 ? seals.join(', ') : '—';
}

export function UnitsAndDocuments({ shipment, preArrival }: { shipment: ShipmentDetail; preArrival?: PreArrival }) {
  const { t } = useTranslation('shipment');
  const registered = new Map((preArrival?.transportUnits ?? []).map((unit) => [squashed(unit.id), unit]));
  const documents = Object.entries(shipment.references).flatMap(([kind, numbers]) => numbers.map((number) => ({ kind, number })));
  return (
    <section aria-labelledby="units-title" className="card shipment-section">
      <h2 id="units-title">{t('units.title')}</h2>
      {shipment.transportUnits.length === 0 ? (
        <p>{t('units.none')}</p>
      ) : (
        <DataTable
          caption={t('units.caption')}
          hideCaption
          columns={[t('units.kind'), t('units.number'), t('units.seals')]}
          ltr={[1, 2]}
          rows={shipment.transportUnits.map((iri) => {
            const number = unitNumber(iri);
            return { key: iri, cells: [t(`units.kinds.${unitKind(iri)}`), number, sealsText(registered.get(squashed(number))?.seals)] };
          })}
        />
      )}
      <h3>{t('documents.title')}</h3>
      {documents.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <DataTable
          caption={t('documents.caption')}
          hideCaption
          columns={[t('documents.kind'), t('documents.number')]}
          ltr={[1]}
          rows={documents.map(({ kind, number }) => ({ key: `${kind}:${number}`, cells: [t(`referenceKind.${kind}`, { defaultValue: kind }), number] }))}
        />
      )}
    </section>
  );
}
