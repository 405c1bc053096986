/**
 * The deliberate differences between Karvon's verdict and the official schemas' (docs/conformance.md
 * explains each). A disagreement passes the differential test only when every finding behind it is
 * one of these; anything else fails the test with the document and the mutation named.
 */

export interface SchemaFinding {
  /** JSON pointer of the value the schema validator objects to. */
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The value at instancePath. */
  value: unknown;
  /** For a property-name finding: the key refused. */
  propertyName?: string;
  /** The object that holds the value (the event, for an event field). */
  parent: unknown;
}

function has(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && (value as Record<string, unknown>)[key] !== undefined;
}

export interface Difference {
  id: string;
  reason: string;
}

/**
 * A "format" finding on an object comes from the schema's propertyNames rule (formats apply to strings):
 * ajv reports the key only in the companion propertyNames finding.
 */
function isPropertyNameFormat(f: SchemaFinding): boolean {
  return f.keyword === 'format' && f.value !== null && typeof f.value === 'object';
}

/** JSON: what the 2.0.1 schema refuses and Karvon accepts, on purpose. */
export const SCHEMA_REFUSES_KARVON_ACCEPTS: readonly (Difference & { matches: (f: SchemaFinding) => boolean })[] = [
  {
    id: 'blank-node-document-id',
    reason: 'a JSON-LD blank node ("_:document1") names the document; the official simple-context examples use it',
    matches: (f) => f.instancePath === '/id' && f.keyword === 'format' && typeof f.value === 'string' && f.value.startsWith('_:'),
  },
  {
    id: 'one-item-list-as-item',
    reason: 'JSON-LD lets a one-item list be written as the item itself; an official simple-context example writes sourceList so',
    matches: (f) => f.keyword === 'type' && f.params.type === 'array' && f.value !== null && typeof f.value === 'object' && !Array.isArray(f.value),
  },
  {
    id: 'sensor-element-node-type',
    reason: 'a sensor element may carry its JSON-LD node type ("type": "epcis:SensorElement"), as official simple-context examples do',
    matches: (f) =>
      /\/sensorElementList\/\d+$/.test(f.instancePath) &&
      (f.params.propertyName === 'type' || isPropertyNameFormat(f)) &&
      f.value !== null && typeof f.value === 'object' && (f.value as Record<string, unknown>).type === 'epcis:SensorElement',
  },
  {
    id: 'event-id-as-id',
    reason: 'an event may name itself with "id", the JSON-LD alias of eventID that official simple-context examples use; Karvon reads it as eventID',
    matches: (f) =>
      /\/eventList\/\d+$/.test(f.instancePath) &&
      (f.params.propertyName === 'id' || isPropertyNameFormat(f)) &&
      f.value !== null && typeof f.value === 'object' && typeof (f.value as Record<string, unknown>).id === 'string' && (f.value as Record<string, unknown>).eventID === undefined,
  },
  {
    id: 'envelope-version-and-date-optional',
    reason: 'schemaVersion and creationDate may be absent (an official sensor example leaves both out), and schemaVersion may be the number 2.0 one official example writes',
    matches: (f) =>
      (f.keyword === 'required' && (f.params.missingProperty === 'schemaVersion' || f.params.missingProperty === 'creationDate') && f.instancePath === '') ||
      (f.instancePath === '/schemaVersion' && f.keyword === 'type' && typeof f.value === 'number'),
  },
  {
    id: 'ilmd-outside-add',
    reason: 'ilmd is accepted whatever the action: an official simple-context example (object_event_all_possible_fields) carries ilmd on an OBSERVE',
    matches: (f) =>
      (f.instancePath.endsWith('/action') && f.keyword === 'pattern' && has(f.parent, 'ilmd')) ||
      (f.instancePath.endsWith('/ilmd') && f.keyword === 'not'),
  },
  {
    id: 'sensor-only-object-event',
    reason: 'an ObjectEvent may report sensor data observed at a readPoint without naming objects, as the EPCIS 2.0 standard describes; the schema asks for epcList or quantityList',
    matches: (f) =>
      f.keyword === 'required' && (f.params.missingProperty === 'epcList' || f.params.missingProperty === 'quantityList') &&
      has(f.value, 'sensorElementList') && has(f.value, 'readPoint'),
  },
  {
    id: 'cbv-1x-urn',
    reason: 'a CBV 1.x URN of a term the CBV defines (urn:epcglobal:cbv:bizstep:shipping) is accepted, as the standard and the hash algorithm read it; the schema\'s pattern excludes the whole urn:epcglobal:cbv namespace',
    matches: (f) => f.keyword === 'pattern' && typeof f.value === 'string' && f.value.startsWith('urn:epcglobal:cbv:'),
  },
];

/** Findings that only say that an enclosing combination failed (their causes are judged instead). */
export const COMBINATOR_KEYWORDS: ReadonlySet<string> = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not', 'enum']);

/** Both bindings: what the schema (or XSD) accepts and Karvon refuses, on purpose, told by Karvon's message. */
export const KARVON_REFUSES_SCHEMA_ACCEPTS: readonly (Difference & { binding: 'json' | 'xml' | 'both'; matches: (message: string) => boolean })[] = [
  {
    id: 'aggregation-parent-on-add-delete',
    binding: 'both',
    reason: 'the standard (EPCIS 2.0 section 7.4.3) requires parentID on an AggregationEvent whose action is ADD or DELETE; neither schema can say so',
    matches: (m) => m.includes('needs parentID when action is'),
  },
  {
    id: 'xml-uri-syntax',
    binding: 'xml',
    reason: 'xsd:anyURI checks nothing in practice; Karvon asks the absolute URI the JSON schema asks for in both bindings, so that one event means the same in both',
    matches: (m) => /must be an absolute URI|is not a valid identifier|needs a scheme|not allowed in a URI|nothing follows the URI scheme|must be one of .*or a URI|must be a CBV term or an absolute URI/.test(m),
  },
  {
    id: 'xml-time-zone-offset-pattern',
    binding: 'xml',
    reason: 'the XSD types eventTimeZoneOffset as any string; the JSON schema\'s ±hh:mm pattern is applied to both bindings',
    matches: (m) => m.includes('eventTimeZoneOffset must be'),
  },
  {
    id: 'xml-unique-epcs',
    binding: 'xml',
    reason: 'the XSD has no uniqueItems; the JSON schema\'s (ObjectEvent epcList, TransformationEvent input/output lists) is applied to both bindings',
    matches: (m) => m.includes('more than once'),
  },
  {
    id: 'xml-what-an-event-must-hold',
    binding: 'xml',
    reason: 'the XSD makes every list optional; the JSON schema\'s rules on what each event type must hold (an ObjectEvent needs epcList or quantityList, an AggregationEvent childEPCs or childQuantityList, ...) are applied to both bindings',
    matches: (m) => /^(ObjectEvent|AggregationEvent|AssociationEvent|TransactionEvent|TransformationEvent) (needs|has)/.test(m),
  },
];
