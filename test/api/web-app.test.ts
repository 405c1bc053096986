// The web app served by the API's server: its page at /, its files with their types, the page again
// for a browser's page request anywhere outside the API (SPA fallback), the API's own 404 problem
// everywhere else, a public tracking link's address answered as a page to a browser and as JSON to
// everybody else, and a clear word at / when the app was not built. What the pages do in a browser
// is tested in test/browser/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWebRoot, prefersPage, WEB_APP_NOT_BUILT } from '../../src/api/plugins/web-app.js';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { containerIri } from '../../src/domain/epcis-profile.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { doc, movement } from '../projections/profile-events.js';
import { uuid } from '../store/corridor-events.js';

const INDEX = '<!doctype html><html lang="en"><head><script type="module" crossorigin src="/assets/index-abc123.js"></script><link rel="stylesheet" href="/assets/index-abc123.css"></head><body><div id="root"></div></body></html>';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let built: TestApp;
let unbuilt: TestApp;
let webRoot: string;

beforeAll(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX);
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log("karvon");\n');
  // The build's compressed copies (web/vite.config.ts).
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync('console.log("karvon");\n'));
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js.gz'), zlib.gzipSync('console.log("karvon");\n'));
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-abc123.css'), 'body { margin: 0 }\n');
  built = await startTestApp({}, {}, { caller: 'anonymous', build: { webRoot } });
  unbuilt = await startTestApp({}, {}, { caller: 'anonymous', build: { webRoot: path.join(webRoot, 'missing') } });
});
afterAll(async () => {
  await built?.close();
  await unbuilt?.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

describe('the web app', () => {
  it('is served at / to anybody, with its script tag and a policy that lets it load its own files only', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/', headers: { accept: HTML } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<script type="module" crossorigin src="/assets/index-abc123.js"></script>');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    // The map's workers are a file of the app's own: no blob: or remote source for them.
    expect(csp).toContain("worker-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('blob:');
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('serves its assets with their content types, cached for good', async () => {
    const script = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.body).toContain('karvon');
    const style = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.css' });
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });

  it('sends the compressed copy of a file to a browser that accepts it, the plain file to one that does not', async () => {
    const brotli = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toContain('karvon');
    const gzip = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toContain('karvon');
    const plain = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('karvon');
  });

  it('answers a page request for a path of the app with its index (SPA fallback)', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/shipments/urn:karvon:shipment:1?tab=events', headers: { accept: HTML } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain("default-src 'none'");
    expect(response.body).toBe(INDEX);
  });

  it('answers a missing asset, or a path asked for without text/html, with the 404 problem', async () => {
    for (const request of [
      { url: '/assets/gone.js', headers: { accept: '*/*' } },
      { url: '/shipments', headers: { accept: 'application/json' } },
    ]) {
      const response = await built.app.inject({ method: 'GET', ...request });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('leaves the API alone: unknown API paths answer the same 404 problem as without the app, even to a browser', async () => {
    for (const url of ['/api/unknown', '/epcis/unknown', '/docs/unknown', '/api', '/health/x']) {
      for (const accept of [HTML, 'application/json']) {
        const withApp = await built.app.inject({ method: 'GET', url, headers: { accept } });
        const withoutApp = await unbuilt.app.inject({ method: 'GET', url, headers: { accept } });
        expect(withApp.statusCode, url).toBe(404);
        expect(withApp.headers['content-type'], url).toMatch(/^application\/problem\+json/);
        expect(withApp.json(), url).toEqual(withoutApp.json());
        expect(withApp.headers['content-security-policy'], url).toBe(withoutApp.headers['content-security-policy']);
        expect(withApp.headers['content-security-policy'], url).toContain("default-src 'none'");
        expect(withApp.json(), url).toMatchObject({ status: 404, instance: url });
      }
    }
    const post = await built.app.inject({ method: 'POST', url: '/somewhere', headers: { accept: HTML }, payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API routes answering as before', async () => {
    expect((await built.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const me = await built.app.inject({ method: 'GET', url: '/api/auth/me', headers: { accept: HTML } });
    expect(me.statusCode).toBe(401);
    expect(me.headers['content-type']).toMatch(/^application\/problem\+json/);
    const openapi = await built.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(openapi.headers['content-type']).toMatch(/^application\/json/);
    // The app's routes are not part of the API's contract.
    expect(Object.keys((openapi.json() as { paths: Record<string, unknown> }).paths).filter((p) => !/^\/(api|epcis|health|ready)\b/.test(p))).toEqual([]);
  });

  it('says to run npm run build at / when the app was not built', async () => {
    const response = await unbuilt.app.inject({ method: 'GET', url: '/', headers: { accept: HTML } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe(WEB_APP_NOT_BUILT);
    expect(response.body).toContain('npm run build');
  });

  it("is the build's web/dist by default, which names its hashed script", async () => {
    const root = defaultWebRoot();
    expect(root).toBe(path.resolve(import.meta.dirname, '../../web/dist'));
    // npm install builds it (prepare); a checkout that skipped the build has no app to check.
    if (!fs.existsSync(path.join(root, 'index.html'))) return;
    const t = await startTestApp({}, {}, { caller: 'anonymous' });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/', headers: { accept: HTML } });
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(page.body);
      expect(script).not.toBeNull();
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const asset = await t.app.inject({ method: 'GET', url: script![1]! });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    } finally {
      await t.close();
    }
  });
});

describe('GET /api/auth/demo-sign-ins', () => {
  it('lists no one when the server does not run the demo', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/auth/demo-sign-ins' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ demo: false, signIns: [] });
  });

  it("lists the demo users with the demo's published password while it runs", async () => {
    const t = await startTestApp({}, {}, { caller: 'anonymous', build: { webRoot, demoSignIns: () => [{ email: 'kz-customs@demo.karvon.org', organisation: 'Customs of Kazakhstan', password: 'karvon-demo-2026' }] } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/demo-sign-ins' });
      expect(response.json()).toEqual({ demo: true, signIns: [{ email: 'kz-customs@demo.karvon.org', organisation: 'Customs of Kazakhstan', password: 'karvon-demo-2026' }] });
    } finally {
      await t.close();
    }
  });
});

describe("a public tracking link's address", () => {
  let link = '';
  let revoked = '';

  beforeAll(async () => {
    // Dostyk station reports goods it hands to the railway, which may then hand out links to them.
    const party = 'urn:epc:id:pgln:4870001.00701';
    const keyOf = async (organisation: OrganisationInput) => {
      await built.runtime.access.createOrganisation('cli', organisation);
      return { authorization: `Bearer ${(await built.runtime.access.createApiKey('cli', { organisationId: organisation.id, name: 'test', scopes: ['read', 'capture'] })).secret}` };
    };
    const headers = await keyOf({ id: 'kz-rail', name: 'KTZ Express', kind: 'carrier', country: 'KZ', locations: ['dostyk'], partyIds: [party] });
    const station = await keyOf({ id: 'kz-dostyk-station', name: 'Dostyk station', kind: 'railway', country: 'KZ', locations: ['dostyk'], partyIds: [] });
    const event = movement('arrived-at-border', { id: uuid(1, 12), time: '2026-03-04T06:00:00Z', at: 'dostyk', units: [containerIri('MSKU1234565')], docs: [doc.smgs('70012345')], fields: { country: 'KZ', transportMode: 'rail' } });
    const handedOver = { ...event, sourceList: [{ type: 'possessing_party', source: party }] };
    const captured = await built.app.inject({ method: 'POST', url: '/epcis/events', headers: { ...station, 'content-type': 'application/ld+json' }, payload: JSON.stringify(handedOver) });
    expect(captured.statusCode).toBe(201);
    await built.runtime.followers.caughtUp();
    const create = () => built.app.inject({ method: 'POST', url: '/api/shipments/smgs%3A70012345/public-links', headers: { ...headers, 'content-type': 'application/json' }, payload: '{}' });
    link = ((await create()).json() as { url: string }).url;
    const withdrawn = (await create()).json() as { id: string; url: string };
    expect((await built.app.inject({ method: 'DELETE', url: `/api/public-links/${withdrawn.id}`, headers })).statusCode).toBe(204);
    revoked = withdrawn.url;
  });

  it("answers a browser's page request with the app's page, under the app's policy and without a referrer", async () => {
    const response = await built.app.inject({ method: 'GET', url: link, headers: { accept: HTML } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers.vary).toMatch(/accept/i);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    // The token is in the address: the page's own requests must not carry it elsewhere.
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers JSON to application/json, to */*, to curl and to a client that says nothing', async () => {
    for (const accept of ['application/json', '*/*', 'application/json, text/html;q=0.9', 'text/html;q=0.5, */*', undefined]) {
      const response = await built.app.inject({ method: 'GET', url: link, headers: accept === undefined ? {} : { accept } });
      expect(response.statusCode, accept).toBe(200);
      expect(response.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(response.headers.vary, accept).toMatch(/accept/i);
      expect(response.headers['content-security-policy'], accept).toContain("default-src 'none'");
      expect(response.json(), accept).toMatchObject({ status: 'at-border', lastLocation: { name: 'Dostyk', country: 'KZ' }, lastSeenAt: '2026-03-04T06:00:00Z' });
    }
  });

  it('gives the page for a revoked or unknown link too (it says the link is gone), and JSON the 404 problem', async () => {
    for (const url of [revoked, '/api/public/track/not-a-token']) {
      const page = await built.app.inject({ method: 'GET', url, headers: { accept: HTML } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toBe(INDEX);
      const data = await built.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      expect(data.statusCode, url).toBe(404);
      expect(data.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers JSON to a browser when the app was not built, and leaves other methods to the API', async () => {
    const response = await unbuilt.app.inject({ method: 'GET', url: '/api/public/track/not-a-token', headers: { accept: HTML } });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const head = await built.app.inject({ method: 'HEAD', url: link, headers: { accept: 'application/json' } });
    expect(head.statusCode).toBe(200);
    const post = await built.app.inject({ method: 'POST', url: link, headers: { accept: HTML }, payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('takes the page only when text/html is wanted more than JSON, by quality and specificity', () => {
    expect(prefersPage(HTML)).toBe(true);
    expect(prefersPage('text/html')).toBe(true);
    expect(prefersPage('text/*, application/json;q=0.5')).toBe(true);
    expect(prefersPage('application/json;q=0.5, text/html')).toBe(true);
    expect(prefersPage(undefined)).toBe(false);
    expect(prefersPage('*/*')).toBe(false);
    expect(prefersPage('application/json')).toBe(false);
    expect(prefersPage('text/html, application/json')).toBe(false);
    expect(prefersPage('text/html;q=0, */*')).toBe(false);
    expect(prefersPage('text/html;q=0.8, application/*')).toBe(false);
    expect(prefersPage('text/html;q=abc, */*;q=0.1')).toBe(false);
  });
});
