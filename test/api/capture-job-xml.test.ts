/**
 * The capture job in XML lists content duplicates (issue 10, class 1) in Karvon's namespace, where the
 * EPCIS 2.0 XSD allows other namespaces' elements: the document stays valid against the XSD (checked
 * with xmllint, as the differential tests do) and still parses as an EPCISCaptureJob.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KARVON_NS } from '../../src/domain/epcis-profile.js';
import { parseXmlCaptureJob } from '../../src/epcis/xml/capture-job.js';
import { conformance } from '../helpers/conformance-material.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function jobLocation(body: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': 'application/ld+json' } });
  await t.runtime.capture.idle();
  return response.headers.location as string;
}

/** xmllint's verdict on an XML text against the EPCIS 2.0 XSD. */
function validatesAgainstXsd(xml: string): { valid: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-capture-job-'));
  try {
    const file = path.join(dir, 'job.xml');
    fs.writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(conformance, 'gs1-epcis/XSD/EPCglobal-epcis-2_0.xsd'), file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return { valid: run.status === 0, output: run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('GET /epcis/capture/{captureID} in XML', () => {
  it('lists the content duplicates in Karvon namespace, valid against the EPCIS 2.0 XSD', async () => {
    await jobLocation(jsonDocument([{ ...departing(41), eventID: 'urn:uuid:5e1de700-0000-4000-8000-000000000041' }]));
    const location = await jobLocation(jsonDocument([{ ...departing(41), eventID: 'urn:uuid:5e1de700-0000-4000-8000-0000000000a4' }]));
    const response = await t.app.inject({ method: 'GET', url: location, headers: { accept: 'application/xml' } });
    expect(response.statusCode).toBe(200);
    const xml = response.body;
    expect(xml).toContain(`<ext:contentDuplicates xmlns:ext="${KARVON_NS}">`);
    expect(xml).toMatch(/<ext:eventID>urn:uuid:5e1de700-0000-4000-8000-0000000000a4<\/ext:eventID>\s*<ext:hashID>ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0<\/ext:hashID>/);
    expect(parseXmlCaptureJob(xml)).toMatchObject({ success: true, running: false });
    const verdict = validatesAgainstXsd(xml);
    expect(verdict.valid, verdict.output).toBe(true);
  });

  it('writes no extension when there is no content duplicate', async () => {
    const location = await jobLocation(jsonDocument([departing(42)]));
    const xml = (await t.app.inject({ method: 'GET', url: location, headers: { accept: 'application/xml' } })).body;
    expect(xml).not.toContain('contentDuplicates');
    expect(validatesAgainstXsd(xml).valid).toBe(true);
  });
});
