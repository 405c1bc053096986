import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { EventListScanner } from '../../src/epcis/jsonld/event-list-scanner.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import { parseJsonLdDocumentStream } from '../../src/epcis/jsonld/stream.js';
import { filesUnder } from '../shared-material.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conformance = path.resolve(repoRoot, '../shared/conformance');

const files = [
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON'), /\.json(ld)?$/),
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON-simple-context'), /\.json(ld)?$/),
];

/** A small seeded generator, so a failing chunking can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Bytes in chunks of 1–97 bytes (multi-byte characters get split). */
async function* randomChunks(bytes: Uint8Array, seed: number): AsyncGenerator<Uint8Array> {
  const next = random(seed);
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(next() * 97);
    yield bytes.subarray(i, i + size);
    i += size;
  }
}

async function* pieces<T>(...items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function streamAll(chunks: AsyncIterable<Buffer | Uint8Array | string>) {
  const events: EpcisEvent[] = [];
  const indexes: number[] = [];
  const info = await parseJsonLdDocumentStream(chunks, (event, index) => {
    events.push(event);
    indexes.push(index);
  });
  return { info, events, indexes };
}

function thrown(action: () => unknown): EpcisException {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(EpcisException);
    return error as EpcisException;
  }
  throw new Error('expected an exception');
}

async function rejected(promise: Promise<unknown>): Promise<EpcisException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EpcisException);
    return error as EpcisException;
  }
  throw new Error('expected a rejection');
}

/** Expects the stream to fail exactly like the whole-document parser does on the same text. */
async function expectSameFailure(text: string, seed = 1): Promise<EpcisException> {
  const whole = thrown(() => parseJsonLdDocument(text));
  const streamed = await rejected(streamAll(randomChunks(Buffer.from(text), seed)));
  expect(streamed.message).toBe(whole.message);
  expect(streamed.issues).toEqual(whole.issues);
  return streamed;
}

const CONTEXT = '"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"example": "https://ns.example.com/epcis/"}]';

function objectEvent(i: number): string {
  return (
    `{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00.000Z", "eventTimeZoneOffset": "+01:00", ` +
    `"epcList": ["urn:epc:id:sgtin:0614141.107346.${i}"], "action": "OBSERVE", "example:note": "n\\u00e9 ${i} – é"}`
  );
}

function documentText(events: string[], opts: { contextFirst?: boolean } = {}): string {
  const head = `"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z"`;
  const body = `"epcisBody": {\n  "eventList": [\n    ${events.join(',\n    ')}\n  ]\n}`;
  return opts.contextFirst === false ? `{\n${head},\n${body},\n${CONTEXT}\n}` : `{\n${CONTEXT},\n${head},\n${body}\n}`;
}

