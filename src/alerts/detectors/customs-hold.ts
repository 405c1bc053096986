// Goods held by customs (the transit step hold, bizStep holding), until released (release-from-hold)
// or delivered.
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { isCbvTerm, textField } from './event-fields.js';

export function customsHold(event: EpcisEvent): AlertSignal[] {
  const step = textField(event, 'transitStep');
  if (step === 'hold' || (step === undefined && isCbvTerm(event.bizStep, 'holding'))) {
    const reason = textField(event, 'holdReason');
    return [{
      kind: 'customs-hold',
      action: 'raise',
      severity: 'warning',
      summary: reason ? `Held by customs: ${reason}` : 'Held by customs',
      details: reason ? { reason } : {},
    }];
  }
  if (step === 'release-from-hold' || textField(event, 'movementStep') === 'delivered') {
    return [{ kind: 'customs-hold', action: 'clear', severity: 'warning', summary: 'Released by customs', details: {} }];
  }
  return [];
}
