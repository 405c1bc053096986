/**
 * Every capture's audit entry is written by the transaction that stores its events: one entry per
 * committed batch, none for a batch of duplicates, none and no events when the entry cannot be
 * written; and a resumed job logs the events an earlier run stored without an entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/bus/event-bus.js';
import { CaptureService } from '../../src/capture/capture-service.js';
import { decodeDocument } from '../../src/capture/decode.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import { AuditLog } from '../../src/governance/audit-log.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { arriving, departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';

const now = () => new Date('2026-11-30T10:00:00Z');
let store: Store;
let capture: CaptureService;
let audit: AuditLog;

beforeEach(async () => {
  store = await openTestStore();
  audit = new AuditLog(store, now, testAuditKey());
  capture = new CaptureService({ store, bus: new EventBus(), now, audit }, { captureLimit: 1000 });
});
afterEach(async () => {
  await capture.idle();
  await store.close();
});

const entries = () => store.audit.list({ limit: 100 });

describe('the audit entry of a capture', () => {
  it('is written with the events, one per batch, naming the binding, the job and every stored hash ID', async () => {
    const job = await capture.submit(Buffer.from(xmlDocument([departing(1), arriving(1)])), 'application/xml', 'rollback');
    await capture.idle();
    const [entry] = await entries();
    const stored = await store.events.logged(0, 10);
    expect(entry).toMatchObject({ seq: 1, action: 'epcis.capture', target: job.id, actor: { via: 'system' }, details: { events: 2, binding: 'xml', hashIDs: stored.map((e) => e.hashID) } });
    expect(stored.map((e) => e.auditSeq)).toEqual([1, 1]);
    // The same events again: nothing stored, nothing logged.
    const again = await capture.submit(Buffer.from(jsonDocument([departing(1)])), 'application/ld+json', 'rollback');
    await capture.idle();
    expect((await store.captureJobs.get(again.id))).toMatchObject({ captured: 0, duplicates: 1 });
    expect(await entries()).toHaveLength(1);
  });

  it('cannot be skipped: when it cannot be written, the events are not stored either', async () => {
    await audit.record({ actor: { via: 'cli' }, action: 'export', outcome: 'success', details: {} });
    // A node holding another key cannot append to this log, so it cannot capture into it.
    const impostor = new CaptureService({ store, bus: new EventBus(), now, audit: new AuditLog(store, now, testAuditKey()) }, { captureLimit: 1000 });
    const job = await impostor.submit(Buffer.from(jsonDocument([departing(2)])), 'application/ld+json', 'rollback');
    await impostor.idle();
    expect(await store.captureJobs.get(job.id)).toMatchObject({ status: 'failed' });
    expect(await store.events.total()).toBe(0);
    expect(await entries()).toHaveLength(1);
  });

  it('of a job resumed after an earlier version stored its events without an entry, is written then', async () => {
    const body = jsonDocument([departing(3), arriving(3)]);
    await store.captureJobs.create({ id: 'job-crashed', errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: '2026-11-30T09:00:00Z' }, Buffer.from(body));
    // What the crashed run left: the events, with their job, and no entry.
    const rows = decodeDocument(body, 'json').events;
    await store.events.insert(rows.map((event) => ({ event: { ...event, eventID: eventHashId(event), recordTime: '2026-11-30T09:00:01Z' }, hashID: eventHashId(event), captureJobID: 'job-crashed' })));
    expect((await store.events.logged(0, 10)).map((e) => e.auditSeq)).toEqual([undefined, undefined]);

    expect(await capture.resumeUnfinished()).toBe(1);
    await capture.idle();
    expect(await store.captureJobs.get('job-crashed')).toMatchObject({ status: 'success', captured: 0, duplicates: 2 });
    const [entry] = await entries();
    expect(entry).toMatchObject({ target: 'job-crashed', details: { events: 2, recovered: 2 } });
    expect((await store.events.logged(0, 10)).map((e) => e.auditSeq)).toEqual([1, 1]);
  });
});
