/**
 * Turns a request body into Karvon's EPCIS model, choosing the binding from the media type.
 */
import type { EpcisDocument, EpcisEvent } from '../epcis/model.js';
import { parseJsonLdDocument, parseJsonLdEvent } from '../epcis/jsonld/parse.js';
import { parseXmlDocument, parseXmlEvent } from '../epcis/xml/parse.js';
import { KarvonError } from '../errors.js';

export type Binding = 'json' | 'xml';

const JSON_TYPES = new Set(['application/json', 'application/ld+json']);
const XML_TYPES = new Set(['application/xml', 'text/xml']);

/** The binding of a Content-Type header value; anything else is refused with 415. */
export function bindingOfContentType(contentType: string | undefined): Binding {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (JSON_TYPES.has(mediaType)) return 'json';
  if (XML_TYPES.has(mediaType)) return 'xml';
  throw new KarvonError(
    'KRV_UNSUPPORTED_MEDIA_TYPE',
    `Content-Type '${contentType ?? '(none)'}' is not supported: send application/ld+json, application/json or application/xml`,
  );
}

// What is captured or validated must be valid against the XSD's element order.
const XML_CAPTURE = { xsdOrder: true } as const;

/**
 * Parses a whole EPCIS document in either binding (an XML master-data document has no events).
 * `lenientOrder` reads XML fields in any order (`karvon hash`: the reference generator's vectors do).
 */
export function decodeDocument(body: Buffer | string, binding: Binding, options: { lenientOrder?: boolean } = {}): EpcisDocument {
  return binding === 'json' ? parseJsonLdDocument(body) : parseXmlDocument(body, options.lenientOrder ? {} : XML_CAPTURE);
}

/** Parses the body of POST /events: one event (or a document that holds exactly one). */
export function decodeSingleEvent(body: Buffer | string, binding: Binding): EpcisEvent {
  return binding === 'json' ? parseJsonLdEvent(body) : parseXmlEvent(body, XML_CAPTURE);
}
