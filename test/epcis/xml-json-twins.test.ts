import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { toWebVocabulary } from '../../src/epcis/vocabulary.js';
import { parseXmlDocument } from '../../src/epcis/xml/parse.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conformance = path.resolve(repoRoot, '../shared/conformance');

const gs1 = (p: string) => path.join(conformance, 'gs1-epcis', p);
// Pairs that describe the same events. Left out because the official pair differs in content:
// WithFullCombinationOfFields/object_* (action ADD vs OBSERVE), ErrorDeclarationAndCorrectiveEvent
// (other readPoint and quantities) and PersistentDisposition (other event types).
const TWINS: [string, string][] = [
  ...['aggregation', 'association', 'transaction', 'transformation'].map((t): [string, string] => [
    gs1(`XML/WithFullCombinationOfFields/${t}_event_all_possible_fields.xml`),
    gs1(`JSON/WithFullCombinationOfFields/${t}_event_all_possible_fields.jsonld`),
  ]),
  [gs1('XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml'), gs1('JSON/Example_9.6.1-ObjectEvent.jsonld')],
  [gs1('XML/Example-TransactionEvent-2020_07_03y.xml'), gs1('JSON/Example-TransactionEvents-2020_07_03y.jsonld')],
];
for (const name of [
  'CertificationInfoAndSensorReportWithCRS', 'ReferenceEventHashAlgorithm', 'ReferenceEventHashAlgorithm2', 'ReferenceEventHashAlgorithm3',
  'epcisDocWithSensorComponent', 'epcisDocWithShippingAndTransportingEvent', 'epcisDocWithVariousEventTypes',
  'epcisDocWithXMLstartTagAndErrorDeclaration', 'epcisEventWithCURIEs', 'epcisQueryDocument', 'persistentDisposition',
]) {
  const base = path.join(conformance, 'event-hash/inputs/examples', name);
  TWINS.push([`${base}.xml`, `${base}.jsonld`]);
}

const instant = (t: unknown) => (typeof t === 'string' ? new Date(t).getTime() : t);
const sortStrings = (xs: string[] | undefined) => (xs ? [...xs].sort() : xs);

/** The standard fields of an event, spelled one way (Web URIs, UTC instants) so both bindings compare. */
function standardView(e: EpcisEvent) {
  const typed = (list: { type?: string }[] | undefined, kind: 'bizTransactionType' | 'sourceDestinationType') =>
    list?.map((x) => ({ ...x, type: x.type && toWebVocabulary(kind, x.type) }));
  return {
    type: e.type,
    eventTime: instant(e.eventTime),
    eventTimeZoneOffset: e.eventTimeZoneOffset,
    parentID: e.parentID,
    epcList: e.epcList?.length ? e.epcList : undefined,
    childEPCs: e.childEPCs,
    inputEPCList: e.inputEPCList,
    outputEPCList: e.outputEPCList,
    quantityList: e.quantityList,
    childQuantityList: e.childQuantityList,
    inputQuantityList: e.inputQuantityList,
    outputQuantityList: e.outputQuantityList,
    transformationID: e.transformationID,
    action: e.action,
    bizStep: e.bizStep && toWebVocabulary('bizStep', e.bizStep),
    disposition: e.disposition && toWebVocabulary('disposition', e.disposition),
    persistentDisposition: e.persistentDisposition && {
      set: sortStrings(e.persistentDisposition.set?.map((d) => toWebVocabulary('disposition', d))),
      unset: sortStrings(e.persistentDisposition.unset?.map((d) => toWebVocabulary('disposition', d))),
    },
    readPoint: e.readPoint?.id,
    bizLocation: e.bizLocation?.id,
    bizTransactionList: typed(e.bizTransactionList, 'bizTransactionType'),
    sourceList: typed(e.sourceList, 'sourceDestinationType'),
    destinationList: typed(e.destinationList, 'sourceDestinationType'),
    sensorReports: e.sensorElementList?.map((se) => se.sensorReport.map((r) => ({ value: r.value, minValue: r.minValue, maxValue: r.maxValue, uom: r.uom, time: instant(r.time) }))),
  };
}

describe('XML documents agree with their official JSON-LD twins on the standard fields', () => {
  for (const [xmlFile, jsonFile] of TWINS) {
    it(path.relative(conformance, xmlFile), () => {
      expect(existsSync(jsonFile)).toBe(true);
      const fromXml = parseXmlDocument(readFileSync(xmlFile));
      const fromJson = parseJsonLdDocument(readFileSync(jsonFile));
      expect(fromXml.events.length).toBe(fromJson.events.length);
      expect(fromXml.events.map(standardView)).toEqual(fromJson.events.map(standardView));
    });
  }
});
