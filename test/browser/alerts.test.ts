// The alerts inbox against the living demo: Kazakhstan's customs opens it from the navigation (the
// badge counts its open alerts), acknowledges an alert, comments on it and resolves it, and the API
// holds what the page shows; the page reads right to left in Arabic and passes axe. The secretariat,
// which sees aggregates only, has no alerts page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface AlertJson {
  id: string;
  shipmentId?: string;
  status: string;
  kind: string;
  notes: { comment?: string }[];
}

async function openAlerts(page: Page): Promise<AlertJson[]> {
  const response = await page.request.get('/api/alerts?status=open&limit=200');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { alerts: AlertJson[] }).alerts;
}

describe('the alerts inbox', () => {
  it('lets customs acknowledge, comment on and resolve an alert, as the API then holds it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    const open = await openAlerts(page);
    // The demo's e-seals report breaches, routes left and signals lost, and customs hold goods.
    expect(open.length).toBeGreaterThan(0);
    const nav = page.getByRole('navigation');
    // The badge shows the count; a screen reader hears "N open alerts".
    await expect.poll(() => nav.locator('.nav-badge [aria-hidden="true"]').first().innerText(), { timeout: 15_000 }).toMatch(/^\d+\+?$/);
    expect(await nav.locator('.nav-badge .visually-hidden').first().innerText()).toMatch(/^\d+\+? open alerts$/);
    await nav.getByRole('link', { name: /^Alerts/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toBe('Alerts');
    await expect.poll(() => page.locator('.alert-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // Only open ones, the first of them: acknowledge, comment, resolve.
    await page.getByLabel('Show').selectOption('open');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.url()).toContain('show=open');
    const card = page.locator('.alert-card').first();
    await card.waitFor();
    const title = await card.getByRole('heading', { level: 2 }).innerText();
    expect(['Seal breached', 'Long wait at the border', 'Off the route', 'No signal', 'Seal battery low', 'Held by customs', 'Sensor alarm']).toContain(title);
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => card.getByRole('status').innerText()).toBe('Alert acknowledged.');
    await expect.poll(() => card.locator('.alert-badge').nth(1).innerText()).toBe('Acknowledged');
    await card.getByLabel('Comment').fill('Inspection team sent to the yard');
    await card.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => card.locator('.alert-history').innerText()).toContain('Inspection team sent to the yard');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => card.locator('.alert-badge').nth(1).innerText()).toBe('Resolved');
    await expect.poll(() => card.getByRole('button', { name: 'Resolve' }).count()).toBe(0);

    // The API holds what the page shows.
    const history = await card.locator('.alert-history').innerText();
    // People are named as people read them, not by their ids.
    const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { name: string } };
    expect(history).toContain(`Acknowledged by ${me.user.name} (kz-customs)`);
    expect(history).toContain(`Resolved by ${me.user.name} (kz-customs)`);
    const resolved = await page.request.get('/api/alerts?status=resolved&limit=200');
    const alerts = ((await resolved.json()) as { alerts: AlertJson[] }).alerts;
    expect(alerts.some((alert) => alert.notes.some((note) => note.comment === 'Inspection team sent to the yard'))).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'alerts');
    await context.close();
  });

  it('shows a shipment\'s open alerts on its page, with a link to all of them in the inbox', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    const alert = (await openAlerts(page)).find((a) => a.shipmentId !== undefined)!;
    expect(alert).toBeDefined();
    await page.goto(`/shipments/${encodeURIComponent(alert.shipmentId!)}`);
    const section = page.locator('section.shipment-alerts');
    await expect.poll(() => section.locator('.alert-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Alerts');
    await section.getByRole('link', { name: 'All alerts of this shipment' }).click();
    await expect.poll(() => page.url()).toContain('/alerts?show=all&shipment=');
    await expect.poll(() => page.locator('.alert-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.card p span').first().innerText()).toMatch(/^Alerts of shipment .+ only\.$/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('marks on the border board the goods standing there or coming that have an alert', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    const response = await page.request.get('/api/alerts?status=open,acknowledged&kind=seal-breached,border-dwell,customs-hold,route-deviation,signal-lost&limit=200');
    const alerted = new Map(((await response.json()) as { alerts: AlertJson[] }).alerts.filter((a) => a.shipmentId).map((a) => [a.shipmentId!, a]));
    // A place where such goods stand now or are coming to (the demo's resealed and held goods).
    const locations = ((await (await page.request.get('/api/reference/locations')).json()) as { items: { id: string }[] }).items;
    let found: { location: string; shipment: string } | undefined;
    for (const location of locations) {
      for (const filter of ['at', 'crossing']) {
        const listed = (await (await page.request.get(`/api/shipments/?${filter}=${location.id}&limit=500`)).json()) as { shipments?: { id: string }[] };
        const shipment = listed.shipments?.find((s) => alerted.has(s.id));
        if (shipment && !found) found = { location: location.id, shipment: shipment.id };
      }
      if (found) break;
    }
    expect(found).toBeDefined();
    await page.goto(`/crossings?location=${found!.location}`);
    const row = page.locator('.vtable-body [role="row"]').filter({ has: page.getByRole('link', { name: found!.shipment.replace(/^[a-z-]+:/, '') }) }).first();
    await row.waitFor({ timeout: 15_000 });
    const badge = row.locator('.board-alerts a').first();
    expect(['Seal breached', 'Long wait at the border', 'Held by customs', 'Off the route', 'No signal']).toContain((await badge.innerText()).replace(/^⚠\s*/, ''));
    await badge.click();
    await expect.poll(() => page.url()).toContain('/alerts?show=unresolved&shipment=');
    await expect.poll(() => page.locator('.alert-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await context.close();
  });

  it('reads right to left in Arabic', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-customs@demo.karvon.org');
    await page.goto('/alerts');
    await expect.poll(() => page.locator('.alert-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('التنبيهات');
    // The alerts' own words are Arabic too (kinds, severities), not the server's English summary.
    const kinds = await page.locator('.alert-card h2').allInnerTexts();
    expect(kinds.every((kind) => /[\u0600-\u06FF]/.test(kind))).toBe(true);
    await screenshot(page, 'alerts-ar');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('is not offered to the secretariat, which sees aggregates only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'secretariat@demo.karvon.org');
    await expect.poll(() => page.getByRole('navigation').getByRole('link').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('navigation').getByRole('link', { name: /^Alerts/ }).count()).toBe(0);
    await context.close();
  });
});
