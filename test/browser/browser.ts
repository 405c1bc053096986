/**
 * Debian's Chromium (bench/chromium.ts: headless, software WebGL so that MapLibre draws), and the
 * steps every journey repeats: sign in as a demo user, check a page with axe-core, take a screenshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchChromium } from '../../bench/chromium.js';

export { DEMO_PASSWORD } from '../../src/sim/demo-organisations.js';
import { DEMO_PASSWORD } from '../../src/sim/demo-organisations.js';

export function karvonUrl(): string {
  return inject('karvonUrl');
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** A fresh browser profile (no cookies, no kept language) in the language asked for. */
export async function newContext(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  return browser.newContext({ baseURL: karvonUrl(), locale, viewport: { width: 1280, height: 900 } });
}

/** Signs in through the sign-in page, the way a person does, and waits for the start page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('/sign-in');
}

/** Serious or critical accessibility violations on the page as it is now (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/**
 * A screenshot of the page: into docs/screenshots/ when KARVON_WRITE_SCREENSHOTS=1 (npm run
 * screenshots, for the README), else into a temporary folder so that test runs leave the tree alone.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const folder = process.env.KARVON_WRITE_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : path.join(process.env.TMPDIR ?? '/tmp', 'karvon-screenshots');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The base map's colours (web/src/map/style.ts) and the marker of the current place, as drawn. */
export const MAP_COLOURS = { water: [0xcf, 0xe2, 0xee], land: [0xf5, 0xf2, 0xea], current: [0xc2, 0x41, 0x0c] } as const;

/**
 * What the map's canvas shows, decoded in the page from a screenshot of it: how many pixels are near
 * each colour asked about, and how many distinct colours there are.
 */
export async function canvasColours(page: Page, colours: Record<string, readonly number[]>): Promise<{ distinct: number; near: Record<string, number> }> {
  const png = await page.locator('.corridor-map-canvas canvas').screenshot();
  return page.evaluate(
    async ({ base64, colours }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const distinct = new Set<number>();
      const near: Record<string, number> = Object.fromEntries(Object.keys(colours).map((name) => [name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        distinct.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        for (const [name, [r, g, b]] of Object.entries(colours)) {
          if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= 12) near[name]!++;
        }
      }
      return { distinct: distinct.size, near };
    },
    { base64: png.toString('base64'), colours },
  );
}

