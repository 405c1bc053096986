import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import {
  MAX_REPORTED_ISSUES,
  assertValidDocument,
  assertValidEvent,
  documentFindings,
  validateDocument,
  xmlPathOfPointer,
} from '../../src/epcis/validate/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conformance = path.resolve(repoRoot, '../shared/conformance');

const event = (overrides: Record<string, unknown> = {}): EpcisEvent =>
  ({
    type: 'ObjectEvent',
    eventTime: '2024-05-01T10:15:00.000Z',
    eventTimeZoneOffset: '+03:00',
    action: 'OBSERVE',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
    bizStep: 'departing',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    ...overrides,
  }) as EpcisEvent;

const doc = (events: EpcisEvent[], overrides: Partial<EpcisDocument> = {}): EpcisDocument => ({
  namespaces: {},
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2024-05-01T10:20:00Z',
  events,
  ...overrides,
});

describe('validateDocument', () => {
  it('accepts a valid document', () => {
    expect(validateDocument(doc([event(), event({ action: 'ADD' })]))).toEqual([]);
  });
  it('reports events at their eventList pointer', () => {
    const issues = validateDocument(doc([event(), event(), event(), event({ epcList: ['urn:epc:id:sgtin:0614141.107346.1', 'urn:epc:id:sgtin:0614141.107346.1'] })]));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.pointer).toBe('/epcisBody/eventList/3/epcList/1');
    expect(issues[0]!.message).toContain('more than once');
    // A malformed EPC is a warning at the same pointer; the document stays valid.
    const findings = documentFindings(doc([event(), event({ epcList: ['urn:epc:id:sgtin:0614141.107346.1', 'urn:epc:id:sgtin:0614141.107346'] })]));
    expect(findings.errors).toEqual([]);
    expect(findings.warnings.map((w) => w.pointer)).toEqual(['/epcisBody/eventList/1/epcList/1']);
    expect(findings.warnings[0]!.message).toContain('a sgtin has 3 dot-separated parts');
  });
  it('uses the query results pointer for query documents', () => {
    const issues = validateDocument(doc([event({ action: 'NOPE' })], { type: 'EPCISQueryDocument', queryName: 'SimpleEventQuery' }));
    expect(issues.map((i) => i.pointer)).toEqual(['/epcisBody/queryResults/resultsBody/eventList/0/action']);
    const nameless = validateDocument(doc([event()], { type: 'EPCISQueryDocument' }));
    expect(nameless).toEqual([{ pointer: '/epcisBody/queryResults', message: 'query results need queryName' }]);
  });
  it('checks the envelope', () => {
    const issues = validateDocument(doc([], { schemaVersion: 'two', creationDate: '2024-05-01 10:20', id: 'doc 1' }));
    expect(issues.map((i) => i.pointer)).toEqual(['/schemaVersion', '/creationDate', '/id']);
    expect(validateDocument(doc([], { id: '_:document1' }))).toEqual([]);
    expect(validateDocument(doc([], { type: 'EPCISDoc' as 'EPCISDocument' }))[0]!.message).toContain('EPCISDocument or EPCISQueryDocument');
  });
  it('checks header master data', () => {
    const header = {
      epcisMasterData: {
        vocabularyList: [
          { type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: [{ id: 'urn:epc:id:sgln:0614141.00777.0', attributes: [{ attribute: 'x' }] }] },
          { vocabularyElementList: [{ id: 'not a uri' }] },
        ],
      },
    };
    const issues = validateDocument(doc([], { epcisHeader: header as EpcisDocument['epcisHeader'] }));
    expect(issues.map((i) => i.pointer)).toEqual([
      '/epcisHeader/epcisMasterData/vocabularyList/0/vocabularyElementList/0/attributes/0',
      '/epcisHeader/epcisMasterData/vocabularyList/1',
      '/epcisHeader/epcisMasterData/vocabularyList/1/vocabularyElementList/0/id',
    ]);
  });
});

describe('assertValidEvent / assertValidDocument', () => {
  it('passes valid input', () => {
    expect(() => assertValidEvent(event())).not.toThrow();
    expect(() => assertValidDocument(doc([event()]))).not.toThrow();
  });
  it('throws a ValidationException with a summary and the issues', () => {
    let error: unknown;
    try {
      assertValidEvent(event({ action: 'ADDD', bizStep: 'shippin' }), '/epcisBody/eventList/0');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EpcisException);
    const exception = error as EpcisException;
    expect(exception.type).toBe('ValidationException');
    expect(exception.message).toContain("action must be one of ADD, OBSERVE, DELETE, got 'ADDD' at /epcisBody/eventList/0/action (and 1 more problem)");
    expect(exception.issues.map((i) => i.pointer)).toEqual(['/epcisBody/eventList/0/action', '/epcisBody/eventList/0/bizStep']);
  });
  it('caps the issue list', () => {
    const many = Array.from({ length: 150 }, () => event({ eventTimeZoneOffset: 'Z' }));
    try {
      assertValidDocument(doc(many));
      expect.unreachable();
    } catch (e) {
      expect((e as EpcisException).issues).toHaveLength(MAX_REPORTED_ISSUES);
      expect((e as EpcisException).message).toContain('and 149 more problems');
    }
  });
});

