// The shipment page against the living demo: a forwarder opens one of its moving shipments and sees
// its status, an arrival range for a stop still ahead and the timeline in plain language; opens the
// raw EPCIS event behind an entry (JSON-LD, then XML); creates a public tracking link and revokes it;
// reads the page in Arabic, right to left, with the timeline phrased in Arabic. Kazakhstan's customs
// opens a shipment with pre-arrival data and sees its goods with HS codes. The network operator sees
// the track a moving shipment's e-seal reported drawn beside its planned route, and nothing of the
// kind on a shipment no device reported for.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasColours, launchBrowser, MAP_COLOURS, newContext, screenshot, seriousViolations, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Detail {
  id: string;
  status: string;
  eta: { stops: unknown[] } | null;
  timeline: { eventID: string; what: { kind: string } }[];
  preArrival?: { goods?: { hsCode: string }[] };
}

/** The first shipment of a list the caller sees that `wanted` accepts, read through the API with the page's session. */
async function findShipment(page: Page, query: string, wanted: (detail: Detail) => boolean): Promise<Detail> {
  const list = (await (await page.request.get(`/api/shipments?${query}&limit=50`)).json()) as { shipments: { id: string }[] };
  for (const { id } of list.shipments) {
    const detail = (await (await page.request.get(`/api/shipments/${encodeURIComponent(id)}`)).json()) as Detail;
    if (wanted(detail)) return detail;
  }
  throw new Error(`no shipment of /api/shipments?${query} fits`);
}

/** The travelled track's colour on the map (web/src/map/style.ts). */
const TRACK_COLOUR = [0x6d, 0x28, 0xd9] as const;

const ENGLISH_SENTENCE = /\b(Departed|Position reported|Arrived|Crossed|Transit declaration|Released|Loaded|Unloaded|Transshipped|Delivered|Customs)\b/;

