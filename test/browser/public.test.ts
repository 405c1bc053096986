// The public tracking page: a forwarder hands out a link to a shipment; somebody without an account
// opens it and sees status, last place, the arrival range and a small map that really drew (its
// pixels hold water, land and the place's marker), in English and in Arabic (right to left, the
// map's buttons on the left); a withdrawn or made-up link says so in plain words.
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasColours, DEMO_PASSWORD, launchBrowser, MAP_COLOURS, newContext, screenshot, seriousViolations } from './browser.js';

const FORWARDER = 'kz-forwarder-almaty@demo.karvon.org';
/** The map's colours (web/src/map/style.ts): water, land, the current place. */

interface Tracking {
  status: string;
  lastLocation: { name: string; country: string | null } | null;
  eta: { likely: string; earliest: string; latest: string } | null;
}
interface Shipment {
  id: string;
  status: string;
  lastLocation?: { kind: string };
}

let browser: Browser;
let link: { id: string; url: string; tracking: Tracking };
let signedIn: { request: APIRequestContext; close(): Promise<void> };

/** A shipment of the forwarder's standing at a known place with an arrival estimate, and a link to it. */
async function linkToShipmentAtAPlace(request: APIRequestContext): Promise<typeof link> {
  const listed = (await (await request.get('/api/shipments?limit=200')).json()) as { shipments: Shipment[] };
  const candidates = listed.shipments.filter((s) => s.lastLocation?.kind === 'location' && !['delivered', 'cancelled', 'arrived'].includes(s.status));
  for (const shipment of candidates.slice(0, 10)) {
    const created = await request.post(`/api/shipments/${encodeURIComponent(shipment.id)}/public-links`, { data: {} });
    expect(created.status()).toBe(201);
    const { id, url } = (await created.json()) as { id: string; url: string };
    const tracking = (await (await request.get(url, { headers: { accept: 'application/json' } })).json()) as Tracking;
    if (tracking.lastLocation && tracking.eta) return { id, url, tracking };
  }
  throw new Error(`None of the forwarder's ${candidates.length} shipments at a place has an arrival estimate`);
}

