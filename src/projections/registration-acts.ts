// A shipment's registration paperwork under the profile (docs/epcis-profile.md, section 4.4): the
// registration that opened it, the registrant's amendments (each carrying the whole new registration
// in krv:registration) and its cancellation. Read here, from the events alone, so that a rebuild
// folds the same current registration and the same status as the live projection did.
import { BIZ_STEP } from '../domain/epcis-profile.js';
import type { EventFacts } from './event-facts.js';
import { karvonField } from './karvon-field.js';

export type RegistrationAct = 'registration' | 'amendment' | 'cancellation';

const ACT_OF_BIZ_STEP: Readonly<Record<string, RegistrationAct>> = {
  [BIZ_STEP.shipmentRegistering]: 'registration',
  [BIZ_STEP.shipmentAmending]: 'amendment',
  [BIZ_STEP.shipmentCancelling]: 'cancellation',
};

/** Which registration act an event's bizStep names, if any. */
export function registrationActOf(bizStep: string | undefined): RegistrationAct | undefined {
  return bizStep !== undefined && Object.hasOwn(ACT_OF_BIZ_STEP, bizStep) ? ACT_OF_BIZ_STEP[bizStep] : undefined;
}

type Facts = Pick<EventFacts, 'event' | 'bizStep' | 'capturedBy' | 'recorder' | 'sequence'>;

/**
 * The organisation that registered the shipment: the recorder of its first stored registration
 * event (the one that opened it, and whose organisation key the audience holds). Undefined when the
 * node itself or the network operator registered it, or when it was never registered.
 */
export function registrantOf(events: readonly Facts[]): string | undefined {
  let first: Facts | undefined;
  for (const f of events) {
    if (registrationActOf(f.bizStep) !== 'registration' || f.event.errorDeclaration !== undefined) continue;
    // Stored order decides who opened the shipment; without sequences (folds outside the read model) fold order does.
    if (first === undefined || (f.sequence !== undefined && (first.sequence === undefined || f.sequence < first.sequence))) first = f;
  }
  return first?.recorder.kind === 'organisation' ? first.recorder.organisationId : undefined;
}

/**
 * Whether an event speaks for the registrant, as amendments and cancellations must: the registrant
 * itself, or a trusted recorder (the node, the network operator). Another organisation in the
 * audience may add events about the goods, but may not rewrite what the forwarder declared nor call
 * the shipment off (docs/security.md, threat model).
 */
export function speaksForRegistrant(f: Pick<EventFacts, 'recorder'>, registrant: string | undefined): boolean {
  return f.recorder.kind === 'trusted' || (registrant !== undefined && f.recorder.organisationId === registrant);
}

/** The krv:registration an event carries, when it is an object. */
export function registrationCarried(f: Pick<EventFacts, 'event'>): Record<string, unknown> | undefined {
  const value = karvonField(f.event, 'registration');
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The registration in force: the latest registration, or amendment by the registrant, in fold order.
 * An error declaration repeats the event it declares erroneous: it is not a registration.
 */
export function currentRegistration(events: readonly Facts[]): Record<string, unknown> | undefined {
  const registrant = registrantOf(events);
  for (let i = events.length - 1; i >= 0; i--) {
    const f = events[i]!;
    if (f.event.errorDeclaration !== undefined) continue;
    const act = registrationActOf(f.bizStep);
    if (act === 'registration' || (act === 'amendment' && speaksForRegistrant(f, registrant))) {
      const registration = registrationCarried(f);
      if (registration !== undefined) return registration;
    }
  }
  return undefined;
}

/** The sections of a registration, each as the timeline names it in English. */
export const REGISTRATION_SECTIONS = {
  references: 'references',
  parties: 'parties',
  goods: 'goods',
  transportUnits: 'transport units',
  itinerary: 'itinerary',
  corridorId: 'corridor',
} as const;
export type RegistrationSection = keyof typeof REGISTRATION_SECTIONS;

/** The sections an amendment changed, in registration order. */
export function changedSectionKeys(previous: Record<string, unknown> | undefined, next: Record<string, unknown>): RegistrationSection[] {
  return (Object.keys(REGISTRATION_SECTIONS) as RegistrationSection[]).filter((key) => JSON.stringify(previous?.[key]) !== JSON.stringify(next[key]));
}

/** The sections an amendment changed, in words ("itinerary", "transport units"...). */
export function changedSections(previous: Record<string, unknown> | undefined, next: Record<string, unknown>): string[] {
  return changedSectionKeys(previous, next).map((key) => REGISTRATION_SECTIONS[key]);
}
