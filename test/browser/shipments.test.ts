// The Shipments page and the header's search box, against the living demo as Kazakhstan's customs:
// the list with its total, a status filter kept in the address (and undone by the back button), a
// shipment found by part of a container number through the suggestions, a search's own results
// page, 5,000 rows that stay few in the DOM, and the page in Arabic.
import type { Browser, Page } from 'playwright-core';
import { answerListsInPage, chooseMode, scrollToEnd } from '../../bench/web-long-list.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser.js';

const CUSTOMS = 'kz-customs@demo.karvon.org';

interface ListItem {
  id: string;
  status: string;
  transportUnits: string[];
}
interface ListPage {
  shipments: ListItem[];
  total: number;
  totalIsLowerBound: boolean;
  nextCursor?: string;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedInPage(): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, CUSTOMS);
  return page;
}

/** The API's own answer, with the page's session: what the page must show. */
async function apiList(page: Page, query: string): Promise<ListPage> {
  const response = await page.request.get(`/api/shipments/?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ListPage;
}

const table = (page: Page) => page.getByRole('table');
const bodyRows = (page: Page) => table(page).locator('.vtable-body [role="row"]');

describe('the Shipments page', () => {
  it('lists the shipments with their total, filters by status in the address, and the back button undoes it', async () => {
    const page = await signedInPage();
    const all = await apiList(page, 'limit=1');
    await page.goto('/shipments');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Shipments' }).count()).toBe(1);
    const totalText = all.totalIsLowerBound ? `More than ${all.total.toLocaleString('en')} shipments` : `${all.total.toLocaleString('en')} shipments`;
    await expect.poll(() => page.getByRole('status').filter({ hasText: totalText }).count()).toBe(1);
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0);
    // Each row links to its shipment.
    const firstHref = await bodyRows(page).first().getByRole('link').first().getAttribute('href');
    expect(firstHref).toBe(`/shipments/${encodeURIComponent(all.shipments[0]!.id)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'shipments-en');

    // Filter by "At the border": only that status is shown, with the API's total for it.
    const atBorder = await apiList(page, 'status=at-border&limit=500');
    expect(atBorder.total).toBeGreaterThan(0);
    await page.getByLabel('Status').selectOption('at-border');
    await expect.poll(() => page.url()).toContain('status=at-border');
    const filteredTotal = atBorder.total === 1 ? '1 shipment' : `${atBorder.total.toLocaleString('en')} shipments`;
    await expect.poll(() => page.getByRole('status').filter({ hasText: filteredTotal }).count()).toBe(1);
    const statuses = await bodyRows(page).locator('.status-badge').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['At the border']));
    // A reload keeps the filter; the back button takes it away again.
    await page.reload();
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('at-border');
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('status=');
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('');
    await page.context().close();
  });

  it('finds a shipment from the header by part of a container number, and shows all results on Enter', async () => {
    const page = await signedInPage();
    const listed = await apiList(page, 'limit=50');
    const withContainer = listed.shipments.find((s) => s.transportUnits.some((u) => u.includes('/container/')))!;
    expect(withContainer).toBeDefined();
    await page.goto('/shipments');
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0);
    // The number as the list shows it, then a part of it from its middle.
    const container = withContainer.transportUnits.find((u) => u.includes('/container/'))!.split('/').at(-1)!;
    const row = bodyRows(page).filter({ hasText: container });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    const part = container.slice(3, 9);
    const box = page.getByRole('combobox', { name: 'Find a shipment' });
    await box.fill(part);
    const options = page.getByRole('listbox', { name: 'Find a shipment' }).getByRole('option');
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const wanted = options.filter({ hasText: container });
    await expect.poll(() => wanted.count()).toBe(1);
    // Move down to it with the arrow keys and open it with Enter.
    const texts = await options.allInnerTexts();
    const index = texts.findIndex((text) => text.includes(container));
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    expect(await wanted.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await wanted.getAttribute('id'));
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain(`/shipments/${encodeURIComponent(withContainer.id)}`);

    // Escape closes the suggestions; Enter with none picked shows the search's own results.
    await box.fill(part);
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain(`/shipments?q=${part}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `Shipments matching “${part}”` }).count()).toBe(1);
    await expect.poll(() => bodyRows(page).filter({ hasText: container }).count()).toBe(1);
    await page.context().close();
  });

  it('keeps 5,000 rows few in the DOM, and reaches the last one by scrolling', async () => {
    const page = await signedInPage();
    const real = (await apiList(page, 'limit=1')).shipments[0]!;
    const ROWS = 5000;
    // The list's requests are answered inside the page from 5,000 copies of a real row
    // (bench/web-long-list.ts; npm run bench:web times the same steps).
    await answerListsInPage(page, real, ROWS);
    await page.goto('/shipments');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '5,000 shipments' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await table(page).getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    const inDom = await bodyRows(page).count();
    expect(inDom).toBeGreaterThan(0);
    expect(inDom).toBeLessThan(100);

    // Another filter shows another 5,000 rows, and scrolling to the end shows the last of them.
    await chooseMode(page, 'road');
    await scrollToEnd(page, ROWS + 1);
    const last = table(page).locator('[aria-rowindex="5001"]');
    expect(await last.getByRole('link').innerText()).toBe('ROAD-05000');
    expect(await last.isVisible()).toBe(true);
    expect(await bodyRows(page).count()).toBeLessThan(100);
    await page.context().close();
  });

  it('reads in Arabic, right to left, with no serious accessibility violations', async () => {
    const page = await signedInPage();
    await page.goto('/shipments');
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'الشحنات' }).count()).toBe(1);
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0);
    expect(await page.getByRole('columnheader', { name: 'الوصول المتوقع' }).count()).toBe(1);
    expect(await page.getByLabel('الحالة').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'shipments-ar');
    await page.context().close();
  });
});
