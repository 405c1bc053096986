// Hand-built events that follow the Karvon EPCIS profile, from the profile's own constants.
import type { EpcisEvent } from '../../src/epcis/model.js';
import {
  BIZ_TRANSACTION_TYPE, compactExtensionField, containerIri, documentIri, KARVON_NS, vesselIri, type ExtensionFieldName,
} from '../../src/domain/epcis-profile.js';
import { MOVEMENT_STEP_EVENT, TRANSIT_STEP_EVENT } from '../../src/domain/epcis-profile-steps.js';
import type { MovementStepKind } from '../../src/domain/status/shipment-status.js';
import type { TransitStepKind } from '../../src/domain/transit/transit-types.js';
import { locationById } from '../../src/reference/index.js';

export const CORRIDOR = 'middle-corridor-dostyk';
export const CONTAINER = containerIri('MSKU1234565');
export const VESSEL = vesselIri('9074729');
export const MRN = '25KZ551100T0047113';

export const doc = {
  smgs: (n: string) => ({ type: BIZ_TRANSACTION_TYPE.smgs, bizTransaction: documentIri('smgs', n) }),
  mrn: (n: string) => ({ type: BIZ_TRANSACTION_TYPE.transitDeclaration, bizTransaction: documentIri('mrn', n) }),
  booking: (n: string) => ({ type: BIZ_TRANSACTION_TYPE.booking, bizTransaction: documentIri('booking', n) }),
  cmr: (n: string) => ({ type: BIZ_TRANSACTION_TYPE.cmr, bizTransaction: documentIri('cmr', n) }),
};

export function sglnOf(locationId: string): string {
  const location = locationById(locationId);
  if (!location) throw new Error(`no location ${locationId}`);
  return location.sgln;
}

export interface StepOptions {
  id: string;
  time: string;
  /** A reference location id, or a `geo:` URI. */
  at: string;
  docs?: { type: string; bizTransaction: string }[];
  units?: string[];
  parent?: string;
  fields?: Partial<Record<ExtensionFieldName, string | number>>;
}

function build(shape: { eventType: string; action: string; bizStep: string; disposition?: string }, o: StepOptions, step: Record<string, string>): EpcisEvent {
  const units = o.units ?? [CONTAINER];
  const event: EpcisEvent = {
    '@context': { krv: KARVON_NS },
    type: shape.eventType as EpcisEvent['type'],
    eventID: o.id,
    eventTime: o.time,
    eventTimeZoneOffset: '+00:00',
    action: shape.action as EpcisEvent['action'],
    ...(shape.eventType === 'AggregationEvent' ? { parentID: o.parent ?? VESSEL, childEPCs: units } : { epcList: units }),
    bizStep: shape.bizStep,
    ...(shape.disposition ? { disposition: shape.disposition } : {}),
    readPoint: { id: o.at.startsWith('geo:') ? o.at : sglnOf(o.at) },
    bizTransactionList: o.docs ?? [doc.smgs('70012345')],
    [compactExtensionField('corridor')]: CORRIDOR,
    ...step,
  };
  for (const [name, value] of Object.entries(o.fields ?? {})) event[compactExtensionField(name as ExtensionFieldName)] = value;
  return event;
}

/** A movement event as section 4.2 of the profile writes it. */
export function movement(kind: MovementStepKind, o: StepOptions): EpcisEvent {
  return build(MOVEMENT_STEP_EVENT[kind], o, { [compactExtensionField('movementStep')]: kind });
}

/** A customs transit event as section 4.1 of the profile writes it. */
export function transit(kind: TransitStepKind, o: StepOptions): EpcisEvent {
  return build(TRANSIT_STEP_EVENT[kind], o, { [compactExtensionField('transitStep')]: kind });
}

/**
 * A realistic trip Xi'an -> Poti on the Middle Corridor via Dostyk: departure, a position report,
 * customs at Dostyk with a hold, the Caspian ferry, arrival and delivery. `prefix` keeps eventIDs
 * unique between trips; `start` shifts every time (hours).
 */
export function trip(prefix = 'T', smgs = '70012345', mrn = MRN, container = CONTAINER, startDay = 1): EpcisEvent[] {
  const t = (dayOffset: number, hour: number) => new Date(Date.UTC(2026, 2, startDay + dayOffset, hour)).toISOString();
  const base = [doc.smgs(smgs)];
  const withMrn = [doc.smgs(smgs), doc.mrn(mrn)];
  const units = [container];
  return [
    movement('departed', { id: `${prefix}01`, time: t(0, 8), at: 'xian', docs: base, units, fields: { country: 'CN', transportMode: 'rail', legIndex: 0 } }),
    movement('position-reported', { id: `${prefix}02`, time: t(1, 12), at: 'geo:43.80,87.60', docs: base, units, fields: { transportMode: 'rail', legIndex: 1 } }),
    movement('arrived-at-border', { id: `${prefix}03`, time: t(3, 6), at: 'dostyk', docs: base, units, fields: { country: 'KZ', transportMode: 'rail' } }),
    transit('lodge', { id: `${prefix}04`, time: t(3, 8), at: 'dostyk', docs: base, units, fields: { country: 'KZ', customsOffice: 'KZ551100' } }),
    transit('accept', { id: `${prefix}05`, time: t(3, 9), at: 'dostyk', docs: withMrn, units, fields: { country: 'KZ', customsOffice: 'KZ551100' } }),
    transit('hold', { id: `${prefix}06`, time: t(3, 10), at: 'dostyk', docs: withMrn, units, fields: { country: 'KZ', customsOffice: 'KZ551100', holdReason: 'documents incomplete' } }),
    transit('release-from-hold', { id: `${prefix}07`, time: t(4, 10), at: 'dostyk', docs: withMrn, units, fields: { country: 'KZ', customsOffice: 'KZ551100' } }),
    transit('release-for-transit', { id: `${prefix}08`, time: t(4, 12), at: 'dostyk', docs: withMrn, units, fields: { country: 'KZ', customsOffice: 'KZ551100' } }),
    movement('border-passed', { id: `${prefix}09`, time: t(4, 14), at: 'dostyk', docs: withMrn, units, fields: { country: 'KZ', transportMode: 'rail' } }),
    movement('loaded-on-ferry', { id: `${prefix}10`, time: t(9, 6), at: 'aktau-port', docs: withMrn, units, fields: { country: 'KZ', transportMode: 'sea' } }),
    movement('unloaded-from-ferry', { id: `${prefix}11`, time: t(10, 8), at: 'alat-port', docs: withMrn, units, fields: { country: 'AZ', transportMode: 'sea' } }),
    movement('arrived-at-destination', { id: `${prefix}12`, time: t(12, 9), at: 'poti-port', docs: withMrn, units, fields: { country: 'GE', transportMode: 'rail' } }),
    movement('delivered', { id: `${prefix}13`, time: t(12, 15), at: 'poti-port', docs: withMrn, units, fields: { country: 'GE' } }),
  ];
}

/** A deterministic shuffle (so a failing order can be reproduced). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
