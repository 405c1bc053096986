// What one timeline entry says happened, as data: the kind of step and its parameters (place,
// carrier, customs office, MRN, reason...). The server phrases it in English (timeline-text.ts); the
// web app phrases the same data in the reader's language. Both read this one value, so the sentence
// of the API and the app's sentence never disagree about what happened.
import { KARVON_ID_NS } from '../domain/epcis-profile.js';
import { MOVEMENT_STEPS, type MovementStepKind } from '../domain/status/shipment-status.js';
import { TRANSIT_STEP_KINDS } from '../domain/transit/transit-transitions.js';
import type { TransitStepKind } from '../domain/transit/transit-types.js';
import type { EventFacts, Whereabouts } from './event-facts.js';
import { registrationActOf, type RegistrationSection } from './registration-acts.js';

/** Customs transit steps, prefixed so they never collide with a movement step of the same name (cancel, arrive...). */
export type TransitTimelineKind = `transit.${TransitStepKind}`;

export const TIMELINE_KINDS = [
  ...MOVEMENT_STEPS,
  ...TRANSIT_STEP_KINDS.map((kind): TransitTimelineKind => `transit.${kind}`),
  'registered',
  'amended',
  'cancelled',
  // An amendment or cancellation by someone other than the registrant: recorded, not applied.
  'not-applied',
  // An event outside the profile's steps, named by its bizStep.
  'recorded',
] as const satisfies readonly (MovementStepKind | TransitTimelineKind | string)[];
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const CARRIER_KINDS = ['vessel', 'vehicle', 'wagon', 'other'] as const;

/** A vessel, truck or wagon that carried the goods for a while (the parentID of an aggregation). */
export interface TimelineCarrier {
  readonly kind: (typeof CARRIER_KINDS)[number];
  /** IMO number of a vessel; "KZ 123ABC02" (country and plate) of a vehicle; wagon number; the IRI otherwise. */
  readonly id: string;
}

export interface TimelineWhat {
  readonly kind: TimelineKind;
  /** Where it happened (for a registration: where the goods will leave from). */
  readonly place?: Whereabouts;
  /** The country it happened in (ISO 3166-1 alpha-2). */
  readonly country?: string;
  readonly carrier?: TimelineCarrier;
  /** Customs office code (reference customs offices). */
  readonly office?: string;
  /** The transit declaration's MRN, when the declaration's acceptance names it. */
  readonly mrn?: string;
  readonly reason?: string;
  readonly controlKind?: string;
  /** Sections of the registration an amendment changed; absent when unknown. */
  readonly changed?: readonly RegistrationSection[];
  /** Which act was not applied (kind not-applied). */
  readonly act?: 'amendment' | 'cancellation';
  /** The bizStep's name, e.g. "inspecting" (kind recorded); absent when the event has none. */
  readonly bizStep?: string;
  /** The tracker or e-seal whose readings told it (steps derived from positions). */
  readonly device?: string;
  /** How far off the route, and the threshold beyond which that counts, in km (route-deviation, route-rejoined). */
  readonly deviationKm?: number;
  readonly thresholdKm?: number;
  /** When the last position before the loss was fixed (signal-lost), date-time. */
  readonly lastFixTime?: string;
  /** How long the device was silent, in seconds (signal-recovered). */
  readonly signalGapS?: number;
  /** The e-seal codes raised, in code order; empty when the seal reports all clear (seal-status). */
  readonly sealCodes?: readonly string[];
}

export function carrierOf(iri: string): TimelineCarrier {
  const vessel = /\/vessel\/imo(\d{7})$/.exec(iri);
  if (vessel) return { kind: 'vessel', id: vessel[1]! };
  for (const kind of ['vehicle', 'wagon'] as const) {
    const prefix = `${KARVON_ID_NS}${kind}/`;
    if (iri.startsWith(prefix)) return { kind, id: iri.slice(prefix.length).split('/').map(safeDecode).join(' ') };
  }
  return { kind: 'other', id: iri };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "inspecting" of https://ref.gs1.org/cbv/BizStep-inspecting, urn:epcglobal:cbv:bizstep:inspecting or a bare word. */
export function bizStepName(bizStep: string): string {
  const m = /(?:BizStep-|bizstep[/:])([a-z_]+)$/.exec(bizStep);
  return m ? m[1]! : bizStep;
}

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * What one event says, as the profile reads it. `mrn` is the shipment's MRN as known so far (the
 * acceptance names it). An amendment's changed sections and whether an act applies depend on the
 * shipment's history: the fold sets them (amendedWhat, notAppliedWhat).
 */
export function whatOf(f: EventFacts, mrn?: string): TimelineWhat {
  const common = { ...(f.where ? { place: f.where } : {}), ...(f.country ? { country: f.country } : {}) };
  switch (registrationActOf(f.bizStep)) {
    case 'registration': return { kind: 'registered', ...common };
    case 'amendment': return { kind: 'amended', ...common };
    case 'cancellation': return defined({ kind: 'cancelled', ...common, reason: f.reason });
    case undefined: break;
  }
  const step = f.step;
  if (!step) return defined({ kind: 'recorded', ...common, bizStep: f.bizStep ? bizStepName(f.bizStep) : undefined });
  if (step.source === 'movement') {
    const carried = step.kind === 'loaded-on-ferry' || step.kind === 'unloaded-from-ferry' || step.kind === 'transshipped';
    const told = f.telemetry;
    const route = step.kind === 'route-deviation' || step.kind === 'route-rejoined';
    return defined({
      kind: step.kind,
      ...common,
      carrier: carried && f.carriers[0] ? carrierOf(f.carriers[0]) : undefined,
      reason: step.kind === 'incident' ? f.reason : undefined,
      device: told?.device,
      deviationKm: step.kind === 'route-deviation' ? told?.deviationKm : undefined,
      thresholdKm: route ? told?.thresholdKm : undefined,
      lastFixTime: step.kind === 'signal-lost' ? told?.lastFixTime : undefined,
      signalGapS: step.kind === 'signal-recovered' ? told?.signalGapS : undefined,
      sealCodes: step.kind === 'seal-status' ? [...(told?.sealCodes ?? [])] : undefined,
    });
  }
  return defined({
    kind: `transit.${step.kind}` as const,
    ...common,
    office: f.customsOffice,
    mrn: step.kind === 'accept' ? mrn : undefined,
    reason: step.kind === 'hold' ? (f.holdReason ?? f.reason) : step.kind === 'reject' || step.kind === 'cancel' ? f.reason : undefined,
    controlKind: step.kind === 'control' ? f.controlKind : undefined,
  });
}

/** An amendment by the registrant, with the sections it changed when they are known. */
export function amendedWhat(what: TimelineWhat, changed: readonly RegistrationSection[] | undefined): TimelineWhat {
  return { ...what, kind: 'amended', ...(changed ? { changed } : {}) };
}

/** An amendment or cancellation recorded by another organisation than the registrant. */
export function notAppliedWhat(act: 'amendment' | 'cancellation'): TimelineWhat {
  return { kind: 'not-applied', act };
}
