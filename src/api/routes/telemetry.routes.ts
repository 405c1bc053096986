/**
 * Telemetry over HTTP: the batch JSON way in (/api/telemetry), the OsmAnd protocol (/api/osmand),
 * the pipeline's status, the live feed (/api/live: a first picture and Server-Sent Events) and user
 * geofences. Decoding is src/telemetry/decode/, everything after it the pipeline's.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createSession } from 'better-sse';
import { deviceTokenHash } from '../../access/tokens.js';
import { readScopeOf } from '../../access/visibility.js';
import { KarvonError } from '../../errors.js';
import { isNetworkAdmin, type Principal } from '../../model/access.js';
import type { UserGeofence } from '../../model/telemetry.js';
import { decodeBatch } from '../../telemetry/decode/batch.decoder.js';
import { decodeOsmand } from '../../telemetry/decode/osmand.decoder.js';
import { decodeOsmandJson } from '../../telemetry/decode/osmand-json.decoder.js';
import { mayView, unitsOf, type LiveUnit, type LiveViewer } from '../../telemetry/live-feed.js';
import type { Sender } from '../../telemetry/pipeline-batch.js';
import type { ApiDeps } from '../deps.js';
import { readScope, requireScope } from '../guard.js';
import { absentBodyAsEmptyObject, serializeAsBuilt } from '../schemas/common.js';
import { documentationOnly } from './epcis.schemas.js';
import {
  CREATE_GEOFENCE_SCHEMA,
  DELETE_GEOFENCE_SCHEMA,
  LIST_GEOFENCES_SCHEMA,
  LIVE_STREAM_SCHEMA,
  LIVE_UNITS_SCHEMA,
  OSMAND_POST_SCHEMA,
  OSMAND_SCHEMA,
  TELEMETRY_BATCH_SCHEMA,
  TELEMETRY_STATUS_SCHEMA,
} from './telemetry.schemas.js';

/** Bodies of 10,000 readings with attributes: far more than 1 MiB. */
const TELEMETRY_BODY_LIMIT = 16 * 1024 * 1024;
const NO_CREDENTIAL = 'Send the device token (Authorization: Bearer krvd_..., or key=krvd_... for OsmAnd) or an API key with the capture right';

function bearerOf(request: FastifyRequest): string | undefined {
  const m = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return m?.[1];
}

interface LiveFilter {
  corridor?: string;
  country?: string;
  mode?: string;
  status?: string;
}

/** A geofence as the API shows it (plain arrays for the JSON schema). */
function geofenceView(g: UserGeofence) {
  return {
    ...g,
    geometry: g.geometry.kind === 'circle'
      ? { kind: 'circle' as const, center: [...g.geometry.center], radiusM: g.geometry.radiusM }
      : { kind: 'polygon' as const, ring: g.geometry.ring.map((p) => [...p]) },
  };
}

function matches(unit: LiveUnit, filter: LiveFilter): boolean {
  return (filter.corridor === undefined || unit.corridor === filter.corridor)
    && (filter.country === undefined || unit.country === filter.country)
    && (filter.mode === undefined || unit.mode === filter.mode)
    && (filter.status === undefined || unit.status === filter.status);
}

