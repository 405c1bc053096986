import { Writable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testStorePlace } from '../helpers/stores.js';
import { parseApiKey } from '../../src/access/tokens.js';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/runtime/logger.js';
import { openRuntime } from '../../src/runtime/runtime.js';

const BOOTSTRAP = 'log-test-bootstrap-token-0123456789abcdef';
const PASSWORD = 'never-in-the-logs-please';

describe('secrets and the log', () => {
  it('never writes passwords, key secrets, tokens or session cookies to the log', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-auth-log-'));
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_DATABASE_URL: testStorePlace(dataDir).databaseUrl, KARVON_BOOTSTRAP_TOKEN: BOOTSTRAP }), { logger: createLogger({ level: 'trace', stream }) });
    const app = await buildApp(runtime);
    try {
      const operator = { authorization: `Bearer ${BOOTSTRAP}`, 'content-type': 'application/json' };
      expect((await app.inject({ method: 'POST', url: '/api/organisations', headers: operator, payload: { id: 'kz-rail', name: 'KZ railway', kind: 'railway', country: 'KZ' } })).statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/api/organisations/kz-rail/users', headers: operator, payload: { email: 'a@rail.kz', name: 'A', role: 'admin', password: PASSWORD } })).statusCode).toBe(201);
      const key = (await app.inject({ method: 'POST', url: '/api/keys', headers: operator, payload: { organisationId: 'kz-rail', name: 'k', scopes: ['read'] } })).json().secret as string;
      const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: { email: 'a@rail.kz', password: PASSWORD } });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: { email: 'a@rail.kz', password: `${PASSWORD}-wrong` } });
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${key}` } });
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${key}x` } });

      const log = lines.join('');
      // The log is written: the test would pass vacuously otherwise.
      expect(log).toContain('/api/auth/sign-in');
      for (const secret of [PASSWORD, BOOTSTRAP, key, parseApiKey(key)!.secret, cookie.split('=')[1]!]) expect(log).not.toContain(secret);
    } finally {
      await app.close();
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
