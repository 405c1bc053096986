// Human-readable timeline entries: what a person tracking the goods reads, one line per event.
import type { EventFacts, Whereabouts } from './event-facts.js';
import { registrationActOf } from './registration-acts.js';

/**
 * A registration, its amendments and its cancellation are paperwork: they say where the goods will
 * start from, not where they are.
 */
export function isRegistration(f: Pick<EventFacts, 'bizStep'>): boolean {
  return registrationActOf(f.bizStep) !== undefined;
}

/** "Registration amended: itinerary, goods" (the sections that changed, when known). */
export function amendmentText(changed: readonly string[] | undefined): string {
  return changed && changed.length > 0 ? `Registration amended: ${changed.join(', ')}` : 'Registration amended';
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

function carrierText(iri: string | undefined): string {
  if (!iri) return '';
  const vessel = /\/vessel\/imo(\d{7})$/.exec(iri);
  if (vessel) return ` IMO ${vessel[1]}`;
  const tail = iri.split('/').slice(-2);
  return ` ${decodeURIComponent(tail.join(' '))}`;
}

function borderPlace(where: Whereabouts | undefined): string {
  if (where?.kind === 'location' && where.locationKind === 'border-crossing') {
    return ` ${where.name} border crossing${where.country ? ` (${where.country})` : ''}`;
  }
  return at(where).replace(/^ at/, '');
}

function bizStepName(bizStep: string | undefined): string {
  if (!bizStep) return 'event';
  const m = /(?:BizStep-|bizstep[/:])([a-z_]+)$/.exec(bizStep);
  return (m ? m[1]! : bizStep).replace(/_/g, ' ');
}

/** The sentence for one event. */
export function describeEvent(f: EventFacts, mrn?: string): string {
  const office = f.customsOffice ? ` ${f.customsOffice}` : '';
  const why = (reason: string | undefined) => (reason ? `: ${reason}` : '');
  const step = f.step;
  switch (registrationActOf(f.bizStep)) {
    case 'registration': return `Shipment registered${f.where ? `, to leave from ${placeText(f.where)}` : ''}`;
    case 'amendment': return amendmentText(undefined);
    case 'cancellation': return `Shipment cancelled${why(f.reason)}`;
    case undefined: break;
  }
  if (!step) return `${bizStepName(f.bizStep)[0]!.toUpperCase()}${bizStepName(f.bizStep).slice(1)} recorded${at(f.where)}`;
  if (step.source === 'movement') {
    switch (step.kind) {
      case 'departed': return `Departed${f.where?.kind === 'location' ? ` from ${placeText(f.where)}` : at(f.where)}`;
      case 'position-reported': return `Position reported${at(f.where)}`;
      case 'arrived-at-border': return `Arrived at${borderPlace(f.where)}`;
      case 'border-passed': return `Crossed the border at${borderPlace(f.where)}`;
      case 'loaded-on-ferry': return `Loaded on ferry${carrierText(f.carriers[0])}${at(f.where)}`;
      case 'unloaded-from-ferry': return `Unloaded from ferry${carrierText(f.carriers[0])}${at(f.where)}`;
      case 'transshipped': return `Transshipped to${carrierText(f.carriers[0]) || ' next carrier'}${at(f.where)}`;
      case 'arrived-at-destination': return `Arrived${at(f.where)}`;
      case 'delivered': return `Delivered${at(f.where)}`;
      case 'incident': return `Incident${at(f.where)}${why(f.reason)}`;
    }
  }
  switch (step.kind) {
    case 'lodge': return `Transit declaration lodged at customs office${office}`;
    case 'accept': return `Transit declaration accepted${mrn ? `, MRN ${mrn}` : ''}`;
    case 'reject': return `Transit declaration rejected${why(f.reason)}`;
    case 'cancel': return `Transit declaration cancelled${why(f.reason)}`;
    case 'release-for-transit': return `Released for transit by customs office${office}`;
    case 'pass-office': return `Passed customs office of transit${office}`;
    case 'arrive': return `Arrived at customs office of destination${office}`;
    case 'release': return `Released by customs at destination${office}`;
    case 'discharge': return 'Transit declaration discharged';
    case 'control': return `Customs control${f.controlKind ? ` (${f.controlKind})` : ''}${office ? ` by${office}` : ''}`;
    case 'control-completed': return 'Customs control completed';
    case 'hold': return `Customs hold${why(f.holdReason ?? f.reason)}`;
    case 'release-from-hold': return 'Released from customs hold';
  }
  return `${bizStepName(f.bizStep)} recorded`;
}