describe('xmlPathOfPointer', () => {
  const mixed = doc([event(), event({ type: 'AggregationEvent' }), event(), event(), event()]);
  it('maps events to same-name positions and list items to repeated elements', () => {
    expect(xmlPathOfPointer('/epcisBody/eventList/4/epcList/1', mixed)).toBe('/EPCISDocument/EPCISBody/EventList/ObjectEvent[4]/epcList/epc[2]');
    expect(xmlPathOfPointer('/epcisBody/eventList/1/action', mixed)).toBe('/EPCISDocument/EPCISBody/EventList/AggregationEvent[1]/action');
    expect(xmlPathOfPointer('/epcisBody/eventList/0/quantityList/2/uom', mixed)).toBe('/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/quantityList/quantityElement[3]/uom');
  });
  it('maps attributes of the XML binding', () => {
    expect(xmlPathOfPointer('/epcisBody/eventList/0/sensorElementList/0/sensorReport/1/value', mixed)).toBe(
      '/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/sensorElementList/sensorElement[1]/sensorReport[2]/@value',
    );
    expect(xmlPathOfPointer('/epcisBody/eventList/0/bizTransactionList/0/type', mixed)).toBe('/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/bizTransactionList/bizTransaction[1]/@type');
    expect(xmlPathOfPointer('/epcisBody/eventList/0/sourceList/0/source', mixed)).toBe('/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/sourceList/source[1]');
    expect(xmlPathOfPointer('/creationDate', mixed)).toBe('/EPCISDocument/@creationDate');
  });
  it('maps query documents and extension keys', () => {
    const query = doc([event()], { type: 'EPCISQueryDocument', queryName: 'q' });
    expect(xmlPathOfPointer('/epcisBody/queryResults/resultsBody/eventList/0/ex:a~1b', query)).toBe('/EPCISQueryDocument/EPCISBody/QueryResults/resultsBody/EventList/ObjectEvent[1]/ex:a/b');
  });
});

describe('performance', () => {
  // Measured in a plain Node child process: inside vitest every cross-module call goes through the
  // module runner's live-binding getters, which makes hot code several times slower than in production.
  it('validates well over 50,000 events per second', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'karvon-validate-bench-'));
    try {
      const src = path.join(repoRoot, 'src');
      const sources = [
        ...readdirSync(path.join(src, 'epcis/validate')).map((name) => `epcis/validate/${name}`),
        'epcis/date-time.ts',
        'epcis/exceptions.ts',
        'epcis/model.ts',
        'epcis/vocabulary.ts',
        'epcis/vocabulary-terms.ts',
      ].filter((file) => file.endsWith('.ts'));
      for (const file of sources) {
        const { outputText } = ts.transpileModule(readFileSync(path.join(src, file), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
        });
        mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
      }
      writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
      const sample = path.join(conformance, 'gs1-epcis/JSON/Example_9.6.1-ObjectEvent.jsonld');
      writeFileSync(
        path.join(out, 'bench.js'),
        `import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { validateEvent } from './epcis/validate/index.js';
const sample = JSON.parse(readFileSync(${JSON.stringify(sample)}, 'utf8')).epcisBody.eventList;
const events = [];
for (let i = 0; i < 50000; i++) {
  const e = { ...sample[i % sample.length] };
  e.epcList = ['urn:epc:id:sgtin:0614141.107346.' + i, 'https://id.gs1.org/01/09506000134352/21/' + i];
  events.push(e);
}
let issues = 0;
let best = 0;
for (let round = 0; round < 4; round++) {
  const start = performance.now();
  for (const e of events) issues += validateEvent(e).length;
  best = Math.max(best, events.length / ((performance.now() - start) / 1000));
}
console.log(JSON.stringify({ issues, bytes: JSON.stringify(events[0]).length, perSecond: Math.round(best) }));
`,
      );
      const run = spawnSync(process.execPath, [path.join(out, 'bench.js')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as { issues: number; bytes: number; perSecond: number };
      expect(result.issues).toBe(0);
      expect(result.bytes).toBeGreaterThan(500);
      expect(result.perSecond).toBeGreaterThan(50_000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
