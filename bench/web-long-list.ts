/**
 * A long list in the web app's Shipments page, for its browser test and for the load benchmark: the
 * page's list requests are answered inside the page from `count` copies of a real row, numbered by the
 * transport mode asked for (ALL-00001, RAIL-00001...), so that what is measured is the page's own
 * work (parsing and rendering), not a transfer of megabytes, and each filter shows rows of its own.
 */
import type { Page } from 'playwright-core';

/** Must run before the page loads (an init script): replaces the list's fetches with `count` rows. */
export async function answerListsInPage(page: Page, row: unknown, count: number): Promise<void> {
  await page.addInitScript(
    ({ row, count }) => {
      const pages = new Map<string, string>();
      const pageFor = (tag: string) => {
        if (!pages.has(tag)) {
          const shipments = Array.from({ length: count }, (_, i) => {
            const number = `${tag}-${String(i + 1).padStart(5, '0')}`;
            return { ...(row as object), id: `booking:${number}`, references: { booking: [number] } };
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
    { row, count },
  );
}

/**
 * Scrolls the table to its top, picks a transport mode in the list's filter and waits until the
 * table shows the first row of the new list; returns the milliseconds from the pick, measured in
 * the page.
 */
export function chooseMode(page: Page, mode: 'rail' | 'road' | 'sea'): Promise<number> {
  return page.evaluate(async (value) => {
    const select = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Mode of transport')!.control as HTMLSelectElement;
    // From the top of the list, where its first row is drawn (the table keeps its scroll position).
    document.querySelector<HTMLElement>('[role="table"]')!.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined))));
    const start = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const first = `${value.toUpperCase()}-00001`;
    const shown = () => document.querySelector('[role="table"] [aria-rowindex="2"] a')?.textContent;
    await new Promise<void>((resolve, reject) => {
      // A list that never shows fails with what it shows instead, rather than hanging.
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`the first row shows ${shown()} 30 s after choosing ${value}, not ${first}`));
      }, 30_000);
      const observer = new MutationObserver(() => {
        if (shown() === first) {
          clearTimeout(timer);
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      if (shown() === first) {
        clearTimeout(timer);
        observer.disconnect();
        resolve();
      }
    });
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    return performance.now() - start;
  }, mode);
}

/**
 * Scrolls the table from its top to its end and waits (a few hundred frames at most) until the row
 * `lastRowIndex` (aria-rowindex, header row = 1) is in the page; returns the milliseconds it took.
 */
export function scrollToEnd(page: Page, lastRowIndex: number): Promise<number> {
  return page.evaluate(async (index) => {
    const scroller = document.querySelector<HTMLElement>('[role="table"]')!;
    scroller.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined))));
    const start = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    for (let frame = 0; frame < 300 && !scroller.querySelector(`[aria-rowindex="${index}"]`); frame++) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    return performance.now() - start;
  }, lastRowIndex);
}
