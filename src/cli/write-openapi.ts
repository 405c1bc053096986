/**
 * Writes the server's OpenAPI document (what GET /openapi.json answers) to a file, without a
 * network server: the app is built in-process on a throw-away data folder and asked for its
 * document. The web app's typed client is generated from that file (npm run build:web):
 *
 *   node dist/src/cli/write-openapi.js web/openapi.json
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../api/app.js';
import { loadConfig } from '../config/config.js';
import { openRuntime } from '../runtime/runtime.js';
import { packageVersion } from './package-version.js';

/** The OpenAPI document of a freshly built app, as /openapi.json serves it. */
export async function openApiDocument(): Promise<unknown> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-openapi-'));
  try {
    const config = loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_LOG_LEVEL: 'silent' });
    const runtime = await openRuntime(config, { trackShipments: false, onError: () => {} });
    try {
      const app = await buildApp(runtime, { version: packageVersion() });
      try {
        await app.ready();
        return app.swagger();
      } finally {
        await app.close();
      }
    } finally {
      await runtime.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const out = process.argv[2];
if (out !== undefined && process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
