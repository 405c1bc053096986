/**
 * Canonical form of one simple value in the CBV 2.0 event hash pre-hash string: CBV 1.x URNs become
 * GS1 Web URIs, numbers are rewritten, EPC URNs and Digital Links become constrained canonical
 * Digital Links on id.gs1.org. Values repeat a lot across events, so results are memoised.
 */
import { epcUrnToDigitalLink } from '../identifiers/epc-to-dl.js';
import { normaliseDigitalLink } from '../identifiers/dl-normalise.js';
import { canonicalNumber } from './python-number.js';

const CBV_URN = 'urn:epcglobal:cbv:';
const WEB_VOCABULARY: [string, string][] = [
  ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
  ['urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-'],
  ['urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-'],
  ['urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-'],
];

function webVocabulary(text: string): string {
  if (!text.includes(CBV_URN)) return text;
  let out = text;
  // Plain substring replacement, as the reference does (it is not anchored at the start).
  for (const [urn, web] of WEB_VOCABULARY) if (out.includes(urn)) out = out.split(urn).join(web);
  return out;
}

function compute(trimmed: string): string {
  const text = webVocabulary(trimmed);
  const numeric = canonicalNumber(text);
  if (numeric !== null) return numeric;
  if (text.startsWith('urn:epc:')) return epcUrnToDigitalLink(text) ?? text;
  if (text.startsWith('http')) return normaliseDigitalLink(text) ?? text;
  return text;
}

const MAX_CACHE = 20000;
let cache = new Map<string, string>();

/** Canonical text of a (non-timestamp) simple value; the input is trimmed first. */
export function canonicalValue(value: string): string {
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  const result = compute(value.trim());
  if (cache.size >= MAX_CACHE) cache = new Map();
  cache.set(value, result);
  return result;
}
