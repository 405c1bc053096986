/**
 * Content negotiation: JSON-LD or XML for EPCIS responses from the Accept header, how much a client
 * wants a media type (a page or JSON at a public link's address), and the GS1 headers that ask for
 * identifier and vocabulary spellings.
 */
import type { FastifyRequest } from 'fastify';
import { KarvonError } from '../errors.js';
import type { CbvFormat, EpcFormat } from '../epcis/jsonld/epc-format.js';

export type OutputFormat = 'jsonld' | 'xml';

const JSON_MEDIA = new Set(['application/ld+json', 'application/json', 'application/*', '*/*']);
const XML_MEDIA = new Set(['application/xml', 'text/xml']);

/** The media ranges of an Accept header with their quality (q=1 when not given; NaN when unreadable). */
export function mediaRanges(accept: string): Array<{ type: string; q: number }> {
  return accept.split(',').map((part) => {
    const [type, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: (type ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
  });
}

/**
 * How much an Accept header wants a media type (RFC 9110, 12.5.1): the quality of the most specific
 * range that matches it ("text/html" before "text/*" before "* / *"), 0 when none does, 1 without
 * the header (a client that says nothing takes anything).
 */
export function qualityOf(accept: string | undefined, mediaType: string): number {
  if (!accept) return 1;
  const [wantedType, wantedSubtype] = mediaType.toLowerCase().split('/');
  let best = { specificity: 0, q: 0 };
  for (const { type, q } of mediaRanges(accept)) {
    const [rangeType, rangeSubtype] = type.split('/');
    const specificity =
      type === '*/*' ? 1 : rangeType === wantedType && rangeSubtype === '*' ? 2 : rangeType === wantedType && rangeSubtype === wantedSubtype ? 3 : 0;
    if (specificity > best.specificity || (specificity > 0 && specificity === best.specificity && q > best.q)) best = { specificity, q: Number.isNaN(q) ? 0 : q };
  }
  return best.q;
}

/** The representation a client accepts, preferring JSON-LD; 406 when it accepts neither. */
export function outputFormatOf(request: FastifyRequest): OutputFormat {
  const accept = request.headers.accept;
  if (!accept) return 'jsonld';
  const ranges = mediaRanges(accept)
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const range of ranges) {
    if (JSON_MEDIA.has(range.type)) return 'jsonld';
    if (XML_MEDIA.has(range.type)) return 'xml';
  }
  throw new KarvonError('KRV_NOT_ACCEPTABLE', `Cannot answer in '${accept}': accept application/ld+json, application/json or application/xml`);
}

const EPC_FORMATS: readonly EpcFormat[] = ['No_Preference', 'Always_GS1_Digital_Link', 'Always_EPC_URN', 'Never_Translates'];
const CBV_FORMATS: readonly CbvFormat[] = ['No_Preference', 'Always_Web_URI', 'Always_URN', 'Never_Translates'];

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GS1-EPC-Format of the request (No_Preference when absent). */
export function epcFormatOf(request: FastifyRequest): EpcFormat {
  const value = headerValue(request, 'gs1-epc-format');
  if (value === undefined) return 'No_Preference';
  if (!(EPC_FORMATS as readonly string[]).includes(value)) {
    throw new KarvonError('KRV_QUERY_PARAMETER', `GS1-EPC-Format must be one of ${EPC_FORMATS.join(', ')}, got '${value}'`);
  }
  return value as EpcFormat;
}

/** GS1-CBV-XML-Format of the request (No_Preference when absent). */
export function cbvFormatOf(request: FastifyRequest): CbvFormat {
  const value = headerValue(request, 'gs1-cbv-xml-format');
  if (value === undefined) return 'No_Preference';
  if (!(CBV_FORMATS as readonly string[]).includes(value)) {
    throw new KarvonError('KRV_QUERY_PARAMETER', `GS1-CBV-XML-Format must be one of ${CBV_FORMATS.join(', ')}, got '${value}'`);
  }
  return value as CbvFormat;
}

export const MEDIA_TYPE: Record<OutputFormat, string> = {
  jsonld: 'application/ld+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};
