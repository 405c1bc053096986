// The handlers that read a unit's movement out of its readings, one device at a time in fix-time
// order: places entered and left, borders crossed, stops, the route, the seal, the signal. Each
// writes facts on the reading and moves the device's memory; none captures or stores anything.
import type { SealCode } from '../../model/telemetry.js';
import { countryAt } from '../geo/country-index.js';
import { nextMotion } from '../geo/motion.js';
import { distanceFromCorridorM } from '../geo/route-distance.js';
import { live, type ReadingItem, type TelemetryBatch } from '../pipeline-batch.js';
import type { PipelineDeps } from '../pipeline-deps.js';

/** The mode a unit travels by when its shipment does not say (a container goes by any). */
const UNIT_MODE: Readonly<Record<string, string>> = { truck: 'road', trailer: 'road', wagon: 'rail' };

/** Readings that move the state machines: admitted and not older than what the device reported before. */
export function current(batch: TelemetryBatch): ReadingItem[] {
  return live(batch).filter((item) => !item.late && item.memory !== undefined);
}

/**
 * Puts each device's readings in fix-time order and gives them the device's memory. A reading older
 * than the last one the state machines used (it arrived late: a tracker sending what it kept while
 * out of coverage, a retried request) is stored in the track but moves no state, so a late reading
 * never makes a unit "arrive" where it was hours ago.
 */
export async function orderPerDevice(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  // Grouped per device in the order devices first appear; a device's readings sorted only when the
  // sender did not send them in order (most do), which spares a sort of the whole batch.
  const perDevice = new Map<string, ReadingItem[]>();
  for (const item of batch.items) {
    const group = perDevice.get(item.position.deviceId);
    if (group === undefined) perDevice.set(item.position.deviceId, [item]);
    else group.push(item);
  }
  let i = 0;
  for (const group of perDevice.values()) {
    for (let k = 1; k < group.length; k++) {
      if (group[k]!.position.fixTime < group[k - 1]!.position.fixTime) {
        group.sort((a, b) => a.position.fixTime - b.position.fixTime);
        break;
      }
    }
    for (const item of group) batch.items[i++] = item;
  }
  const items = live(batch);
  const memories = await deps.memories.load([...perDevice.keys()]);
  // The fix time each device's state has reached within this batch, so that later readings of the batch compare with it.
  const reached = new Map<string, number>();
  for (const item of items) {
    const memory = memories.get(item.position.deviceId)!;
    item.memory = memory;
    const last = reached.get(memory.deviceId) ?? memory.lastFixTime;
    if (item.position.fixTime <= last) {
      item.late = true;
      deps.counters.late++;
    } else {
      reached.set(memory.deviceId, item.position.fixTime);
    }
  }
}

/** The shipment each reporting unit carries (cached per unit): the route check and the derived events need it. */
export async function resolveSubjects(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  for (const item of current(batch)) {
    const unit = item.attachment;
    // Known units (nearly all) without an await each.
    if (unit) item.subject = deps.subjects.known(unit.unitEpc) ?? (await deps.subjects.of(unit.unitEpc, unit.unitKind));
  }
}

/** Geofences entered and left, and the country: a new country outside any border crossing is a crossing. */
export function trackPlaces(item: ReadingItem, deps: PipelineDeps): void {
  const memory = item.memory!;
  const { lon, lat, fixTime } = item.position;
  // A road crossing and a rail crossing may share a geofence: a unit arrives at the one of its mode.
  const mode = item.subject?.mode ?? UNIT_MODE[item.attachment?.unitKind ?? ''];
  const found = deps.places.placesAt(lon, lat);
  const places = found.length === 0 ? found : found.filter((place) => mode === undefined || place.modes === undefined || place.modes.includes(mode));
  // Most readings are on the road between places, inside none before and after: nothing to compare.
  if (places.length > 0 || memory.places.length > 0) {
    const left = memory.places.filter((visit) => !places.some((place) => place.id === visit.id));
    const leftPlaces = left.flatMap((visit) => {
      const place = deps.places.get(visit.id);
      return place ? [{ place, since: visit.since }] : [];
    });
    if (leftPlaces.length > 0) item.facts.left = leftPlaces;
    const entered = places.filter((place) => !memory.places.some((visit) => visit.id === place.id));
    if (entered.length > 0) item.facts.entered = entered;
    if (entered.length > 0 || left.length > 0) {
      memory.places = [...memory.places.filter((visit) => !left.includes(visit)), ...entered.map((place) => ({ id: place.id, since: fixTime }))];
      memory.dirty = true;
    }
  }
  // Inside a crossing's geofence the unit may be on either side of a line drawn at 1:50,000,000:
  // its country is read again once it is out.
  if (places.some((place) => place.kind === 'border-crossing')) return;
  const country = countryAt(lon, lat);
  if (country === undefined) return;
  if (memory.country !== undefined && memory.country !== country) {
    const crossing = item.facts.left.find((left) => left.place.kind === 'border-crossing')?.place;
    item.facts.crossed = { from: memory.country, to: country, ...(crossing?.sgln ? { placeSgln: crossing.sgln } : {}) };
  }
  if (memory.country !== country) memory.dirty = true;
  memory.country = country;
}

/** Stops and starts. */
export function trackMotion(item: ReadingItem): void {
  const memory = item.memory!;
  const next = nextMotion(memory.motion, item.position);
  memory.motion = next.state;
  if (next.change) item.facts.motion = next.change;
}

/**
 * The distance from the unit's corridor: beyond the threshold it has left its route; it is back when
 * within 80 % of it, so a unit driving along the threshold does not flap between the two.
 */
export function checkRoute(item: ReadingItem, deps: PipelineDeps): void {
  const memory = item.memory!;
  const corridor = item.subject?.corridor;
  if (corridor === undefined) return;
  const distanceM = distanceFromCorridorM(corridor, item.position.lon, item.position.lat);
  if (distanceM === undefined) return;
  const thresholdKm = deps.settings.routeThresholdKm(corridor);
  const distanceKm = Math.round(distanceM / 100) / 10;
  if (!memory.offRoute && distanceM > thresholdKm * 1000) {
    memory.offRoute = true;
    item.facts.route = { change: 'deviated', distanceKm, thresholdKm };
  } else if (memory.offRoute && distanceM < thresholdKm * 800) {
    memory.offRoute = false;
    item.facts.route = { change: 'rejoined', distanceKm, thresholdKm };
  }
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** E-seal status changes (a reading without sealCodes says nothing about the seal). */
export function checkSeal(item: ReadingItem): void {
  const memory = item.memory!;
  const codes = item.position.sealCodes;
  if (codes === undefined || sameCodes(codes, memory.seal)) return;
  item.facts.seal = { codes: [...codes], previous: [...memory.seal] };
  memory.seal = [...new Set(codes)].sort() as SealCode[];
}

/** A reading after the signal was declared lost: it is back. Then the memory moves to this reading. */
export function advanceMemory(item: ReadingItem): void {
  const memory = item.memory!;
  if (memory.signalLost) {
    memory.signalLost = false;
    item.facts.signalRecovered = { gapS: Math.round((item.position.fixTime - memory.lastFixTime) / 1000) };
  }
  memory.lastFixTime = item.position.fixTime;
  memory.lastPosition = [item.position.lon, item.position.lat];
  // Saved when something was told (places, route, seal, signal, motion), else now and then.
  const { facts } = item;
  if (facts.crossed || facts.route || facts.seal || facts.signalRecovered || facts.motion || memory.lastFixTime >= memory.saveDue) memory.dirty = true;
}
