import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/api/app.js';
import { loadConfig, type KarvonConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/runtime/logger.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { testStorePlace } from './stores.js';

/** The bootstrap token every test app accepts: it acts as the network operator. */
export const TEST_BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Who requests come from when they carry no credentials of their own: the network operator
   * (default, through the bootstrap token, so tests of other features need not sign in) or nobody
   * ('anonymous': requests go out exactly as written, for tests of authentication).
   */
  caller?: 'network-operator' | 'anonymous';
  /** Passed to buildApp. */
  build?: BuildOptions;
  /** The runtime's logger (e.g. one writing to a stream the test reads); background errors are then logged, not dropped. */
  logger?: Logger;
}

/**
 * TEST ONLY: requests without an Authorization header and without a cookie are sent with the
 * bootstrap token. Done by wrapping inject() rather than by a hook, because the authentication hook
 * of the app runs before any hook a test could add afterwards.
 */
function injectAsNetworkOperator(app: FastifyInstance): void {
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => ReturnType<FastifyInstance['inject']>;
  const withToken = (options: InjectOptions | string): InjectOptions | string => {
    const written = typeof options === 'string' ? { url: options } : options;
    const headers = (written.headers ?? {}) as Record<string, unknown>;
    const names = Object.keys(headers).map((name) => name.toLowerCase());
    if (names.includes('authorization') || names.includes('cookie') || written.cookies !== undefined) return options;
    return { ...written, headers: { ...headers, authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` } };
  };
  (app as { inject: unknown }).inject = (options?: InjectOptions | string) => {
    if (options === undefined) throw new Error('test-app: use inject({ ... }); the chained form is not wrapped');
    return inject(withToken(options));
  };
}

/** A Karvon server on a fresh data folder, driven with inject(). */
export async function startTestApp(env: Record<string, string> = {}, overrides: Partial<KarvonConfig> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-test-'));
  // Silent unless a test asks for a log level (or passes a logger writing to a stream of its own).
  // The store is the tests' store (test/helpers/stores.ts), kept in the data folder.
  const config = loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_DATABASE_URL: testStorePlace(dataDir).databaseUrl, KARVON_BOOTSTRAP_TOKEN: TEST_BOOTSTRAP_TOKEN, KARVON_LOG_LEVEL: 'silent', ...env }, overrides);
  const runtime = await openRuntime(config, options.logger ? { logger: options.logger } : { onError: () => {} });
  const app = await buildApp(runtime, options.build);
  if ((options.caller ?? 'network-operator') === 'network-operator') injectAsNetworkOperator(app);
  return {
    app,
    runtime,
    dataDir,
    async close() {
      await app.close();
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
