// The Shipments page and the header's search box, against the living demo as Kazakhstan's customs:
// the list with its total, a status filter kept in the address (and undone by the back button), a
// shipment found by part of a container number through the suggestions, a search's own results
// page, 5,000 rows that stay few in the DOM, and the page in Arabic.
import type { Browser, Page } from 'playwright-core';
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

/** The median of five. */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

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

  it('keeps 5,000 rows quick: few of them in the DOM, the last one reached by scrolling', async () => {
    const page = await signedInPage();
    const real = (await apiList(page, 'limit=1')).shipments[0]!;
    const ROWS = 5000;
    // The list's requests are answered inside the page, from 5,000 copies of a real row numbered by
    // the mode asked for (ALL-00001, RAIL-00001...), so that the times below are the page's own
    // (parsing and rendering, not a transfer of 10 MB) and each filter shows rows of its own.
    await page.addInitScript(
      ({ row, count }) => {
        const pages = new Map<string, string>();
        const pageFor = (tag: string) => {
          if (!pages.has(tag)) {
            const shipments = Array.from({ length: count }, (_, i) => {
              const number = `${tag}-${String(i + 1).padStart(5, '0')}`;
              return { ...row, id: `booking:${number}`, references: { booking: [number] } };
            });
            pages.set(tag, JSON.stringify({ shipments, total: count, totalIsLowerBound: false }));
          }
          return pages.get(tag)!;
        };
        for (const tag of ['ALL', 'RAIL', 'ROAD', 'SEA']) pageFor(tag);
        const realFetch = window.fetch.bind(window);
        window.fetch = async (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input), location.href);
          if (url.pathname !== '/api/shipments/') return realFetch(input, init);
          const body = pageFor((url.searchParams.get('mode') ?? 'all').toUpperCase());
          return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
        };
      },
      { row: real, count: ROWS },
    );
    await page.goto('/shipments');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '5,000 shipments' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await table(page).getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    const inDom = await bodyRows(page).count();
    expect(inDom).toBeGreaterThan(0);
    expect(inDom).toBeLessThan(100);

    // Render: from choosing a filter to the 5,000 rows' table on screen, measured in the page.
    const renders: number[] = [];
    for (const mode of ['rail', 'road', 'sea', 'rail', 'road']) {
      renders.push(
        await page.evaluate(async (value) => {
          const select = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Mode of transport')!.control as HTMLSelectElement;
          const start = performance.now();
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          // Done when the table shows the first row of the new list.
          const first = `${value.toUpperCase()}-00001`;
          await new Promise<void>((resolve) => {
            const done = () => document.querySelector('[role="table"] [aria-rowindex="2"] a')?.textContent === first;
            const observer = new MutationObserver(() => {
              if (done()) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            if (done()) resolve();
          });
          await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
          return performance.now() - start;
        }, mode),
      );
    }

    // Scroll: from the top to the end of the list, until the last row is in the page.
    const scrolls: number[] = [];
    for (let i = 0; i < 5; i++) {
      scrolls.push(
        await page.evaluate(async () => {
          const scroller = document.querySelector<HTMLElement>('[role="table"]')!;
          scroller.scrollTop = 0;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined))));
          const start = performance.now();
          scroller.scrollTop = scroller.scrollHeight;
          // A few hundred frames at most: a list that never shows its end fails below, not by hanging.
          for (let frame = 0; frame < 300 && !scroller.querySelector('[aria-rowindex="5001"]'); frame++) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
          await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
          return performance.now() - start;
        }),
      );
    }
    const last = table(page).locator('[aria-rowindex="5001"]');
    expect(await last.getByRole('link').innerText()).toBe('ROAD-05000');
    expect(await last.isVisible()).toBe(true);
    expect(await bodyRows(page).count()).toBeLessThan(100);
    console.log(`5,000 rows: render median ${median(renders).toFixed(0)} ms (${renders.map((r) => r.toFixed(0)).join(', ')}); scroll to the end median ${median(scrolls).toFixed(0)} ms (${scrolls.map((s) => s.toFixed(0)).join(', ')})`);
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
