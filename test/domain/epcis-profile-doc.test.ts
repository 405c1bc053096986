import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BIZ_STEP, BIZ_TRANSACTION_TYPE, containerIri, DISPOSITION, documentIri, EXTENSION_FIELD, KARVON_NS, KARVON_PREFIX,
  MOVEMENT_STEP_EVENT, MOVEMENT_STEPS, parseContainerNumber, parseImoNumber, parseMrn, parseWagonNumber, profileStepOf,
  SOURCE_DESTINATION_TYPE, TRANSIT_STEP_EVENT, TRANSIT_STEP_KINDS, vesselIri, wagonIri, vehicleIri,
} from '../../src/domain/index.js';
import { parseJsonLdEvent } from '../../src/epcis/jsonld/parse.js';
import { validateEvent } from '../../src/epcis/validate/index.js';
import { BIZ_STEP_TERMS, BIZ_TRANSACTION_TYPE_TERMS, DISPOSITION_TERMS, SOURCE_DESTINATION_TYPE_TERMS } from '../../src/epcis/vocabulary-terms.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(repoRoot, 'docs/epcis-profile.md'), 'utf8');
const CBV = 'https://ref.gs1.org/cbv/';

/** Section 8's examples: each "#### `step`" heading and the JSON block under it. */
const examples = [...doc.matchAll(/^#### `([a-z-]+)`\n[\s\S]*?```json\n([\s\S]*?)\n```/gm)].map((m) => ({ step: m[1]!, raw: JSON.parse(m[2]!) as Record<string, unknown> }));

const expand = (term: string | undefined, kind: 'BizStep' | 'Disp' | 'BTT' | 'SDT') => (term && /^[a-z_]+$/.test(term) ? `${CBV}${kind}-${term}` : term);

describe('docs/epcis-profile.md', () => {
  it('has one example per transit and movement step', () => {
    expect(examples.map((e) => e.step).sort()).toEqual([...TRANSIT_STEP_KINDS, ...MOVEMENT_STEPS].sort());
  });

  for (const { step, raw } of examples) {
    it(`example ${step} is a valid EPCIS 2.0 event that follows the profile constants`, () => {
      const event = parseJsonLdEvent(raw);
      expect(validateEvent(event)).toEqual([]);
      const transit = (TRANSIT_STEP_KINDS as readonly string[]).includes(step);
      const shape = transit ? TRANSIT_STEP_EVENT[step as keyof typeof TRANSIT_STEP_EVENT] : MOVEMENT_STEP_EVENT[step as keyof typeof MOVEMENT_STEP_EVENT];
      expect(event.type).toBe(shape.eventType);
      expect(event.action).toBe(shape.action);
      expect(expand(event.bizStep, 'BizStep')).toBe(shape.bizStep);
      if (shape.dispositionChoices) expect(shape.dispositionChoices).toContain(expand(event.disposition, 'Disp'));
      else expect(expand(event.disposition, 'Disp')).toBe(shape.disposition);
      expect(raw[transit ? 'krv:transitStep' : 'krv:movementStep']).toBe(step);
      expect(profileStepOf({ bizStep: event.bizStep, transitStep: raw['krv:transitStep'] as string, movementStep: raw['krv:movementStep'] as string }))
        .toEqual({ source: transit ? 'transit' : 'movement', kind: step });

      expect((raw['@context'] as unknown[])[1]).toEqual({ [KARVON_PREFIX]: KARVON_NS });
      const fields = Object.values(EXTENSION_FIELD);
      for (const key of Object.keys(raw).filter((k) => k.startsWith('krv:'))) expect(fields).toContain(`${KARVON_NS}${key.slice(4)}`);
      for (const t of event.bizTransactionList ?? []) expect(Object.values(BIZ_TRANSACTION_TYPE)).toContain(expand(t.type, 'BTT'));
      for (const sd of [...(event.sourceList ?? []), ...(event.destinationList ?? [])]) expect(Object.values(SOURCE_DESTINATION_TYPE)).toContain(expand(sd.type, 'SDT'));

      // Every identifier is built the documented way from a valid number.
      for (const epc of [...(event.epcList ?? []), ...(event.childEPCs ?? []), ...(event.parentID ? [event.parentID] : [])]) {
        const [, kind, rest] = /^https:\/\/ns\.karvon\.org\/id\/([a-z]+)\/(.+)$/.exec(epc)!;
        if (kind === 'container') expect(containerIri(parseContainerNumber(rest!).ok ? rest! : 'invalid')).toBe(epc);
        else if (kind === 'wagon') expect(parseWagonNumber(rest!).ok && wagonIri(rest!) === epc).toBe(true);
        else if (kind === 'vessel') expect(parseImoNumber(rest!.replace('imo', '')).ok && vesselIri(rest!.replace('imo', '')) === epc).toBe(true);
        else if (kind === 'vehicle') expect(vehicleIri(rest!.slice(0, 2), rest!.slice(3))).toBe(epc);
        else throw new Error(`unexpected identifier ${epc}`);
      }
      for (const t of event.bizTransactionList ?? []) {
        if (expand(t.type, 'BTT') === BIZ_TRANSACTION_TYPE.transitDeclaration) {
          const mrn = t.bizTransaction.slice(`https://ns.karvon.org/id/mrn/`.length);
          expect(parseMrn(mrn).ok).toBe(true);
          expect(documentIri('mrn', mrn)).toBe(t.bizTransaction);
        }
      }
    });
  }

  it('the step tables of section 4 match the constants', () => {
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| (ObjectEvent OBSERVE|AggregationEvent (?:ADD|DELETE))[^|]* \| (`[^`]+`)[^|]* \| ([^|]+) \|$/gm)];
    expect(rows.length).toBe(TRANSIT_STEP_KINDS.length + MOVEMENT_STEPS.length);
    for (const [, step, event, bizStep, disposition] of rows) {
      const shape = (TRANSIT_STEP_EVENT as Record<string, typeof TRANSIT_STEP_EVENT.lodge>)[step!] ?? (MOVEMENT_STEP_EVENT as Record<string, typeof TRANSIT_STEP_EVENT.lodge>)[step!]!;
      expect(event).toBe(`${shape.eventType} ${shape.action}`);
      expect(expand(bizStep!.slice(1, -1), 'BizStep')).toBe(shape.bizStep);
      const disp = /^`([a-z_]+)`/.exec(disposition!.trim());
      expect(disp ? expand(disp[1], 'Disp') : undefined).toBe(shape.disposition);
    }
  });

  it('every Karvon IRI in the document is one of the constants', () => {
    const known = new Set<string>([...Object.values(BIZ_STEP), ...Object.values(BIZ_TRANSACTION_TYPE), ...Object.values(EXTENSION_FIELD)]);
    const used = new Set([...doc.matchAll(/https:\/\/ns\.karvon\.org\/epcis\/(?:bizstep|btt)\/[a-z_]+/g)].map((m) => m[0]));
    for (const iri of used) expect(known).toContain(iri);
    for (const iri of [...Object.values(BIZ_STEP), ...Object.values(BIZ_TRANSACTION_TYPE)].filter((i) => i.startsWith(KARVON_NS))) expect(doc).toContain(iri);
    for (const name of Object.keys(EXTENSION_FIELD)) expect(doc).toContain(`\`krv:${name}\``);
  });

  it('the CBV terms of the profile exist in CBV 2.0', () => {
    const cbv = (iri: string, kind: string) => (iri.startsWith(`${CBV}${kind}-`) ? iri.slice(CBV.length + kind.length + 1) : undefined);
    for (const iri of Object.values(BIZ_STEP)) if (!iri.startsWith(KARVON_NS)) expect(BIZ_STEP_TERMS).toContain(cbv(iri, 'BizStep'));
    for (const iri of Object.values(DISPOSITION)) expect(DISPOSITION_TERMS).toContain(cbv(iri, 'Disp'));
    for (const iri of Object.values(BIZ_TRANSACTION_TYPE)) if (!iri.startsWith(KARVON_NS)) expect(BIZ_TRANSACTION_TYPE_TERMS).toContain(cbv(iri, 'BTT'));
    for (const iri of Object.values(SOURCE_DESTINATION_TYPE)) expect(SOURCE_DESTINATION_TYPE_TERMS).toContain(cbv(iri, 'SDT'));
  });
});

describe('profileStepOf', () => {
  it('reads the step from the extension fields first, then the bizStep', () => {
    expect(profileStepOf({ bizStep: 'arriving', transitStep: 'arrive' })).toEqual({ source: 'transit', kind: 'arrive' });
    expect(profileStepOf({ bizStep: 'arriving', atBorder: true })).toEqual({ source: 'movement', kind: 'arrived-at-border' });
    expect(profileStepOf({ bizStep: 'urn:epcglobal:cbv:bizstep:arriving' })).toEqual({ source: 'movement', kind: 'arrived-at-destination' });
    expect(profileStepOf({ bizStep: `${CBV}BizStep-departing` })).toEqual({ source: 'movement', kind: 'departed' });
    expect(profileStepOf({ bizStep: BIZ_STEP.borderCrossing })).toEqual({ source: 'movement', kind: 'border-passed' });
    // loading names two steps: without krv:movementStep it reports none.
    expect(profileStepOf({ bizStep: 'loading' })).toBeUndefined();
    expect(profileStepOf({ bizStep: 'shipping' })).toBeUndefined();
    expect(profileStepOf({ transitStep: 'teleport' })).toBeUndefined();
    expect(profileStepOf({ movementStep: 'flying' })).toBeUndefined();
    expect(profileStepOf({})).toBeUndefined();
  });
});
