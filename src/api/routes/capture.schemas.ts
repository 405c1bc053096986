/**
 * The HTTP contract of EPCIS capture (/epcis/capture): submitting a document, and the capture jobs.
 * Documentation only, as every EPCIS schema (epcis.schemas.ts); the capture job's JSON shape is
 * also what serialises it.
 */
import { Type } from 'typebox';
import { EpcisDocumentBody, noContent, PagingQuery, problems } from './epcis.schemas.js';

const TAG = ['EPCIS capture'];

/** A capture job in the REST binding's JSON shape (the order of its fields is the order written). */
export const CaptureJobJson = Type.Object(
  {
    captureID: Type.String({ examples: ['0b9c7a4e-3f1d-4f59-9a51-6d2a1c0e8f11'] }),
    createdAt: Type.String({ description: 'When it was submitted' }),
    finishedAt: Type.Optional(Type.String({ description: 'When it finished' })),
    running: Type.Boolean(),
    success: Type.Boolean({ description: 'No event rejected (so far, while running)' }),
    captureErrorBehaviour: Type.Union([Type.Literal('rollback'), Type.Literal('proceed')]),
    eventsCaptured: Type.Integer(),
    eventsDuplicate: Type.Integer({ description: 'Events stored already (the same event hash), not stored again; content duplicates included' }),
    eventsRejected: Type.Integer(),
    errors: Type.Array(
      Type.Object(
        {
          type: Type.String({ examples: ['epcisException:ValidationException'] }),
          title: Type.String(),
          status: Type.Integer(),
          detail: Type.String(),
          pointer: Type.Optional(Type.String({ description: 'JSON pointer of the fault in a JSON-LD document' })),
          xmlPath: Type.Optional(Type.String({ description: 'Path of the fault in an XML document' })),
        },
        { additionalProperties: false },
      ),
    ),
    contentDuplicates: Type.Array(
      Type.Object(
        {
          eventID: Type.String({ description: 'The eventID sent; it now names the stored event (GET /epcis/events/{eventID}, EQ_eventID)' }),
          hashID: Type.String({ description: "The hash ID of the content, under which it was stored already (with that event's own eventID)" }),
        },
        { additionalProperties: false },
      ),
      {
        description:
          "Karvon's addition: events whose content was stored already under another eventID (counted in eventsDuplicate). An eventID names one event, so the one sent is kept as an alias of the stored event.",
      },
    ),
    warnings: Type.Array(
      Type.Object(
        {
          detail: Type.String({ examples: ['epcList/0: the GTIN check digit is 3 but its digits give 7; captured as sent'] }),
          pointer: Type.Optional(Type.String({ description: 'JSON pointer of the finding in a JSON-LD document' })),
          xmlPath: Type.Optional(Type.String({ description: 'Path of the finding in an XML document' })),
        },
        { additionalProperties: false },
      ),
      { description: "Karvon's addition: data-quality findings on events that were captured (a GS1 key whose check digit does not compute, a CBV-looking term the CBV does not define)" },
    ),
  },
  { additionalProperties: false },
);

const CaptureId = Type.Object({ captureID: Type.String({ description: 'The ID from the Location header of POST /capture' }) });

const LIMIT_HEADERS = {
  'GS1-EPCIS-Capture-Limit': 'Most events one capture may hold',
  'GS1-EPCIS-Capture-File-Size-Limit': 'Largest document, in bytes',
  'GS1-Capture-Error-Behaviour': 'The error behaviours supported: rollback, proceed',
};

export const CaptureOptions = {
  summary: 'The capture limits (GS1-EPCIS-Capture-Limit, GS1-EPCIS-Capture-File-Size-Limit) and the methods allowed',
  tags: TAG,
  response: { 204: noContent('The limits, in headers', { ...LIMIT_HEADERS, Allow: 'OPTIONS, GET, POST' }), ...problems },
};

export const SubmitCapture = {
  summary: 'Capture an EPCIS document (JSON-LD or XML); answered 202 with the Location of its capture job',
  description:
    'The document is stored durably before the answer, then captured in the background. GS1-Capture-Error-Behaviour: rollback (default: nothing is stored if one event is invalid) or proceed (valid events are stored).',
  tags: TAG,
  headers: Type.Object(
    { 'GS1-Capture-Error-Behaviour': Type.Optional(Type.String({ enum: ['rollback', 'proceed'], description: 'What an invalid event does to the others' })) },
    { additionalProperties: true },
  ),
  body: EpcisDocumentBody,
  response: { 202: noContent('Accepted: the capture job is at Location', { Location: '/epcis/capture/{captureID}', ...LIMIT_HEADERS }), ...problems },
};

export const ListCaptureJobs = {
  summary: "Capture jobs of the caller's organisation, oldest first (the network operator: all)",
  tags: TAG,
  querystring: PagingQuery,
  response: { 200: Type.Array(CaptureJobJson, { description: 'One page; the Link header (rel="next") gives the next' }), ...problems },
};

export const GetCaptureJob = {
  summary: 'One capture job: whether it runs, what it captured and the errors of rejected events',
  tags: TAG,
  params: CaptureId,
  response: {
    200: {
      description: 'The capture job',
      content: { 'application/json': { schema: CaptureJobJson }, 'application/xml': { schema: Type.String({ description: 'The capture job in XML' }) } },
    },
    ...problems,
  },
};
