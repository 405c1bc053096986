/** How a unit of the live map reads to a person: its kind and number, its speed. */
import type { TFunction } from 'i18next';
import type { LiveUnit } from './liveTypes';

/** "Container MSKU1234565": the kind in the page's language (the Shipments list's words), the number as written. */
export function unitName(t: TFunction, unit: Pick<LiveUnit, 'unitKind' | 'unitId'>): string {
  return t('unit', { kind: t(`shipments:unitKind.${unit.unitKind}`, { defaultValue: unit.unitKind }), number: unit.unitId });
}

/** "62 km/h", in the language's own way of writing a speed. */
export function speedText(kmh: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'kilometer-per-hour', maximumFractionDigits: 0 }).format(kmh);
}
