// What the visibility policy (src/access/audience.ts) reads of one event under the Karvon profile:
// the reference locations it names, its hand-over parties, the corridor it names and, for a
// registration, the registered parties and itinerary. Read here, beside the other event facts, so
// that the policy itself stays free of the profile's spelling.
import type { AudienceEvidence, PlaceRef } from '../access/audience.js';
import { baseSgln } from '../access/capture-rights.js';
import type { Recorder } from '../model/visibility-scope.js';
import { BIZ_STEP, SOURCE_DESTINATION_TYPE } from '../domain/epcis-profile.js';
import type { EpcisEvent, SourceOrDestination } from '../epcis/model.js';
import { toWebVocabulary } from '../epcis/vocabulary.js';
import type { ReferenceData } from '../reference/index.js';
import { karvonField } from './karvon-field.js';

const HAND_OVER_TYPES = new Set(
  [SOURCE_DESTINATION_TYPE.owningParty, SOURCE_DESTINATION_TYPE.possessingParty].map((t) => toWebVocabulary('sourceDestinationType', t)),
);

function placeOf(reference: ReferenceData, locationId: string | undefined): PlaceRef | undefined {
  const location = locationId === undefined ? undefined : reference.locations.get(locationId);
  return location ? { id: location.id, countries: [...location.countries] } : undefined;
}

function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

/** Owning and possessing parties of an event's source and destination lists, as written. */
export function handOverPartiesOf(event: EpcisEvent): string[] {
  const parties = new Set<string>();
  const sides: readonly (SourceOrDestination | undefined)[] = [...(event.sourceList ?? []), ...(event.destinationList ?? [])];
  for (const item of sides) {
    if (typeof item?.type !== 'string' || !HAND_OVER_TYPES.has(toWebVocabulary('sourceDestinationType', item.type))) continue;
    for (const party of [item.source, item.destination]) if (typeof party === 'string' && party.trim() !== '') parties.add(party.trim());
  }
  return [...parties];
}

/**
 * Whether an event is a shipment registration under the profile (section 4.4), or an amendment,
 * which carries a whole registration too: the parties and stops an amendment names join the
 * audience like those of a later registration, when its recorder stands in the shipment already.
 */
export function isRegistrationEvent(event: EpcisEvent): boolean {
  const registration = karvonField(event, 'registration');
  return (event.bizStep === BIZ_STEP.shipmentRegistering || event.bizStep === BIZ_STEP.shipmentAmending) && typeof registration === 'object' && registration !== null && !Array.isArray(registration);
}

function registrationEvidence(event: EpcisEvent, reference: ReferenceData): AudienceEvidence['registration'] {
  if (!isRegistrationEvent(event)) return undefined;
  const registration = karvonField(event, 'registration') as Record<string, unknown>;
  const listOf = (name: string): Record<string, unknown>[] => {
    const list = registration[name];
    return Array.isArray(list) ? list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
  };
  const parties = listOf('parties').flatMap((p) => (typeof p.gln === 'string' && p.gln.trim() !== '' ? [p.gln.trim()] : []));
  const stops = new Map<string, PlaceRef>();
  for (const leg of listOf('itinerary')) {
    for (const end of [leg.from, leg.to]) {
      const place = typeof end === 'string' ? placeOf(reference, end) : undefined;
      if (place) stops.set(place.id, place);
    }
  }
  return { parties, stops: [...stops.values()] };
}

function corridorStops(reference: ReferenceData, corridorId: string | undefined): PlaceRef[] {
  const corridor = corridorId === undefined ? undefined : reference.corridors.get(corridorId);
  const stops = new Map<string, PlaceRef>();
  for (const leg of corridor?.legs ?? []) for (const place of defined([placeOf(reference, leg.from), placeOf(reference, leg.to)])) stops.set(place.id, place);
  return [...stops.values()];
}

/** The policy's view of one event recorded by `recorder`. */
export function audienceEvidenceOf(event: EpcisEvent, reference: ReferenceData, recorder: Recorder, country: string | undefined, corridor: string | undefined): AudienceEvidence {
  const ids = defined([event.readPoint?.id, event.bizLocation?.id].map((id) => (typeof id === 'string' ? id : undefined)));
  const places = new Map<string, PlaceRef>();
  for (const id of ids) {
    const place = placeOf(reference, reference.locationsBySgln.get(baseSgln(id))?.id);
    if (place) places.set(place.id, place);
  }
  // An error declaration says an event was wrong: it links like any event, but registers nothing and
  // adds no one (src/access/audience.ts).
  if (event.errorDeclaration !== undefined) return { recorder, places: [...places.values()], handOverParties: [], corridorStops: [], declaration: true };
  const registration = registrationEvidence(event, reference);
  return {
    recorder,
    places: [...places.values()],
    ...(country ? { country } : {}),
    handOverParties: handOverPartiesOf(event),
    corridorStops: corridorStops(reference, corridor),
    ...(registration ? { registration } : {}),
  };
}
