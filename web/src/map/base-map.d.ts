// The offline base map, built from world-atlas by the Vite plugin in web/vite/base-map.ts.
declare module 'virtual:karvon-base-map' {
  import type { FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';
  const baseMap: Omit<FeatureCollection<MultiPolygon | MultiLineString, { kind: 'land' | 'border' | 'coast' }>, 'bbox'> & { bbox: [number, number, number, number] };
  export default baseMap;
}
