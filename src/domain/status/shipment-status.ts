import type { TransitStepKind } from '../transit/transit-types.js';

/** What a person wants to know about a shipment at a glance; projections compute it from events. */
export const SHIPMENT_STATUSES = [
  'planned', 'departed', 'in-transit', 'at-border', 'held-by-customs', 'on-ferry', 'arrived', 'delivered', 'exception', 'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * Statuses after which a shipment is over: its registration can no longer be amended or cancelled,
 * and its transport units are free for their next shipment.
 */
export const CLOSED_STATUSES: readonly ShipmentStatus[] = ['delivered', 'cancelled'];

export function isClosedStatus(status: ShipmentStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/**
 * Movement steps only a unit's positions tell: the telemetry pipeline derives them, no person
 * reports them (arrived-at-border and border-passed are derived too, but people report them as well).
 */
export const TELEMETRY_STEPS = ['arrived-at-place', 'left-place', 'route-deviation', 'route-rejoined', 'signal-lost', 'signal-recovered', 'seal-status'] as const;

/** Physical movement steps, as the EPCIS profile's movement events report them. */
export const MOVEMENT_STEPS = [
  'departed', 'position-reported', 'arrived-at-border', 'border-passed', 'loaded-on-ferry', 'unloaded-from-ferry',
  'transshipped', 'arrived-at-destination', 'delivered', 'incident',
  ...TELEMETRY_STEPS,
] as const;
export type MovementStepKind = (typeof MOVEMENT_STEPS)[number];

/**
 * Movement steps that report a condition of the unit (its route, its signal, its seal) rather than
 * where the goods stand: their read point is where the unit happened to be, so they neither move a
 * shipment along its corridor nor change its current location.
 */
export const CONDITION_STEPS: ReadonlySet<MovementStepKind> = new Set(['route-deviation', 'route-rejoined', 'signal-lost', 'signal-recovered', 'seal-status']);

export type StatusStep =
  | { readonly source: 'movement'; readonly kind: MovementStepKind }
  | { readonly source: 'transit'; readonly kind: TransitStepKind };

export interface StatusContext {
  /** Status before the current customs hold; where a release from hold returns to. */
  readonly statusBeforeHold?: ShipmentStatus;
}

const MOVEMENT_TARGET: Readonly<Record<MovementStepKind, ShipmentStatus | 'keep'>> = {
  departed: 'departed',
  'position-reported': 'in-transit',
  'arrived-at-border': 'at-border',
  'border-passed': 'in-transit',
  'loaded-on-ferry': 'on-ferry',
  'unloaded-from-ferry': 'in-transit',
  transshipped: 'in-transit',
  'arrived-at-destination': 'arrived',
  delivered: 'delivered',
  incident: 'exception',
  // A unit entering or leaving a terminal or a user's geofence says where it is, not how the journey
  // stands: leaving the origin's yard is not the shipment's departure (that is the shipper's word).
  'arrived-at-place': 'keep',
  'left-place': 'keep',
  // Conditions of the unit: alerts (issue 14) act on them; a breached seal or a lost signal alone does
  // not change where the goods are in their journey.
  'route-deviation': 'keep',
  'route-rejoined': 'keep',
  'signal-lost': 'keep',
  'signal-recovered': 'keep',
  'seal-status': 'keep',
};

// Customs steps are paperwork: most do not move the goods, so they leave the status alone. Only a
// hold (the goods cannot move), its release, a rejection, and arrival at the office of destination
// say something a person tracking the goods needs to see.
const TRANSIT_TARGET: Readonly<Record<TransitStepKind, ShipmentStatus | 'keep' | 'restore'>> = {
  lodge: 'keep',
  accept: 'keep',
  reject: 'exception',
  cancel: 'keep',
  'release-for-transit': 'keep',
  'pass-office': 'in-transit',
  arrive: 'arrived',
  release: 'keep',
  discharge: 'keep',
  control: 'keep',
  'control-completed': 'keep',
  hold: 'held-by-customs',
  'release-from-hold': 'restore',
};

/**
 * The status after a step. Rules, in order:
 * 1. delivered and cancelled are final: nothing changes them (a cancellation is not a step: the
 *    fold sets it from the registrant's cancelling event).
 * 2. while held by customs only release-from-hold, an incident or delivery change the status;
 *    a release returns to the status before the hold (context), else in-transit.
 * 3. a position report does not undo planned (not yet departed), at-border, on-ferry or arrived.
 * 4. otherwise the step's target from the tables above; 'keep' leaves the status as it is.
 */
export function statusAfter(current: ShipmentStatus, step: StatusStep, context: StatusContext = {}): ShipmentStatus {
  if (isClosedStatus(current)) return current;
  const table: Readonly<Record<string, ShipmentStatus | 'keep' | 'restore'>> = step.source === 'movement' ? MOVEMENT_TARGET : TRANSIT_TARGET;
  // Unknown kinds (from untyped input) leave the status alone rather than reading the prototype.
  if (!Object.hasOwn(table, step.kind)) return current;
  const target = table[step.kind]!;
  if (current === 'held-by-customs') {
    if (target === 'restore') return context.statusBeforeHold && context.statusBeforeHold !== 'held-by-customs' ? context.statusBeforeHold : 'in-transit';
    if (target === 'exception' || target === 'delivered') return target;
    return current;
  }
  if (target === 'restore' || target === 'keep') return current;
  if (step.source === 'movement' && step.kind === 'position-reported' && (current === 'planned' || current === 'arrived' || current === 'at-border' || current === 'on-ferry')) return current;
  return target;
}

/** Folds a sequence of steps from 'planned', keeping track of the status before a hold. */
export function statusOf(steps: readonly StatusStep[]): ShipmentStatus {
  let status: ShipmentStatus = 'planned';
  let beforeHold: ShipmentStatus | undefined;
  for (const step of steps) {
    const next = statusAfter(status, step, beforeHold ? { statusBeforeHold: beforeHold } : {});
    if (next === 'held-by-customs' && status !== 'held-by-customs') beforeHold = status;
    if (next !== 'held-by-customs') beforeHold = undefined;
    status = next;
  }
  return status;
}
