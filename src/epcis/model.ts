/**
 * Karvon's in-memory model of EPCIS 2.0 events and documents.
 *
 * The model IS the EPCIS 2.0 JSON(-LD) binding shape (field names and nesting as in the standard's
 * JSON schema), so that a JSON-LD document needs no translation and the XML binding maps onto it.
 * Values are kept as they were written (a bizStep may be "shipping", "urn:epcglobal:cbv:bizstep:shipping"
 * or "https://ref.gs1.org/cbv/BizStep-shipping"); normalisation for indexing and hashing happens in the
 * functions that need it, so that an event is returned as it was captured.
 *
 * User extensions are keys of the form "prefix:local" (on events and inside readPoint, bizLocation,
 * sensorElement, sensorMetadata, sensorReport, ilmd, errorDeclaration). The event's own `@context`
 * object binds every such prefix to its namespace IRI, so a single event is self-describing: the XML
 * serialiser writes `xmlns:prefix` from it and the hash algorithm writes `{iri}local` from it.
 * Extension values are strings, numbers, booleans, nested objects (keys again "prefix:local", or bare
 * local names for un-namespaced XML children) or arrays of those (repeated XML elements).
 */

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Action = 'ADD' | 'OBSERVE' | 'DELETE';

/** Namespace bindings (prefix -> IRI) for the extension keys used in one event or document. */
export type NamespaceBindings = Record<string, string>;

export type ExtensionValue = string | number | boolean | null | ExtensionObject | ExtensionValue[];
export interface ExtensionObject {
  [key: string]: ExtensionValue;
}

export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface BizTransaction {
  type?: string;
  bizTransaction: string;
}

export interface SourceOrDestination {
  type: string;
  source?: string;
  destination?: string;
}

export interface Place {
  id: string;
  [extension: string]: ExtensionValue | undefined;
}

export interface PersistentDisposition {
  set?: string[];
  unset?: string[];
}

export interface ErrorDeclaration {
  declarationTime: string;
  reason?: string;
  correctiveEventIDs?: string[];
  [extension: string]: ExtensionValue | undefined;
}

export interface SensorMetadata {
  time?: string;
  startTime?: string;
  endTime?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  [extension: string]: ExtensionValue | undefined;
}

export interface SensorReport {
  type?: string;
  exception?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  time?: string;
  microorganism?: string;
  chemicalSubstance?: string;
  value?: number;
  component?: string;
  stringValue?: string;
  booleanValue?: boolean;
  hexBinaryValue?: string;
  uriValue?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  sDev?: number;
  percRank?: number;
  percValue?: number;
  uom?: string;
  coordinateReferenceSystem?: string;
  [extension: string]: ExtensionValue | undefined;
}

export interface SensorElement {
  sensorMetadata?: SensorMetadata;
  sensorReport: SensorReport[];
  [extension: string]: ExtensionValue | SensorMetadata | SensorReport[] | undefined;
}

/** One EPCIS 2.0 event of any of the five types, in JSON binding shape. */
export interface EpcisEvent {
  '@context'?: NamespaceBindings;
  type: EventType;
  eventID?: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  certificationInfo?: string | string[];
  errorDeclaration?: ErrorDeclaration;

  // what
  parentID?: string;
  epcList?: string[];
  childEPCs?: string[];
  inputEPCList?: string[];
  outputEPCList?: string[];
  quantityList?: QuantityElement[];
  childQuantityList?: QuantityElement[];
  inputQuantityList?: QuantityElement[];
  outputQuantityList?: QuantityElement[];
  transformationID?: string;
  action?: Action;

  // why
  bizStep?: string;
  disposition?: string;
  persistentDisposition?: PersistentDisposition;
  bizTransactionList?: BizTransaction[];
  sourceList?: SourceOrDestination[];
  destinationList?: SourceOrDestination[];
  ilmd?: ExtensionObject;
  sensorElementList?: SensorElement[];

  // where
  readPoint?: Place;
  bizLocation?: Place;

  // user extensions: "prefix:local" keys bound in '@context'
  [extension: string]: unknown;
}

/** A master-data vocabulary (EPCIS header), as in the JSON binding. */
export interface VocabularyElement {
  id: string;
  attributes?: { id: string; attribute: ExtensionValue }[];
  children?: string[];
}
export interface Vocabulary {
  type: string;
  vocabularyElementList: VocabularyElement[];
}

export interface EpcisHeader {
  epcisMasterData?: { vocabularyList: Vocabulary[] };
  [key: string]: unknown;
}

/** An EPCISDocument or EPCISQueryDocument after parsing either binding. */
export interface EpcisDocument {
  /** Document-level namespace bindings for prefixes outside the standard context. */
  namespaces: NamespaceBindings;
  type: 'EPCISDocument' | 'EPCISQueryDocument';
  schemaVersion: string;
  creationDate: string;
  id?: string;
  epcisHeader?: EpcisHeader;
  events: EpcisEvent[];
  /** Only for EPCISQueryDocument: the query name and subscription id of the results. */
  queryName?: string;
  subscriptionID?: string;
  /** Document-level user extension elements ("prefix:local" keys), kept as read. */
  extensions?: ExtensionObject;
}

/** The namespace IRIs the EPCIS 2.0 standard itself binds (JSON-LD context prefixes). */
export const STANDARD_PREFIXES: Readonly<NamespaceBindings> = Object.freeze({
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: 'https://gs1.org/voc/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
});

/** The JSON-LD context URL of EPCIS 2.0 documents that Karvon writes. */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
