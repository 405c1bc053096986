// Governance and the audit log: the council sees the member states, the chair and its terms, and the
// proposals with each member's vote, in English and in Arabic (right to left); a national coordinator
// opens a proposal and votes on it, and is told plainly why a proposal the API refuses was not
// opened; the council reads the audit log page by page and verifies it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, seriousViolations, signIn } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('governance', () => {
  it('shows the member states, the chair and the votes of each proposal, in English and in Arabic', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'council@demo.karvon.org');
    await page.goto('/governance');
    const members = page.getByRole('table', { name: /^\d+ member states$/ });
    await expect.poll(() => members.getByRole('row').count()).toBe(7); // a header and the six members
    expect(await members.getByRole('rowheader', { name: 'Kazakhstan (KZ)' }).count()).toBe(1);
    // The demo's chair is Turkmenistan, and the terms before it are listed with their dates.
    expect(await page.getByText(/^Turkmenistan chairs the network since .+ 20\d\d\.$/).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Terms of the chair' }).getByRole('row').count()).toBeGreaterThan(2);
    // Azerbaijan's admission: accepted, each elector's vote in words.
    const admission = page.getByRole('article', { name: 'Admission of Azerbaijan' });
    expect(await admission.getByText('Accepted').count()).toBe(1);
    const votes = admission.getByRole('table', { name: 'Votes of the member states' });
    expect(await votes.getByRole('row', { name: /Kazakhstan.*Yes/ }).count()).toBe(1);
    // The council does not vote: no vote buttons.
    expect(await page.getByRole('button', { name: /^Vote / }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'governance-en');

    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.getByRole('heading', { name: 'الحوكمة', level: 1 }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('heading', { name: 'الرئاسة' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'قبول أذربيجان' }).getByText('مقبول').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'governance-ar');
    await context.close();
  });

  it('lets a national coordinator open a proposal and vote on it, and says why one is refused', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-coordinator@demo.karvon.org');
    await page.goto('/governance');
    const form = page.getByRole('form', { name: 'Open a proposal' });
    await expect.poll(() => form.count()).toBe(1);

    // Georgia has no national coordinator yet: the server's reason is shown.
    await form.getByLabel('State', { exact: true }).fill('GE');
    await form.getByRole('button', { name: 'Open proposal' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/Georgia \(GE\) has no active national coordinator/);

    await form.getByLabel('Proposal').selectOption('suspension');
    await form.getByLabel('State', { exact: true }).fill('TJ');
    await form.getByLabel('Motivation (optional)').fill('Browser test: a suspension Kazakhstan then votes down');
    await form.getByRole('button', { name: 'Open proposal' }).click();
    const proposal = page.getByRole('article', { name: 'Suspension of Tajikistan' }).first();
    await expect.poll(() => proposal.getByText('Open for votes').count()).toBe(1);
    expect(await proposal.getByRole('row', { name: /Kazakhstan.*Not voted yet/ }).count()).toBe(1);

    await proposal.getByRole('button', { name: 'Vote no' }).click();
    await expect.poll(() => proposal.getByText('Your vote “No” is recorded.').count()).toBe(1);
    expect(await proposal.getByText('Rejected').count()).toBe(1);
    expect(await proposal.getByRole('row', { name: /Kazakhstan.*No/ }).count()).toBe(1);
    expect(await proposal.getByRole('button', { name: /^Vote / }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('audit log', () => {
  it('shows the entries page by page and the verification of the whole log', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'council@demo.karvon.org');
    await page.goto('/audit');
    const entries = page.getByRole('table', { name: 'Audit log entries' });
    await expect.poll(() => entries.getByRole('row').count()).toBe(51); // a header and a page of 50
    expect(await page.getByText('Entries 1 to 50').count()).toBe(1);
    expect(await entries.getByRole('cell', { name: 'organisation.create' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByText('Entries 51 to 100').count()).toBe(1);

    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByText(/The log is sound: all [\d,]+ entries verified\./).count(), { timeout: 30_000 }).toBe(1);
    const result = page.locator('.verify-result');
    expect(await result.getByText('Valid', { exact: true }).count()).toBe(1);
    expect(await result.locator('code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-en');
    await context.close();
  });
});
