// The capture page, as a forwarder uses it: upload an EPCIS 2.0 JSON-LD document with an event about
// a container of one of its shipments and see the capture job finish with the event captured; upload
// a document with a mistyped container number and see the refusal with the place of the fault; send
// one valid and one unauthorised event with "proceed" and see the job's error with its pointer; the
// same in XML, placed by XML path. The page has no serious accessibility violations, in English and in Arabic.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser.js';

const FORWARDER = 'kz-forwarder-almaty@demo.karvon.org';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** An EPCIS 2.0 JSON-LD document of OBSERVE events, each about one EPC, at a geo: point, now. */
function epcisDocument(epcs: readonly string[]): Buffer {
  const now = new Date().toISOString();
  const events = epcs.map((epc) => ({
    type: 'ObjectEvent',
    eventTime: now,
    eventTimeZoneOffset: '+05:00',
    epcList: [epc],
    action: 'OBSERVE',
    bizStep: 'inspecting',
    readPoint: { id: 'geo:43.2389,76.8897' },
  }));
  const document = { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: now, epcisBody: { eventList: events } };
  return Buffer.from(JSON.stringify(document, null, 2));
}

/** The same kind of document in EPCIS 2.0 XML: one OBSERVE event about the EPC, now. */
function epcisXml(epc: string): Buffer {
  const now = new Date().toISOString();
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="${now}">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>${now}</eventTime><eventTimeZoneOffset>+05:00</eventTimeZoneOffset>
    <epcList><epc>${epc}</epc></epcList><action>OBSERVE</action>
    <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep><readPoint><id>geo:43.2389,76.8897</id></readPoint>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>`);
}

/** A container of a shipment the forwarder sees (so it may capture events about it). */
async function containerOfOwnShipment(page: Page): Promise<string> {
  const answer = await page.request.get('/api/shipments?limit=20');
  expect(answer.ok()).toBe(true);
  const { shipments } = (await answer.json()) as { shipments: { transportUnits: string[] }[] };
  const container = shipments.flatMap((s) => s.transportUnits).find((unit) => unit.includes('/id/container/'));
  expect(container).toBeDefined();
  return container!;
}

async function upload(page: Page, name: string, content: Buffer, behaviour: 'rollback' | 'proceed' = 'rollback'): Promise<void> {
  await page.getByLabel('If an event is invalid').selectOption(behaviour);
  const mimeType = name.endsWith('.xml') ? 'application/xml' : 'application/ld+json';
  await page.getByLabel('EPCIS document (JSON-LD or XML)').setInputFiles({ name, mimeType, buffer: content });
  await page.getByRole('button', { name: 'Upload and capture' }).click();
}

describe('capture', () => {
  it('uploads a document, follows its job to the end and shows what was captured; a broken one shows its faults with their places', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, FORWARDER);
    await page.goto('/capture');
    await expect.poll(() => page.getByRole('heading', { name: 'Capture EPCIS events' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    const container = await containerOfOwnShipment(page);

    await upload(page, 'inspection.jsonld', epcisDocument([container]));
    const status = page.getByRole('status').filter({ hasText: /Finished|Failed|Refused|Capturing|Uploading/ }).first();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Finished: 1 event captured.');
    const result = page.getByRole('article', { name: 'inspection.jsonld' });
    expect(await result.getByText('Events captured').count()).toBe(1);
    expect(await result.locator('dd').first().textContent()).toBe('1');
    await screenshot(page, 'capture-en');

    // A container number whose check digit does not compute: refused at once, the fault's pointer shown.
    const mistyped = container.replace(/(\d)$/, (digit) => String((Number(digit) + 1) % 10));
    await upload(page, 'mistyped.jsonld', epcisDocument([mistyped]));
    const refused = page.getByRole('article', { name: 'mistyped.jsonld' });
    await expect.poll(() => refused.getByText('Refused: the document was not accepted, nothing was captured.').count(), { timeout: 10_000 }).toBe(1);
    const problems = refused.getByRole('table', { name: 'Problems found in the document' });
    expect(await problems.getByRole('cell', { name: '/epcisBody/eventList/0/epcList/0' }).count()).toBe(1);
    expect(await problems.getByRole('cell', { name: /check digit/ }).count()).toBe(1);

    // One event it may capture, one about a container of nobody's shipment: with "proceed" the first
    // is captured and the job names the second by its pointer.
    await upload(page, 'mixed.jsonld', epcisDocument([container, 'https://ns.karvon.org/id/container/MSKU1234565']), 'proceed');
    const mixed = page.getByRole('article', { name: 'mixed.jsonld' });
    await expect.poll(() => mixed.getByText(/Finished with errors: 1 event captured, 1 rejected\./).count(), { timeout: 20_000 }).toBe(1);
    const errors = mixed.getByRole('table', { name: 'Errors: events rejected' });
    expect(await errors.getByRole('cell', { name: '/epcisBody/eventList/1', exact: true }).count()).toBe(1);
    expect(await errors.getByRole('cell', { name: /may not capture this event/ }).count()).toBe(1);

    // XML is sent as XML, and its faults are placed by their XML path.
    await upload(page, 'inspection.xml', epcisXml(container));
    const xml = page.getByRole('article', { name: 'inspection.xml' });
    await expect.poll(() => xml.getByText('Finished: 1 event captured.').count(), { timeout: 20_000 }).toBe(1);
    expect(await xml.getByText(/as application\/xml$/).count()).toBe(1);
    await upload(page, 'mistyped.xml', epcisXml(mistyped));
    const xmlProblems = page.getByRole('article', { name: 'mistyped.xml' }).getByRole('table', { name: 'Problems found in the document' });
    await expect.poll(() => xmlProblems.getByRole('cell', { name: '/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/epcList/epc[1]' }).count(), { timeout: 10_000 }).toBe(1);

    // The session's uploads are listed, newest first.
    expect(await page.getByRole('article').evaluateAll((articles) => articles.map((a) => a.querySelector('h3')?.textContent))).toEqual([
      'mistyped.xml',
      'inspection.xml',
      'mixed.jsonld',
      'mistyped.jsonld',
      'inspection.jsonld',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('reads right to left in Arabic, translated, without serious accessibility violations', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, FORWARDER);
    await page.goto('/capture');
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.getByRole('heading', { name: 'التقاط أحداث EPCIS' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('button', { name: 'رفع والتقاط' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'capture-ar');
    await context.close();
  });
});
