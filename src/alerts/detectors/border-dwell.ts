// A long wait at a border crossing or port is raised by a watch (border-dwell-watch.ts: no single
// event says it); it ends when a movement step says the goods left, which resolves the alert.
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { textField } from './event-fields.js';

const LEAVING: ReadonlySet<string> = new Set(['border-passed', 'departed', 'loaded-on-ferry', 'transshipped', 'left-place', 'arrived-at-destination', 'delivered']);

export function borderDwell(event: EpcisEvent): AlertSignal[] {
  const step = textField(event, 'movementStep');
  if (step === undefined || !LEAVING.has(step)) return [];
  return [{ kind: 'border-dwell', action: 'clear', severity: 'warning', summary: 'Left the place', details: {} }];
}
