/**
 * Public tracking links (/api/shipments/{id}/public-links, /api/public-links/{id},
 * /api/public/track/{token}): a party to a shipment hands a time-limited, revocable URL to someone
 * without an account (a consignee's customer, a driver). The link shows status, last location and
 * ETA only: no references, parties, values or events. The token is shown once and stored hashed;
 * an unknown, expired or revoked token answers 404 like any unknown path.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Principal, PublicLink } from '../../model/access.js';
import { organisationKey, partyKey } from '../../model/visibility-scope.js';
import { randomSecret, sha256Hex } from '../../access/tokens.js';
import { KarvonError } from '../../errors.js';
import type { AuditActor } from '../../model/governance.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, principalOf } from '../guard.js';

const MAX_HOURS = 720;
const DEFAULT_HOURS = 72;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function actorOf(principal: Principal, request: FastifyRequest): AuditActor {
  return {
    organisationId: principal.organisation.id,
    ...(principal.userId ? { userId: principal.userId } : {}),
    ...(principal.keyId ? { keyId: principal.keyId } : {}),
    via: principal.via,
    address: request.ip,
  };
}

function expiresInHoursOf(body: unknown): number {
  if (body === undefined || (Buffer.isBuffer(body) && body.length === 0)) return DEFAULT_HOURS;
  let parsed: unknown;
  try {
    parsed = Buffer.isBuffer(body) ? JSON.parse(body.toString('utf8')) : body;
  } catch (error) {
    throw new KarvonError('KRV_MALFORMED_BODY', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const hours = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).expiresInHours : undefined;
  if (hours === undefined) return DEFAULT_HOURS;
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) {
    throw new KarvonError('KRV_VALIDATION', `expiresInHours must be a whole number from 1 to ${MAX_HOURS}`, [
      { pointer: '/expiresInHours', message: `a whole number from 1 to ${MAX_HOURS}` },
    ]);
  }
  return hours;
}

/** A link as its creator sees it: never the token (shown once) nor its hash. */
function linkBody(link: PublicLink) {
  return {
    id: link.id,
    shipmentId: link.shipmentId,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}),
  };
}

export function publicLinkRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const now = () => new Date();
    const noShipment = (id: string) => new KarvonError('KRV_NO_SUCH_RESOURCE', `No shipment is known by '${id}'`);

    /** The shipment the caller sees and is a party to (named on it, or captured its events). */
    const ownShipment = async (request: FastifyRequest, id: string): Promise<{ principal: Principal; shipmentId: string }> => {
      const scope = detailScope(request);
      const principal = principalOf(request);
      const shipment = await deps.shipments.audienceOf(id, scope);
      if (!shipment) throw noShipment(id);
      const own = new Set([organisationKey(principal.organisation.id), ...principal.organisation.partyIds.map(partyKey)]);
      if (!shipment.audience.some((key) => own.has(key))) {
        throw new KarvonError('KRV_FORBIDDEN', 'Only a party to the shipment (named on it, or capturing its events) may manage its public links');
      }
      return { principal, shipmentId: shipment.id };
    };

    app.post<{ Params: { id: string } }>('/shipments/:id/public-links', async (request, reply) => {
      const { principal, shipmentId } = await ownShipment(request, request.params.id);
      const hours = expiresInHoursOf(request.body);
      const token = randomSecret();
      const createdAt = now();
      const link: PublicLink = {
        id: randomUUID(),
        tokenHash: sha256Hex(token),
        shipmentId,
        organisationId: principal.organisation.id,
        createdAt: createdAt.toISOString(),
        expiresAt: new Date(createdAt.getTime() + hours * 3_600_000).toISOString(),
      };
      await deps.store.access.publicLinks.create(link);
      await deps.audit.record({
        actor: actorOf(principal, request),
        action: 'public-link.create',
        target: shipmentId,
        outcome: 'success',
        details: { linkId: link.id, expiresAt: link.expiresAt },
      });
      return reply.code(201).send({ ...linkBody(link), url: `/api/public/track/${token}` });
    });

    app.get<{ Params: { id: string } }>('/shipments/:id/public-links', async (request) => {
      const { principal, shipmentId } = await ownShipment(request, request.params.id);
      return { links: (await deps.store.access.publicLinks.list(principal.organisation.id, shipmentId)).map(linkBody) };
    });

    app.delete<{ Params: { id: string } }>('/public-links/:id', async (request, reply) => {
      const principal = principalOf(request);
      detailScope(request);
      const link = await deps.store.access.publicLinks.get(request.params.id);
      // Another organisation's link is answered like an unknown one.
      if (!link || link.organisationId !== principal.organisation.id) {
        throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No public link of your organisation has the id '${request.params.id}'`);
      }
      if (!link.revokedAt) {
        await deps.store.access.publicLinks.revoke(link.id, now().toISOString());
        await deps.audit.record({
          actor: actorOf(principal, request),
          action: 'public-link.revoke',
          target: link.shipmentId,
          outcome: 'success',
          details: { linkId: link.id },
        });
      }
      return reply.code(204).send();
    });

    app.get<{ Params: { token: string } }>('/public/track/:token', { config: { public: true } }, async (request) => {
      const gone = new KarvonError('KRV_NO_SUCH_RESOURCE', 'This tracking link does not exist, has expired or was revoked');
      const token = request.params.token;
      if (!TOKEN_PATTERN.test(token)) throw gone;
      const link = await deps.store.access.publicLinks.byTokenHash(sha256Hex(token));
      if (!link || link.revokedAt || Date.parse(link.expiresAt) <= now().getTime()) throw gone;
      const state = await deps.shipments.get(link.shipmentId);
      if (!state) throw gone;
      const eta = await deps.shipments.estimateFor(state, now());
      const arrival = eta?.arrival;
      const last = state.lastLocation;
      // Only these fields: a link holder is nobody's party and sees no references, parties or events.
      return {
        status: state.status,
        lastLocation: last?.kind === 'location' ? { name: last.name, country: last.country ?? null } : null,
        lastSeenAt: state.lastEventTime ?? null,
        eta: arrival ? { likely: arrival.likely, earliest: arrival.earliest, latest: arrival.latest } : null,
      };
    });
  };
}
