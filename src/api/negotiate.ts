/**
 * Content negotiation for EPCIS responses: JSON-LD or XML from the Accept header, and the GS1
 * headers that ask for identifier and vocabulary spellings.
 */
import type { FastifyRequest } from 'fastify';
import { KarvonError } from '../errors.js';
import type { CbvFormat, EpcFormat } from '../epcis/jsonld/epc-format.js';

export type OutputFormat = 'jsonld' | 'xml';

const JSON_MEDIA = new Set(['application/ld+json', 'application/json', 'application/*', '*/*']);
const XML_MEDIA = new Set(['application/xml', 'text/xml']);

/** The representation a client accepts, preferring JSON-LD; 406 when it accepts neither. */
export function outputFormatOf(request: FastifyRequest): OutputFormat {
  const accept = request.headers.accept;
  if (!accept) return 'jsonld';
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: (type ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
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
