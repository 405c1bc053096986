// The first journey: a new user opens the app, sees the demo's sign-ins, signs in with one click as
// Kazakhstan's customs, finds the pages meant for customs, and signs out; an unknown page says so.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('lists the demo sign-ins, signs in with one of them and back out, and sends a visitor to sign in first', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/shipments');
    await expect.poll(() => page.url()).toContain('/sign-in?next=%2Fshipments');
    await page.getByRole('button', { name: /kz-customs@demo\.karvon\.org/ }).click();
    expect(await page.getByLabel(/password/i).inputValue()).not.toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-en');
    await page.getByRole('button', { name: /^sign in$/i }).click();
    // Back to the page asked for, signed in, with the navigation for customs.
    await expect.poll(() => page.url()).toContain('/shipments');
    await expect.poll(() => page.getByText(/Signed in as/).count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Pages' });
    expect(await nav.getByRole('link', { name: 'Border crossings' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
    await context.close();
  });

  it('answers an unknown page with "no page here"', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/no/such/page');
    await expect.poll(() => page.getByRole('heading', { name: 'There is no page here' }).count()).toBe(1);
    await context.close();
  });
});
