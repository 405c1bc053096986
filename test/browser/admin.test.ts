// Administration: Kazakhstan's national coordinator sees the organisations of its country, picks the
// Almaty forwarder and creates a user there — first with a password too short, which the server
// refuses and the form shows next to the password field — and sees the user in the list; it suspends
// and reactivates another organisation of its country. A forwarder
// makes an API key, sees its secret once, and revokes it.
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

describe('administration', () => {
  it('lets a national coordinator create a user in an organisation of its country, with the server’s findings by the field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-coordinator@demo.karvon.org');
    await page.goto('/admin');
    const organisations = page.getByRole('table', { name: /organisations$/ });
    const forwarder = organisations.getByRole('row', { name: /Almaty Cargo Forwarding/ });
    await expect.poll(() => forwarder.count()).toBe(1);
    await forwarder.getByRole('button', { name: 'Show users and keys Almaty Cargo Forwarding (demo)' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Users of Almaty Cargo Forwarding (demo)' }).count()).toBe(1);
    const users = page.getByRole('table', { name: /users?$/ });
    await expect.poll(() => users.getByRole('cell', { name: 'kz-forwarder-almaty@demo.karvon.org' }).count()).toBe(1);

    const form = page.getByRole('form', { name: 'Create a user in Almaty Cargo Forwarding (demo)' });
    const email = `dispatcher-${Date.now()}@almaty-cargo.kz`;
    await form.getByLabel('Name').fill('Aigerim Dispatcher');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('operator');
    await form.getByLabel('Initial password').fill('too short');
    await form.getByRole('button', { name: 'Create user' }).click();
    const password = form.getByLabel('Initial password');
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    // The server's message is the field's description, so it is read with the field.
    const describedBy = (await password.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.join(' ')).toMatch(/password must have at least 12 characters/);

    await password.fill('a long enough passphrase');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => users.getByRole('row', { name: new RegExp(`Aigerim Dispatcher.*${email.replace(/[.]/g, '\\.')}.*Operator.*Active`) }).count()).toBe(1);
    expect(await page.getByText('Aigerim Dispatcher was created.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'API keys of Almaty Cargo Forwarding (demo)' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-en');

    // Suspending an organisation of its country, after confirmation, and reactivating it.
    const astana = organisations.getByRole('row', { name: /Steppe Logistics Astana/ });
    page.once('dialog', (dialog) => void dialog.accept());
    await astana.getByRole('button', { name: 'Suspend Steppe Logistics Astana (demo)' }).click();
    await expect.poll(() => astana.getByRole('cell', { name: 'Suspended' }).count()).toBe(1);
    expect(await page.getByText('Steppe Logistics Astana (demo) is suspended.').count()).toBe(1);
    await astana.getByRole('button', { name: 'Reactivate Steppe Logistics Astana (demo)' }).click();
    await expect.poll(() => astana.getByRole('cell', { name: 'Active' }).count()).toBe(1);
    await context.close();
  });

  it('creates an API key, shows its secret once with a warning, and revokes it after confirmation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'kz-forwarder-almaty@demo.karvon.org');
    await page.goto('/keys');
    await expect.poll(() => page.getByRole('heading', { name: 'API keys', level: 1 }).count()).toBe(1);
    const name = `gate system ${Date.now()}`;
    await page.getByLabel('What the key is for').fill(name);
    await page.getByLabel(/^Administer/).uncheck();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel('Secret', { exact: true });
    await expect.poll(() => secret.inputValue()).toMatch(/^krv_/);
    expect(await page.getByText(/shown only this once/).count()).toBe(1);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Capture, Read|Read, Capture/);
    expect(await seriousViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect.poll(() => row.textContent()).toMatch(/Revoked/);
    expect(await row.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'I have kept it: hide the secret' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
