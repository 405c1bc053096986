/**
 * Issue 10, "How to be sure": Karvon's verdict beside the official schemas' over every official example
 * and thousands of deterministic mutations of them. JSON-LD is judged by ajv (with ajv-formats) on the
 * ratified EPCIS 2.0.1 JSON schema, XML by xmllint on the EPCIS 2.0 XSD, both read from
 * ../shared/conformance (never copied here). The verdicts must agree, except for the documented
 * deliberate differences (documented-differences.ts, docs/conformance.md); the figures are printed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../src/capture/decode.js';
import { EpcisException } from '../../../src/epcis/exceptions.js';
import { parseJsonLdDocument } from '../../../src/epcis/jsonld/parse.js';
import { documentFindings } from '../../../src/epcis/validate/index.js';
import { CONFORMANCE_DIR, officialExamples } from '../conformance-files.js';
import { COMBINATOR_KEYWORDS, KARVON_REFUSES_SCHEMA_ACCEPTS, SCHEMA_REFUSES_KARVON_ACCEPTS } from './documented-differences.js';
import { mutationsOf } from './mutations.js';
import { xmlMutationsOf } from './xml-mutations.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Karvon's verdict: the error messages (none: accepted). Warnings do not refuse. */
function karvonErrors(read: () => Parameters<typeof documentFindings>[0]): string[] {
  try {
    return documentFindings(read()).errors.map((e) => e.message);
  } catch (error) {
    if (!(error instanceof EpcisException)) throw error;
    return [error.message, ...error.issues.map((i) => i.message)];
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

interface Tally {
  documents: number;
  mutations: number;
  agreed: number;
  explained: Map<string, number>;
  unexplained: string[];
}

function newTally(): Tally {
  return { documents: 0, mutations: 0, agreed: 0, explained: new Map(), unexplained: [] };
}

function explain(tally: Tally, ids: string[] | undefined, what: string): void {
  if (ids === undefined) {
    tally.unexplained.push(what);
    return;
  }
  for (const id of new Set(ids)) tally.explained.set(id, (tally.explained.get(id) ?? 0) + 1);
}

/** The documented differences of the binding that explain every Karvon error, or undefined. */
function karvonOnlyRefusal(binding: 'json' | 'xml', errors: string[]): string[] | undefined {
  const ids: string[] = [];
  for (const message of errors) {
    const found = KARVON_REFUSES_SCHEMA_ACCEPTS.find((d) => (d.binding === 'both' || d.binding === binding) && d.matches(message));
    if (!found) {
      // The summary line of a thrown exception repeats an issue; it is explained when an issue is.
      if (errors.length > 1 && message === errors[0]) continue;
      return undefined;
    }
    ids.push(found.id);
  }
  return ids.length > 0 ? ids : undefined;
}

function report(label: string, tally: Tally): void {
  const differences = [...tally.explained.entries()].map(([id, n]) => `${id}: ${n}`).join(', ');
  console.log(
    `${label}: ${tally.documents} official documents, ${tally.mutations} mutations, ` +
      `${tally.agreed} of ${tally.documents + tally.mutations} verdicts agree; documented differences: ${differences || 'none'}`,
  );
}

describe('differential: Karvon beside the EPCIS 2.0.1 JSON schema (ajv)', () => {
  it('agrees on every official JSON-LD example and its mutations, but for the documented differences', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, 'schema/epcis-json-schema-2.0.1.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const tally = newTally();

    const judge = (name: string, document: unknown) => {
      const schemaAccepts = validate(document) as boolean;
      const findings: ErrorObject[] = schemaAccepts ? [] : [...(validate.errors ?? [])];
      const errors = karvonErrors(() => parseJsonLdDocument(structuredClone(document)));
      const karvonAccepts = errors.length === 0;
      if (schemaAccepts === karvonAccepts) {
        tally.agreed += 1;
        return;
      }
      if (karvonAccepts) {
        const ids: string[] = [];
        for (const f of findings) {
          if (COMBINATOR_KEYWORDS.has(f.keyword)) continue;
          const finding = {
            instancePath: f.instancePath,
            keyword: f.keyword,
            params: f.params as Record<string, unknown>,
            value: valueAt(document, f.instancePath),
            parent: valueAt(document, f.instancePath.slice(0, f.instancePath.lastIndexOf('/'))),
            ...(f.propertyName !== undefined ? { propertyName: f.propertyName } : {}),
          };
          const found = SCHEMA_REFUSES_KARVON_ACCEPTS.find((d) => d.matches(finding));
          if (!found) {
            explain(tally, undefined, `${name}: the schema refuses (${f.instancePath} ${f.message}), Karvon accepts`);
            return;
          }
          ids.push(found.id);
        }
        explain(tally, ids.length ? ids : undefined, `${name}: the schema refuses, Karvon accepts`);
      } else {
        explain(tally, karvonOnlyRefusal('json', errors), `${name}: Karvon refuses (${errors.join(' | ')}), the schema accepts`);
      }
    };

    const examples = officialExamples().filter((f) => f.binding === 'json' && f.kind === 'document');
    for (const example of examples) {
      const document = JSON.parse(fs.readFileSync(example.file, 'utf8')) as Record<string, unknown>;
      tally.documents += 1;
      judge(example.name, document);
      for (const mutation of mutationsOf(example.name, document)) {
        tally.mutations += 1;
        judge(`${example.name} (${mutation.name})`, mutation.document);
      }
    }
    report('JSON-LD', tally);
    expect(tally.documents).toBeGreaterThanOrEqual(90);
    expect(tally.mutations).toBeGreaterThanOrEqual(2000);
    expect(tally.unexplained).toEqual([]);
  });
});

/** The XSD verdict of each file: true when xmllint says it validates. */
function xsdVerdicts(files: string[]): Map<string, boolean> {
  const xsd = path.join(CONFORMANCE_DIR, 'gs1-epcis/XSD/EPCglobal-epcis-2_0.xsd');
  const verdicts = new Map<string, boolean>();
  // A few hundred files per run keeps the command line short.
  for (let i = 0; i < files.length; i += 300) {
    const batch = files.slice(i, i + 300);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, ...batch], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.error) throw run.error;
    for (const file of batch) verdicts.set(file, run.stderr.includes(`${file} validates`));
    for (const file of batch) if (!run.stderr.includes(`${file} validates`) && !run.stderr.includes(`${file} fails to validate`)) {
      throw new Error(`xmllint gave no verdict on ${file}: ${run.stderr.slice(0, 500)}`);
    }
  }
  return verdicts;
}

