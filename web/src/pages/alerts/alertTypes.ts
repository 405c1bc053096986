/** The alerts pages' shapes, named once from the typed API (schema.d.ts is generated from the server's OpenAPI). */
import type { paths } from '../../api/schema';

export type Alert = paths['/api/alerts']['get']['responses']['200']['content']['application/json']['alerts'][number];
export type AlertKind = Alert['kind'];

export const ALERT_KINDS: readonly AlertKind[] = ['seal-breached', 'border-dwell', 'route-deviation', 'signal-lost', 'low-battery', 'customs-hold', 'sensor-excursion'];

/** What the status filter offers, and the statuses each asks the API for. */
export const SHOW_CHOICES = {
  unresolved: 'open,acknowledged',
  open: 'open',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  all: undefined,
} as const;
export type ShowChoice = keyof typeof SHOW_CHOICES;
