/**
 * Long border waits: what no single event says. Every minute the watch looks at the goods standing at
 * each border crossing and port (the read model's "at" lists, longest waiting first) and raises a
 * `border-dwell` alert for a shipment that has waited longer than is usual there: the p90 of that
 * crossing's observed dwell for the shipment's direction and mode (corridor-statistics.ts) once enough
 * shipments completed it, else the top of the published range (reference data), else a day. The
 * alert resolves itself when the goods leave (detectors/border-dwell.ts); one resolved by a person is
 * not raised again for the same stay.
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../model/alerts.js';
import type { Corridor, ReferenceData } from '../reference/index.js';
import { stopLocation } from '../projections/corridor-position.js';
import { dwellKey } from '../projections/corridor-statistics.js';
import { referenceStopHours } from '../projections/reference-timing.js';
import type { Quantiles } from '../projections/corridor-statistics.js';
import type { Store } from '../store/store.js';
import { openAlert } from './new-alert.js';

/** Completed shipments a dwell key needs before its p90 is trusted over the published figures. */
export const MIN_DWELL_SAMPLES = 5;
/** The threshold when neither statistics nor published figures say anything. */
export const DEFAULT_DWELL_ALERT_HOURS = 24;
/** Goods looked at per place and pass, longest waiting first: those over the threshold come first. */
const PER_PLACE = 500;
const HOUR_MS = 3_600_000;

/** How long a wait at the `stop`-th stop of `corridor` may last before it is long. */
export function dwellThresholdHours(corridor: Corridor | undefined, stop: number | undefined, reference: ReferenceData, observed: Quantiles | undefined): { hours: number; basis: 'observed' | 'published' | 'default' } {
  if (observed && observed.n >= MIN_DWELL_SAMPLES && observed.p90 > 0) return { hours: observed.p90, basis: 'observed' };
  if (corridor && stop !== undefined) {
    const published = referenceStopHours(corridor, stop, reference).latest;
    if (published > 0) return { hours: published, basis: 'published' };
  }
  return { hours: DEFAULT_DWELL_ALERT_HOURS, basis: 'default' };
}

/** The stop of `corridor` at `locationId`, if it has one. */
function stopAt(corridor: Corridor, locationId: string): number | undefined {
  for (let stop = 1; stop < corridor.legs.length; stop++) if (stopLocation(corridor, stop) === locationId) return stop;
  return undefined;
}

export class BorderDwellWatch {
  constructor(
    private readonly deps: {
      store: Store;
      reference: ReferenceData;
      observed: (key: string) => Promise<Quantiles | undefined>;
      now: () => Date;
    },
  ) {}

  /** One pass over every border crossing and port; returns how many alerts it raised. */
  async check(): Promise<number> {
    const now = this.deps.now();
    let raised = 0;
    for (const location of this.deps.reference.locations.values()) {
      if (location.kind !== 'border-crossing' && location.kind !== 'port') continue;
      const standing = await this.deps.store.shipments.list({ atLocation: location.id, limit: PER_PLACE });
      for (const view of standing) {
        const since = view.sortKey;
        if (since === undefined) continue;
        const hours = (now.getTime() - since) / HOUR_MS;
        const corridorId = view.state['corridor'];
        const corridor = typeof corridorId === 'string' ? this.deps.reference.corridors.get(corridorId) : undefined;
        const stop = corridor ? stopAt(corridor, location.id) : undefined;
        const observed = corridor && stop !== undefined ? await this.deps.observed(dwellKey(corridor, stop, this.deps.reference)) : undefined;
        const threshold = dwellThresholdHours(corridor, stop, this.deps.reference, observed);
        // Longest waiting first: once one is within its threshold, most after it are too (thresholds
        // differ by direction and mode, so the pass goes on, but nothing is written for them).
        if (hours <= threshold.hours) continue;
        if (await this.deps.store.alerts.raise(this.alertFor(view, location.id, location.countries[0], since, hours, threshold, now))) raised++;
      }
    }
    return raised;
  }

  private alertFor(
    view: { key: string; id: string; audience: string[]; state: Record<string, unknown> },
    locationId: string,
    country: string | undefined,
    since: number,
    hours: number,
    threshold: { hours: number; basis: string },
    now: Date,
  ): Alert {
    const at = now.toISOString();
    const corridor = view.state['corridor'];
    const waited = Math.round(hours * 10) / 10;
    const usual = Math.round(threshold.hours * 10) / 10;
    return openAlert(
      {
        // One alert per stay: a stay someone resolved while the goods still wait is not raised again.
        id: `alr_dwell_${createHash('sha256').update(`${view.key}|${since}`).digest('base64url').slice(0, 22)}`,
        kind: 'border-dwell',
        severity: 'warning',
        key: `border-dwell|${view.key}`,
        shipmentKey: view.key,
        shipmentId: view.id,
        ...(typeof corridor === 'string' ? { corridor } : {}),
        location: locationId,
        ...(country ? { country } : {}),
        summary: `Waiting ${waited} h at ${locationId}, longer than the usual ${usual} h`,
        details: { locationId, waitedHours: waited, thresholdHours: usual, basis: threshold.basis },
        audience: [...view.audience],
        since: new Date(since).toISOString(),
        lastSeen: at,
        eventIds: [],
      },
      at,
    );
  }
}
