/**
 * Placeholder of the corridor map (issue 12, map step): MapLibre GL over an offline base map built
 * from world-atlas, with the corridors' route lines, crossings, ports and terminals from
 * /api/reference. Pages load it lazily (React.lazy(() => import('../../map/CorridorMap'))) so that
 * MapLibre is fetched only by pages that show a map.
 */
export interface MapStop {
  /** A location id of /api/reference/locations. */
  readonly locationId: string;
  /** passed: the goods have been there; current: they are there now; next: still to come. */
  readonly state: 'passed' | 'current' | 'next';
}

export interface CorridorMapProps {
  /** The accessible name of the map (what it shows, in words). */
  readonly label: string;
  /** Corridor whose route is drawn and fitted into view. */
  readonly corridorId?: string;
  /** Stops to mark, in order. */
  readonly stops?: readonly MapStop[];
  /** The last known position, when the goods are between places. */
  readonly position?: { readonly lat: number; readonly lon: number };
  /** A small map (the public tracking page) rather than a page-wide one. */
  readonly compact?: boolean;
}

export default function CorridorMap({ label }: CorridorMapProps) {
  return <div role="img" aria-label={label} className="corridor-map-placeholder" />;
}
