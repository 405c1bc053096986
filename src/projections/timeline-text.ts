// The timeline in English, for API clients and the CLI: one sentence per entry, phrased from the
// entry's structured `what` (timeline-what.ts) and nothing else, so sentence and data always agree.
// The web app phrases the same `what` in the reader's language (docs/architecture.md).
import type { EventFacts, Whereabouts } from './event-facts.js';
import { SEAL_CODE_MEANING, type SealStatusCode } from '../domain/seal-status.js';
import { registrationActOf, REGISTRATION_SECTIONS } from './registration-acts.js';
import type { TimelineEntry } from './shipment-state.js';
import { whatOf, type TimelineCarrier, type TimelineWhat } from './timeline-what.js';

/**
 * A registration, its amendments and its cancellation are paperwork: they say where the goods will
 * start from, not where they are.
 */
export function isRegistration(f: Pick<EventFacts, 'bizStep'>): boolean {
  return registrationActOf(f.bizStep) !== undefined;
}

/** "Dostyk (KZ)", "43.3520, 52.8610" or the raw id. */
export function placeText(where: Whereabouts | undefined): string | undefined {
  if (!where) return undefined;
  if (where.kind === 'location') return where.country ? `${where.name} (${where.country})` : where.name;
  if (where.kind === 'geo') return `${where.lat.toFixed(4)}, ${where.lon.toFixed(4)}`;
  return where.id;
}

function at(where: Whereabouts | undefined): string {
  const place = placeText(where);
  return place ? ` at ${place}` : '';
}

function carrierText(carrier: TimelineCarrier | undefined): string {
  if (!carrier) return '';
  switch (carrier.kind) {
    case 'vessel': return ` IMO ${carrier.id}`;
    case 'vehicle': return ` ${carrier.id}`;
    case 'wagon': return ` wagon ${carrier.id}`;
    case 'other': {
      const tail = carrier.id.split('/').slice(-2);
      try {
        return ` ${decodeURIComponent(tail.join(' '))}`;
      } catch {
        return ` ${tail.join(' ')}`;
      }
    }
  }
}

function borderPlace(where: Whereabouts | undefined): string {
  if (where?.kind === 'location' && where.locationKind === 'border-crossing') {
    return ` ${where.name} border crossing${where.country ? ` (${where.country})` : ''}`;
  }
  return at(where).replace(/^ at/, '');
}

/** "2 h 5 min", "40 min": a signal gap as people say it. */
export function gapText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

function sealText(codes: readonly string[] | undefined): string {
  if (!codes || codes.length === 0) return 'Seal reports all clear';
  const named = codes.map((code) => `${SEAL_CODE_MEANING[code as SealStatusCode]?.description ?? 'code'} (${code})`);
  return `Seal alarm: ${named.join(', ')}`;
}

function routeText(what: TimelineWhat): string {
  const limit = what.thresholdKm !== undefined ? ` (threshold ${what.thresholdKm} km)` : '';
  return what.deviationKm !== undefined ? `Off the route by ${what.deviationKm} km${limit}` : `Off the route${limit}`;
}

/** The English sentence of one timeline entry's `what`. */
export function sentenceOf(what: TimelineWhat): string {
  const office = what.office ? ` ${what.office}` : '';
  const why = what.reason ? `: ${what.reason}` : '';
  const where = what.place;
  switch (what.kind) {
    case 'registered': return `Shipment registered${where ? `, to leave from ${placeText(where)}` : ''}`;
    case 'amended': {
      const changed = what.changed?.map((section) => REGISTRATION_SECTIONS[section]) ?? [];
      return changed.length > 0 ? `Registration amended: ${changed.join(', ')}` : 'Registration amended';
    }
    case 'cancelled': return `Shipment cancelled${why}`;
    case 'not-applied':
      return what.act === 'cancellation'
        ? 'Cancellation recorded by another organisation than the registrant; not applied'
        : 'Registration amendment recorded by another organisation than the registrant; not applied';
    case 'recorded': {
      const name = (what.bizStep ?? 'event').replace(/_/g, ' ');
      return `${name[0]!.toUpperCase()}${name.slice(1)} recorded${at(where)}`;
    }
    case 'departed': return `Departed${where?.kind === 'location' ? ` from ${placeText(where)}` : at(where)}`;
    case 'position-reported': return `Position reported${at(where)}`;
    case 'arrived-at-border': return `Arrived at${borderPlace(where)}`;
    case 'border-passed': return `Crossed the border at${borderPlace(where)}`;
    case 'loaded-on-ferry': return `Loaded on ferry${carrierText(what.carrier)}${at(where)}`;
    case 'unloaded-from-ferry': return `Unloaded from ferry${carrierText(what.carrier)}${at(where)}`;
    case 'transshipped': return `Transshipped to${carrierText(what.carrier) || ' next carrier'}${at(where)}`;
    case 'arrived-at-destination': return `Arrived${at(where)}`;
    case 'delivered': return `Delivered${at(where)}`;
    case 'incident': return `Incident${at(where)}${why}`;
    case 'arrived-at-place': return `Arrived${at(where)}`;
    case 'left-place': return where ? `Left ${placeText(where)}` : 'Left a place';
    case 'route-deviation': return `${routeText(what)}${at(where)}`;
    case 'route-rejoined': return `Back on the route${at(where)}`;
    case 'signal-lost': return `Tracker signal lost${at(where)}${what.lastFixTime ? ` (last fix ${what.lastFixTime})` : ''}`;
    case 'signal-recovered': return `Tracker signal recovered${what.signalGapS !== undefined ? ` after ${gapText(what.signalGapS)}` : ''}${at(where)}`;
    case 'seal-status': return `${sealText(what.sealCodes)}${at(where)}`;
    case 'transit.lodge': return `Transit declaration lodged at customs office${office}`;
    case 'transit.accept': return `Transit declaration accepted${what.mrn ? `, MRN ${what.mrn}` : ''}`;
    case 'transit.reject': return `Transit declaration rejected${why}`;
    case 'transit.cancel': return `Transit declaration cancelled${why}`;
    case 'transit.release-for-transit': return `Released for transit by customs office${office}`;
    case 'transit.pass-office': return `Passed customs office of transit${office}`;
    case 'transit.arrive': return `Arrived at customs office of destination${office}`;
    case 'transit.release': return `Released by customs at destination${office}`;
    case 'transit.discharge': return 'Transit declaration discharged';
    case 'transit.control': return `Customs control${what.controlKind ? ` (${what.controlKind})` : ''}${office ? ` by${office}` : ''}`;
    case 'transit.control-completed': return 'Customs control completed';
    case 'transit.hold': return `Customs hold${why}`;
    case 'transit.release-from-hold': return 'Released from customs hold';
  }
}

/** The sentence for one event, as the timeline would write it (before the fold weighs registration acts). */
export function describeEvent(f: EventFacts, mrn?: string): string {
  return sentenceOf(whatOf(f, mrn));
}

/** A timeline entry: its sentence is always the English phrasing of its `what`. */
export function timelineEntry(time: string, place: string | undefined, what: TimelineWhat, eventID: string): TimelineEntry {
  return { time, ...(place ? { place } : {}), text: sentenceOf(what), what, eventID };
}
