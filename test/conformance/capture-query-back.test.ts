// Reads the official GS1 examples from ../shared/conformance (located by conformance-files.ts).
/**
 * Conformance: every official EPCIS example document is captured through the REST interface, and
 * each of its events is queried back, in JSON-LD and in XML, equal in meaning. "Equal in meaning" is
 * judged by the CBV 2.0 pre-hash string (the standard's canonical form of an event's content) plus
 * the parts it leaves out (errorDeclaration). Both sides are canonicalised with the same (JSON)
 * rules, because the reference algorithm treats a few spellings differently per binding (CURIEs
 * other than gs1:/cbv: and booleans are expanded or capitalised only for JSON input), which is a
 * property of the hash, not a difference in meaning. XML has no boolean type for user extension
 * values, so a JSON `true` comes back from XML as the text "true": the two count as equal.
 */
function meaning(event: EpcisEvent): string {
  return preHashString(event, { binding: 'json' }).replaceAll('=True', '=true').replaceAll('=False', '=false');
}
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventHashId, preHashString } from '../../src/epcis/hash/index.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { parseXmlDocument } from '../../src/epcis/xml/parse.js';
import { startTestApp } from '../helpers/test-app.js';
import { officialExamples } from './conformance-files.js';

const examples = officialExamples().filter((example) => example.kind === 'document');
const counts = { documents: 0, events: 0, jsonBack: 0, xmlBack: 0, verified: 0 };

function errorDeclarationMeaning(event: EpcisEvent): string {
  const declaration = event.errorDeclaration;
  if (!declaration) return '';
  return JSON.stringify({
    time: new Date(declaration.declarationTime).toISOString(),
    reason: declaration.reason?.replace('urn:epcglobal:cbv:er:', '').replace('https://ref.gs1.org/cbv/ER-', ''),
    corrective: declaration.correctiveEventIDs ?? [],
  });
}

describe('official examples: capture and query back', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
    const bytes = fs.readFileSync(example.file);
    const original = example.binding === 'json' ? parseJsonLdDocument(bytes) : parseXmlDocument(bytes);
    const t = await startTestApp();
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        payload: bytes,
        headers: { 'content-type': example.binding === 'json' ? 'application/ld+json' : 'application/xml' },
      });
      expect(response.statusCode, response.body).toBe(202);
      await t.runtime.capture.idle();
      const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
      expect(job.success, JSON.stringify(job.errors)).toBe(true);
      expect(job.eventsCaptured + job.eventsDuplicate).toBe(original.events.length);
      counts.documents += 1;

      for (const event of original.events) {
        const hash = eventHashId(event, { binding: example.binding });
        const id = event.eventID ?? hash;
        // An event and its error declaration share the eventID: ask for both, take the matching one.
        const url = `/epcis/events?EQ_eventID=${encodeURIComponent(id)}`;
        const pick = (events: EpcisEvent[]) => {
          const found = events.find((e) => (e.errorDeclaration === undefined) === (event.errorDeclaration === undefined));
          expect(found, `event ${id} queried back`).toBeDefined();
          return found!;
        };
        const asJson = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/ld+json' } });
        expect(asJson.statusCode, asJson.body).toBe(200);
        const fromJson = pick(parseJsonLdDocument(asJson.body).events);
        const asXml = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/xml' } });
        expect(asXml.statusCode, asXml.body).toBe(200);
        const fromXml = pick(parseXmlDocument(asXml.body).events);
        // Events repeated inside one document are stored once; the stored copy is the first one.
        expect(meaning(fromJson), `JSON-LD answer for ${id}`).toBe(meaning(event));
        expect(meaning(fromXml), `XML answer for ${id}`).toBe(meaning(event));
        expect(errorDeclarationMeaning(fromJson)).toBe(errorDeclarationMeaning(event));
        expect(errorDeclarationMeaning(fromXml)).toBe(errorDeclarationMeaning(event));
        counts.events += 1;
        counts.jsonBack += 1;
        counts.xmlBack += 1;
      }
      // Each stored event's hash ID is recomputed from its stored body and the binding its audit
      // entry records, and found in that entry: true of every official example, in both bindings.
      const verified = await t.runtime.audit.verify();
      expect(verified.problem, JSON.stringify(verified.problem)).toBeUndefined();
      expect(verified.events).toBe(job.eventsCaptured);
      counts.verified += verified.events ?? 0;
    } finally {
      await t.close();
    }
  });

  afterAll(() => {
    console.log(
      `EPCIS conformance: ${counts.documents}/${examples.length} official documents captured; ` +
        `${counts.events} events queried back equal in meaning (${counts.jsonBack} as JSON-LD, ${counts.xmlBack} as XML); ` +
        `${counts.verified} stored events rehashed from their stored bodies by karvon audit verify`,
    );
  });
});
