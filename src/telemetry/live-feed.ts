/**
 * The live feed: units' positions and the events derived from them, pushed to every connected
 * viewer that may see them. It is a follower of the positions log (store.telemetry.positions,
 * tailed by sequence from where it started), woken by the bus when this process stored positions
 * and by a short poll for positions other processes stored, so it works whichever process received
 * a reading. Derived events come from the bus's `epcis.captured`.
 *
 * Who sees a unit: its device's owner, and whoever may see the shipment the unit carries
 * (src/access/visibility.ts); the network operator sees everything, aggregate-only viewers nothing.
 */
import type { EventBus } from '../bus/event-bus.js';
import { canSeeShipment } from '../access/visibility.js';
import type { EpcisEvent } from '../epcis/model.js';
import { KARVON_NS } from '../domain/index.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { Attachment, StoredDevice, StoredPosition } from '../model/telemetry.js';
import type { Store } from '../store/store.js';
import { countryAt } from './geo/country-index.js';
import type { UnitSubject, UnitSubjects } from './unit-subjects.js';

/** One unit as the live map shows it. */
export interface LiveUnit {
  deviceId: string;
  deviceKind: string;
  unitKind: string;
  unitId: string;
  shipmentId?: string;
  status?: string;
  corridor?: string;
  mode?: string;
  country?: string;
  lat: number;
  lon: number;
  speedKmh?: number;
  headingDeg?: number;
  fixTime: string;
  sealCodes?: string[];
}

/** A derived event as the live feed tells it. */
export interface LiveEvent {
  deviceId: string;
  shipmentId?: string;
  step: string;
  eventTime: string;
  place?: string;
}

export interface LiveViewer {
  readonly organisationId: string;
  readonly scope: ReadScope;
  unit(unit: LiveUnit): void;
  event(event: LiveEvent): void;
}

/** Whether a viewer may see what a device reports about a unit carrying this shipment. */
export function mayView(viewer: Pick<LiveViewer, 'organisationId' | 'scope'>, ownerId: string, subject: UnitSubject | undefined): boolean {
  if (viewer.scope.kind === 'all') return true;
  if (viewer.scope.kind === 'aggregates') return false;
  return viewer.organisationId === ownerId || (subject !== undefined && subject.shipmentId !== undefined && canSeeShipment(viewer.scope, subject.audience));
}

export function liveUnit(position: StoredPosition, device: StoredDevice, attachment: Attachment, subject: UnitSubject | undefined): LiveUnit {
  const country = countryAt(position.lon, position.lat);
  return {
    deviceId: device.id,
    deviceKind: device.kind,
    unitKind: attachment.unitKind,
    unitId: attachment.unitId,
    ...(subject?.shipmentId ? { shipmentId: subject.shipmentId } : {}),
    ...(subject?.status ? { status: subject.status } : {}),
    ...(subject?.corridor ? { corridor: subject.corridor } : {}),
    ...(subject?.mode ? { mode: subject.mode } : {}),
    ...(country ? { country } : {}),
    lat: position.lat,
    lon: position.lon,
    ...(position.speedKmh !== undefined ? { speedKmh: position.speedKmh } : {}),
    ...(position.headingDeg !== undefined ? { headingDeg: position.headingDeg } : {}),
    fixTime: new Date(position.fixTime).toISOString(),
    ...(position.sealCodes && position.sealCodes.length > 0 ? { sealCodes: [...position.sealCodes] } : {}),
  };
}

/** A unit as the map shows it, with what decides who may see it. */
export interface PlacedUnit {
  readonly unit: LiveUnit;
  readonly ownerId: string;
  readonly subject: UnitSubject;
}

