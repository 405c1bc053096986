// An e-seal's battery below 15 % (code 05): raised while the seal reports the code, resolved by a
// seal status without it (a new battery, a replaced seal) or by the goods' delivery.
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { textField, unitOf } from './event-fields.js';
import { raisedSealCodes } from './seal-breached.js';

export function lowBattery(event: EpcisEvent): AlertSignal[] {
  const step = textField(event, 'movementStep');
  if (step === 'delivered') return [{ kind: 'low-battery', action: 'clear', severity: 'info', summary: 'Delivered', details: {}, ...unitOf(event) }];
  if (step !== 'seal-status') return [];
  const low = raisedSealCodes(event).includes('05');
  return [{
    kind: 'low-battery',
    action: low ? 'raise' : 'clear',
    severity: 'info',
    summary: low ? 'Seal battery below 15 %' : 'Seal battery no longer low',
    details: {},
    ...unitOf(event),
  }];
}
