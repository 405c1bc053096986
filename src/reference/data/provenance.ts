import type { LonLat, Provenance, UnLocode } from '../types.js';

/** Coordinates are written latitude first, as gazetteers print them, and stored as [lon, lat]. */
export function latLon(lat: number, lon: number): LonLat {
  return [lon, lat];
}

export function geonames(id: number, name: string): Provenance {
  return { source: `GeoNames ${id} (${name}), CC BY 4.0`, rough: false };
}

/** Positions the corridor notes give only to about ±0.05° (~5 km). */
export const NOTES_ROUGH: Provenance = { source: 'Karvon corridor notes: approximate, about ±0.05°', rough: true };

/** Points Karvon added from general geography to make a route line follow its road or railway. */
export const OWN_ROUGH: Provenance = { source: 'Karvon estimate from general geography, unchecked', rough: true };

export function locode(code: string, source: string, rough: boolean): UnLocode {
  return { code, source, rough };
}

/** Codes recalled from the UNECE UN/LOCODE list but not checked against a current edition. */
export const LOCODE_RECALLED = 'UN/LOCODE as recalled by Karvon, not checked against the current UNECE edition';
/** Codes the corridor notes give as confirmed. */
export const LOCODE_NOTES = 'UN/LOCODE per Karvon corridor notes (UNECE list)';
