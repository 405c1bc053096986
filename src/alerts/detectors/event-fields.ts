// What the detectors read from events, whatever form the capturing tool wrote it in.
import type { EpcisEvent } from '../../epcis/model.js';
import type { ExtensionFieldName } from '../../domain/epcis-profile.js';
import { karvonField } from '../../projections/karvon-field.js';

/** A Karvon extension field as a string, if it is one. */
export function textField(event: EpcisEvent, name: ExtensionFieldName): string | undefined {
  const value = karvonField(event, name);
  return typeof value === 'string' ? value : undefined;
}

export function numberField(event: EpcisEvent, name: ExtensionFieldName): number | undefined {
  const value = karvonField(event, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A CBV term (disposition, bizStep) however written: bare (`container_open`), as a URN or as the CBV IRI. */
export function isCbvTerm(value: string | undefined, term: string): boolean {
  if (value === undefined) return false;
  return value === term || value.endsWith(`-${term}`) || value.endsWith(`:${term}`);
}

/** The first EPC the event is about (its unit, for a unit's alerts). */
export function firstEpc(event: EpcisEvent): string | undefined {
  return event.epcList?.[0] ?? event.parentID ?? event.childEPCs?.[0];
}

/** The unit and device of a telemetry step (the device is named only on events derived from positions). */
export function unitOf(event: EpcisEvent): { unitEpc?: string; deviceId?: string } {
  const unitEpc = firstEpc(event);
  const deviceId = textField(event, 'device');
  return { ...(unitEpc ? { unitEpc } : {}), ...(deviceId ? { deviceId } : {}) };
}
