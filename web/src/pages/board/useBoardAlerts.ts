/**
 * The reader's unresolved alerts that matter at a crossing (a seal breached, a long wait, goods held,
 * a unit off its route or silent), by shipment id, so the board can mark its rows: read with the board and at
 * each of its refreshes. At most the 200 most recently updated are known (the API's largest page);
 * the inbox has the rest.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Alert } from '../alerts/alertTypes';

const KINDS = 'seal-breached,border-dwell,customs-hold,route-deviation,signal-lost';

export function useBoardAlerts(): { byShipment: ReadonlyMap<string, Alert[]>; reload: () => void } {
  const [byShipment, setByShipment] = useState<ReadonlyMap<string, Alert[]>>(new Map());
  const reload = useCallback(() => {
    api
      .GET('/api/alerts', { params: { query: { status: 'open,acknowledged', kind: KINDS, limit: 200 } } })
      .then(({ data }) => {
        if (!data) return;
        const map = new Map<string, Alert[]>();
        for (const alert of data.alerts) {
          if (!alert.shipmentId) continue;
          map.set(alert.shipmentId, [...(map.get(alert.shipmentId) ?? []), alert]);
        }
        setByShipment(map);
      })
      // The marks are a hint: the board itself says when it cannot be read.
      .catch(() => undefined);
  }, []);
  useEffect(reload, [reload]);
  return { byShipment, reload };
}
