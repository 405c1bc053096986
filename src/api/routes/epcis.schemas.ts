/**
 * What the EPCIS 2.0 REST routes share in their HTTP contract: the query parameters, the documents
 * they take and answer, collections and paging.
 *
 * These schemas document; they do not validate. The EPCIS core validates EPCIS requests itself and
 * answers in the standard's exceptions (an unknown query parameter is a QueryParameterException
 * naming it, a broken document a ValidationException with the place of each fault); Fastify's
 * validation would pre-empt that with messages and types of its own, and capture bodies are raw
 * bytes. So each EPCIS route plugin sets `documentationOnly` as its validator compiler, and the
 * schemas here feed /openapi.json. Answers that are EPCIS documents are written as JSON text by
 * the bindings (src/epcis/jsonld), so no response schema reshapes them; the envelopes described
 * here allow additional properties.
 */
import { Type, type TSchema } from 'typebox';
import { ProblemSchema } from '../schemas/common.js';

/** A validator compiler that accepts everything: the EPCIS core validates (see above). */
export const documentationOnly = () => () => true;

export const problems = { '4xx': ProblemSchema };

const Text = (description: string) => Type.String({ description });
const Instant = (description: string) => Type.String({ description: `${description} (date-time with offset, e.g. 2026-03-01T00:00:00Z)` });
const List = (description: string) => Text(`${description}; several values '|'-separated or by repeating the parameter`);

/** The documented parameters of SimpleEventQuery in the REST binding (the EPCIS 2.0 query language). */
const EVENT_QUERY_PARAMETERS: Record<string, TSchema> = {
  eventType: List('Event types: ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent'),
  GE_eventTime: Instant('Events at or after this event time'),
  LT_eventTime: Instant('Events before this event time'),
  GE_recordTime: Instant('Events recorded at or after this time'),
  LT_recordTime: Instant('Events recorded before this time'),
  EQ_action: List('ADD, OBSERVE or DELETE'),
  EQ_bizStep: List('Business steps (CBV short names, URNs or Web URIs)'),
  EQ_disposition: List('Dispositions'),
  EQ_persistentDisposition_set: List('Persistent dispositions set by the event'),
  EQ_persistentDisposition_unset: List('Persistent dispositions unset by the event'),
  EQ_readPoint: List('Read points'),
  WD_readPoint: List('Read points or any location they contain (master data)'),
  EQ_bizLocation: List('Business locations'),
  WD_bizLocation: List('Business locations or any location they contain (master data)'),
  EQ_transformationID: List('Transformation IDs'),
  MATCH_epc: List('EPCs or EPC patterns in epcList or childEPCs'),
  MATCH_parentID: List('EPCs or patterns of the parentID'),
  MATCH_inputEPC: List('EPCs or patterns in inputEPCList'),
  MATCH_outputEPC: List('EPCs or patterns in outputEPCList'),
  MATCH_anyEPC: List('EPCs or patterns anywhere in the event'),
  MATCH_epcClass: List('EPC classes in quantityList or childQuantityList'),
  MATCH_inputEPCClass: List('EPC classes in inputQuantityList'),
  MATCH_outputEPCClass: List('EPC classes in outputQuantityList'),
  MATCH_anyEPCClass: List('EPC classes anywhere in the event'),
  EQ_quantity: List('Quantities equal to'),
  GT_quantity: Text('Quantities greater than'),
  GE_quantity: Text('Quantities at least'),
  LT_quantity: Text('Quantities less than'),
  LE_quantity: Text('Quantities at most'),
  EQ_eventID: List('Event IDs'),
  EXISTS_errorDeclaration: Text('Only events with an error declaration (any value)'),
  GE_errorDeclarationTime: Instant('Error declarations at or after'),
  LT_errorDeclarationTime: Instant('Error declarations before'),
  EQ_errorReason: List('Error reasons'),
  EQ_correctiveEventID: List('Corrective event IDs'),
  EXISTS_sensorElementList: Text('Only events with sensor data (any value)'),
  GE_time: Instant('Sensor reports at or after'),
  LT_time: Instant('Sensor reports before'),
  GE_startTime: Instant('Sensor report start times at or after'),
  LT_startTime: Instant('Sensor report start times before'),
  GE_endTime: Instant('Sensor report end times at or after'),
  LT_endTime: Instant('Sensor report end times before'),
  EQ_type: List('Sensor measurement types'),
  EQ_deviceID: List('Sensor device IDs'),
  EQ_dataProcessingMethod: List('Sensor data processing methods'),
  EQ_bizRules: List('Sensor business rules'),
  EQ_microorganism: List('Microorganisms measured'),
  EQ_chemicalSubstance: List('Chemical substances measured'),
  EQ_stringValue: List('Sensor string values'),
  EQ_hexBinaryValue: List('Sensor hexBinary values'),
  EQ_uriValue: List('Sensor URI values'),
  EQ_booleanValue: Text('Sensor boolean value: true or false'),
  orderBy: Text('eventTime, recordTime or an extension field name'),
  orderDirection: Type.String({ enum: ['ASC', 'DESC'], description: 'With orderBy; DESC when absent' }),
  eventCountLimit: Type.Integer({ minimum: 1, description: 'At most this many events in all, across pages (needs orderBy)' }),
  maxEventCount: Type.Integer({ minimum: 1, description: 'Refuse the query (QueryTooLargeException) if it matches more events' }),
};

/** perPage and nextPageToken, the REST binding's paging. */
const PAGING_PARAMETERS: Record<string, TSchema> = {
  perPage: Type.Integer({ minimum: 1, description: 'Results per page (the server has a default and a maximum)' }),
  nextPageToken: Text('The token of the next page, exactly as the Link header of the previous one gave it'),
};

