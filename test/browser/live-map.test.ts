// The live map against the living demo: the network operator opens it from the navigation and sees
// the demo's units drawn (clusters and dots on the canvas, as many as the API reports); a unit moves
// on the map while the demo plays its e-seals' readings; a unit chosen in the list opens its panel
// with a link to its shipment, and a click on the map where it stands opens it again; a status
// filter narrows the units and stays in the address; the page reads right to left in Arabic, and
// passes axe. Kazakhstan's customs has the page too; the secretariat, which sees aggregates only,
// does not.
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

interface LiveUnit {
  deviceId: string;
  unitId: string;
  shipmentId?: string;
  status?: string;
}

/** The colours of the live map's symbols (web/src/map/live-style.ts). */
const UNIT_COLOURS = { cluster: [0x1f, 0x3d, 0x5c], moving: [0x0b, 0x5c, 0xad], waiting: [0xb4, 0x53, 0x09] } as const;

async function liveUnits(page: Page, query = ''): Promise<LiveUnit[]> {
  const response = await page.request.get(`/api/live/units${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { units: LiveUnit[] }).units;
}

const mapCanvas = (page: Page) => page.locator('.live-map-canvas');
const drawnUnits = async (page: Page) => Number(await mapCanvas(page).getAttribute('data-units'));

describe('the live map', () => {
  it('draws the units, moves them as the devices report, opens a unit for its shipment and narrows by status; in English and Arabic', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'karvon-operator@demo.karvon.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Live map' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toBe('Live map');

    // Every unit the API reports is drawn (the demo registers more as shipments start, hence "at least").
    const all = await liveUnits(page);
    expect(all.length).toBeGreaterThan(50);
    await page.locator('.live-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => drawnUnits(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(all.length);
    expect(await page.locator('.live-count').innerText()).toMatch(/^[\d,]+ units shown · updating live$/);
    const drawn = await canvasColours(page, { ...MAP_COLOURS, ...UNIT_COLOURS });
    expect(drawn.near.land).toBeGreaterThan(1_000);
    // Zoomed out over the region, most units stand in clusters; some stand alone.
    expect(drawn.near.cluster).toBeGreaterThan(100);
    expect(drawn.near.moving + drawn.near.waiting).toBeGreaterThan(20);

    // The demo's e-seals report every 5 minutes each, several readings a second in all: within a
    // minute some unit is drawn at another place than where the map first drew it.
    await expect.poll(() => mapCanvas(page).getAttribute('data-moved').then(Number), { timeout: 60_000, interval: 1_000 }).toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'live-map-en');

    // A unit with a shipment, chosen in the list: its panel names it and links to its shipment,
    // and the map brings it into the middle of its view.
    const table = page.getByRole('table', { name: 'Units on the map' });
    const withShipment = table.getByRole('row').filter({ has: page.getByRole('link') }).first();
    const unitName = await withShipment.getByRole('button').innerText();
    await withShipment.getByRole('button').click();
    const panel = page.getByRole('region', { name: unitName });
    await expect.poll(() => panel.count()).toBe(1);
    const shipmentLink = panel.getByRole('link');
    expect(await shipmentLink.getAttribute('href')).toMatch(/^\/shipments\/.+/);
    expect(await panel.getByText('Last position').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Closed, then opened again by a click on the map where the unit now stands (the middle; another
    // unit may stand on the same spot, at a crossing, and be the one opened).
    await panel.getByRole('button', { name: 'Close' }).click();
    const anyPanel = page.locator('.live-unit-panel');
    await expect.poll(() => anyPanel.count()).toBe(0);
    await mapCanvas(page).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1_500);
    await expect
      .poll(
        async () => {
          const box = (await mapCanvas(page).boundingBox())!;
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          return anyPanel.count();
        },
        { timeout: 10_000, interval: 1_000 },
      )
      .toBe(1);
    const link = anyPanel.getByRole('link');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/shipments\/.+/);
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(href);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toMatch(/^Shipment /);
    await page.goBack();

    // A status filter: fewer units, all of that status, and the view's address can be shared.
    const byStatus = new Map<string, number>();
    for (const unit of all) if (unit.status) byStatus.set(unit.status, (byStatus.get(unit.status) ?? 0) + 1);
    const [status] = [...byStatus].filter(([, n]) => n < all.length).sort((a, b) => b[1] - a[1])[0]!;
    await page.getByLabel('Status').selectOption(status);
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe(status);
    await expect.poll(async () => (await drawnUnits(page)) > 0 && (await drawnUnits(page)) < (await liveUnits(page)).length, { timeout: 15_000 }).toBe(true);
    const statusLabel = await page.getByLabel('Status').locator('option:checked').innerText();
    const shownStatuses = await table.locator('.status-badge').allInnerTexts();
    expect(shownStatuses.length).toBeGreaterThan(0);
    expect(new Set(shownStatuses)).toEqual(new Set([statusLabel]));
    const filtered = await drawnUnits(page);
    await page.reload();
    await page.locator('.live-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Status').inputValue()).toBe(status);
    await expect.poll(() => drawnUnits(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(filtered);
    expect(await drawnUnits(page)).toBeLessThan((await liveUnits(page)).length);

    // Arabic: right to left, the page's words in Arabic, the map's controls on the left.
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('الخريطة الحية');
    await page.locator('.live-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    const controls = await page.locator('.live-map-canvas .maplibregl-ctrl-top-left .maplibregl-ctrl-zoom-in').count();
    expect(controls).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'live-map-ar');
    await context.close();
  });

  it('is there for customs, with the units it may see; not for the secretariat, which sees aggregates only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Live map' }).click();
    const units = await liveUnits(page);
    expect(units.length).toBeGreaterThan(0);
    await page.locator('.live-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => drawnUnits(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(units.length);
    await context.close();

    const secretariat = await newContext(browser);
    const other = await secretariat.newPage();
    await signIn(other, 'secretariat@demo.karvon.org');
    expect(await other.getByRole('navigation').getByRole('link', { name: 'Shipments' }).count()).toBe(1);
    expect(await other.getByRole('navigation').getByRole('link', { name: 'Live map' }).count()).toBe(0);
    await secretariat.close();
  });
});
