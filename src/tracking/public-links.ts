/**
 * Public tracking links: a party to a shipment hands a time-limited, revocable URL to someone without
 * an account (a consignee's customer, a driver). The link shows status, last location and ETA only:
 * no references, parties, values or events. The token is shown once and stored hashed; an unknown,
 * expired or revoked token is answered like any unknown path. Minting and revoking are audited.
 */
import { randomUUID } from 'node:crypto';
import type { Principal, PublicLink } from '../model/access.js';
import { randomSecret, sha256Hex } from '../access/tokens.js';
import { organisationKey, partyKey, type ReadScope } from '../model/visibility-scope.js';
import { KarvonError } from '../errors.js';
import type { AuditLog } from '../governance/audit-log.js';
import { PUBLIC_LINK_MAX_DAYS_CEILING } from '../governance/network-settings.js';
import { auditActor } from '../governance/audited-writes.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';
import type { PublicLinkRepository } from '../store/store.js';

/**
 * The longest a link can ever be asked for (the ceiling of the network setting publicLinkMaxDays);
 * the chair's setting, checked when a link is minted, is usually lower.
 */
export const PUBLIC_LINK_MAX_HOURS = 24 * PUBLIC_LINK_MAX_DAYS_CEILING;
export const PUBLIC_LINK_DEFAULT_HOURS = 72;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A link as its creator sees it: never the token (shown once) nor its hash. */
export interface PublicLinkView {
  id: string;
  shipmentId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

/** What a link holder sees. */
export interface PublicTrackingView {
  status: string;
  lastLocation: { name: string; country: string | null } | null;
  lastSeenAt: string | null;
  eta: { likely: string; earliest: string; latest: string } | null;
}

/** Who asks, and from where (for the audit log). */
export interface LinkCaller {
  principal: Principal;
  address?: string;
}

function viewOf(link: PublicLink): PublicLinkView {
  return {
    id: link.id,
    shipmentId: link.shipmentId,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}),
  };
}

export class PublicLinkService {
  constructor(
    private readonly deps: {
      shipments: Pick<ShipmentQueries, 'withAudience' | 'get' | 'estimateFor'>;
      links: PublicLinkRepository;
      audit: Pick<AuditLog, 'record'>;
      now?: () => Date;
      /** The longest validity the network allows now, in hours (the chair's setting publicLinkMaxDays). */
      maxHours?: () => Promise<number>;
    },
  ) {}

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** The shipment the caller sees (404 otherwise) and is a party to (403 otherwise): named on it, or captured its events. */
  private async ownShipment(principal: Principal, id: string, scope: ReadScope): Promise<string> {
    const found = await this.deps.shipments.withAudience(id, scope);
    if (!found) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No shipment is known by '${id}'`);
    const own = new Set([organisationKey(principal.organisation.id), ...principal.organisation.partyIds.map(partyKey)]);
    if (!found.audience.some((key) => own.has(key))) {
      throw new KarvonError('KRV_FORBIDDEN', 'Only a party to the shipment (named on it, or capturing its events) may manage its public links');
    }
    return found.shipment.id;
  }

  /** Mints a link valid for `hours` (1 to the network's publicLinkMaxDays); its URL holds the token, which is shown here only. */
  async create(caller: LinkCaller, shipment: string, scope: ReadScope, asked?: number): Promise<PublicLinkView & { url: string }> {
    const maxHours = Math.min(PUBLIC_LINK_MAX_HOURS, this.deps.maxHours ? await this.deps.maxHours() : PUBLIC_LINK_MAX_HOURS);
    // Not asked: the default, unless the network allows less.
    const hours = asked ?? Math.min(PUBLIC_LINK_DEFAULT_HOURS, maxHours);
    if (!Number.isInteger(hours) || hours < 1 || hours > maxHours) {
      const limit = `a whole number from 1 to ${maxHours}`;
      const why = this.deps.maxHours ? ` (the network allows links of at most ${maxHours / 24} days: setting publicLinkMaxDays)` : '';
      throw new KarvonError('KRV_VALIDATION', `expiresInHours must be ${limit}${why}, got ${String(hours)}`, [{ pointer: '/expiresInHours', message: limit }]);
    }
    const { principal } = caller;
    const shipmentId = await this.ownShipment(principal, shipment, scope);
    const token = randomSecret();
    const createdAt = this.now();
    const link: PublicLink = {
      id: randomUUID(),
      tokenHash: sha256Hex(token),
      shipmentId,
      organisationId: principal.organisation.id,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + hours * 3_600_000).toISOString(),
    };
    await this.deps.links.create(link);
    await this.deps.audit.record({
      actor: auditActor(principal, { address: caller.address }),
      action: 'public-link.create',
      target: shipmentId,
      outcome: 'success',
      details: { linkId: link.id, expiresAt: link.expiresAt },
    });
    return { ...viewOf(link), url: `/api/public/track/${token}` };
  }

  /** The caller's organisation's links of a shipment it is a party to. */
  async list(caller: LinkCaller, shipment: string, scope: ReadScope): Promise<PublicLinkView[]> {
    const shipmentId = await this.ownShipment(caller.principal, shipment, scope);
    return (await this.deps.links.list(caller.principal.organisation.id, shipmentId)).map(viewOf);
  }

  /** Revokes a link of the caller's organisation; another organisation's link is answered like an unknown one. */
  async revoke(caller: LinkCaller, linkId: string): Promise<void> {
    const { principal } = caller;
    const link = await this.deps.links.get(linkId);
    if (!link || link.organisationId !== principal.organisation.id) {
      throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No public link of your organisation has the id '${linkId}'`);
    }
    if (link.revokedAt) return;
    await this.deps.links.revoke(link.id, this.now().toISOString());
    await this.deps.audit.record({
      actor: auditActor(principal, { address: caller.address }),
      action: 'public-link.revoke',
      target: link.shipmentId,
      outcome: 'success',
      details: { linkId: link.id },
    });
  }

  /** What a link shows: status, last location and ETA only. */
  async track(token: string): Promise<PublicTrackingView> {
    const gone = new KarvonError('KRV_NO_SUCH_RESOURCE', 'This tracking link does not exist, has expired or was revoked');
    if (!TOKEN_PATTERN.test(token)) throw gone;
    const link = await this.deps.links.byTokenHash(sha256Hex(token));
    const now = this.now();
    if (!link || link.revokedAt || Date.parse(link.expiresAt) <= now.getTime()) throw gone;
    const state = await this.deps.shipments.get(link.shipmentId);
    if (!state) throw gone;
    const arrival = (await this.deps.shipments.estimateFor(state, now))?.arrival;
    const last = state.lastLocation;
    // Only these fields: a link holder is nobody's party and sees no references, parties or events.
    return {
      status: state.status,
      lastLocation: last?.kind === 'location' ? { name: last.name, country: last.country ?? null } : null,
      lastSeenAt: state.lastEventTime ?? null,
      eta: arrival ? { likely: arrival.likely, earliest: arrival.earliest, latest: arrival.latest } : null,
    };
  }
}
