/** A sign for each shipment status, always shown next to its name (never the only signal). */
import type { ShipmentDetail } from './types';

export const STATUS_ICONS: Readonly<Record<ShipmentDetail['status'], string>> = {
  planned: '○',
  departed: '⚑',
  'in-transit': '▶',
  'at-border': '▮',
  'held-by-customs': '⚠',
  'on-ferry': '≈',
  arrived: '◉',
  delivered: '✓',
  exception: '⚠',
  cancelled: '✕',
};
