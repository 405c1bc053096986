/**
 * An alert's facts in the reader's language, from its kind and details (the server's summary is
 * English). A reason (a hold's, an incident's) is shown as its author wrote it.
 */
import type { TFunction } from 'i18next';
import { formatDateTime, formatHours, formatNumber } from '../../i18n/format';
import { nameIn } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import type { Alert } from './alertTypes';

export function alertDetails(t: TFunction, alert: Alert, language: string, reference?: Reference): string[] {
  const d = alert.details;
  const lines: string[] = [];
  if (typeof d['waitedHours'] === 'number' && typeof d['thresholdHours'] === 'number') {
    const location = typeof d['locationId'] === 'string' ? reference?.locations.get(d['locationId']) : undefined;
    const place = location ? nameIn(location.names, language) : String(d['locationId'] ?? '');
    lines.push(t('detail.waited', { place, hours: formatHours(d['waitedHours'], language), usual: formatHours(d['thresholdHours'], language) }));
  }
  if (Array.isArray(d['sealCodes'])) lines.push(t('detail.sealCodes', { codes: (d['sealCodes'] as string[]).join(', ') }));
  if (typeof d['disposition'] === 'string') lines.push(t('detail.containerOpen'));
  if (typeof d['newSealNumber'] === 'string') lines.push(t('detail.newSeal', { seal: d['newSealNumber'] }));
  if (typeof d['distanceKm'] === 'number') {
    lines.push(t('detail.distance', { km: formatNumber(d['distanceKm'], language), threshold: typeof d['thresholdKm'] === 'number' ? formatNumber(d['thresholdKm'], language) : '?' }));
  }
  if (typeof d['lastFixTime'] === 'string') lines.push(t('detail.lastFix', { time: formatDateTime(d['lastFixTime'], language) }));
  if (typeof d['reason'] === 'string') lines.push(t('detail.holdReason', { reason: d['reason'] }));
  if (Array.isArray(d['alarms'])) {
    const alarms = (d['alarms'] as { type?: string; value?: number; uom?: string }[]).map((a) => [a.type, a.value !== undefined ? formatNumber(a.value, language) : undefined, a.uom].filter(Boolean).join(' '));
    lines.push(t('detail.sensor', { alarms: alarms.join(', ') }));
  }
  return lines;
}
