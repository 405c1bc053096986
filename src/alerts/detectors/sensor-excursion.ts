// A sensor reporting an alarm (EPCIS 2.0 sensorReport.exception ALARM_CONDITION): temperature,
// humidity or shock outside what the sensor was set for. Seal status codes are the seal detectors'
// business; a device error (ERROR_CONDITION) is not an excursion of the goods.
import { sealCodeOfIri } from '../../domain/seal-status.js';
import type { EpcisEvent } from '../../epcis/model.js';
import type { AlertSignal } from '../alert-signal.js';
import { unitOf } from './event-fields.js';

export function sensorExcursion(event: EpcisEvent): AlertSignal[] {
  const alarms: { type: string; value?: number; uom?: string }[] = [];
  for (const element of event.sensorElementList ?? []) {
    for (const report of element.sensorReport ?? []) {
      if (report.exception !== 'ALARM_CONDITION' || sealCodeOfIri(report.uriValue) !== undefined) continue;
      const type = typeof report.type === 'string' ? report.type.replace(/^.*[-:/]/, '') : 'sensor';
      alarms.push({ type, ...(typeof report.value === 'number' ? { value: report.value } : {}), ...(typeof report.uom === 'string' ? { uom: report.uom } : {}) });
    }
  }
  if (alarms.length === 0) return [];
  return [{
    kind: 'sensor-excursion',
    action: 'raise',
    severity: 'warning',
    summary: `Sensor alarm: ${alarms.map((a) => `${a.type}${a.value !== undefined ? ` ${a.value}${a.uom ? ` ${a.uom}` : ''}` : ''}`).join(', ')}`,
    details: { alarms },
    ...unitOf(event),
  }];
}
