/**
 * Measures "all events of one shipment" in a fresh process on an existing database, so that the
 * figure is not skewed by the garbage and heap of the capture that filled it (a server that
 * restarted, or a reader next to the writer). Run by capture.bench.ts:
 *   node query-worker.js <database> <sample.json>   (prints a LatencyResult as JSON)
 */
import fs from 'node:fs';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { ShipmentRecord } from './corridor-events.js';
import { storeQueryLatency } from './query-latency.js';

const [database, samplePath] = process.argv.slice(2);
if (!database || !samplePath) {
  console.error('usage: query-worker.js <database> <sample.json>');
  process.exit(2);
}
const sample = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as ShipmentRecord[];
const store = await openSqliteStore({ path: database });
try {
  process.stdout.write(JSON.stringify(await storeQueryLatency(store, sample)));
} finally {
  await store.close();
}
