// The visibility policy proper: who may see a shipment, built up from its events, and why an
// invented event cannot buy a look at goods that are not the inventor's business.
//
// A shipment's audience is made of:
// - its registrant (the organisation that opened it by registering it) and the parties its
//   registration (or a later one by someone in the audience) names,
//   the operators of the locations on the registered itinerary and the customs authorities of
//   their countries;
// - parties handed the goods in a hand-over (owning or possessing party of a source or
//   destination) recorded by someone already in the audience, or by the operator of the location
//   where it happened;
// - the customs authorities of the countries where the goods were observed at a location by that
//   location's operator;
// - the stops of the corridor named by someone already in the audience (the plan, for shipments
//   that travel without a Karvon registration): their operators and their countries' customs;
// - everything the node itself (imports, the simulator, the demo) or the network operator says.
// Capturing an event adds the capturer to nothing: every key the recorder answered to at capture
// time is left out of what its event contributes (a registrant's own organisation key excepted).
// So an organisation can widen an audience for others, never for itself.
//
// The audience grows event by event in the order events were stored (the shipment linker applies
// `withEvent`), so whether an event counts depends only on the events stored before it.
import { customsKey, locationKey, organisationKey, partyKey, type Recorder } from '../model/visibility-scope.js';

/** A reference location as the policy needs it: its id and the countries it lies in. */
export interface PlaceRef {
  readonly id: string;
  readonly countries: readonly string[];
}

/** What the policy reads of one event. */
export interface AudienceEvidence {
  readonly recorder: Recorder;
  /** Reference locations named by the event's readPoint and bizLocation. */
  readonly places: readonly PlaceRef[];
  /** The country the event says it happened in (krv:country), when it says one. */
  readonly country?: string;
  /** Owning and possessing parties of its source and destination lists. */
  readonly handOverParties: readonly string[];
  /** Stops of the corridor it names (krv:corridor). */
  readonly corridorStops: readonly PlaceRef[];
  /** Set on a registration event: the parties it names (GLNs) and the locations of its itinerary. */
  readonly registration?: { readonly parties: readonly string[]; readonly stops: readonly PlaceRef[] };
  /** An error declaration: it contributes nothing (what it declares erroneous contributed already). */
  readonly declaration?: boolean;
}

function placeKeys(places: readonly PlaceRef[]): string[] {
  return places.flatMap((p) => [locationKey(p.id), ...p.countries.map(customsKey)]);
}

function partyKeys(parties: readonly string[]): string[] {
  return parties.filter((p) => p.trim().length > 0).map(partyKey);
}

/** Places among `places` the recorder operates (it answered to their location key when capturing). */
export function operatedPlaces(recorder: Recorder, places: readonly PlaceRef[]): PlaceRef[] {
  if (recorder.kind !== 'organisation') return [];
  const keys = new Set(recorder.keys);
  return places.filter((p) => keys.has(locationKey(p.id)));
}

/** Whether the recorder is one of the audience (shares a key with it). */
export function standsIn(recorder: Recorder, audience: ReadonlySet<string>): boolean {
  return recorder.kind === 'trusted' || recorder.keys.some((key) => audience.has(key));
}

/**
 * The keys one event adds to an audience that holds `audience` before it. `founding` is true when
 * the event opened the shipment (a registration that links to nothing the registrant stands in).
 */
export function contributionOf(evidence: AudienceEvidence, audience: ReadonlySet<string>, founding: boolean): string[] {
  const { recorder } = evidence;
  if (evidence.declaration) return [];
  if (recorder.kind === 'trusted') {
    return [
      ...partyKeys(evidence.registration?.parties ?? []),
      ...placeKeys(evidence.registration?.stops ?? []),
      ...partyKeys(evidence.handOverParties),
      ...placeKeys(evidence.corridorStops),
      ...placeKeys(evidence.places),
      ...(evidence.country && /^[A-Za-z]{2}$/.test(evidence.country) ? [customsKey(evidence.country)] : []),
    ];
  }
  const member = standsIn(recorder, audience);
  const operated = operatedPlaces(recorder, evidence.places);
  const out: string[] = [];
  if (evidence.registration && (founding || member)) {
    out.push(...partyKeys(evidence.registration.parties), ...placeKeys(evidence.registration.stops), ...placeKeys(evidence.corridorStops));
  }
  if (member) out.push(...partyKeys(evidence.handOverParties), ...placeKeys(evidence.corridorStops));
  if (operated.length > 0) out.push(...partyKeys(evidence.handOverParties), ...operated.flatMap((p) => p.countries.map(customsKey)));
  const own = new Set(recorder.keys);
  const contributed = out.filter((key) => !own.has(key));
  // The registrant — whoever opened the shipment by registering it — is the one exception to
  // "capturing adds the capturer to nothing". (A member registering again adds parties and stops.)
  if (evidence.registration && founding) contributed.push(organisationKey(recorder.organisationId));
  return contributed;
}

/** The audience after one more event (a new set; the argument is left as it was). */
export function withEvent(audience: ReadonlySet<string>, evidence: AudienceEvidence, founding: boolean): Set<string> {
  const next = new Set(audience);
  for (const key of contributionOf(evidence, audience, founding)) next.add(key);
  return next;
}
