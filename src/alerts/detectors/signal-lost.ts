// A device silent for two reporting periods (the telemetry step signal-lost), until it reports again
// (signal-recovered) or the goods are delivered, which resolves the alert.
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { numberField, textField, unitOf } from './event-fields.js';

export function signalLost(event: EpcisEvent): AlertSignal[] {
  const step = textField(event, 'movementStep');
  if (step === 'signal-lost') {
    const lastFixTime = textField(event, 'lastFixTime');
    const periodS = numberField(event, 'reportingPeriodS');
    return [{
      kind: 'signal-lost',
      action: 'raise',
      severity: 'warning',
      summary: 'No signal from the device',
      details: { ...(lastFixTime ? { lastFixTime } : {}), ...(periodS !== undefined ? { reportingPeriodS: periodS } : {}) },
      ...unitOf(event),
    }];
  }
  if (step === 'signal-recovered') {
    const gapS = numberField(event, 'signalGapS');
    return [{ kind: 'signal-lost', action: 'clear', severity: 'warning', summary: 'The signal is back', details: gapS !== undefined ? { gapS } : {}, ...unitOf(event) }];
  }
  if (step === 'delivered') return [{ kind: 'signal-lost', action: 'clear', severity: 'warning', summary: 'Delivered', details: {}, ...unitOf(event) }];
  return [];
}
