import { BIZ_STEP } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';

/** Whether an event is a forwarder's registration (src/sim/sim-registration.ts), not a step of the journey. */
export function isRegistration(event: EpcisEvent): boolean {
  return event.bizStep === BIZ_STEP.shipmentRegistering;
}

/** The events of the journey: every event but registrations. */
export function journeyEvents(events: readonly EpcisEvent[]): EpcisEvent[] {
  return events.filter((e) => !isRegistration(e));
}

/** The shipment an event is about: its first container (each shipment has its own containers). */
export function unitOf(event: EpcisEvent): string {
  return (event.epcList ?? event.childEPCs ?? [])[0]!;
}

export function stepOf(event: EpcisEvent): string | undefined {
  return (event['krv:transitStep'] ?? event['krv:movementStep']) as string | undefined;
}

/** Events grouped by shipment, each group in eventTime order. */
export function byShipment(events: readonly EpcisEvent[], bookingOf: (e: EpcisEvent) => string | undefined): Map<string, EpcisEvent[]> {
  const groups = new Map<string, EpcisEvent[]>();
  for (const event of events) {
    const key = bookingOf(event);
    if (key === undefined) continue;
    const list = groups.get(key) ?? [];
    list.push(event);
    groups.set(key, list);
  }
  return groups;
}

export function bookingOf(event: EpcisEvent): string | undefined {
  return event.bizTransactionList?.find((b) => b.type === 'https://ns.karvon.org/epcis/btt/booking')?.bizTransaction;
}

export function hours(a: EpcisEvent, b: EpcisEvent): number {
  return (Date.parse(b.eventTime) - Date.parse(a.eventTime)) / 3_600_000;
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
