/**
 * Tracks: a device's positions over a period, and a shipment's — the positions of the devices
 * attached to its units while the shipment was under way. A device's own track is for those who
 * may see the device (its owner, the coordinator of the owner's country, the network operator);
 * anyone else sees a unit's positions through a shipment they may see, and only for the time the
 * unit carried it.
 */
import type { Attachment, StoredPosition } from '../model/telemetry.js';
import type { ShipmentSnapshot } from '../projections/shipment-state.js';
import type { Store } from '../store/store.js';

export interface TrackPoint {
  fixTime: string;
  lat: number;
  lon: number;
  speedKmh?: number;
  headingDeg?: number;
  sealCodes?: string[];
}

export interface DeviceTrack {
  deviceId: string;
  unitKind?: string;
  unitId?: string;
  points: TrackPoint[];
  /** More positions lie in the period than were returned (ask again from the last fixTime). */
  truncated: boolean;
}

export const TRACK_LIMIT = 10_000;
const DAY_MS = 86_400_000;

/** A stored position as tracks and the device detail show it. */
export function trackPoint(row: StoredPosition): TrackPoint {
  return {
    fixTime: new Date(row.fixTime).toISOString(),
    lat: row.lat,
    lon: row.lon,
    ...(row.speedKmh !== undefined ? { speedKmh: row.speedKmh } : {}),
    ...(row.headingDeg !== undefined ? { headingDeg: row.headingDeg } : {}),
    ...(row.sealCodes && row.sealCodes.length > 0 ? { sealCodes: [...row.sealCodes] } : {}),
  };
}

export async function deviceTrack(store: Store, deviceId: string, range: { from?: number; to?: number; limit?: number }): Promise<DeviceTrack> {
  const limit = Math.min(range.limit ?? TRACK_LIMIT, TRACK_LIMIT);
  const rows = await store.telemetry.positions.track(deviceId, { ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}), limit: limit + 1 });
  return { deviceId, points: rows.slice(0, limit).map(trackPoint), truncated: rows.length > limit };
}

/** The tracks of the devices on a shipment's units, each clipped to the time it carried the shipment. */
export async function shipmentTracks(store: Store, shipment: ShipmentSnapshot, now: number): Promise<DeviceTrack[]> {
  const start = shipment.firstEventTime ? Date.parse(shipment.firstEventTime) - DAY_MS : 0;
  const end = shipment.deliveredAt ? Date.parse(shipment.deliveredAt) + 1 : now + 1;
  const units = [...new Set([...shipment.transportUnits, ...shipment.carriers])];
  const attachments: Attachment[] = [];
  for (const unit of units) attachments.push(...(await store.telemetry.devices.attachmentsOfUnit(unit)));
  const tracks: DeviceTrack[] = [];
  for (const attachment of attachments) {
    const from = Math.max(start, attachment.from);
    const to = Math.min(end, attachment.to ?? Number.POSITIVE_INFINITY);
    if (from >= to) continue;
    const track = await deviceTrack(store, attachment.deviceId, { from, to });
    if (track.points.length > 0) tracks.push({ ...track, unitKind: attachment.unitKind, unitId: attachment.unitId });
  }
  return tracks;
}

/** Tracks as GeoJSON: a LineString per device (a single position is a Point). */
export function tracksAsGeoJson(tracks: readonly DeviceTrack[]): { type: 'FeatureCollection'; features: Record<string, unknown>[] } {
  return {
    type: 'FeatureCollection',
    features: tracks.map((track) => ({
      type: 'Feature',
      geometry: track.points.length === 1
        ? { type: 'Point', coordinates: [track.points[0]!.lon, track.points[0]!.lat] }
        : { type: 'LineString', coordinates: track.points.map((p) => [p.lon, p.lat]) },
      properties: {
        deviceId: track.deviceId,
        ...(track.unitKind ? { unitKind: track.unitKind, unitId: track.unitId } : {}),
        from: track.points[0]?.fixTime,
        to: track.points.at(-1)?.fixTime,
        times: track.points.map((p) => p.fixTime),
        truncated: track.truncated,
      },
    })),
  };
}
