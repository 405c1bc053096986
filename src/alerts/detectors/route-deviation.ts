// A unit farther from its corridor than the threshold (the telemetry step route-deviation), until it
// is back (route-rejoined) or the goods are delivered, which resolves the alert.
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { numberField, textField, unitOf } from './event-fields.js';

export function routeDeviation(event: EpcisEvent): AlertSignal[] {
  const step = textField(event, 'movementStep');
  if (step === 'route-deviation') {
    const distanceKm = numberField(event, 'deviationKm');
    const thresholdKm = numberField(event, 'thresholdKm');
    return [{
      kind: 'route-deviation',
      action: 'raise',
      severity: 'warning',
      summary: distanceKm !== undefined ? `${distanceKm} km off the route` : 'Off the route',
      details: { ...(distanceKm !== undefined ? { distanceKm } : {}), ...(thresholdKm !== undefined ? { thresholdKm } : {}) },
      ...unitOf(event),
    }];
  }
  if (step === 'route-rejoined' || step === 'delivered') return [{ kind: 'route-deviation', action: 'clear', severity: 'warning', summary: step === 'delivered' ? 'Delivered' : 'Back on the route', details: {}, ...unitOf(event) }];
  return [];
}
