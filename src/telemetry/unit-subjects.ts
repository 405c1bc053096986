/**
 * Which shipment a transport unit carries now, for the readings of the devices attached to it: the
 * EPCs its derived events name, the corridor its route is checked against, and who may see its
 * positions. Looked up in the shipment read model and kept for a short while per unit, because a
 * device reports every minute and shipments change far more slowly.
 */
import { CLOSED_STATUSES } from '../domain/status/shipment-status.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';

export interface UnitSubject {
  /** The shipment the unit carries, if the read model knows one that is not finished. */
  readonly shipmentId?: string;
  readonly status?: string;
  readonly corridor?: string;
  readonly mode?: string;
  /** The EPCs derived events name: the shipment's containers for a wagon or truck, the unit itself for a container. */
  readonly epcs: readonly string[];
  /** Audience keys of the shipment (src/access/audience.ts): who may see the unit's positions besides the device's owner. */
  readonly audience: readonly string[];
}

const FINISHED: ReadonlySet<string> = new Set(CLOSED_STATUSES);
/**
 * How long a unit's shipment is trusted, plus up to as much again at random: expiries spread out, so
 * twenty thousand units looked up in one burst do not all expire, and stall a batch, together.
 */
const DEFAULT_TTL_MS = 60_000;

export class UnitSubjects {
  private readonly cache = new Map<string, { until: number; subject: UnitSubject }>();

  constructor(
    private readonly shipments: Pick<ShipmentQueries, 'withAudience'>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  async of(unitEpc: string, unitKind: string): Promise<UnitSubject> {
    const cached = this.cache.get(unitEpc);
    if (cached && this.now() < cached.until) return cached.subject;
    const subject = await this.lookUp(unitEpc, unitKind);
    this.cache.set(unitEpc, { until: this.now() + this.ttlMs * (1 + Math.random()), subject });
    return subject;
  }

  /** Forgets what is known of a unit (a derived event about it was captured: its shipment may have moved on). */
  forget(unitEpc: string): void {
    this.cache.delete(unitEpc);
  }

  private async lookUp(unitEpc: string, unitKind: string): Promise<UnitSubject> {
    const found = await this.shipments.withAudience(unitEpc);
    const own = [unitEpc];
    if (!found || FINISHED.has(found.shipment.status)) return { epcs: own, audience: [] };
    const { shipment, audience } = found;
    // A wagon or truck is a carrier, not a unit of the shipment: its events name the goods it carries.
    const epcs = unitKind === 'container' ? own : shipment.transportUnits.length > 0 ? [...shipment.transportUnits] : own;
    return {
      shipmentId: shipment.id,
      status: shipment.status,
      ...(shipment.corridor ? { corridor: shipment.corridor } : {}),
      ...(shipment.mode ? { mode: shipment.mode } : {}),
      epcs,
      audience,
    };
  }
}
