/**
 * How a shipment of a list reads to a person, in the page's language: its numbers (documents and
 * units), its status as words, where it was last seen, and when it is expected with what the
 * estimate rests on. Shared by the Shipments list, the crossing board and the header's search box.
 */
import { basisKey } from '../../api/estimate-basis';
import type { TFunction } from 'i18next';
import { formatDateTimeRange, formatShortDateTime } from '../../i18n/format';
import { countryName, nameIn } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import type { ShipmentListItem, ShipmentStatus, StopArrival } from './shipmentTypes';

/** A transport unit IRI (…/id/container/MSKU1234565) as its kind and number. */
export function unitOf(iri: string): { kind: string; number: string } {
  const parts = iri.split('/').filter(Boolean);
  const number = decodeURIComponent(parts.at(-1) ?? iri);
  return { kind: parts.at(-2) ?? '', number };
}

/** The number a shipment is known by: its id without the document kind (smgs:70012345 → 70012345). */
export function shipmentNumber(id: string): string {
  const colon = id.indexOf(':');
  return colon > 0 && !id.startsWith('urn:') && !id.startsWith('http') ? id.slice(colon + 1) : id;
}

/** The shipment page's address (ids hold ':' and may hold '/'). */
export function shipmentPath(id: string): string {
  return `/shipments/${encodeURIComponent(id)}`;
}

/** Every document number and unit number of a shipment, as people write them. */
export function numbersOf(item: Pick<ShipmentListItem, 'references' | 'transportUnits'>): { kind: string; value: string; unit: boolean }[] {
  const documents = Object.entries(item.references).flatMap(([kind, values]) => values.map((value) => ({ kind, value, unit: false })));
  const units = item.transportUnits.map((iri) => ({ ...unitOf(iri), unit: true })).map(({ kind, number, unit }) => ({ kind, value: number, unit }));
  return [...units, ...documents];
}

/** Spaces and dashes out, upper case: how the API compares a typed number with the stored ones. */
export function squash(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** The number of a shipment that contains what was typed (for a suggestion), else its main number. */
export function matchingNumber(item: Pick<ShipmentListItem, 'id' | 'references' | 'transportUnits'>, typed: string): { kind: string; value: string; unit: boolean } {
  const wanted = squash(typed);
  const numbers = numbersOf(item);
  return numbers.find((n) => squash(n.value).includes(wanted)) ?? numbers[0] ?? { kind: '', value: shipmentNumber(item.id), unit: false };
}

/** A kind of document or unit in words, or the kind as the API wrote it when we have no words for it. */
export function kindLabel(t: TFunction, kind: string, unit: boolean): string {
  return t(unit ? `unitKind.${kind}` : `referenceKind.${kind}`, { defaultValue: kind });
}

export function statusLabel(t: TFunction, status: ShipmentStatus): string {
  return t(`status.${status}`);
}

/** The status in words; the colour of the badge only repeats what the words say. */
export function StatusBadge({ status, t }: { status: ShipmentStatus; t: TFunction }) {
  return <span className={`status-badge status-${status}`}>{statusLabel(t, status)}</span>;
}

/** A location id in the page's language, else the name the API gave, else the id. */
export function locationName(id: string, places: Reference | undefined, language: string, fallback?: string): string {
  const location = places?.locations.get(id);
  return location ? nameIn(location.names, language) : (fallback ?? id);
}

/** A latitude or longitude to two decimals (about a kilometre): enough to say where on a route. */
function formatCoordinate(degrees: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(degrees);
}

/** Where the goods were last known to be, in words. */
export function lastPlaceOf(item: Pick<ShipmentListItem, 'lastLocation'>, places: Reference | undefined, language: string, t: TFunction): string | undefined {
  const where = item.lastLocation;
  if (!where) return undefined;
  switch (where.kind) {
    case 'location': {
      const name = locationName(where.locationId, places, language, where.name);
      return where.country ? t('place.withCountry', { place: name, country: countryName(where.country, language, places?.countries) }) : name;
    }
    case 'geo':
      return t('place.geo', { lat: formatCoordinate(where.lat, language), lon: formatCoordinate(where.lon, language) });
    case 'other':
      return where.id;
  }
}

/** What an estimate rests on, in words (api/estimate-basis.ts reads the API's forms). */
export function basisText(basis: string, t: TFunction): string {
  const words = basisKey(basis);
  return 'text' in words ? words.text : t(`basis.${words.key}`, words.count === undefined ? {} : { count: words.count });
}

/** An arrival range as words: the likely time, the range around it and its basis. */
export function arrivalText(arrival: StopArrival, language: string, t: TFunction): { likely: string; range: string; basis: string } {
  return {
    likely: formatShortDateTime(arrival.likely, language),
    range: formatDateTimeRange(arrival.earliest, arrival.latest, language),
    basis: basisText(arrival.basis, t),
  };
}
