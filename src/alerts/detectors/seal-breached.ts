// A seal opened or tampered with between two controls: what the customs officer must know first.
// From an e-seal's status (codes 01 sealing element breached, 02 case breached, 07 unauthorised
// action), any event that says the unit is open (disposition container_open), or an incident that
// puts a new seal on the unit (krv:sealNumber: the old one was found broken). It does not clear by
// itself: a breached seal stays breached until someone has looked and resolves the alert.
import { sealCodeOfIri } from '../../domain/seal-status.js';
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { isCbvTerm, textField, unitOf } from './event-fields.js';

const BREACH_CODES: ReadonlySet<string> = new Set(['01', '02', '07']);

/** The seal codes an event's sensor reports raise (booleanValue true). */
export function raisedSealCodes(event: EpcisEvent): string[] {
  const codes: string[] = [];
  for (const element of event.sensorElementList ?? []) {
    for (const report of element.sensorReport ?? []) {
      const code = sealCodeOfIri(report.uriValue);
      if (code !== undefined && report.booleanValue === true) codes.push(code);
    }
  }
  return codes;
}

export function sealBreached(event: EpcisEvent): AlertSignal[] {
  const breaches = raisedSealCodes(event).filter((code) => BREACH_CODES.has(code));
  const open = isCbvTerm(event.disposition, 'container_open');
  const newSeal = textField(event, 'movementStep') === 'incident' ? textField(event, 'sealNumber') : undefined;
  if (breaches.length === 0 && !open && newSeal === undefined) return [];
  const reason = textField(event, 'reason');
  const summary = breaches.length > 0 ? `Seal reports ${breaches.map((c) => `code ${c}`).join(', ')}` : open ? 'The unit was reported open' : `Seal replaced with ${newSeal}`;
  return [
    {
      kind: 'seal-breached',
      action: 'raise',
      severity: 'critical',
      summary: reason && newSeal !== undefined ? `${summary}: ${reason}` : summary,
      details: {
        ...(breaches.length > 0 ? { sealCodes: breaches } : {}),
        ...(open ? { disposition: event.disposition } : {}),
        ...(newSeal !== undefined ? { newSealNumber: newSeal, ...(reason ? { reason } : {}) } : {}),
      },
      ...unitOf(event),
    },
  ];
}
