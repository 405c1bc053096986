/**
 * A shipment's devices' tracks (GET /api/shipments/{id}/track) as the map draws them: one line of
 * [lon, lat] per device that reported, and the newest position of all, marked as the last known place.
 */
export interface ShipmentTrack {
  readonly lines: readonly (readonly (readonly [number, number])[])[];
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
  const lines: (readonly [number, number])[][] = [];
  for (const track of tracks) {
    if (track.points.length === 0) continue;
    lines.push(track.points.map((p) => [p.lon, p.lat] as const));
    for (const point of track.points) if (!latest || Date.parse(point.fixTime) > Date.parse(latest.fixTime)) latest = point;
  }
  return latest ? { lines, latest: { lat: latest.lat, lon: latest.lon, fixTime: latest.fixTime } } : undefined;
}
