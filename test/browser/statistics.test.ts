// Statistics for the secretariat: totals, shipments by status and corridor, dwell at crossings and
// ports, leg times and events per day, as charts (Chart.js, which only this page loads) that actually
// drew, each with its table; Arabic mirrors it. An organisation that may not read them is told so.
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

/** How many pixels of the canvas are painted (not transparent). */
function paintedPixels(page: Page, name: string): Promise<number> {
  return page.getByRole('img', { name }).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
    return painted;
  });
}

describe('statistics', () => {
  it('draws the charts with their tables, loading Chart.js only here', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await signIn(page, 'secretariat@demo.karvon.org');
    await page.goto('/governance');
    await expect.poll(() => page.getByRole('heading', { name: 'Member states' }).count()).toBe(1);
    expect(scripts.filter((url) => url.includes('chart-setup'))).toEqual([]);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Statistics' }).click();
    const byStatusChart = /number of shipments in each status/;
    await expect.poll(() => page.getByRole('img', { name: byStatusChart }).count()).toBe(1);
    await expect.poll(() => paintedPixels(page, 'Bar chart of the number of shipments in each status; the figures are in the table next to it.')).toBeGreaterThan(1000);
    expect(scripts.filter((url) => url.includes('chart-setup'))).toHaveLength(1);

    const byStatus = page.getByRole('table', { name: 'Shipments by status' });
    const delivered = Number((await byStatus.getByRole('row', { name: /^Delivered/ }).getByRole('cell').textContent())!.replace(/\D/g, ''));
    expect(delivered).toBeGreaterThan(0);
    const dwell = page.getByRole('table', { name: 'Dwell at border crossings and ports' });
    expect(await dwell.getByRole('row').count()).toBeGreaterThan(3);
    expect(await dwell.getByRole('columnheader', { name: 'Typical (median)' }).count()).toBe(1);
    const perDay = page.getByRole('table', { name: 'Events per day' });
    expect(await perDay.getByRole('row').count()).toBeGreaterThan(4);
    // Three days of the series, as the API's from and to give them.
    const { eventsPerDay } = (await (await page.request.get('/api/statistics/')).json()) as { eventsPerDay: { day: string }[] };
    await page.getByLabel('From', { exact: true }).fill(eventsPerDay[1]!.day);
    await page.getByLabel('To', { exact: true }).fill(eventsPerDay[3]!.day);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.getByText('3 days shown.').count()).toBe(1);
    expect(await perDay.getByRole('row').count()).toBe(4); // a header and three days
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-en');

    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.getByRole('heading', { name: 'إحصاءات الممرات' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => paintedPixels(page, 'مخطط أعمدة لعدد الشحنات في كل حالة؛ الأرقام في الجدول المجاور.')).toBeGreaterThan(1000);
    expect(await page.getByRole('table', { name: 'الشحنات حسب الحالة' }).getByRole('rowheader', { name: 'سُلّمت' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'statistics-ar');
    await context.close();
  });

  it('tells an organisation that may not read network statistics why', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-forwarder-almaty@demo.karvon.org');
    await page.goto('/statistics');
    await expect.poll(() => page.getByText(/your organisation may not read them/).count()).toBe(1);
    expect(await page.getByRole('img').count()).toBe(0);
    await context.close();
  });
});
