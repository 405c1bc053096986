/**
 * The GS1-EPC-Format header: which spelling of EPC identifiers (EPC URN or GS1 Digital Link) a client
 * wants back. Shared by the JSON-LD and XML serialisers; pure, it returns a converted copy.
 */
import { toDigitalLink, toEpcUrn } from '../identifiers/index.js';
import type { EpcisEvent, QuantityElement, SourceOrDestination } from '../model.js';
import { cloneJson } from './clone.js';

// The two response headers travel together, so callers may import both from here.
export { applyCbvFormat, CBV_FORMATS, type CbvFormat } from './cbv-format.js';

/** Values of the GS1-EPC-Format header. */
export type EpcFormat = 'Always_GS1_Digital_Link' | 'Always_EPC_URN' | 'Never_Translates' | 'No_Preference';

/** The header's values, for validating a request header. */
export const EPC_FORMATS: readonly EpcFormat[] = ['Always_GS1_Digital_Link', 'Always_EPC_URN', 'Never_Translates', 'No_Preference'];

type Convert = (value: string) => string;

/**
 * A copy of the event with its EPCs (epcList, childEPCs, input/outputEPCList, parentID, quantity epcClass,
 * readPoint/bizLocation id, source/destination) in the requested spelling. Never_Translates and
 * No_Preference keep the spelling the event was captured with. An identifier that cannot be converted
 * (a private URI, or a Digital Link when `companyPrefixLength` is not given) is kept as it is.
 */
export function applyEpcFormat(event: EpcisEvent, format: EpcFormat | undefined, companyPrefixLength?: number): EpcisEvent {
  const copy = cloneJson(event);
  if (format !== 'Always_GS1_Digital_Link' && format !== 'Always_EPC_URN') return copy;
  // Both conversions return a value they cannot convert unchanged.
  const convert: Convert =
    format === 'Always_GS1_Digital_Link' ? (v) => toDigitalLink(v) : (v) => toEpcUrn(v, companyPrefixLength);
  for (const key of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map((v) => (typeof v === 'string' ? convert(v) : v));
  }
  if (typeof copy.parentID === 'string') copy.parentID = convert(copy.parentID);
  for (const key of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'] as const) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map((q) => convertQuantity(q, convert));
  }
  for (const key of ['readPoint', 'bizLocation'] as const) {
    const place = copy[key];
    if (place && typeof place.id === 'string') place.id = convert(place.id);
  }
  if (Array.isArray(copy.sourceList)) copy.sourceList = copy.sourceList.map((s) => convertParty(s, 'source', convert));
  if (Array.isArray(copy.destinationList)) {
    copy.destinationList = copy.destinationList.map((d) => convertParty(d, 'destination', convert));
  }
  return copy;
}

function convertQuantity(element: QuantityElement, convert: Convert): QuantityElement {
  if (!element || typeof element.epcClass !== 'string') return element;
  return { ...element, epcClass: convert(element.epcClass) };
}

function convertParty(item: SourceOrDestination, key: 'source' | 'destination', convert: Convert): SourceOrDestination {
  const value = item?.[key];
  if (typeof value !== 'string') return item;
  return { ...item, [key]: convert(value) };
}
