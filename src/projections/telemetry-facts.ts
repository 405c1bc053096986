// What the shipment projection reads from an event a unit's positions told (docs/epcis-profile.md,
// 4.5): the device, how far off its route, when its signal was last fixed or how long it was silent,
// and which e-seal codes its sensor reports raise. Read field by field, so a partner's event written
// the same way reads the same as one the telemetry pipeline derived.
import type { EpcisEvent } from '../epcis/model.js';
import { sealCodeOfIri, SEAL_STATUS_CODES, type SealStatusCode } from '../domain/seal-status.js';
import { karvonField } from './karvon-field.js';

export interface TelemetryFacts {
  /** The tracker or e-seal whose readings the event was derived from. */
  readonly device?: string;
  readonly deviationKm?: number;
  readonly thresholdKm?: number;
  /** date-time of the last fix before the signal was lost. */
  readonly lastFixTime?: string;
  readonly signalGapS?: number;
  /** E-seal codes the event's sensor reports raise, in code order (absent: no seal reports). */
  readonly sealCodes?: readonly SealStatusCode[];
}

function finiteNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Seal codes the sensor reports name, and which of them are raised (a report without booleanValue raises its code). */
function sealCodesOf(event: EpcisEvent): SealStatusCode[] | undefined {
  let named = false;
  const raised = new Set<SealStatusCode>();
  for (const element of Array.isArray(event.sensorElementList) ? event.sensorElementList : []) {
    for (const report of Array.isArray(element?.sensorReport) ? element.sensorReport : []) {
      const code = sealCodeOfIri(report?.uriValue);
      if (code === undefined) continue;
      named = true;
      if (report.booleanValue !== false) raised.add(code);
    }
  }
  return named ? SEAL_STATUS_CODES.filter((code) => raised.has(code)) : undefined;
}

/** The telemetry facts of an event, or undefined when it states none. */
export function telemetryFactsOf(event: EpcisEvent): TelemetryFacts | undefined {
  const facts: Record<string, unknown> = {
    device: text(karvonField(event, 'device')),
    deviationKm: finiteNumber(karvonField(event, 'deviationKm')),
    thresholdKm: finiteNumber(karvonField(event, 'thresholdKm')),
    lastFixTime: text(karvonField(event, 'lastFixTime')),
    signalGapS: finiteNumber(karvonField(event, 'signalGapS')),
    sealCodes: sealCodesOf(event),
  };
  const present = Object.entries(facts).filter(([, value]) => value !== undefined);
  return present.length > 0 ? (Object.fromEntries(present) as TelemetryFacts) : undefined;
}