/** The units these latest positions (by device) stand for: devices attached to a unit now, with their shipment. */
export async function unitsOf(deps: { store: Store; subjects: UnitSubjects }, latest: ReadonlyMap<string, StoredPosition>): Promise<PlacedUnit[]> {
  const ids = [...latest.keys()];
  const [devices, open] = await Promise.all([deps.store.telemetry.devices.getMany(ids), deps.store.telemetry.devices.openAttachments(ids)]);
  const placed: PlacedUnit[] = [];
  for (const [id, position] of latest) {
    const device = devices.get(id);
    const attachment = open.get(id);
    if (!device || !attachment) continue;
    const subject = await deps.subjects.of(attachment.unitEpc, attachment.unitKind);
    placed.push({ unit: liveUnit(position, device, attachment, subject), ownerId: device.ownerId, subject });
  }
  return placed;
}

const POLL_MS = 2000;
const PAGE = 5000;

function extension(event: EpcisEvent, name: string): unknown {
  const compact = (event as Record<string, unknown>)[`krv:${name}`];
  return compact ?? (event as Record<string, unknown>)[`${KARVON_NS}${name}`];
}

export class LiveFeed {
  private readonly viewers = new Set<LiveViewer>();
  private position = -1;
  private pumping: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: { store: Store; bus: EventBus; subjects: UnitSubjects; onError(error: unknown): void }) {}

  async start(): Promise<void> {
    this.position = await this.deps.store.telemetry.positions.lastSequence();
    this.unsubscribe.push(this.deps.bus.subscribe('telemetry.stored', () => this.wake()));
    this.unsubscribe.push(this.deps.bus.subscribe('epcis.captured', ({ events }) => void this.derived(events).catch(this.deps.onError)));
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    await this.pumping;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Adds a viewer; returns the function that removes it. */
  join(viewer: LiveViewer): () => void {
    this.viewers.add(viewer);
    return () => this.viewers.delete(viewer);
  }

  private wake(): void {
    if (this.viewers.size === 0 && this.position >= 0) {
      // Nobody watches: skip ahead rather than read what nobody will see.
      void this.deps.store.telemetry.positions.lastSequence().then((last) => (this.position = Math.max(this.position, last)), this.deps.onError);
      return;
    }
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().catch(this.deps.onError).finally(() => {
      this.pumping = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const rows = await this.deps.store.telemetry.positions.after(this.position, PAGE);
      if (rows.length === 0) return;
      this.position = rows.at(-1)!.sequence;
      // The latest reading of each device is what a map needs.
      const latest = new Map<string, StoredPosition>();
      for (const row of rows) {
        const seen = latest.get(row.deviceId);
        if (!seen || seen.fixTime < row.fixTime) latest.set(row.deviceId, row);
      }
      for (const { unit, ownerId, subject } of await unitsOf(this.deps, latest)) {
        for (const viewer of this.viewers) if (mayView(viewer, ownerId, subject)) viewer.unit(unit);
      }
      if (rows.length < PAGE) return;
    }
  }

  private async derived(events: readonly EpcisEvent[]): Promise<void> {
    if (this.viewers.size === 0) return;
    for (const event of events) {
      const deviceId = extension(event, 'device');
      if (typeof deviceId !== 'string') continue;
      const device = await this.deps.store.telemetry.devices.get(deviceId);
      const attachment = (await this.deps.store.telemetry.devices.openAttachments([deviceId])).get(deviceId);
      if (!device) continue;
      const subject = attachment ? await this.deps.subjects.of(attachment.unitEpc, attachment.unitKind) : undefined;
      const step = extension(event, 'movementStep');
      const live: LiveEvent = {
        deviceId,
        ...(subject?.shipmentId ? { shipmentId: subject.shipmentId } : {}),
        step: typeof step === 'string' ? step : String(event.bizStep ?? 'event'),
        eventTime: event.eventTime,
        ...(event.readPoint?.id ? { place: event.readPoint.id } : {}),
      };
      for (const viewer of this.viewers) if (mayView(viewer, device.ownerId, subject)) viewer.event(live);
    }
  }
}