describe('differential: Karvon beside the EPCIS 2.0 XSD (xmllint)', () => {
  it('has xmllint (Debian package libxml2-utils, installed by .ci/run)', () => {
    const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
    expect(probe.error, 'xmllint is missing: install it with `apt-get install -y libxml2-utils`').toBeUndefined();
    expect(probe.status).toBe(0);
  });

  it('agrees on every official XML example and its mutations, but for the documented differences', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-xsd-differential-'));
    try {
      const cases: { name: string; file: string; errors: string[]; mutation: boolean }[] = [];
      const add = (name: string, text: string, mutation: boolean) => {
        const file = path.join(dir, `${cases.length}.xml`);
        fs.writeFileSync(file, text);
        cases.push({ name, file, errors: karvonErrors(() => decodeDocument(text, 'xml')), mutation });
      };
      const examples = officialExamples().filter((f) => f.binding === 'xml' && f.kind === 'document');
      for (const example of examples) {
        const text = fs.readFileSync(example.file, 'utf8');
        add(example.name, text, false);
        for (const mutation of xmlMutationsOf(text)) add(`${example.name} (${mutation.name})`, mutation.text, true);
      }
      const verdicts = xsdVerdicts(cases.map((c) => c.file));
      const tally = newTally();
      for (const c of cases) {
        if (c.mutation) tally.mutations += 1;
        else tally.documents += 1;
        const schemaAccepts = verdicts.get(c.file)!;
        const karvonAccepts = c.errors.length === 0;
        if (schemaAccepts === karvonAccepts) tally.agreed += 1;
        else if (karvonAccepts) explain(tally, undefined, `${c.name}: the XSD refuses, Karvon accepts`);
        else explain(tally, karvonOnlyRefusal('xml', c.errors), `${c.name}: Karvon refuses (${c.errors.join(' | ')}), the XSD accepts`);
      }
      report('XML', tally);
      expect(tally.documents).toBeGreaterThanOrEqual(30);
      expect(tally.mutations).toBeGreaterThanOrEqual(1000);
      expect(tally.unexplained).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
