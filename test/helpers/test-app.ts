import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { loadConfig, type KarvonConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  dataDir: string;
  close(): Promise<void>;
}

/** A Karvon server on a fresh data folder, driven with inject(). */
export async function startTestApp(env: Record<string, string> = {}, overrides: Partial<KarvonConfig> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-test-'));
  const config = loadConfig({ KARVON_DATA_DIR: dataDir, ...env }, overrides);
  const runtime = await openRuntime(config, { onError: () => {} });
  const app = await buildApp(runtime);
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