function optional(parameters: Record<string, TSchema>): Record<string, TSchema> {
  return Object.fromEntries(Object.entries(parameters).map(([name, schema]) => [name, Type.Optional(schema)]));
}

/** The query string of a paged listing. */
export const PagingQuery = Type.Object(optional(PAGING_PARAMETERS), { additionalProperties: true });

/**
 * The query string of an event query. Extension fields are queried by parameters the standard
 * builds from their names (EQ_<field>, GT_<field>, EXISTS_<field>, EQ_bizTransaction_<type>,
 * EQ_source_<type>, EQ_INNER_..., HASATTR_..., EQ_ATTR_...), so further parameters are allowed by
 * the schema and refused by the EPCIS core when they are not of the query language.
 */
export const EventQueryParameters = Type.Object(
  { ...optional(EVENT_QUERY_PARAMETERS), ...optional(PAGING_PARAMETERS) },
  {
    additionalProperties: true,
    description: 'EPCIS 2.0 SimpleEventQuery parameters; an unknown parameter is a QueryParameterException naming it',
  },
);

/** An EPCIS event in JSON-LD, as the standard's JSON schema defines it (every field kept). */
export const EpcisEventJson = Type.Object(
  {
    type: Type.String({ description: 'ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent' }),
    eventTime: Type.Optional(Type.String()),
    eventTimeZoneOffset: Type.Optional(Type.String()),
    eventID: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description: 'An EPCIS 2.0 event (JSON-LD)',
    examples: [
      {
        type: 'ObjectEvent',
        eventTime: '2026-03-01T08:00:00Z',
        eventTimeZoneOffset: '+05:00',
        epcList: ['urn:epc:id:sscc:4870001.0000000042'],
        action: 'OBSERVE',
        bizStep: 'departing',
        readPoint: { id: 'urn:epc:id:sgln:4870001.00001.0' },
      },
    ],
  },
);

/** The raw bytes of an EPCIS body, documented per media type (never validated by Fastify). */
function rawBody(json: TSchema, xmlDescription: string) {
  const asBytes = <T extends TSchema>(schema: T) => Type.Unsafe<Buffer>(schema);
  const xml = asBytes(Type.String({ description: xmlDescription }));
  return {
    content: {
      'application/ld+json': { schema: asBytes(json) },
      'application/json': { schema: asBytes(json) },
      'application/xml': { schema: xml },
      'text/xml': { schema: xml },
    },
  };
}

/** An EPCIS document (POST /capture). */
export const EpcisDocumentBody = rawBody(
  Type.Object(
    {
      '@context': Type.Unknown({ description: 'The EPCIS 2.0 JSON-LD context (and extension namespaces)' }),
      type: Type.Literal('EPCISDocument'),
      schemaVersion: Type.String({ examples: ['2.0'] }),
      creationDate: Type.String(),
      epcisHeader: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Master data (vocabularies), optional' })),
      epcisBody: Type.Object({ eventList: Type.Array(EpcisEventJson) }, { additionalProperties: true }),
    },
    { additionalProperties: true, description: 'An EPCIS 2.0 document in JSON-LD (or XML, urn:epcglobal:epcis:xsd:2)' },
  ),
  'An EPCIS 2.0 document in XML (urn:epcglobal:epcis:xsd:2)',
);

/** One EPCIS event (POST /events). */
export const EpcisEventBody = rawBody(EpcisEventJson, 'One EPCIS 2.0 event in XML');

/** An EPCISQueryDocument: the answer of every event query, in JSON-LD or XML. */
export const QueryDocument = {
  description: 'An EPCISQueryDocument with one page of events; the Link header (rel="next") gives the next page',
  content: {
    'application/ld+json': {
      schema: Type.Object(
        {
          '@context': Type.Unknown(),
          type: Type.Literal('EPCISQueryDocument'),
          schemaVersion: Type.String(),
          creationDate: Type.String(),
          epcisBody: Type.Object(
            {
              queryResults: Type.Object(
                {
                  queryName: Type.String({ examples: ['SimpleEventQuery'] }),
                  resultsBody: Type.Object({ eventList: Type.Array(EpcisEventJson) }, { additionalProperties: true }),
                },
                { additionalProperties: true },
              ),
            },
            { additionalProperties: true },
          ),
        },
        { additionalProperties: true },
      ),
    },
    'application/xml': { schema: Type.String({ description: 'The EPCISQueryDocument in XML' }) },
  },
};

/** One event, in JSON-LD or XML. */
export const EventDocument = {
  description: 'The event with its own @context',
  content: {
    'application/ld+json': { schema: EpcisEventJson },
    'application/xml': { schema: Type.String({ description: 'The event in XML' }) },
  },
};

/** A JSON-LD Collection of the REST binding's top-level resources (serialised with this schema). */
export const Collection = Type.Object(
  {
    '@context': Type.String({ examples: ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'] }),
    type: Type.Literal('Collection'),
    member: Type.Array(Type.String()),
  },
  { additionalProperties: false, description: 'A JSON-LD Collection; the Link header (rel="next") gives the next page' },
);

/** An answer without a body, with the headers that say what happened. */
export function noContent(description: string, headers: Record<string, string> = {}) {
  // `void`: the handler sends nothing (`type: 'null'` tells OpenAPI there is no body).
  return Type.Unsafe<void>({
    type: 'null',
    description,
    headers: Object.fromEntries(Object.entries(headers).map(([name, about]) => [name, { type: 'string', description: about }])),
  });
}
