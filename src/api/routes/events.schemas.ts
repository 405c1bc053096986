/**
 * The HTTP contract of EPCIS /events and of the top-level resources (/eventTypes, /epcs, /bizSteps,
 * /bizLocations, /readPoints, /dispositions). Documentation only, as every EPCIS schema
 * (epcis.schemas.ts).
 */
import { Type } from 'typebox';
import { Collection, EpcisEventBody, EventDocument, EventQueryParameters, noContent, PagingQuery, problems, QueryDocument } from './epcis.schemas.js';

const QUERY_TAG = ['EPCIS query'];
const RESOURCE_TAG = ['EPCIS top-level resources'];

export const QueryEvents = {
  summary: 'Query events (SimpleEventQuery parameters; paged with perPage and nextPageToken)',
  tags: QUERY_TAG,
  querystring: EventQueryParameters,
  response: { 200: QueryDocument, ...problems },
};

export const CaptureEvent = {
  summary: 'Capture one event synchronously; 201 with its Location, 200 with GS1-EPCIS-Duplicate when it was stored already',
  tags: ['EPCIS capture'],
  body: EpcisEventBody,
  response: {
    200: noContent('Stored already (an event you may see with the same event hash)', { Location: '/epcis/events/{eventID}', 'GS1-EPCIS-Duplicate': 'true' }),
    201: noContent('Captured', { Location: '/epcis/events/{eventID}' }),
    ...problems,
  },
};

export const GetEvent = {
  summary: 'One event by its eventID (URL-encoded)',
  tags: QUERY_TAG,
  params: Type.Object({ eventID: Type.String({ description: 'The eventID, URL-encoded', examples: ['ni:///sha-256;3b4c…?ver=CBV2.0'] }) }),
  response: { 200: EventDocument, ...problems },
};

export const TopLevel = {
  summary: 'The top-level resources of the EPCIS REST binding',
  tags: RESOURCE_TAG,
  response: { 200: Collection, ...problems },
};

const Value = (what: string) => Type.Object({ value: Type.String({ description: `One of the ${what} (URL-encoded)` }) });

/** The schemas of a top-level resource's three routes. */
export function resourceSchemas(what: string, parameter: string) {
  return {
    list: {
      summary: `The ${what} the repository holds`,
      tags: RESOURCE_TAG,
      querystring: PagingQuery,
      response: { 200: Collection, ...problems },
    },
    one: {
      summary: `Sub-resources of one of the ${what}`,
      tags: RESOURCE_TAG,
      params: Value(what),
      response: { 200: Collection, ...problems },
    },
    events: {
      summary: `Events of one of the ${what} (other query parameters narrow it; ${parameter} is given by the path)`,
      tags: RESOURCE_TAG,
      params: Value(what),
      querystring: EventQueryParameters,
      response: { 200: QueryDocument, ...problems },
    },
  };
}
