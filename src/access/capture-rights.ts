// Who may capture what: the capture side of the visibility policy, as pure rules over an
// organisation and the facts of one event. An organisation captures in its own name only (the
// capture pipeline stamps every event with the caller's organisation), and only events:
// - at a location it operates (the readPoint or bizLocation is the SGLN of one of its locations), or
// - that name it as a party (a source or destination party, or a party of a registration) of a
//   shipment nobody else has yet — naming oneself on someone else's shipment is refused, or
// - about a shipment it already sees (checked by the capture pipeline against the read model).
// Customs authorities and the network operator may capture anything. A `geo:` readPoint is never a
// location anybody operates: a position report of a carrier's vehicle is accepted because the
// carrier sees the shipment the vehicle carries.
import type { Organisation } from './model.js';
import { partyKey } from './visibility.js';

/** Organisations that may capture about any shipment anywhere. */
export function capturesAnywhere(organisation: Pick<Organisation, 'kind'>): boolean {
  return organisation.kind === 'customs-authority' || organisation.kind === 'network-operator';
}

/** An SGLN with its extension component set to 0: lanes and gates belong to the same location. */
export function baseSgln(id: string): string {
  const m = /^(urn:epc:id:sgln:[^.]+\.[^.]*)\.[^.]*$/.exec(id.trim());
  return m ? `${m[1]}.0` : id.trim();
}

/** The SGLNs of the locations an organisation operates (reference location id → SGLN). */
export function operatedSglns(organisation: Pick<Organisation, 'locations'>, sglnOf: (locationId: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  for (const id of organisation.locations) {
    const sgln = sglnOf(id);
    if (sgln) out.add(baseSgln(sgln));
  }
  return out;
}

/** Whether one of the event's places (readPoint, bizLocation ids) is a location the organisation operates. */
export function atOperatedLocation(places: readonly string[], operated: ReadonlySet<string>): boolean {
  return places.some((place) => !place.startsWith('geo:') && operated.has(baseSgln(place)));
}

/** Whether the event names the organisation as a party (ids compared after normalisation). */
export function namesOrganisation(parties: readonly string[], organisation: Pick<Organisation, 'partyIds'>): boolean {
  if (organisation.partyIds.length === 0 || parties.length === 0) return false;
  const own = new Set(organisation.partyIds.map(partyKey));
  return parties.some((party) => own.has(partyKey(party)));
}
