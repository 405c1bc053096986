/**
 * One side-by-side capture run: the same corridor events go, document by document, (a) through the
 * full capture pipeline (decode + CaptureService.captureDocument) into one fresh store, and (b) as
 * ready-made rows (hash ID, eventID, recordTime precomputed) through the store's own insert into a
 * second fresh store with the same schema. The two alternate per document, so both see the same
 * machine state (caches, GC pressure, database size); only the two calls themselves are timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeDocument } from '../src/capture/decode.js';
import { loadConfig } from '../src/config/config.js';
import { eventHashId } from '../src/epcis/hash/index.js';
import { serializeJsonLdDocument } from '../src/epcis/jsonld/serialize.js';
import { openRuntime, type Runtime } from '../src/runtime/runtime.js';
import { sqliteFileOf } from '../src/store/open-store.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { NewEvent, Store } from '../src/store/store.js';
import { CorridorEventGenerator, type ShipmentRecord } from './corridor-events.js';
import { BENCH_SERVER_ENV } from './karvon-process.js';

export interface CaptureRunOptions {
  events: number;
  /** Events per EPCIS document. */
  batch: number;
  seed: number;
  /** A fresh folder for the two databases. */
  dir: string;
  progress?: (done: number) => void;
}

export interface CaptureRunResult {
  events: number;
  documents: number;
  /** Mean size of one event as compact JSON (the generator's output). */
  eventBytes: number;
  /** Document bytes per event (the JSON-LD actually captured, context hoisted). */
  documentBytesPerEvent: number;
  /** Wall time of decodeDocument + captureDocument over all documents. */
  pipelineMs: number;
  /** The decodeDocument share of pipelineMs. */
  decodeMs: number;
  /** Wall time of store.events.insert(rows) over all documents. */
  rawMs: number;
  pipelineRate: number;
  rawRate: number;
  ratio: number;
  shipments: ShipmentRecord[];
  runtime: Runtime;
  pipelinePath: string;
  raw: Store;
  rawPath: string;
}

const CREATION_DATE = '2026-01-01T00:00:00Z';

/** Runs the two captures side by side; both stores are returned open. */
export async function runCapture(options: CaptureRunOptions): Promise<CaptureRunResult> {
  const pipelineDir = path.join(options.dir, 'pipeline');
  const rawPath = path.join(options.dir, 'raw.db');
  fs.mkdirSync(pipelineDir, { recursive: true });
  const config = loadConfig({
    ...BENCH_SERVER_ENV,
    // The in-process app of the capture benchmark logs no requests (as the server it compares with runs).
    KARVON_LOG_LEVEL: 'warn',
    KARVON_DATA_DIR: pipelineDir,
    KARVON_CAPTURE_LIMIT: String(Math.max(options.batch, 10_000)),
    // A document of `batch` corridor events lists a few items per event; large batches need room.
    KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT: String(Math.max(options.batch * 100, 100_000)),
  });
  // The capture pipeline alone, as measured before shipment folding existed (that is issue 3's benchmark).
  const runtime = await openRuntime(config, { trackShipments: false, onError: (error, context) => console.error(`[bench] ${context}:`, error) });
  const raw = await openSqliteStore({ path: rawPath });

  const generator = new CorridorEventGenerator({ events: options.events, seed: options.seed });
  let done = 0;
  let documents = 0;
  let eventBytes = 0;
  let documentBytes = 0;
  let pipelineMs = 0;
  let decodeMs = 0;
  let rawMs = 0;

  const timePipeline = async (bytes: Buffer, expected: number) => {
    const t0 = performance.now();
    const doc = decodeDocument(bytes, 'json');
    const t1 = performance.now();
    const result = await runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'rollback' });
    const t2 = performance.now();
    if (result.captured !== expected) {
      throw new Error(`pipeline captured ${result.captured} of ${expected} events (${result.duplicates} duplicates, ${result.rejected} rejected)`);
    }
    decodeMs += t1 - t0;
    pipelineMs += t2 - t0;
  };
  const timeRaw = async (rows: NewEvent[]) => {
    const t0 = performance.now();
    const outcome = await raw.events.insert(rows);
    rawMs += performance.now() - t0;
    if (outcome.inserted.length !== rows.length) throw new Error(`raw insert stored ${outcome.inserted.length} of ${rows.length} rows`);
  };

  for (let events = generator.take(options.batch); events.length > 0; events = generator.take(options.batch)) {
    for (const e of events) eventBytes += JSON.stringify(e).length;
    const bytes = Buffer.from(serializeJsonLdDocument(events, { creationDate: CREATION_DATE }));
    documentBytes += bytes.length;
    const rows = preparedRows(bytes);
    // Alternate which side goes first so that neither always inherits the other's garbage.
    if (documents % 2 === 0) {
      await timePipeline(bytes, events.length);
      await timeRaw(rows);
    } else {
      await timeRaw(rows);
      await timePipeline(bytes, events.length);
    }
    documents++;
    done += events.length;
    options.progress?.(done);
  }

  const pipelineRate = done / (pipelineMs / 1000);
  const rawRate = done / (rawMs / 1000);
  return {
    events: done,
    documents,
    eventBytes: eventBytes / done,
    documentBytesPerEvent: documentBytes / done,
    pipelineMs,
    decodeMs,
    rawMs,
    pipelineRate,
    rawRate,
    ratio: pipelineRate / rawRate,
    shipments: generator.shipments,
    runtime,
    pipelinePath: sqliteFileOf(config),
    raw,
    rawPath,
  };
}

/**
 * The rows the pipeline would write for a document, computed outside the timed section: decoded
 * from the same bytes, with the hash ID, eventID (the hash ID when absent) and recordTime set.
 */
function preparedRows(bytes: Buffer): NewEvent[] {
  const recordTime = new Date().toISOString();
  return decodeDocument(bytes, 'json').events.map((event) => {
    const hashID = eventHashId(event, { binding: 'json' });
    return { event: { ...event, eventID: event.eventID ?? hashID, recordTime }, hashID };
  });
}

/** Bytes on disk of a SQLite database and its WAL/shared-memory files. */
export function databaseBytes(file: string): { db: number; wal: number; shm: number } {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return { db: size(file), wal: size(`${file}-wal`), shm: size(`${file}-shm`) };
}
