/**
 * The live map's units as map data: one point per unit, with what its symbol shows (the status group
 * of its shipment, a seal alarm) and the device id a click selects it by. Plain data, so the page's
 * list of units and the map show the same units.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';

/** What the map needs of a unit of GET /api/live/units (a LiveUnit, pages/live/liveTypes.ts). */
export interface UnitOnMap {
  readonly deviceId: string;
  readonly status?: string;
  readonly lat: number;
  readonly lon: number;
  readonly sealCodes?: readonly string[];
}

/**
 * Shipment statuses grouped the way the status badges colour them (shipments.css): on the move,
 * waiting at a border or on a ferry, stopped by customs or an exception, arrived, and not under way.
 */
export const STATUS_GROUPS = ['moving', 'waiting', 'stopped', 'arrived', 'idle'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const GROUP_OF: Readonly<Record<string, StatusGroup>> = {
  departed: 'moving',
  'in-transit': 'moving',
  'at-border': 'waiting',
  'on-ferry': 'waiting',
  'held-by-customs': 'stopped',
  exception: 'stopped',
  arrived: 'arrived',
  delivered: 'arrived',
  planned: 'idle',
  cancelled: 'idle',
};

/** The group of a shipment status; a unit with no known shipment (or a status this app does not know) is idle. */
export function statusGroupOf(status: string | undefined): StatusGroup {
  return (status !== undefined && GROUP_OF[status]) || 'idle';
}

/** Whether the unit's e-seal reports anything but "all is well". */
export function hasSealAlarm(unit: Pick<UnitOnMap, 'sealCodes'>): boolean {
  return (unit.sealCodes?.length ?? 0) > 0;
}

export interface UnitProperties {
  readonly deviceId: string;
  readonly group: StatusGroup;
  /** 1 when the seal reports a problem (a number, so clusters can add them up). */
  readonly alarm: 0 | 1;
}

export function unitFeatures(units: Iterable<UnitOnMap>): FeatureCollection<Point, UnitProperties> {
  const features: Feature<Point, UnitProperties>[] = [];
  for (const unit of units) {
    features.push({
      type: 'Feature',
      properties: { deviceId: unit.deviceId, group: statusGroupOf(unit.status), alarm: hasSealAlarm(unit) ? 1 : 0 },
      geometry: { type: 'Point', coordinates: [unit.lon, unit.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}
