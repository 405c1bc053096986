// The web app served by the API's server: its page at /, its files with their types, the page again
// for a browser's page request anywhere outside the API (SPA fallback), the API's own 404 problem
// everywhere else, and a clear word at / when the app was not built. Browser tests (Chromium) are
// not part of this step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWebRoot, WEB_APP_NOT_BUILT } from '../../src/api/plugins/web-app.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

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
    expect(csp).not.toContain('unsafe-inline');
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
