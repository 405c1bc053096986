import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import { arriving, departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';

let dir: string;
let output: string[];
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-cli-'));
  process.env.KARVON_DATA_DIR = path.join(dir, 'data');
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
  process.exitCode = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const run = (...args: string[]) => main(['node', 'karvon', ...args]);

describe('karvon hash', () => {
  it('prints one hash ID per event in document order, the same for JSON-LD and XML', async () => {
    const events = [departing(1), arriving(1), departing(2)];
    await run('hash', write('doc.jsonld', jsonDocument(events)));
    const fromJson = [...output];
    output.length = 0;
    await run('hash', write('doc.xml', xmlDocument(events)));
    expect(fromJson).toHaveLength(3);
    expect(fromJson.every((line) => /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/.test(line))).toBe(true);
    expect(new Set(fromJson).size).toBe(3);
    expect(output).toEqual(fromJson);
    const doc = parseJsonLdDocument(jsonDocument(events));
    expect(fromJson).toEqual(doc.events.map((e) => eventHashId(e, { binding: 'json' })));
  });
});

describe('karvon validate', () => {
  it('reports valid documents and the location of each problem', async () => {
    const good = write('good.jsonld', jsonDocument([departing(1)]));
    const bad = write('bad.jsonld', jsonDocument([departing(1), { ...arriving(1), eventTimeZoneOffset: '+25:00' } as never]));
    await run('validate', good, bad);
    expect(output[0]).toContain('good.jsonld: valid (1 events)');
    expect(output.join('\n')).toContain('/epcisBody/eventList/1/eventTimeZoneOffset');
    expect(process.exitCode).toBe(1);
  });

  it('lists warnings apart from errors, and exits non-zero only for errors', async () => {
    const badKey = { ...departing(2), epcList: ['https://brand.example.com/01/09506000134353/21/1'] };
    const warned = write('warned.jsonld', jsonDocument([departing(1), badKey]));
    await run('validate', warned);
    expect(output).toEqual([
      `${warned}: valid (2 events), 1 warning(s)`,
      '  warnings:',
      expect.stringMatching(/^ {4}\/epcisBody\/eventList\/1\/epcList\/0: epcList item .*check digit/),
    ]);
    expect(process.exitCode).toBeUndefined();

    output.length = 0;
    const container = { ...departing(3), epcList: ['https://ns.karvon.org/id/container/CSQU3054384'] };
    const both = write('both.xml', xmlDocument([badKey, container]));
    await run('validate', both);
    expect(output[0]).toBe(`${both}: invalid, 1 error(s), 1 warning(s)`);
    expect(output[1]).toBe('  errors:');
    expect(output[2]).toMatch(/^ {4}\/EPCISDocument\/EPCISBody\/EventList\/ObjectEvent\[2\]\/epcList\/epc\[1\]: container number "CSQU3054384": check digit is 4/);
    expect(output[3]).toBe('  warnings:');
    expect(output[4]).toMatch(/^ {4}\/EPCISDocument\/EPCISBody\/EventList\/ObjectEvent\[1\]\/epcList\/epc\[1\]: /);
    expect(process.exitCode).toBe(1);
  });
});

describe('karvon import and export', () => {
  it('imports JSON-LD and XML, counts duplicates and rejects with reasons, and exports what a query matches', async () => {
    const json = write('a.jsonld', jsonDocument([departing(1), arriving(1)]));
    const xml = write('b.xml', xmlDocument([departing(1), departing(2)]));
    const invalid = write('c.jsonld', jsonDocument([{ ...departing(3), action: 'MOVE' } as never, departing(4)]));
    await run('import', json, xml, invalid);
    const summary = output[0]!;
    expect(summary).toBe('captured: 4, duplicate: 1, rejected: 1');
    expect(output.join('\n')).toContain('c.jsonld: event 0:');
    expect(output.join('\n')).toContain('action');

    output.length = 0;
    const out = path.join(dir, 'export.xml');
    await run('export', '--where', 'EQ_bizStep=departing', '--format', 'xml', '--output', out);
    const exported = fs.readFileSync(out, 'utf8');
    expect(exported).toContain('EPCISQueryDocument');
    expect(exported.match(/<ObjectEvent>/g)).toHaveLength(3);
  });

  it('refuses a broken file with its reason and goes on with the others', async () => {
    const broken = write('broken.xml', '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList><ObjectEvent>');
    const good = write('good.jsonld', jsonDocument([departing(5)]));
    await run('import', broken, good);
    expect(output[0]).toBe('captured: 1, duplicate: 0, rejected: 0, files refused: 1');
    expect(output.join('\n')).toContain('broken.xml');
    expect(process.exitCode).toBe(1);
  });
});
