// The last handlers: store the positions, capture the events they gave rise to, wake the live feed.
import type { EpcisEvent } from '../../epcis/model.js';
import type { LonLat } from '../../reference/types.js';
import {
  borderCrossingEvent,
  placeArrivalEvent,
  placeDepartureEvent,
  routeDeviationEvent,
  routeRejoinedEvent,
  sealStatusEvent,
  signalRecoveredEvent,
  type DerivedSubject,
} from '../derived-events.js';
import type { SealCode } from '../../model/telemetry.js';
import { live, type ReadingItem, type TelemetryBatch } from '../pipeline-batch.js';
import type { PipelineDeps } from '../pipeline-deps.js';
import { current } from './state-machines.js';

/** Every admitted reading into the positions time series (repeats of earlier batches are skipped by the store). */
export async function storePositions(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  const items = live(batch);
  if (items.length === 0) return;
  batch.stored = await deps.store.telemetry.positions.append(items.map((item) => item.position));
  deps.counters.stored += batch.stored.length;
  deps.counters.duplicates += items.length - batch.stored.length;
}

export function subjectOf(item: ReadingItem): DerivedSubject {
  const subject = item.subject;
  return {
    deviceId: item.position.deviceId,
    epcs: subject?.epcs ?? [item.attachment!.unitEpc],
    documents: [],
    ...(subject?.corridor ? { corridor: subject.corridor } : {}),
  };
}

/** The events one reading's facts give, in the order they happened at that instant. */
export function eventsOf(item: ReadingItem): EpcisEvent[] {
  const { facts, position } = item;
  // Most readings tell nothing: no subject, place or event objects are made for them.
  if (!facts.signalRecovered && !facts.crossed && facts.left.length === 0 && facts.entered.length === 0 && !facts.route && !facts.seal) return [];
  const s = subjectOf(item);
  const at = position.fixTime;
  const lonLat: LonLat = [position.lon, position.lat];
  const country = item.memory?.country;
  const countryField = country ? { country } : {};
  const events: EpcisEvent[] = [];
  if (facts.signalRecovered) events.push(signalRecoveredEvent(s, { at, lonLat, gapS: facts.signalRecovered.gapS, ...countryField }));
  if (facts.crossed) events.push(borderCrossingEvent(s, { at, from: facts.crossed.from, to: facts.crossed.to, lonLat, ...(facts.crossed.placeSgln ? { placeSgln: facts.crossed.placeSgln } : {}) }));
  for (const { place } of facts.left) {
    if (place.sgln) events.push(placeDepartureEvent(s, { at, place: { sgln: place.sgln, kind: place.kind }, lonLat, ...countryField }));
  }
  for (const place of facts.entered) {
    if (place.sgln) events.push(placeArrivalEvent(s, { at, place: { sgln: place.sgln, kind: place.kind }, lonLat, ...countryField }));
  }
  if (facts.route?.change === 'deviated') events.push(routeDeviationEvent(s, { at, distanceKm: facts.route.distanceKm, thresholdKm: facts.route.thresholdKm, lonLat, ...countryField }));
  if (facts.route?.change === 'rejoined') events.push(routeRejoinedEvent(s, { at, lonLat, ...countryField }));
  if (facts.seal) {
    events.push(sealStatusEvent(s, {
      at, codes: facts.seal.codes as SealCode[], previous: facts.seal.previous as SealCode[], lonLat, ...countryField,
      ...(position.batteryPct !== undefined ? { batteryPct: position.batteryPct } : {}),
    }));
  }
  return events;
}

/**
 * Captures the derived events through capture (validation, hash id, authorisation, audit), in the
 * name of each device's owner. A refusal (the owner may not record events about these goods) is
 * logged and counted; the positions are stored either way. Events are deterministic, so capturing
 * them again after a crash gives duplicates, not new events.
 */
export async function captureDerivedEvents(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  const byOwner = new Map<string, EpcisEvent[]>();
  for (const item of current(batch)) {
    const events = eventsOf(item);
    if (events.length === 0) continue;
    // A unit that carries no shipment the read model knows (not loaded yet, or between shipments):
    // its events would belong to nobody. The positions are kept; the facts are not told.
    if (item.subject?.shipmentId === undefined) {
      deps.counters.derivedWithoutShipment += events.length;
      continue;
    }
    const owner = item.device!.ownerId;
    for (const event of events) batch.derived.push({ ownerId: owner, deviceId: item.position.deviceId, unitEpc: item.attachment!.unitEpc, event });
    byOwner.set(owner, byOwner.get(owner) ?? []);
    byOwner.get(owner)!.push(...events);
  }
  for (const [owner, events] of byOwner) {
    const result = await deps.captureDerived(owner, events);
    deps.counters.derived += result.captured;
    if (result.refused > 0) {
      batch.derivedRefused += result.refused;
      deps.counters.derivedRefused += result.refused;
      deps.logger.warn({ owner, refused: result.refused, reasons: result.reasons.slice(0, 3) }, 'telemetry: derived events refused by capture');
    }
  }
}

/** Writes the device memories the batch moved (after the events they led to are captured: a crash repeats, never skips, them). */
export async function saveMemories(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  await deps.memories.save(new Set(current(batch).map((item) => item.memory!).filter((memory) => memory.dirty)));
}

/** Wakes the followers of the positions log (the live feed) in this process. */
export function wakeLiveFeed(batch: TelemetryBatch, deps: PipelineDeps): void {
  const last = batch.stored.at(-1);
  if (last) deps.bus.publish('telemetry.stored', { lastSequence: last.sequence });
}
