/**
 * The alerts follower: a follower of the event log (src/followers/) that runs every stored event
 * through the detectors (detectors/index.ts) and writes the alerts they raise and clear together with
 * its checkpoint, in one transaction. One alert of a kind per subject is unresolved at a time: a
 * repeat updates it (occurrences, last seen, severity), a clear resolves it automatically.
 *
 * The subject is the shipment the event belongs to (as the shipment read model folded it: this
 * follower waits until that one has folded the same events), so an alert is seen by whoever sees its
 * shipment; an event of no known shipment gives an alert about its unit, seen by the organisation
 * that captured the event.
 */
import type { Follower } from '../followers/follower.js';
import { ALERT_SEVERITIES, AUTOMATIC, type Alert } from '../model/alerts.js';
import { ALERTS_FOLLOWER, type Store, type StoredEvent } from '../store/store.js';
import type { AlertSignal, Detector } from './alert-signal.js';
import { textField } from './detectors/event-fields.js';
import { DETECTORS } from './detectors/index.js';
import { openAlert } from './new-alert.js';

/** Event hash IDs kept on an alert (the latest). */
const KEPT_EVENT_IDS = 20;

interface ShipmentSubject {
  readonly key: string;
  readonly id: string;
  readonly corridor?: string;
  readonly audience: readonly string[];
}

interface Found {
  readonly row: StoredEvent;
  readonly signal: AlertSignal;
  readonly key: string;
  readonly shipment?: ShipmentSubject;
}

function moreSevere(a: Alert['severity'], b: Alert['severity']): Alert['severity'] {
  return ALERT_SEVERITIES.indexOf(a) <= ALERT_SEVERITIES.indexOf(b) ? a : b;
}

function eventTimeOf(row: StoredEvent): string {
  const time = Date.parse(row.event.eventTime ?? '');
  return Number.isFinite(time) ? new Date(time).toISOString() : new Date().toISOString();
}

export class AlertFollower implements Follower {
  readonly name = ALERTS_FOLLOWER;
  /** After a reset: the position folded before it, whose events the alerts have counted already. */
  private countedThrough = 0;

  constructor(
    private readonly deps: {
      store: Store;
      /** Resolves once the shipment read model has folded the events up to this sequence. */
      shipmentsFolded: (sequence: number) => Promise<void>;
      now: () => Date;
      detectors?: readonly Detector[];
    },
  ) {}

  async apply(rows: readonly StoredEvent[], from: number): Promise<void> {
    const to = rows[rows.length - 1]!.sequence;
    const detectors = this.deps.detectors ?? DETECTORS;
    const signalled = rows
      .filter((row) => row.sequence > this.countedThrough)
      .flatMap((row) => detectors.flatMap((detect) => detect(row.event)).map((signal) => ({ row, signal })));
    if (signalled.length === 0) {
      await this.deps.store.alerts.commit({ alerts: [], checkpoint: { follower: this.name, from, to } });
      return;
    }
    await this.deps.shipmentsFolded(to);
    const found = await this.subjects(signalled);
    const unresolved = await this.deps.store.alerts.unresolved(found.map((f) => f.key));
    const changed = new Map<string, Alert>();
    const now = this.deps.now().toISOString();
    for (const { row, signal, key, shipment } of found) {
      const existing = unresolved.get(key);
      if (existing?.eventIds.includes(row.hashID)) continue;
      if (signal.action === 'clear') {
        if (!existing) continue;
        existing.status = 'resolved';
        existing.resolved = { by: AUTOMATIC, at: now, comment: signal.summary };
        existing.updatedAt = now;
        existing.eventIds = [...existing.eventIds, row.hashID].slice(-KEPT_EVENT_IDS);
        unresolved.delete(key);
        changed.set(existing.id, existing);
        continue;
      }
      const alert = existing ? this.repeated(existing, row, signal, now) : this.raised(row, signal, key, shipment, now);
      if (shipment) alert.audience = [...shipment.audience];
      unresolved.set(key, alert);
      changed.set(alert.id, alert);
    }
    await this.deps.store.alerts.commit({ alerts: [...changed.values()], checkpoint: { follower: this.name, from, to } });
  }

  /**
   * People's acknowledgements and comments are not in the event log, so a rebuild keeps the alerts
   * and only walks the log again: the events folded before are passed over, not counted twice.
   */
  async reset(): Promise<void> {
    this.countedThrough = (await this.deps.store.followers.get(this.name))?.position ?? 0;
    await this.deps.store.followers.reset(this.name);
  }

  /** The subject of each signal: the event's shipments (one alert each), else its unit. */
  private async subjects(signalled: readonly { row: StoredEvent; signal: AlertSignal }[]): Promise<Found[]> {
    const shipmentsOf = await this.deps.store.shipments.eventShipments([...new Set(signalled.map(({ row }) => row.sequence))]);
    const views = new Map<string, ShipmentSubject>();
    for (const key of new Set([...shipmentsOf.values()].flat())) {
      const view = await this.deps.store.shipments.byKey(key);
      if (!view) continue;
      const corridor = view.state['corridor'];
      views.set(key, { key, id: view.id, audience: view.audience, ...(typeof corridor === 'string' ? { corridor } : {}) });
    }
    return signalled.flatMap(({ row, signal }) => {
      const shipments = (shipmentsOf.get(row.sequence) ?? []).flatMap((key) => views.get(key) ?? []);
      if (shipments.length > 0) return shipments.map((shipment) => ({ row, signal, key: `${signal.kind}|${shipment.key}`, shipment }));
      const unit = signal.unitEpc ?? signal.deviceId ?? row.event.epcList?.[0] ?? row.hashID;
      return [{ row, signal, key: `${signal.kind}|${unit}` }];
    });
  }

  private raised(row: StoredEvent, signal: AlertSignal, key: string, shipment: ShipmentSubject | undefined, now: string): Alert {
    const at = eventTimeOf(row);
    const location = row.event.bizLocation?.id ?? row.event.readPoint?.id;
    const country = textField(row.event, 'country');
    return openAlert(
      {
        kind: signal.kind,
        severity: signal.severity,
        key,
        ...(shipment ? { shipmentKey: shipment.key, shipmentId: shipment.id } : {}),
        ...(shipment?.corridor ? { corridor: shipment.corridor } : {}),
        ...(signal.unitEpc ? { unitEpc: signal.unitEpc } : {}),
        ...(signal.deviceId ? { deviceId: signal.deviceId } : {}),
        ...(location && !location.startsWith('geo:') ? { location } : {}),
        ...(country ? { country } : {}),
        summary: signal.summary,
        details: { ...signal.details },
        audience: shipment ? [...shipment.audience] : row.capturedBy ? [`org:${row.capturedBy}`] : [],
        since: at,
        eventIds: [row.hashID],
      },
      now,
    );
  }

  private repeated(alert: Alert, row: StoredEvent, signal: AlertSignal, now: string): Alert {
    const at = eventTimeOf(row);
    alert.severity = moreSevere(alert.severity, signal.severity);
    alert.summary = signal.summary;
    alert.details = { ...alert.details, ...signal.details };
    if (at > alert.lastSeen) alert.lastSeen = at;
    alert.occurrences += 1;
    alert.eventIds = [...alert.eventIds, row.hashID].slice(-KEPT_EVENT_IDS);
    alert.updatedAt = now;
    return alert;
  }
}
