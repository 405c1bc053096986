import { fail, notAString, ok, type ParseResult } from './parse-result.js';

export interface VehiclePlate {
  /** Upper case, letters and digits only (Latin or Cyrillic letters as registered). */
  readonly value: string;
  /** ISO 3166-1 alpha-2 country of registration: a plate is only unique within its country. */
  readonly country: string;
}

// Plate formats differ per country and change over time, so Karvon checks the shape only and
// keys plates by country; a per-country pattern would reject legitimate older or special plates.
/** Parses a vehicle (truck or trailer) registration plate of a given country. */
export function parseVehiclePlate(input: string, country: string): ParseResult<VehiclePlate> {
  if (typeof input !== 'string') return notAString('plate', input);
  const shown = JSON.stringify(input);
  if (!/^[A-Z]{2}$/.test(country)) return fail(`plate ${shown}: country must be an ISO 3166-1 alpha-2 code in capitals, found ${JSON.stringify(country)}`);
  const value = input.toUpperCase().replace(/[\s\-.·]/g, '');
  if (!/^[\p{L}0-9]{2,12}$/u.test(value)) return fail(`plate ${shown} must be 2 to 12 letters or digits (spaces and hyphens allowed), e.g. 01 A 123 BC`);
  if (!/[0-9]/.test(value)) return fail(`plate ${shown} contains no digit; registration plates carry at least one`);
  return ok({ value, country });
}