export function telemetryRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);
    // Trackers that speak OsmAnd may POST a form body.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    /** Who sends: a device token (header or parameter), else the caller's API key or session with the capture right. */
    async function senderOf(request: FastifyRequest, token?: string): Promise<Sender> {
      const presented = token ?? bearerOf(request);
      const hash = presented !== undefined ? deviceTokenHash(presented) : undefined;
      if (hash !== undefined) {
        const device = await deps.store.telemetry.devices.byCredential(hash);
        if (!device) throw new KarvonError('KRV_UNAUTHORIZED', 'This device token is not valid (it may have been replaced)');
        return { kind: 'device', device };
      }
      if (!request.principal) throw new KarvonError('KRV_UNAUTHORIZED', NO_CREDENTIAL);
      const principal: Principal = requireScope(request, 'capture');
      return { kind: 'organisation', organisation: principal.organisation, networkAdmin: isNetworkAdmin(principal) };
    }

    api.post(
      '/telemetry',
      {
        schema: TELEMETRY_BATCH_SCHEMA,
        bodyLimit: TELEMETRY_BODY_LIMIT,
        // The decoder checks every reading and names each bad one (where, which field, why), so the
        // schemas only document the request: Ajv going over 10,000 readings first cost about as much
        // as decoding them (docs/benchmarks.md). The one rule of the query string is checked below.
        validatorCompiler: documentationOnly,
        config: { public: true, deviceCredentials: true },
      },
      async (request, reply) => {
        const parameter = Object.keys(request.query ?? {})[0];
        if (parameter !== undefined) {
          throw new KarvonError('KRV_VALIDATION', `POST /api/telemetry takes no query parameters; '${parameter}' is not one`, [{ pointer: `/${parameter}`, message: 'unknown query parameter' }]);
        }
        const sender = await senderOf(request);
        const result = await deps.telemetry.ingest(decodeBatch(request.body, Date.now()), sender);
        if (result.accepted === 0 && result.refused.length > 0) {
          throw new KarvonError(
            'KRV_VALIDATION',
            `None of the ${result.received} reading(s) could be taken; first: ${result.refused[0]!.pointer}: ${result.refused[0]!.reason}`,
            result.refused.slice(0, 1000).map((r) => ({ pointer: r.pointer, message: r.reason })),
          );
        }
        return reply.send(result);
      },
    );

    const osmand = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const body = request.body;
      const isJson = typeof body === 'object' && body !== null && !Array.isArray(body) && ('location' in body || 'device_id' in body);
      const params: Record<string, unknown> = { ...query, ...(typeof body === 'object' && body !== null && !isJson ? body : {}) };
      const id = typeof params['id'] === 'string' ? params['id'] : typeof params['deviceid'] === 'string' ? params['deviceid'] : undefined;
      // The device token as key=..., or as the id itself (Traccar Client's "device identifier" field).
      const key = typeof params['key'] === 'string' ? params['key'] : id !== undefined && deviceTokenHash(id) !== undefined ? id : undefined;
      const sender = await senderOf(request, key);
      let decoded = isJson ? decodeOsmandJson(body, Date.now()) : decodeOsmand(params, Date.now());
      if (sender.kind === 'device' && key !== undefined && key === id) {
        // The id was the token: the readings are the token's device's.
        decoded = { ...decoded, readings: decoded.readings.map((r) => ({ ...r, deviceId: sender.device.id })) };
      }
      const result = await deps.telemetry.ingest(decoded, sender);
      if (result.accepted === 0) {
        const first = result.refused[0];
        throw new KarvonError('KRV_VALIDATION', first ? `${first.pointer}: ${first.reason}` : 'No reading in the request', result.refused.map((r) => ({ pointer: r.pointer, message: r.reason })));
      }
      return reply.code(200).send({});
    };
    api.get('/osmand', { schema: OSMAND_SCHEMA, config: { public: true, deviceCredentials: true } }, osmand);
    // Traccar Client POSTs with the parameters in the query string and no body at all.
    api.post('/osmand', { schema: OSMAND_POST_SCHEMA, preValidation: absentBodyAsEmptyObject, config: { public: true, deviceCredentials: true } }, osmand);

    api.get('/telemetry/status', { schema: TELEMETRY_STATUS_SCHEMA }, async (request) => {
      const principal = requireScope(request, 'read');
      if (!isNetworkAdmin(principal)) throw new KarvonError('KRV_FORBIDDEN', "The telemetry pipeline's status is for the network operator");
      return {
        counters: deps.telemetry.counters.snapshot(),
        positions: await deps.store.telemetry.positions.count(),
        devices: await deps.store.telemetry.devices.count(),
        geofences: deps.telemetry.places.size,
        ...(deps.mqttUrl?.() ? { mqtt: deps.mqttUrl()! } : {}),
        liveViewers: deps.liveFeed.viewerCount,
      };
    });

    api.get('/live/units', { schema: LIVE_UNITS_SCHEMA }, async (request) => {
      const principal = requireScope(request, 'read');
      const viewer = { organisationId: principal.organisation.id, scope: readScope(request) };
      const placed = await unitsOf({ store: deps.store, subjects: deps.telemetry.subjects }, await deps.store.telemetry.positions.latest());
      const units = placed.filter(({ unit, ownerId, subject }) => mayView(viewer, ownerId, subject) && matches(unit, request.query)).map(({ unit }) => unit);
      return { units, asOf: new Date().toISOString() };
    });

    api.get('/live', { schema: LIVE_STREAM_SCHEMA }, async (request, reply) => {
      const principal = requireScope(request, 'read');
      const scope = readScopeOf(principal);
      const filter = request.query;
      reply.hijack();
      const session = await createSession(request.raw, reply.raw, { keepAlive: 15_000 });
      const viewer: LiveViewer = {
        organisationId: principal.organisation.id,
        scope,
        unit: (unit) => {
          if (session.isConnected && matches(unit, filter)) session.push(unit, 'unit');
        },
        event: (event) => {
          if (session.isConnected) session.push(event, 'event');
        },
      };
      const leave = deps.liveFeed.join(viewer);
      session.once('disconnected', leave);
    });

    api.post('/geofences', { schema: CREATE_GEOFENCE_SCHEMA }, async (request, reply) => {
      const principal = requireScope(request, 'admin');
      const body = request.body;
      const geofence: UserGeofence = {
        id: `${principal.organisation.id}.${body.id}`,
        ownerId: principal.organisation.id,
        name: body.name,
        geometry: body.geometry.kind === 'circle'
          ? { kind: 'circle' as const, center: [body.geometry.center[0]!, body.geometry.center[1]!] as const, radiusM: body.geometry.radiusM }
          : { kind: 'polygon' as const, ring: body.geometry.ring.map((p) => [p[0]!, p[1]!] as const) },
        ...(body.sgln ? { sgln: body.sgln } : {}),
        createdAt: new Date().toISOString(),
      };
      if (geofence.geometry.kind === 'polygon') {
        const ring = geofence.geometry.ring;
        const [a, b] = [ring[0]!, ring.at(-1)!];
        if (a[0] !== b[0] || a[1] !== b[1]) throw new KarvonError('KRV_VALIDATION', 'A polygon ring must end where it starts', [{ pointer: '/geometry/ring', message: 'not closed' }]);
      }
      if (!(await deps.store.telemetry.geofences.create(geofence))) throw new KarvonError('KRV_ALREADY_EXISTS', `Your organisation has a geofence '${body.id}' already`);
      deps.telemetry.addGeofence(geofence);
      await deps.audit.record({ actor: deps.access.auditActor(principal, request.ip), action: 'geofence.create', target: geofence.id, outcome: 'success', details: { name: geofence.name } });
      return reply.code(201).send(geofenceView(geofence));
    });

    api.get('/geofences', { schema: LIST_GEOFENCES_SCHEMA }, async (request) => {
      const principal = requireScope(request, 'read');
      return { geofences: (await deps.store.telemetry.geofences.list(isNetworkAdmin(principal) ? {} : { ownerId: principal.organisation.id })).map(geofenceView) };
    });

    api.delete('/geofences/:id', { schema: DELETE_GEOFENCE_SCHEMA }, async (request, reply) => {
      const principal = requireScope(request, 'admin');
      const id = request.params.id.includes('.') ? request.params.id : `${principal.organisation.id}.${request.params.id}`;
      // A geofence's id is its owner's id, a dot, and its own id.
      const own = id.startsWith(`${principal.organisation.id}.`);
      if (!own && !isNetworkAdmin(principal)) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `Your organisation has no geofence '${request.params.id}'`);
      if (!(await deps.store.telemetry.geofences.delete(id))) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `There is no geofence '${request.params.id}'`);
      deps.telemetry.removeGeofence(id);
      await deps.audit.record({ actor: deps.access.auditActor(principal, request.ip), action: 'geofence.delete', target: id, outcome: 'success', details: {} });
      return reply.code(204).send(null);
    });
  };
}
