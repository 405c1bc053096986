import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { parseXmlCaptureJob, parseXmlDocument, parseXmlDocumentStream } from '../../src/epcis/xml/parse.js';
import { serializeXmlCaptureJob } from '../../src/epcis/xml/serialize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conformance = path.resolve(repoRoot, '../shared/conformance');
const gs1Xml = (p: string) => readFileSync(path.join(conformance, 'gs1-epcis/XML', p));
const hashXml = (p: string) => readFileSync(path.join(conformance, 'event-hash/inputs', p));

/** Every "prefix:local" key at any depth of an event. */
function prefixedKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => prefixedKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '@context') continue;
      if (k.includes(':')) out.push(k);
      prefixedKeys(v, out);
    }
  }
  return out;
}

describe('XML events map onto the model', () => {
  it('reads EPCIS 1.2 <extension> wrappers as flat fields, and user extensions with their prefixes', () => {
    const [e] = parseXmlDocument(gs1Xml('WithExtension/TransformationEvent.xml')).events as [EpcisEvent];
    expect(e.inputQuantityList).toEqual([{ epcClass: 'urn:epc:class:lgtin:4023333.055555.ABC123', quantity: 25, uom: 'KGM' }]);
    expect(e.readPoint).toEqual({ id: 'urn:epc:id:sgln:4023333.00000.0', 'example:gs1ES': '(414)4023333000000' });
    expect(e.errorDeclaration).toMatchObject({ declarationTime: '2020-09-29T15:00:00.000+02:00', 'example:issuer': 'Employee 123' });
    expect(e['example:extension']).toEqual({ moreExtensions: { futureExtension: { tag1: '1', tag2: '2', tag3: '3' } } });
    expect(e['example2:furtherData']).toEqual({ 'example2:assemblyLine': '2', 'example2:workingShift': '1' });
    expect(e.ilmd).toEqual({ 'cbvmda:lotNumber': 'LOTABC', 'example:grading': 'A', 'example2:userMasterData': { 'example2:sizeCode': 'B-2' } });
    expect(e.sensorElementList?.[0]?.sensorReport[0]).toMatchObject({ type: 'gs1:Temperature', minValue: 12.4, percRank: 50, 'example:cv': '123' });
    // IRIs exactly as declared: no trailing slash added.
    expect(e['@context']).toMatchObject({ example: 'http://ns.example.com/epcis', cbvmda: 'urn:epcglobal:cbv:mda' });
  });

  it('reads all the fields of an ObjectEvent, typed as in the JSON binding', () => {
    const [e] = parseXmlDocument(gs1Xml('WithFullCombinationOfFields/object_event_all_possible_fields.xml')).events as [EpcisEvent];
    expect(e.bizTransactionList?.[0]).toEqual({ type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epc:id:gdti:0614141.00001.1618034' });
    expect(e.sourceList?.[1]).toEqual({ type: 'urn:epcglobal:cbv:sdt:possessing_party', source: 'urn:epc:id:pgln:4012345.00225' });
    expect(e.persistentDisposition).toEqual({ unset: ['urn:epcglobal:cbv:disp:completeness_inferred'], set: ['urn:epcglobal:cbv:disp:completeness_verified'] });
    const report = e.sensorElementList![0]!.sensorReport[0]!;
    expect(report).toMatchObject({ value: 26, booleanValue: true, sDev: 0.1, meanValue: 13.2, percValue: 12.7, stringValue: 'SomeString', hexBinaryValue: 'f0f0f0' });
    expect(e.sensorElementList![0]!.sensorMetadata).toMatchObject({ time: '2019-04-02T14:05:00.000+01:00', 'ext1:someFurtherMetadata': 'someText' });
    expect(e.sensorElementList![0]!['ext1:boolean']).toEqual({ 'xsi:type': 'xsd:boolean', '#text': 'true' });
    expect(e['@context']).toEqual({ ext1: 'http://example.com/ext1/', ext2: 'http://example.com/ext2/', ext3: 'http://example.com/ext3/', xsi: 'http://www.w3.org/2001/XMLSchema-instance' });
  });

  it('reads error declarations with corrective event ids and certificationInfo', () => {
    const doc = parseXmlDocument(gs1Xml('WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.xml'));
    const declared = doc.events.find((e) => e.errorDeclaration)!;
    expect(declared.errorDeclaration!.correctiveEventIDs?.length).toBeGreaterThan(0);
    expect(declared.errorDeclaration!.reason).toBe('urn:epcglobal:cbv:er:incorrect_data');
    const [withCert] = parseXmlDocument(hashXml('examples/CertificationInfoAndSensorReportWithCRS.xml')).events as [EpcisEvent];
    expect(typeof withCert.certificationInfo).toBe('string');
  });

  it('reads EPCIS 1.2 TransformationEvents wrapped in <extension> inside EventList', () => {
    const doc = parseXmlDocument(hashXml('expected_equal/differentRepresentationsOfTransformationEvent.xml'));
    expect(doc.events.length).toBeGreaterThan(1);
    expect(new Set(doc.events.map((e) => e.type))).toEqual(new Set(['TransformationEvent']));
  });

  it("binds every prefix used in an event's keys in its own @context, in every official document", () => {
    const files = ['WithFullCombinationOfFields/transformation_event_all_possible_fields.xml', 'WithSensorData/SensorDataExamples.xml', 'WithExtension/ObjectEvent.xml', 'Mimasu/Example-associatonEvent-sensor.xml'];
    for (const f of files) {
      for (const e of parseXmlDocument(gs1Xml(f)).events) {
        for (const key of prefixedKeys(e)) expect(e['@context'], `${f}: ${key}`).toHaveProperty([key.split(':')[0]!]);
      }
    }
  });

  it('gives elements in a default namespace generated prefixes ns1, ns2', () => {
    const xml = `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ns1="urn:taken" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z"><EPCISBody><EventList>
      <ObjectEvent><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>ADD</action>
        <seal xmlns="https://karvon.example/seal/"><number>S-1</number><state>intact</state></seal>
        <other xmlns="urn:other" kind="a">text</other>
      </ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>`;
    const [e] = parseXmlDocument(xml).events as [EpcisEvent];
    expect(e['ns2:seal']).toEqual({ 'ns2:number': 'S-1', 'ns2:state': 'intact' });
    expect(e['ns3:other']).toEqual({ kind: 'a', '#text': 'text' });
    expect(e['@context']).toEqual({ ns2: 'https://karvon.example/seal/', ns3: 'urn:other' });
  });

  it('reads query documents, the SBDH and master data in the header, and document extensions', () => {
    const q = parseXmlDocument(hashXml('examples/epcisQueryDocument.xml'));
    expect(q).toMatchObject({ type: 'EPCISQueryDocument', queryName: 'SimpleEventQuery', subscriptionID: '32d2aec1-a6d2-46d9-900a-24124288cce1' });
    expect(q.events[1]!['example:myField']).toBe('Example of a vendor/user extension');
    const ignore = parseXmlDocument(hashXml('examples/epcisXmlQueryDocHavingEventWithIgnoreFields.xml'));
    expect(ignore.extensions).toEqual({ 'repository-x:ignoreFields': { 'example:testField1': '', 'example:testField2': '' } });
    expect(ignore.namespaces['repository-x']).toBe('https://repository-x.example.com/');
    const md = parseXmlDocument(gs1Xml('WithFullCombinationOfFields/masterdata_all_possible_fields.xml'));
    const element = md.epcisHeader!.epcisMasterData!.vocabularyList[0]!.vocabularyElementList[0]!;
    expect(element.children).toEqual(['urn:epc:id:sgln:0037000.00729.8201']);
    expect(element.attributes![0]).toEqual({ id: 'http://example.com/ext1#string', attribute: 'stringValue' });
    expect(element.attributes![3]!.attribute).toMatchObject({ 'ext1:object2': { inner1: { 'xsi:type': 'xsd:string', '#text': 'val1' } } });
    const sbdh = parseXmlDocument(`<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
      <EPCISHeader><sbdh:StandardBusinessDocumentHeader><sbdh:HeaderVersion>1.0</sbdh:HeaderVersion><sbdh:Sender><sbdh:Identifier Authority="GS1">0614141000005</sbdh:Identifier></sbdh:Sender></sbdh:StandardBusinessDocumentHeader></EPCISHeader>
      <EPCISBody><EventList/></EPCISBody></epcis:EPCISDocument>`);
    expect(sbdh.epcisHeader?.sbdh).toEqual({ 'sbdh:HeaderVersion': '1.0', 'sbdh:Sender': { 'sbdh:Identifier': { Authority: 'GS1', '#text': '0614141000005' } } });
  });
});

describe('streaming parse', () => {
  it('hands over events one by one, in order, awaiting the consumer', async () => {
    const bytes = gs1Xml('WithSensorData/SensorDataExamples.xml');
    const whole = parseXmlDocument(bytes);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 1000) yield bytes.subarray(i, i + 1000);
    }
    const seen: [number, EpcisEvent][] = [];
    let busy = false;
    const info = await parseXmlDocumentStream(chunks(), async (event, index) => {
      expect(busy).toBe(false);
      busy = true;
      await new Promise((r) => setTimeout(r, 1));
      seen.push([index, event]);
      busy = false;
    });
    expect(seen.map(([i]) => i)).toEqual(whole.events.map((_, i) => i));
    expect(seen.map(([, e]) => e)).toEqual(whole.events);
    const { events: _events, ...withoutEvents } = whole;
    expect(info).toEqual(withoutEvents);
  });

  it('streams a large generated document without building it whole', async () => {
    const count = 10_000;
    async function* chunks() {
      yield '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z"><EPCISBody><EventList>';
      for (let i = 0; i < count; i += 1) {
        yield `<ObjectEvent><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><epcList><epc>urn:epc:id:sgtin:0614141.107346.${i}</epc></epcList><action>OBSERVE</action></ObjectEvent>`;
      }
      yield '</EventList></EPCISBody></epcis:EPCISDocument>';
    }
    let n = 0;
    let last = '';
    await parseXmlDocumentStream(chunks(), (e, i) => {
      expect(i).toBe(n);
      n += 1;
      last = e.epcList![0]!;
    });
    expect(n).toBe(count);
    expect(last).toBe(`urn:epc:id:sgtin:0614141.107346.${count - 1}`);
  });
});

