import { parseMrn } from './mrn.js';
import { fail, notAString, ok, type ParseResult } from './parse-result.js';
import { parseTirCarnetNumber } from './tir-carnet.js';

/**
 * Kinds of reference a shipment is searched by. 'mrn' is an NCTS Movement Reference Number (checked);
 * 'transit-declaration' is any other customs transit declaration number (e.g. an EAEU one), free-form.
 */
export const SHIPMENT_REFERENCE_KINDS = [
  'bill-of-lading', 'sea-waybill', 'cmr', 'smgs', 'cim', 'cim-smgs', 'booking', 'mrn', 'transit-declaration', 'tir-carnet', 'invoice', 'client',
] as const;
export type ShipmentReferenceKind = (typeof SHIPMENT_REFERENCE_KINDS)[number];

export interface ShipmentReference {
  readonly kind: ShipmentReferenceKind;
  readonly value: string;
  /** Who issued it, when it is not obvious (carrier SCAC, railway code, customs office). */
  readonly issuer?: string;
}

// Bills of lading, CMR, SMGS and CIM waybills carry numbers in each issuer's own format: keep them
// free-form but trimmed, bounded, and printable, so that search by exact value works.
/** Validates a shipment reference of any kind; MRN and TIR carnet get their structural checks. */
export function parseShipmentReference(kind: string, value: string): ParseResult<ShipmentReference> {
  if (typeof value !== 'string') return notAString('reference value', value);
  if (!(SHIPMENT_REFERENCE_KINDS as readonly string[]).includes(kind)) {
    return fail(`reference kind ${JSON.stringify(kind)} is unknown; expected one of ${SHIPMENT_REFERENCE_KINDS.join(', ')}`);
  }
  const k = kind as ShipmentReferenceKind;
  if (k === 'mrn') {
    const mrn = parseMrn(value);
    return mrn.ok ? ok({ kind: k, value: mrn.value.value }) : mrn;
  }
  if (k === 'tir-carnet') {
    const carnet = parseTirCarnetNumber(value);
    return carnet.ok ? ok({ kind: k, value: carnet.value.value }) : carnet;
  }
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) return fail(`${kind} reference is empty`);
  if (trimmed.length > 64) return fail(`${kind} reference ${JSON.stringify(value.slice(0, 20) + '…')} is ${trimmed.length} characters; at most 64 are allowed`);
  if (/[\p{Cc}]/u.test(trimmed)) return fail(`${kind} reference ${JSON.stringify(value)} contains control characters`);
  return ok({ kind: k, value: trimmed });
}
