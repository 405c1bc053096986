/**
 * Writing EPCIS answers: query documents and single events in the negotiated binding, with the
 * paging Link header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EpcisEvent } from '../epcis/model.js';
import { serializeJsonLdDocument, serializeJsonLdEvent } from '../epcis/jsonld/serialize.js';
import { serializeXmlDocument, serializeXmlEvent } from '../epcis/xml/serialize.js';
import { cbvFormatOf, epcFormatOf, MEDIA_TYPE, outputFormatOf } from './negotiate.js';

/** The URL of the next page: the request's own URL with nextPageToken replaced. */
function nextPageUrl(request: FastifyRequest, token: string): string {
  const url = new URL(request.url, 'http://placeholder');
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

/** Query-string parameters as Fastify parsed them, without the paging ones. */
export function queryParameters(request: FastifyRequest): { params: Record<string, string | string[]>; perPage?: string; nextPageToken?: string } {
  const raw = (request.query ?? {}) as Record<string, string | string[]>;
  const { perPage, nextPageToken, ...params } = raw;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return { params, perPage: first(perPage), nextPageToken: first(nextPageToken) };
}

export { nextPageUrl };
