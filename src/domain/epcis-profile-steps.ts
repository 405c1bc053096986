import { BIZ_STEP, DISPOSITION } from './epcis-profile.js';
import type { MovementStepKind, StatusStep } from './status/shipment-status.js';
import { MOVEMENT_STEPS } from './status/shipment-status.js';
import { TRANSIT_STEP_KINDS } from './transit/transit-transitions.js';
import type { TransitStepKind } from './transit/transit-types.js';

/** How one step is written as an EPCIS event under the Karvon profile. */
export interface StepEventShape {
  readonly eventType: 'ObjectEvent' | 'AggregationEvent';
  readonly action: 'OBSERVE' | 'ADD' | 'DELETE';
  readonly bizStep: string;
  /** Absent for paperwork steps that do not change the state of the goods. */
  readonly disposition?: string;
  /** When the disposition depends on what happened (incidents): the ones allowed, none required. */
  readonly dispositionChoices?: readonly string[];
  /**
   * The bizStep alone does not name this step (it shares a common CBV bizStep with others, or a
   * partner may use that bizStep for anything): an event reports the step only with krv:movementStep.
   */
  readonly namedOnly?: true;
}

/** Customs transit steps; the event also carries krv:transitStep with the step kind. */
export const TRANSIT_STEP_EVENT: Readonly<Record<TransitStepKind, StepEventShape>> = {
  lodge: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitLodging },
  accept: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitAccepting },
  reject: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitRejecting },
  'release-for-transit': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitReleasing, disposition: DISPOSITION.inTransit },
  'pass-office': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.borderCrossing, disposition: DISPOSITION.inTransit },
  arrive: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.arriving, disposition: DISPOSITION.inTransit },
  release: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.destinationReleasing, disposition: DISPOSITION.inProgress },
  discharge: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitDischarging },
  control: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.inspecting, disposition: DISPOSITION.inProgress },
  'control-completed': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.inspecting, disposition: DISPOSITION.conformant },
  hold: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.holding, disposition: DISPOSITION.unavailable },
  'release-from-hold': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.customsReleasing, disposition: DISPOSITION.inTransit },
  cancel: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transitCancelling },
};

/** Physical movement steps; the event may carry krv:movementStep, and must where the bizStep alone is ambiguous. */
export const MOVEMENT_STEP_EVENT: Readonly<Record<MovementStepKind, StepEventShape>> = {
  departed: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.departing, disposition: DISPOSITION.inTransit },
  'position-reported': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transporting, disposition: DISPOSITION.inTransit },
  'arrived-at-border': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.arriving, disposition: DISPOSITION.inTransit },
  'border-passed': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.borderCrossing, disposition: DISPOSITION.inTransit },
  'loaded-on-ferry': { eventType: 'AggregationEvent', action: 'ADD', bizStep: BIZ_STEP.loading, disposition: DISPOSITION.inTransit },
  'unloaded-from-ferry': { eventType: 'AggregationEvent', action: 'DELETE', bizStep: BIZ_STEP.unloading, disposition: DISPOSITION.inTransit },
  transshipped: { eventType: 'AggregationEvent', action: 'ADD', bizStep: BIZ_STEP.loading, disposition: DISPOSITION.inTransit },
  'arrived-at-destination': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.arriving, disposition: DISPOSITION.inTransit },
  delivered: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.receiving, disposition: DISPOSITION.inProgress },
  incident: { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.incidentReporting, dispositionChoices: [DISPOSITION.damaged, DISPOSITION.stolen, DISPOSITION.unknown] },
  // Steps only a unit's positions tell (the telemetry pipeline derives them; docs/epcis-profile.md 4.5).
  'arrived-at-place': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.arriving, disposition: DISPOSITION.inTransit, namedOnly: true },
  'left-place': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.departing, disposition: DISPOSITION.inTransit, namedOnly: true },
  'route-deviation': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transporting, disposition: DISPOSITION.inTransit, namedOnly: true },
  'route-rejoined': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transporting, disposition: DISPOSITION.inTransit, namedOnly: true },
  'signal-lost': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transporting, disposition: DISPOSITION.inTransit, namedOnly: true },
  'signal-recovered': { eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: BIZ_STEP.transporting, disposition: DISPOSITION.inTransit, namedOnly: true },
  'seal-status': {
    eventType: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: BIZ_STEP.sensorReporting,
    dispositionChoices: [DISPOSITION.containerOpen, DISPOSITION.unknown, DISPOSITION.containerClosed, DISPOSITION.inTransit],
    namedOnly: true,
  },
};

const BARE_CBV = /^[a-z_]+$/;

/** Full IRI of a bizStep written bare ("arriving"), as CBV URN, or already as an IRI. */
function bizStepIri(bizStep: string): string {
  if (BARE_CBV.test(bizStep)) return `https://ref.gs1.org/cbv/BizStep-${bizStep}`;
  const urn = /^urn:epcglobal:cbv:bizstep:([a-z_]+)$/.exec(bizStep);
  return urn ? `https://ref.gs1.org/cbv/BizStep-${urn[1]}` : bizStep;
}

/**
 * Which step an event under the profile reports: krv:transitStep wins, then krv:movementStep,
 * then the bizStep when it names one step unambiguously (steps `namedOnly` are never read from the
 * bizStep). `arriving` without krv:movementStep is read as arrived-at-border only when `atBorder`
 * says the read point is a border crossing.
 */
export function profileStepOf(fields: { bizStep?: string; transitStep?: string; movementStep?: string; atBorder?: boolean }): StatusStep | undefined {
  if (fields.transitStep !== undefined) {
    return (TRANSIT_STEP_KINDS as readonly string[]).includes(fields.transitStep) ? { source: 'transit', kind: fields.transitStep as TransitStepKind } : undefined;
  }
  if (fields.movementStep !== undefined) {
    return (MOVEMENT_STEPS as readonly string[]).includes(fields.movementStep) ? { source: 'movement', kind: fields.movementStep as MovementStepKind } : undefined;
  }
  if (fields.bizStep === undefined) return undefined;
  const iri = bizStepIri(fields.bizStep);
  if (iri === BIZ_STEP.arriving) return { source: 'movement', kind: fields.atBorder ? 'arrived-at-border' : 'arrived-at-destination' };
  const candidates = MOVEMENT_STEPS.filter((k) => MOVEMENT_STEP_EVENT[k].bizStep === iri && !MOVEMENT_STEP_EVENT[k].namedOnly);
  return candidates.length === 1 ? { source: 'movement', kind: candidates[0]! } : undefined;
}
