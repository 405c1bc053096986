/**
 * Alerts for people: listing with filters, reading one, and the acts of the lifecycle (acknowledge,
 * resolve, comment), each audited. Who sees an alert follows the access policy: those who see its
 * shipment (its audience), the network operator everything, aggregate-only viewers none. An alert
 * someone may not see is answered like one that does not exist.
 */
import { canSeeShipment, readScopeOf } from '../access/visibility.js';
import { AuditedActions } from '../access/audited-actions.js';
import type { Actor } from '../access/access-rules.js';
import { KarvonError } from '../errors.js';
import type { Alert, AlertAct } from '../model/alerts.js';
import type { AuditRecorder } from '../model/governance.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { AlertCursor, AlertFilter, Store } from '../store/store.js';

/** Alerts read per store page while filling a caller's page with those it may see. */
const SCAN_PAGE = 200;
/** Alerts looked at for one caller's page at most: past that, the page ends early with a cursor. */
const SCAN_LIMIT = 5000;
export const MAX_ALERT_PAGE = 200;

export type AlertActKind = 'acknowledge' | 'resolve' | 'comment';

function scopeOf(actor: Actor): ReadScope {
  return actor === 'cli' ? { kind: 'all' } : readScopeOf(actor);
}

function actOf(actor: Actor, name: string | undefined, at: string, comment: string | undefined): AlertAct {
  const by = actor === 'cli' ? 'cli' : (actor.userId ?? actor.keyId ?? actor.organisation.id);
  return { by, ...(name ? { name } : {}), ...(actor !== 'cli' ? { organisationId: actor.organisation.id } : {}), at, ...(comment ? { comment } : {}) };
}

export function encodeAlertCursor(cursor: AlertCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString('base64url');
}

export function decodeAlertCursor(text: string): AlertCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof updatedAt === 'string' && typeof id === 'string') return { updatedAt, id };
  } catch {
    // answered below
  }
  throw new KarvonError('KRV_VALIDATION', 'cursor is not one this server gave: use the nextCursor of the previous page', [{ pointer: '/cursor', message: 'not a cursor' }]);
}

export class AlertService {
  private readonly audited: AuditedActions;

  constructor(private readonly deps: { store: Store; audit: AuditRecorder; now: () => Date }) {
    this.audited = new AuditedActions(deps.audit);
  }

  /** A page of the alerts the actor may see, most recently updated first. */
  async list(actor: Actor, filter: AlertFilter, page: { limit: number; after?: AlertCursor }): Promise<{ alerts: Alert[]; nextCursor?: AlertCursor }> {
    const scope = scopeOf(actor);
    if (scope.kind === 'aggregates') return { alerts: [] };
    const alerts: Alert[] = [];
    let after = page.after;
    let looked = 0;
    while (alerts.length < page.limit && looked < SCAN_LIMIT) {
      const rows = await this.deps.store.alerts.list(filter, { limit: SCAN_PAGE, ...(after ? { after } : {}) });
      for (const alert of rows) {
        looked++;
        after = { updatedAt: alert.updatedAt, id: alert.id };
        if (canSeeShipment(scope, alert.audience)) alerts.push(alert);
        if (alerts.length === page.limit) break;
      }
      if (rows.length < SCAN_PAGE) return { alerts };
    }
    return { alerts, ...(after ? { nextCursor: after } : {}) };
  }

  async get(actor: Actor, id: string): Promise<Alert> {
    const alert = await this.deps.store.alerts.get(id);
    if (!alert || !canSeeShipment(scopeOf(actor), alert.audience)) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No alert has the id '${id}'`);
    return alert;
  }

  /** Acknowledges, resolves or comments on an alert the actor may see; audited. */
  async act(actor: Actor, id: string, kind: AlertActKind, comment: string | undefined): Promise<Alert> {
    return this.audited.run(actor, `alert.${kind}`, id, async () => {
      const user = actor !== 'cli' && actor.userId ? await this.deps.store.access.users.get(actor.userId) : undefined;
      // Another act (or the follower) may change the alert between reading and writing: read again then.
      for (let attempt = 0; attempt < 5; attempt++) {
        const alert = await this.get(actor, id);
        const before = alert.updatedAt;
        const now = this.deps.now().toISOString();
        const act = actOf(actor, user?.name, now, comment);
        if (kind === 'comment') {
          if (!comment) throw new KarvonError('KRV_VALIDATION', 'A comment needs its text', [{ pointer: '/text', message: 'required' }]);
          alert.notes = [...alert.notes, act];
        } else if (alert.status === 'resolved') {
          throw new KarvonError('KRV_CONFLICT', `Alert '${id}' is resolved already`);
        } else if (kind === 'acknowledge') {
          if (alert.status === 'acknowledged') throw new KarvonError('KRV_CONFLICT', `Alert '${id}' is acknowledged already`);
          alert.status = 'acknowledged';
          alert.acknowledged = act;
        } else {
          alert.status = 'resolved';
          alert.resolved = act;
        }
        // Strictly later than before, so that the optimistic check of the next writer sees the change.
        alert.updatedAt = now > before ? now : new Date(Date.parse(before) + 1).toISOString();
        if (await this.deps.store.alerts.update(alert, before)) {
          return { result: alert, details: { kind: alert.kind, ...(alert.shipmentId ? { shipmentId: alert.shipmentId } : {}) } };
        }
      }
      throw new KarvonError('KRV_CONFLICT', `Alert '${id}' kept changing while this was written; try again`);
    });
  }
}
