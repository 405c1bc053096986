// The border crossing board against the living demo, as Kazakhstan's customs: a crossing of its
// own with goods standing there (waiting time, since when) and goods coming (an arrival range and
// its basis), the counts the API gives, a refresh on demand and every minute (not while the reader's
// focus is in the lists), many rows kept few in the DOM, and the same board in Arabic, right to left.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser.js';

const CUSTOMS = 'kz-customs@demo.karvon.org';
/** Kazakhstan's crossings with China, in the order the board is tried at: the first with goods there and coming. */
const CROSSINGS = ['khorgos', 'altynkol', 'dostyk'];

interface ListPage {
  shipments: { id: string }[];
  total: number;
  totalIsLowerBound: boolean;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function apiList(page: Page, query: string): Promise<ListPage> {
  const response = await page.request.get(`/api/shipments/?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ListPage;
}

/** The first of the crossings where the demo has goods standing now and goods coming. */
async function busyCrossing(page: Page): Promise<{ id: string; thereNow: ListPage; coming: ListPage }> {
  for (const id of CROSSINGS) {
    const [thereNow, coming] = await Promise.all([apiList(page, `at=${id}&limit=500`), apiList(page, `crossing=${id}&limit=500`)]);
    if (thereNow.total > 0 && coming.total > 0) return { id, thereNow, coming };
  }
  throw new Error(`The demo has no goods both at and coming to any of ${CROSSINGS.join(', ')}`);
}

const section = (page: Page, name: string) => page.getByRole('region', { name });
const rowsOf = (page: Page, name: string) => section(page, name).locator('.vtable-body [role="row"]');
const shipments = (n: number) => (n === 1 ? '1 shipment' : `${n.toLocaleString('en')} shipments`);

describe('the border crossing board', () => {
  it("shows what stands at a crossing of the customs' own country and for how long, and what is coming and when", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, CUSTOMS);
    const busy = await busyCrossing(page);
    await page.goto('/crossings');
    const picker = page.getByLabel('Border crossing or port');
    // The customs' own country's crossings come first.
    await expect.poll(() => picker.locator('optgroup').first().getAttribute('label')).toBe('Kazakhstan');
    expect(await picker.locator('optgroup').first().locator(`option[value="${busy.id}"]`).count()).toBe(1);
    await picker.selectOption(busy.id);
    await expect.poll(() => page.url()).toContain(`/crossings?location=${busy.id}`);

    // There now: the API's count, longest waiting first, each with its waiting time and since when.
    await expect.poll(() => section(page, 'There now').getByText(shipments(busy.thereNow.total), { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    const first = rowsOf(page, 'There now').first();
    expect(await first.getByRole('link').getAttribute('href')).toBe(`/shipments/${encodeURIComponent(busy.thereNow.shipments[0]!.id)}`);
    expect(await first.locator('.col-waiting').innerText()).toMatch(/^\d+(\.\d)? hours?$|^\d+ days?( \d+ hours?)?$/);
    expect(await first.locator('.col-since').innerText()).toMatch(/\d{1,2}:\d{2}/);

    // Coming: the API's count, each with an arrival range and what it rests on.
    await expect.poll(() => section(page, 'Coming').getByText(shipments(busy.coming.total), { exact: true }).count()).toBe(1);
    const coming = rowsOf(page, 'Coming').first();
    expect(await coming.getByRole('link').getAttribute('href')).toBe(`/shipments/${encodeURIComponent(busy.coming.shipments[0]!.id)}`);
    expect(await coming.locator('.col-expected').innerText()).toMatch(/–[\s\S]*likely/);
    expect(await coming.locator('.col-basis').innerText()).toMatch(/^from (the registered plan|reference figures|\d+ observed trips?)/);

    // Refreshed on demand, with the time it was.
    const updated = page.getByText(/^Updated at /);
    const before = await updated.innerText();
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => updated.innerText()).not.toBe(before);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board-en');

    // The same board in Arabic: right to left, Arabic headings.
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'موجودة الآن' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: 'قادمة' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^اللوحة: /);
    expect(await page.getByRole('columnheader', { name: 'مدة الانتظار' }).count()).toBe(1);
    await expect.poll(() => rowsOf(page, 'موجودة الآن').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board-ar');
    await context.close();
  });

  it('refreshes itself every minute, but not while the focus is in its lists', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, CUSTOMS);
    const busy = await busyCrossing(page);
    // The page's clock, moved on by the test: a minute passes at once.
    await page.clock.install();
    await page.goto(`/crossings?location=${busy.id}`);
    const updated = page.getByText(/^Updated at /);
    await expect.poll(() => updated.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rowsOf(page, 'There now').count()).toBeGreaterThan(0);
    const first = await updated.innerText();

    // Focus on a shipment of the list: a minute on, nothing has moved under the reader's hands.
    await rowsOf(page, 'There now').first().getByRole('link').focus();
    await page.clock.runFor(61_000);
    await page.waitForTimeout(500);
    expect(await updated.innerText()).toBe(first);

    // Focus out of the lists: the refresh that waited happens now.
    await page.getByLabel('Border crossing or port').focus();
    await expect.poll(() => updated.innerText()).not.toBe(first);
    const second = await updated.innerText();

    // And with the focus elsewhere, the next minute refreshes by itself.
    await page.clock.runFor(61_000);
    await expect.poll(() => updated.innerText()).not.toBe(second);
    await context.close();
  });

  it('keeps 5,000 goods at a crossing quick: few rows in the DOM, the last one reached by scrolling', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, CUSTOMS);
    const busy = await busyCrossing(page);
    const real = busy.thereNow.shipments[0]!;
    const ROWS = 5000;
    const body = JSON.stringify({
      shipments: Array.from({ length: ROWS }, (_, i) => ({ ...real, id: `booking:WAIT-${String(i + 1).padStart(5, '0')}`, waitingHours: (ROWS - i) / 10 })),
      total: ROWS,
      totalIsLowerBound: false,
    });
    await page.route(/\/api\/shipments\/\?.*\bat=/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(`/crossings?location=${busy.id}`);
    await expect.poll(() => section(page, 'There now').getByText('5,000 shipments', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    const table = section(page, 'There now').getByRole('table');
    expect(await table.getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    expect(await rowsOf(page, 'There now').count()).toBeLessThan(100);
    await table.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    const last = table.locator('[aria-rowindex="5001"]');
    await expect.poll(() => last.count()).toBe(1);
    expect(await last.getByRole('link').innerText()).toBe('WAIT-05000');
    expect(await rowsOf(page, 'There now').count()).toBeLessThan(100);
    await context.close();
  });
});
