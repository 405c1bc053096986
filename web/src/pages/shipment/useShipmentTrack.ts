/**
 * Where a shipment's units have been, as their devices reported (GET /api/shipments/{id}/track):
 * one line of [lon, lat] per device, and the newest position of all. Undefined while it loads, when
 * no device reported, or when the track cannot be read: the map then shows the planned route alone.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { trackOf, type ShipmentTrack } from './track-lines';

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