describe('capture jobs', () => {
  it('parses every official capture-job response and writes it back equal', () => {
    const errors = parseXmlCaptureJob(gs1Xml('CaptureJob/Example-CaptureJobWithErrors.xml'));
    expect(errors).toEqual({
      captureID: 'f3755dab-1d90-46a5-b837-01032b232cf0',
      running: false,
      success: false,
      captureErrorBehaviour: 'rollback',
      createdAt: '2022-03-03T10:33:31.116+01:00',
      finishedAt: '2022-03-03T10:33:45.001+01:00',
      errors: [
        {
          type: 'https://example.com/probs/validation-failed',
          title: 'EPCIS Event Validation Failure',
          status: -1,
          detail: 'One or more EPCIS Events failed validation',
          instance: 'https://example.com/instance-detail/f3755dab-1d90-46a5-b837-01032b232cf0',
        },
      ],
    });
    expect(parseXmlCaptureJob(gs1Xml('CaptureJob/Example-CaptureJobRunning.xml'))).toMatchObject({ running: true, success: false, captureErrorBehaviour: 'proceed', errors: [] });
    expect(parseXmlCaptureJob(gs1Xml('CaptureJob/Example-CaptureJobWithErrorFile.xml')).errorFile).toBe('https://example.com/error/928c8567-3469-4ccd-930c-6aa31ef1ba66');
    for (const f of ['Running', 'Success', 'WithErrorFile', 'WithErrors']) {
      const job = parseXmlCaptureJob(gs1Xml(`CaptureJob/Example-CaptureJob${f}.xml`));
      expect(parseXmlCaptureJob(serializeXmlCaptureJob(job))).toEqual(job);
    }
  });

  it('refuses a capture job without captureID or with a bad flag', () => {
    expect(() => parseXmlCaptureJob('<epcis:EPCISCaptureJob xmlns:epcis="urn:epcglobal:epcis:xsd:2" running="true" success="false"><captureErrorBehaviour>proceed</captureErrorBehaviour></epcis:EPCISCaptureJob>')).toThrow(/captureID/);
    expect(() => parseXmlCaptureJob('<epcis:EPCISCaptureJob xmlns:epcis="urn:epcglobal:epcis:xsd:2" captureID="x" running="maybe" success="false"><captureErrorBehaviour>proceed</captureErrorBehaviour></epcis:EPCISCaptureJob>')).toThrow(/running/);
    expect(() => parseXmlCaptureJob(gs1Xml('Example_9.6.1-ObjectEvent-2020_06_18a.xml'))).toThrow(/not an EPCISCaptureJob/);
  });
});
