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
