// Who may capture what: the capture side of the policy, as pure rules over who records an event
// and the event itself. Capture rights are not read rights: recording an event never makes the
// recorder see more (src/access/audience.ts). An organisation captures in its own name only (the
// capture pipeline stamps every event with the caller's organisation and its keys) and may capture:
// - events at a location it operates (the readPoint or bizLocation is one of its locations);
// - customs authorities: events at a location in their own country;
// - events about a shipment it already sees (it stands in the shipment's audience);
// - a registration of a shipment of its own (it becomes the registrant).
// The network operator and local captures (imports, the simulator, the demo) capture anything.
// Events with no location (or a `geo:` one) by anybody else need a shipment the organisation sees.
import type { PlaceRef } from './audience.js';
import { customsKey, locationKey, type Recorder } from '../model/visibility-scope.js';

/** An SGLN with its extension component set to 0: lanes and gates belong to the same location. */
export function baseSgln(id: string): string {
  const m = /^(urn:epc:id:sgln:[^.]+\.[^.]*)\.[^.]*$/.exec(id.trim());
  return m ? `${m[1]}.0` : id.trim();
}

/** Whether the recorder may record events about any goods at one of these places: it operates it, or is the customs of its country. */
export function hasPlaceRight(recorder: Recorder, places: readonly PlaceRef[]): boolean {
  if (recorder.kind === 'trusted') return true;
  const keys = new Set(recorder.keys);
  return places.some((place) => keys.has(locationKey(place.id)) || place.countries.some((country) => keys.has(customsKey(country))));
}
