/**
 * Where a shipment's units have been, as their devices reported (GET /api/shipments/{id}/track):
 * one line of [lon, lat] per device, and the newest position of all. Undefined while it loads, when
 * no device reported, or when the track cannot be read: the map then shows the planned route alone.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { LonLat } from '../../map/overlay';

export interface ShipmentTrack {
  readonly lines: readonly (readonly LonLat[])[];
  readonly latest: { readonly lat: number; readonly lon: number; readonly fixTime: string };
}

interface TrackPoint {
  readonly fixTime: string;
  readonly lat: number;
  readonly lon: number;
}

/** The lines and newest point of the devices' tracks; undefined when there is no point at all. */
export function trackOf(tracks: readonly { readonly points: readonly TrackPoint[] }[]): ShipmentTrack | undefined {
  let latest: TrackPoint | undefined;
  const lines: LonLat[][] = [];
  for (const track of tracks) {
    if (track.points.length === 0) continue;
    lines.push(track.points.map((p) => [p.lon, p.lat] as const));
    for (const point of track.points) if (!latest || Date.parse(point.fixTime) > Date.parse(latest.fixTime)) latest = point;
  }
  return latest ? { lines, latest: { lat: latest.lat, lon: latest.lon, fixTime: latest.fixTime } } : undefined;
}

export function useShipmentTrack(shipmentId: string | undefined): ShipmentTrack | undefined {
  const [track, setTrack] = useState<ShipmentTrack>();
  useEffect(() => {
    setTrack(undefined);
    if (!shipmentId) return;
    const controller = new AbortController();
    api
      .GET('/api/shipments/{id}/track', { params: { path: { id: shipmentId } }, signal: controller.signal })
      .then(({ data }) => {
        // The JSON form (not GeoJSON, which is asked for by ?format=geojson only).
        if (data && 'tracks' in data) setTrack(trackOf(data.tracks));
      })
      // No track is no loss: the page still shows the planned route and the stops.
      .catch(() => undefined);
    return () => controller.abort();
  }, [shipmentId]);
  return track;
}