describe('parseJsonLdDocumentStream on the GS1 examples', () => {
  it('finds the example documents', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  files.forEach((file, n) => {
    it(`streams ${path.relative(conformance, file)} exactly like the whole-document parser`, async () => {
      const bytes = readFileSync(file);
      const { events, ...info } = parseJsonLdDocument(bytes);
      for (const seed of [n + 1, n + 1000]) {
        const streamed = await streamAll(randomChunks(bytes, seed));
        expect(streamed.events).toEqual(events);
        expect(streamed.indexes).toEqual(events.map((_, i) => i));
        expect(streamed.info).toEqual(info);
      }
    });
  });
});

describe('parseJsonLdDocumentStream on generated documents', () => {
  it('reads string chunks as well as bytes', async () => {
    const text = documentText([objectEvent(1), objectEvent(2)]);
    const expected = parseJsonLdDocument(text);
    const streamed = await streamAll(pieces(text.slice(0, 50), text.slice(50, 51), text.slice(51)));
    expect(streamed.events).toEqual(expected.events);
    expect(streamed.events[0]!['@context']).toEqual({ example: 'https://ns.example.com/epcis/' });
  });

  it('keeps events back until an @context that comes after the event list, then reads them alike', async () => {
    const text = documentText([objectEvent(1), objectEvent(2), objectEvent(3)], { contextFirst: false });
    const { events, ...info } = parseJsonLdDocument(text);
    const streamed = await streamAll(randomChunks(Buffer.from(text), 7));
    expect(streamed.events).toEqual(events);
    expect(streamed.info).toEqual(info);
  });

  it('keeps a byte order mark out of the way', async () => {
    const text = '\ufeff' + documentText([objectEvent(1)]);
    const streamed = await streamAll(randomChunks(Buffer.from(text), 3));
    expect(streamed.events).toEqual(parseJsonLdDocument(Buffer.from(text)).events);
  });

  it('streams 50,000 events reading lazily, awaiting each event, and keeping almost nothing', async () => {
    const count = 50_000;
    const chunkSize = 4096;
    const eventEnds: number[] = [];
    let pulled = 0;
    let busy = false;
    let maxAhead = 0;
    async function* generate(): AsyncGenerator<Buffer> {
      // The document is made up as it is read, so the test itself never holds it either.
      let pending = `{${CONTEXT}, "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",\n"epcisBody": {"eventList": [\n`;
      let produced = 0;
      const flush = function* (all: boolean) {
        const bytes = Buffer.from(pending);
        let at = 0;
        for (; at + chunkSize <= bytes.length || (all && at < bytes.length); at += chunkSize) {
          expect(busy).toBe(false);
          const chunk = bytes.subarray(at, at + chunkSize);
          pulled += chunk.length;
          yield chunk;
        }
        pending = bytes.subarray(Math.min(at, bytes.length)).toString('latin1');
      };
      let offset = Buffer.byteLength(pending);
      for (let i = 0; i < count; i += 1) {
        const text = (i > 0 ? ',\n' : '') + objectEvent(i).replace(/[^\x20-\x7e\n]/g, '_');
        offset += text.length;
        eventEnds.push(offset);
        pending += text;
        produced += 1;
        if (pending.length >= chunkSize) yield* flush(false);
      }
      pending += '\n]}}\n';
      yield* flush(true);
      expect(produced).toBe(count);
    }
    let seen = 0;
    const info = await parseJsonLdDocumentStream(generate(), async (event, index) => {
      expect(index).toBe(seen);
      expect(event.epcList).toEqual([`urn:epc:id:sgtin:0614141.107346.${index}`]);
      maxAhead = Math.max(maxAhead, pulled - eventEnds[index]!);
      busy = true;
      await new Promise((resolve) => setImmediate(resolve));
      busy = false;
      seen += 1;
    });
    expect(seen).toBe(count);
    expect(info.type).toBe('EPCISDocument');
    expect(info.namespaces).toEqual({ example: 'https://ns.example.com/epcis/' });
    // Never more than one chunk read beyond the event being handed on.
    expect(maxAhead).toBeLessThanOrEqual(chunkSize);
  });

  it('keeps neither event texts nor the event list in its skeleton', () => {
    const scanner = new EventListScanner();
    const text = documentText(Array.from({ length: 2000 }, (_, i) => objectEvent(i)));
    let items = 0;
    let maxParts = 0;
    for (let i = 0; i < text.length; i += 13) {
      scanner.write(text.slice(i, i + 13));
      while (scanner.next() !== undefined) items += 1;
      maxParts = Math.max(maxParts, scanner.pendingEventParts);
      expect(scanner.skeletonLength).toBeLessThan(400);
    }
    scanner.end();
    expect(items).toBe(2002); // the events, and the root @context and type read early
    expect(maxParts).toBeLessThan(30); // one event of about 300 characters in pieces of 13
    expect(JSON.parse(scanner.skeleton).epcisBody).toEqual({ eventList: [] });
  });
});

describe('parseJsonLdDocumentStream on bad input', () => {
  it('names the byte offset of invalid UTF-8 split across chunks', async () => {
    const bytes = Buffer.from(documentText([objectEvent(1)]));
    const at = bytes.indexOf(0xc3);
    const bad = Buffer.from(bytes);
    bad[at + 1] = 0x41; // the continuation byte of é becomes 'A'
    const whole = thrown(() => parseJsonLdDocument(bad));
    const streamed = await rejected(streamAll(pieces(bad.subarray(0, at + 1), bad.subarray(at + 1))));
    expect(streamed.message).toBe(`JSON input is not valid UTF-8: invalid byte sequence at byte offset ${at}`);
    expect(streamed.message).toBe(whole.message);
    const cut = await rejected(streamAll(pieces(bytes.subarray(0, at + 1))));
    expect(cut.message).toContain(`byte offset ${at}`);
  });

  it('reports a syntax error inside an event at its line and column', async () => {
    const text = documentText([objectEvent(1), objectEvent(2).replace('"action": "OBSERVE"', '"action": OBSERVE')]);
    const error = await expectSameFailure(text);
    expect(error.issues[0]).toMatchObject({ line: 7 });
    expect(error.message).toMatch(/^JSON syntax error at line 7, column \d+/);
  });

  it('reports a syntax error in the skeleton, after the event list, at its line and column', async () => {
    const text = documentText([objectEvent(1), objectEvent(2)]).replace(/\n}$/, ',\n  "example:x": tru\n}');
    const error = await expectSameFailure(text, 5);
    expect(error.issues[0]).toMatchObject({ line: 10, column: 16 });
  });

  it('reports a missing comma between events and brackets that do not match', async () => {
    await expectSameFailure(documentText([objectEvent(1) + ' ' + objectEvent(2)]));
    await expectSameFailure(documentText([objectEvent(1).replace(/}$/, ']')]));
    await expectSameFailure(documentText([objectEvent(1), '']));
  });

  it('refuses a truncated document at its end', async () => {
    const text = documentText([objectEvent(1), objectEvent(2)]);
    for (const cut of [text.indexOf('"action"', 300), text.lastIndexOf('"n'), text.length - 3, 20]) {
      const error = await rejected(streamAll(randomChunks(Buffer.from(text.slice(0, cut)), cut)));
      const whole = thrown(() => parseJsonLdDocument(text.slice(0, cut)));
      expect(error.message).toMatch(/^JSON syntax error at line \d+, column \d+/);
      expect(error.issues[0]!.line).toBe(whole.issues[0]!.line);
      expect(error.issues[0]!.column).toBe(whole.issues[0]!.column);
    }
    await expectSameFailure('');
  });

  it('gives the same error as the whole parser for an unbound prefix', async () => {
    const error = await expectSameFailure(documentText([objectEvent(1), objectEvent(2).replace('example:note', 'other:note')]));
    expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList/1/other:note');
  });

  it('gives the same error as the whole parser for a non-object event', async () => {
    for (const item of ['42', '"ObjectEvent"', '[]', 'null']) {
      const error = await expectSameFailure(documentText([objectEvent(1), item]));
      expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList/1');
    }
  });

  it('refuses nesting deeper than the whole parser allows, naming the pointer', async () => {
    const deep = '{"example:d": '.repeat(70) + '1' + '}'.repeat(70);
    const text = documentText([objectEvent(1).replace(/}$/, `, "example:deep": ${deep}}`)]);
    const error = await expectSameFailure(text);
    expect(error.issues[0]!.pointer).toMatch(/^\/epcisBody\/eventList\/0\/example:deep\/example:d\//);
  });

  it('refuses roots that are not EPCIS documents, as the whole parser does', async () => {
    await expectSameFailure(`{${CONTEXT}, "type": "ObjectEvent", "epcisBody": {"eventList": []}}`);
    await expectSameFailure('[{"type": "EPCISDocument"}]');
    await expectSameFailure('"EPCISDocument"');
    await expectSameFailure(`{${CONTEXT}, "epcisBody": {"eventList": []}}`);
    await expectSameFailure(`{"type": "EPCISDocument", "@context": "https://example.com/ctx.jsonld", "epcisBody": {"eventList": []}}`);
  });

  it('refuses a repeated key on the way to the event list', async () => {
    const text = `{${CONTEXT}, "type": "EPCISDocument", "epcisBody": {"eventList": [], "eventList": []}}`;
    const error = await rejected(streamAll(pieces(text)));
    expect(error.message).toContain("key 'eventList' appears twice at /epcisBody/eventList");
  });
});