/** Reports every Content-Security-Policy violation of the page (the map must need no exception). */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Opens the link signed out, in a language, and waits until the map has drawn. */
async function openLink(locale: string): Promise<{ page: Page; violations: () => Promise<string[]>; close(): Promise<void> }> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  const violations = await watchPolicy(page);
  await page.goto(link.url);
  await page.locator('.corridor-map-canvas[data-map-state="idle"]').waitFor({ timeout: 30_000 });
  return { page, violations, close: () => context.close() };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser);
  const signIn = await context.request.post('/api/auth/sign-in', { data: { email: FORWARDER, password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(200);
  signedIn = { request: context.request, close: () => context.close() };
  link = await linkToShipmentAtAPlace(context.request);
});
afterAll(async () => {
  await signedIn?.close();
  await browser?.close();
});

describe('the public tracking page', () => {
  it('shows a signed-out visitor status, last place, arrival range and a map that drew', async () => {
    const { page, violations, close } = await openLink('en-GB');
    expect(await page.title()).toBe('Shipment tracking · Karvon');
    expect(await page.getByRole('heading', { level: 1, name: 'Shipment tracking' }).count()).toBe(1);
    // Nobody is signed in: no navigation, no search, no name in the header.
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    const facts = page.locator('.public-facts');
    expect(await facts.locator('dt').allTextContents()).toEqual(['Status', 'Last place', 'Last update', 'Expected arrival']);
    const [status, place, , eta] = await facts.locator('dd').allTextContents();
    const statusWords = { 'at-border': 'At a border crossing', 'held-by-customs': 'Held by customs', 'in-transit': 'In transit', departed: 'Departed', 'on-ferry': 'On a ferry', exception: 'Delayed by an incident', planned: 'Registered, not yet departed' } as Record<string, string>;
    expect(status).toBe(statusWords[link.tracking.status]);
    expect(place).toContain(link.tracking.lastLocation!.name);
    expect(eta).toMatch(/Most likely/);
    expect(eta).toMatch(/in about 80% of cases/);

    // The map's canvas is a labelled, focusable region, and it drew: water, land and the place's marker.
    const canvas = page.locator('.corridor-map-canvas canvas');
    expect(await canvas.getAttribute('aria-label')).toBe(`Map of the shipment's last place: ${link.tracking.lastLocation!.name}`);
    expect(await canvas.getAttribute('tabindex')).toBe('0');
    const drawn = await canvasColours(page, MAP_COLOURS);
    expect(drawn.distinct).toBeGreaterThan(50);
    expect(drawn.near.water).toBeGreaterThan(1_000);
    expect(drawn.near.land).toBeGreaterThan(1_000);
    expect(drawn.near.current).toBeGreaterThan(20);
    // The place's name is on the map as text, and the legend says what its symbol means.
    expect(await page.locator('.corridor-map-label').allTextContents()).toEqual([link.tracking.lastLocation!.name]);
    expect(await page.getByRole('list', { name: 'Map legend' }).textContent()).toContain('Here now, or last known place');
    // The zoom buttons sit top right in English.
    expect(await page.locator('.maplibregl-ctrl-top-right').getByRole('button', { name: 'Zoom in' }).count()).toBe(1);
    expect(await violations()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-en');

    // The keyboard reaches the map and moves it: Tab to the canvas, then + zooms in.
    const focusedIsCanvas = () => page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas') ?? false);
    for (let presses = 0; presses < 10 && !(await focusedIsCanvas()); presses++) await page.keyboard.press('Tab');
    expect(await focusedIsCanvas()).toBe(true);
    const before = await canvas.screenshot();
    await page.keyboard.press('Equal');
    await expect.poll(async () => (await canvas.screenshot()).equals(before), { timeout: 10_000 }).toBe(false);
    await close();
  });

  it('reads right to left in Arabic, with the map buttons on the left', async () => {
    const { page, violations, close } = await openLink('ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.title()).toBe('تتبع الشحنة · Karvon');
    expect(await page.getByRole('heading', { level: 1, name: 'تتبع الشحنة' }).count()).toBe(1);
    expect(await page.locator('.public-facts dt').first().textContent()).toBe('الحالة');
    expect(await page.locator('.public-facts dd').nth(3).textContent()).toContain('على الأرجح');

    const zoomIn = page.locator('.maplibregl-ctrl-top-left').getByRole('button', { name: 'تكبير' });
    expect(await zoomIn.count()).toBe(1);
    const button = (await zoomIn.boundingBox())!;
    const map = (await page.locator('.corridor-map-canvas').boundingBox())!;
    expect(button.x + button.width / 2).toBeLessThan(map.x + map.width / 2);
    const drawn = await canvasColours(page, { water: MAP_COLOURS.water, land: MAP_COLOURS.land });
    expect(drawn.near.water).toBeGreaterThan(1_000);
    expect(drawn.near.land).toBeGreaterThan(1_000);

    expect(await violations()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-ar');
    await close();
  });

  it('says goods between places are on the way, and draws no map for them', async () => {
    const listed = (await (await signedIn.request.get('/api/shipments?status=in-transit&limit=50')).json()) as { shipments: Shipment[] };
    const between = listed.shipments.find((s) => s.lastLocation?.kind === 'geo');
    expect(between, 'an in-transit shipment last reported by position').toBeDefined();
    const created = await signedIn.request.post(`/api/shipments/${encodeURIComponent(between!.id)}/public-links`, { data: {} });
    const { url } = (await created.json()) as { url: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await expect.poll(() => page.locator('.public-facts dd').count()).toBe(4);
    expect(await page.locator('.public-facts dd').nth(1).textContent()).toBe('On the way between places');
    expect(await page.locator('.corridor-map').count()).toBe(0);
    await context.close();
  });

  it('says in plain words that a withdrawn or made-up link is not valid', async () => {
    const revoked = await signedIn.request.delete(`/api/public-links/${link.id}`);
    expect(revoked.status()).toBe(204);
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const url of [link.url, '/api/public/track/this-is-not-a-link']) {
      await page.goto(url);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'This tracking link is not valid or has been withdrawn' }).count()).toBe(1);
      expect(await page.getByText('Ask the person or company that sent it to you for a new link.').count()).toBe(1);
      expect(await page.title()).toBe('This tracking link is not valid or has been withdrawn · Karvon');
    }
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
