/**
 * The audit benchmark's store: a Karvon data folder whose audit log holds --entries entries, written
 * the way a node writes them: every `captureEvery`-th entry is a capture of `eventsPerCapture`
 * corridor events through the capture pipeline (its entry written with its events), the others are
 * the small entries of everyday administration (sign-ins, key use, governance) through
 * AuditLog.record. Every append seals, grows the tree and signs a head. A record beside the database
 * (bench-audit.json) lets a later run with the same options reuse it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import type { AuditDraft } from '../src/model/governance.js';
import { openRuntime } from '../src/runtime/runtime.js';
import { serializeJsonLdDocument } from '../src/epcis/jsonld/serialize.js';
import { decodeDocument } from '../src/capture/decode.js';
import { int } from './bench-stats.js';
import { CorridorEventGenerator } from './corridor-events.js';

export interface AuditFillOptions {
  entries: number;
  captureEvery: number;
  eventsPerCapture: number;
  seed: number;
}

export interface AuditFill extends AuditFillOptions {
  events: number;
  seconds: number;
  /** Mean wall time of one small entry's append (seal, tree nodes, signed head, commit), in microseconds. */
  appendMicros: number;
  /** Mean wall time of one capture (decode, validate, hash, store events and entry in one transaction), in milliseconds. */
  captureMillis: number;
  finished: boolean;
}

const ACTIONS = ['auth.sign-in', 'auth.sign-in', 'auth.sign-in', 'key.use', 'auth.sign-out', 'governance.vote', 'organisation.update'] as const;

function adminDraft(i: number): AuditDraft {
  const action = ACTIONS[i % ACTIONS.length]!;
  return {
    actor: { organisationId: `org-${i % 97}`, userId: `user-${i % 1013}`, via: i % 3 === 0 ? 'api-key' : 'session', address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    action,
    target: `org-${i % 97}`,
    outcome: i % 41 === 0 ? 'failure' : 'success',
    details: action === 'governance.vote' ? { proposal: `p-${i % 11}`, vote: 'yes' } : {},
  };
}

/** The store at `dataDir` holding the log `options` asks for, filled now unless a finished fill with the same options is there. */
export async function ensureAuditStore(dataDir: string, options: AuditFillOptions, log: (message: string) => void): Promise<AuditFill & { reused: boolean }> {
  const recordPath = path.join(dataDir, 'bench-audit.json');
  if (fs.existsSync(recordPath)) {
    const record = JSON.parse(fs.readFileSync(recordPath, 'utf8')) as AuditFill;
    const same = record.finished && (['entries', 'captureEvery', 'eventsPerCapture', 'seed'] as const).every((k) => record[k] === options[k]);
    if (same) {
      log(`reusing the store in ${dataDir}: ${int(record.entries)} entries, ${int(record.events)} events`);
      return { ...record, reused: true };
    }
    log(`the store in ${dataDir} was filled with other options; filling it again`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const fill: AuditFill = { ...options, events: 0, seconds: 0, appendMicros: 0, captureMillis: 0, finished: false };
  fs.writeFileSync(recordPath, JSON.stringify(fill, null, 2));

  const config = loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_CAPTURE_LIMIT: String(Math.max(options.eventsPerCapture, 10_000)) });
  const runtime = await openRuntime(config, { trackShipments: false, onError: (error, context) => console.error(`[bench] ${context}:`, error) });
  const generator = new CorridorEventGenerator({ events: Math.ceil(options.entries / options.captureEvery) * options.eventsPerCapture, seed: options.seed });
  const started = performance.now();
  let appendMs = 0;
  let appends = 0;
  let captureMs = 0;
  let captures = 0;
  try {
    for (let seq = 1; seq <= options.entries; seq++) {
      if (seq % options.captureEvery === 0) {
        const events = generator.take(options.eventsPerCapture);
        const bytes = Buffer.from(serializeJsonLdDocument(events, { creationDate: '2026-01-01T00:00:00Z' }));
        const t0 = performance.now();
        const result = await runtime.capture.captureDocument(decodeDocument(bytes, 'json'), { binding: 'json', errorBehaviour: 'rollback' });
        captureMs += performance.now() - t0;
        captures += 1;
        fill.events += result.captured;
        if (result.captured === 0) throw new Error(`capture ${captures} stored no events, so wrote no entry`);
      } else {
        const t0 = performance.now();
        await runtime.audit.record(adminDraft(seq));
        appendMs += performance.now() - t0;
        appends += 1;
      }
      if (seq % 100_000 === 0) log(`  ${int(seq)} entries, ${int(fill.events)} events, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await runtime.close();
  }
  Object.assign(fill, {
    seconds: (performance.now() - started) / 1000,
    appendMicros: (appendMs * 1000) / Math.max(1, appends),
    captureMillis: captureMs / Math.max(1, captures),
    finished: true,
  });
  fs.writeFileSync(recordPath, JSON.stringify(fill, null, 2));
  return { ...fill, reused: false };
}
