/**
 * Writing EPCIS answers: query documents and single events in the negotiated binding, with the
 * paging Link header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EpcisEvent, NamespaceBindings } from '../epcis/model.js';
import { parseExtensionsHeader } from '../epcis/query/index.js';
import { serializeJsonLdDocument, serializeJsonLdEvent } from '../epcis/jsonld/serialize.js';
import { serializeXmlDocument, serializeXmlEvent } from '../epcis/xml/serialize.js';
import { cbvFormatOf, epcFormatOf, MEDIA_TYPE, outputFormatOf } from './negotiate.js';

/** The URL of the next page: the request's own URL with nextPageToken replaced. */
function nextPageUrl(request: FastifyRequest, token: string): string {
  // request.url is a path; URL needs some base to parse it, and only the path and query are kept.
  const url = new URL(request.url, 'http://karvon.invalid');
  url.searchParams.set('nextPageToken', token);
  return `${url.pathname}${url.search}`;
}

/** Sends events as an EPCISQueryDocument in JSON-LD or XML. */
export function sendQueryDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { events: EpcisEvent[]; nextPageToken?: string },
  queryName = 'SimpleEventQuery',
): FastifyReply {
  const format = outputFormatOf(request);
  const options = { epcFormat: epcFormatOf(request), cbvFormat: cbvFormatOf(request), query: { queryName } };
  if (page.nextPageToken) {
    reply.header('Link', `<${nextPageUrl(request, page.nextPageToken)}>; rel="next"`);
  }
  const body = format === 'xml' ? serializeXmlDocument(page.events, options) : serializeJsonLdDocument(page.events, options);
  return reply.type(MEDIA_TYPE[format]).send(body);
}

/** Sends one event in JSON-LD or XML. */
export function sendEvent(request: FastifyRequest, reply: FastifyReply, event: EpcisEvent): FastifyReply {
  const format = outputFormatOf(request);
  const options = { epcFormat: epcFormatOf(request), cbvFormat: cbvFormatOf(request) };
  const body = format === 'xml' ? serializeXmlEvent(event, options) : serializeJsonLdEvent(event, options);
  return reply.type(MEDIA_TYPE[format]).send(body);
}

/** Sends a JSON-LD Collection (the top-level resources of the REST binding). */
export function sendCollection(reply: FastifyReply, member: string[], nextPageUrlValue?: string): FastifyReply {
  if (nextPageUrlValue) reply.header('Link', `<${nextPageUrlValue}>; rel="next"`);
  return reply.type('application/ld+json; charset=utf-8').send({
    '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    type: 'Collection',
    member,
  });
}

/**
 * Query-string parameters as Fastify parsed them, without the paging ones, and the extension
 * namespaces the client declared in GS1-Extensions (so that EQ_example:field can be resolved).
 */
export function queryParameters(request: FastifyRequest): {
  params: Record<string, string | string[]>;
  perPage?: string;
  nextPageToken?: string;
  namespaces: NamespaceBindings;
} {
  const raw = (request.query ?? {}) as Record<string, string | string[]>;
  const { perPage, nextPageToken, ...params } = raw;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const extensions = first(request.headers['gs1-extensions']);
  return { params, perPage: first(perPage), nextPageToken: first(nextPageToken), namespaces: extensions ? parseExtensionsHeader(extensions) : {} };
}

export { nextPageUrl };
