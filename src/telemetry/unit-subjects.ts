/**
 * Which shipment a transport unit carries now, for the readings of the devices attached to it: the
 * EPCs its derived events name, the corridor its route is checked against, and who may see its
 * positions. Looked up in the shipment read model and kept for a short while per unit, because a
 * device reports every minute and shipments change far more slowly.
 */
import type { FoldedShipment } from '../bus/event-bus.js';
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
 * twenty thousand units looked up in one burst do not all expire, and stall a batch, together. The
 * read model of this process tells what it folded ('shipments.folded': TelemetryService calls
 * `folded`), so this bounds only what another process's read model changed.
 */
const DEFAULT_TTL_MS = 10 * 60_000;

type ShipmentFields = Pick<FoldedShipment, 'id' | 'status' | 'corridor' | 'mode' | 'transportUnits'>;

function subjectOf(shipment: ShipmentFields, audience: readonly string[], unitEpc: string, unitKind: string): UnitSubject {
  const own = [unitEpc];
  if (FINISHED.has(shipment.status)) return { epcs: own, audience: [] };
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

export class UnitSubjects {
  private readonly cache = new Map<string, { until: number; unitKind: string; subject: UnitSubject }>();

  constructor(
    private readonly shipments: Pick<ShipmentQueries, 'withAudience'>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** What is known of the unit without asking the store (undefined: not known, or too old). */
  known(unitEpc: string, now = this.now()): UnitSubject | undefined {
    const cached = this.cache.get(unitEpc);
    return cached !== undefined && now < cached.until ? cached.subject : undefined;
  }

  async of(unitEpc: string, unitKind: string): Promise<UnitSubject> {
    const known = this.known(unitEpc);
    if (known) return known;
    const found = await this.shipments.withAudience(unitEpc);
    const subject = found ? subjectOf(found.shipment, found.audience, unitEpc, unitKind) : { epcs: [unitEpc], audience: [] };
    this.keep(unitEpc, unitKind, subject);
    return subject;
  }

  /** Forgets what is known of a unit: the next reading asks the read model. */
  forget(unitEpc: string): void {
    this.cache.delete(unitEpc);
  }

  /**
   * The read model folded these shipments again (most often because of an event derived from a
   * unit's own readings): the units known to carry one of them learn its new state without asking
   * the store. Where the fold may have moved a unit to another shipment or ended its shipment (a
   * reused container, a number learnt from another organisation), the unit is forgotten instead,
   * so that the read model's own rules (its own holder first, then the latest active) decide.
   */
  folded(shipments: readonly FoldedShipment[]): void {
    for (const shipment of shipments) {
      for (const unit of shipment.privateUnits) this.forget(unit);
      for (const unit of shipment.units) {
        const cached = this.cache.get(unit);
        if (cached === undefined) continue;
        if (cached.subject.shipmentId !== shipment.id || FINISHED.has(shipment.status)) this.forget(unit);
        else this.keep(unit, cached.unitKind, subjectOf(shipment, shipment.audience, unit, cached.unitKind));
      }
    }
  }

  private keep(unitEpc: string, unitKind: string, subject: UnitSubject): void {
    this.cache.set(unitEpc, { until: this.now() + this.ttlMs * (1 + Math.random()), unitKind, subject });
  }
}