describe('the shipment page', () => {
  it('shows a moving shipment to its forwarder: status, an ETA range, the timeline, the raw event, a public link; in English and Arabic', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await signIn(page, 'kz-forwarder-almaty@demo.karvon.org');
    const shipment = await findShipment(page, 'status=in-transit', (d) => (d.eta?.stops.length ?? 0) > 0 && d.timeline[0]?.what.kind === 'departed' && d.timeline.length >= 8);
    await page.goto(`/shipments/${encodeURIComponent(shipment.id)}`);

    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toMatch(/^Shipment /);
    expect(await page.locator('.status').innerText()).toContain('In transit');
    // A stop still ahead has a range with its likely time and its basis in words.
    const eta = page.locator('.stop-next .eta').first();
    await expect.poll(() => eta.count()).toBe(1);
    expect(await eta.innerText()).toMatch(/^Expected .+, most likely .+\((from \d+ similar trips?|reference figures|the registered plan)/);

    // The map drew its base map, the corridor and the place the goods were last seen.
    await page.locator('.corridor-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    const drawn = await canvasColours(page, MAP_COLOURS);
    expect(drawn.near.water).toBeGreaterThan(1_000);
    expect(drawn.near.land).toBeGreaterThan(1_000);
    expect(drawn.near.current).toBeGreaterThan(20);

    const timeline = page.getByRole('region', { name: 'Timeline' });
    const sentences = timeline.locator('.timeline-sentence');
    expect(await sentences.count()).toBe(shipment.timeline.length);
    // Newest first: the last entry of the list is the departure.
    expect(await sentences.last().innerText()).toMatch(/^Departed from /);
    await timeline.getByLabel('Order', { exact: true }).selectOption('oldest');
    expect(await sentences.first().innerText()).toMatch(/^Departed from /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'shipment-en');

    // The raw event of the departure, one click away: JSON-LD, then XML.
    await timeline.getByRole('button', { name: /^Show EPCIS event: Departed/ }).click();
    const dialog = page.getByRole('dialog', { name: 'EPCIS event' });
    const raw = dialog.locator('pre[dir="ltr"]');
    await expect.poll(() => raw.count()).toBe(1);
    const departure = shipment.timeline.find((e) => e.what.kind === 'departed')!;
    expect(JSON.parse(await raw.innerText()).eventID).toBe(departure.eventID);
    await dialog.getByRole('tab', { name: 'XML' }).click();
    await expect.poll(() => raw.innerText()).toMatch(/^<\?xml[\s\S]*<ObjectEvent/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => dialog.getByText('Copied to the clipboard.').count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<eventID>');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // A public link: its full URL shown once, in the list, then revoked.
    const links = page.getByRole('region', { name: 'Public tracking link' });
    const before = await links.getByRole('button', { name: 'Revoke' }).count();
    await links.getByRole('button', { name: 'Create public link' }).click();
    const url = links.getByRole('link', { name: /\/api\/public\/track\// });
    await expect.poll(() => url.count()).toBe(1);
    expect(await url.innerText()).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/api\/public\/track\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => links.getByRole('button', { name: 'Revoke' }).count()).toBe(before + 1);
    await links.getByRole('button', { name: 'Revoke' }).last().click();
    await expect.poll(() => links.getByRole('button', { name: 'Revoke' }).count()).toBe(before);
    expect(await links.getByText(/^Revoked /).count()).toBeGreaterThan(0);

    // Arabic: right to left, and every sentence of the timeline phrased in Arabic.
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('region', { name: 'السجل الزمني' }).count()).toBe(1);
    const arabic = await page.locator('.timeline-sentence').allInnerTexts();
    expect(arabic.length).toBe(shipment.timeline.length);
    for (const sentence of arabic) {
      expect(sentence).toMatch(/[\u0600-\u06FF]/);
      expect(sentence).not.toMatch(ENGLISH_SENTENCE);
    }
    expect(arabic.some((sentence) => sentence.startsWith('غادرت'))).toBe(true);
    expect(await page.locator('.status').innerText()).toContain('في الطريق');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'shipment-ar');
    await context.close();
  });

  it("shows customs the pre-arrival goods with their HS codes, and says so when a shipment is not theirs to see", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    const shipment = await findShipment(page, 'country=KZ', (d) => (d.preArrival?.goods?.length ?? 0) > 0);
    await page.goto(`/shipments/${encodeURIComponent(shipment.id)}`);
    const preArrival = page.getByRole('region', { name: 'Pre-arrival information' });
    await expect.poll(() => preArrival.count(), { timeout: 15_000 }).toBe(1);
    const goods = preArrival.getByRole('table', { name: 'Goods' });
    expect(await goods.getByRole('columnheader', { name: 'HS code' }).count()).toBe(1);
    expect(await goods.getByRole('cell', { name: shipment.preArrival!.goods![0]!.hsCode, exact: true }).count()).toBeGreaterThan(0);
    // Public links are for the shipment's parties: whoever else the API refuses is told why in a sentence.
    const refused = (await page.request.get(`/api/shipments/${encodeURIComponent(shipment.id)}/public-links`)).status() === 403;
    await expect.poll(() => page.getByText(/Only a party to this shipment/).count()).toBe(refused ? 1 : 0);
    expect(await page.getByRole('button', { name: 'Create public link' }).count()).toBe(refused ? 0 : 1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/shipments/${encodeURIComponent('booking:NO-SUCH-BOOKING')}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Shipment not found' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('alert').innerText()).toContain('not yours to see');
    await context.close();
  });

  it("draws the track a shipment's devices reported beside its planned route, and no track where none reported", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'karvon-operator@demo.karvon.org');
    const pointsOf = async (id: string) => {
      const body = (await (await page.request.get(`/api/shipments/${encodeURIComponent(id)}/track`)).json()) as { tracks: { points: unknown[] }[] };
      return body.tracks.reduce((sum, track) => sum + track.points.length, 0);
    };
    const units = ((await (await page.request.get('/api/live/units?status=in-transit')).json()) as { units: { shipmentId?: string }[] }).units;
    let tracked: string | undefined;
    for (const { shipmentId } of units) if (shipmentId && (await pointsOf(shipmentId)) >= 5) {
      tracked = shipmentId;
      break;
    }
    expect(tracked).toBeDefined();
    await page.goto(`/shipments/${encodeURIComponent(tracked!)}`);
    await page.locator('.corridor-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    const drawn = await canvasColours(page, { ...MAP_COLOURS, track: TRACK_COLOUR });
    expect(drawn.near.track).toBeGreaterThan(20);
    expect(drawn.near.current).toBeGreaterThan(20);
    const legend = page.getByRole('list', { name: 'Map legend' });
    expect(await legend.getByText('Travelled track').count()).toBe(1);
    expect(await legend.getByText('Corridor route').count()).toBe(1);
    expect(await page.getByText(/^Its devices last reported a position /).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'shipment-track');

    // A shipment delivered before the demo's devices reported anything: its route and stops only.
    const delivered = ((await (await page.request.get('/api/shipments?status=delivered&limit=50')).json()) as { shipments: { id: string }[] }).shipments;
    let untracked: string | undefined;
    for (const { id } of delivered) if ((await pointsOf(id)) === 0) {
      untracked = id;
      break;
    }
    expect(untracked).toBeDefined();
    await page.goto(`/shipments/${encodeURIComponent(untracked!)}`);
    await page.locator('.corridor-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    expect((await canvasColours(page, { track: TRACK_COLOUR })).near.track).toBe(0);
    expect(await legend.getByText('Travelled track').count()).toBe(0);
    expect(await page.getByText(/^Its devices last reported a position /).count()).toBe(0);
    await context.close();
  });
});
