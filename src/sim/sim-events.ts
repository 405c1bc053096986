// Builds EPCIS events exactly as docs/epcis-profile.md writes them, from the profile's constants.
import type { BizTransaction, EpcisEvent, ExtensionValue } from '../epcis/model.js';
import {
  compactExtensionField,
  KARVON_NS,
  KARVON_PREFIX,
  localTime,
  MOVEMENT_STEP_EVENT,
  TRANSIT_STEP_EVENT,
  type ExtensionFieldName,
  type MovementStepKind,
  type StepEventShape,
  type TransitStepKind,
} from '../domain/index.js';

/** An event with the instant it happened, so that events can be put in eventTime order. */
export interface TimedEvent {
  readonly at: number;
  readonly event: EpcisEvent;
}

/** What every simulated event about a shipment states. */
export interface EventBase {
  readonly at: number;
  readonly epcs: readonly string[];
  /** SGLN URN of a location or a `geo:` URI. */
  readonly readPoint: string;
  readonly country: string;
  readonly corridor: string;
  readonly documents: readonly BizTransaction[];
}

type Extensions = Partial<Record<ExtensionFieldName, ExtensionValue>>;

function build(shape: StepEventShape, base: EventBase, fields: Extensions, parentID?: string, disposition?: string, more: Partial<EpcisEvent> = {}): TimedEvent {
  const event: EpcisEvent = {
    '@context': { [KARVON_PREFIX]: KARVON_NS },
    type: shape.eventType,
    ...localTime(base.at, base.country),
    action: shape.action,
  };
  if (shape.eventType === 'AggregationEvent') {
    event.parentID = parentID;
    event.childEPCs = [...base.epcs];
  } else {
    event.epcList = [...base.epcs];
  }
  event.bizStep = shape.bizStep;
  const disp = disposition ?? shape.disposition;
  if (disp !== undefined) event.disposition = disp;
  event.readPoint = { id: base.readPoint };
  Object.assign(event, more);
  if (base.documents.length > 0) event.bizTransactionList = base.documents.map((d) => ({ ...d }));
  const all: Extensions = { ...fields, country: base.country, corridor: base.corridor };
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined) event[compactExtensionField(name as ExtensionFieldName)] = value;
  }
  return { at: base.at, event };
}

/** A customs transit step (profile section 4.1); `fields` adds krv:customsOffice and the step's own fields. */
export function transitStepEvent(step: TransitStepKind, base: EventBase, fields: Extensions): TimedEvent {
  return build(TRANSIT_STEP_EVENT[step], base, { transitStep: step, ...fields });
}

/** A movement step (profile section 4.2); `parentID` for the aggregation steps, `disposition` for incidents. */
export function movementStepEvent(
  step: MovementStepKind,
  base: EventBase,
  fields: Extensions,
  options: { parentID?: string; disposition?: string; more?: Partial<EpcisEvent> } = {},
): TimedEvent {
  return build(MOVEMENT_STEP_EVENT[step], base, { movementStep: step, ...fields }, options.parentID, options.disposition, options.more);
}
