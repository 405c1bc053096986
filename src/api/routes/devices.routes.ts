/**
 * The device registry over HTTP (/api/devices) and the tracks (/api/devices/{id}/track,
 * /api/shipments/{id}/track). What may be done is decided by src/telemetry/device-service.ts; these
 * routes read the request, call it and answer.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { KarvonError } from '../../errors.js';
import type { Attachment } from '../../model/telemetry.js';
import { deviceView } from '../../telemetry/device-service.js';
import { deviceTrack, shipmentTracks, trackPoint, tracksAsGeoJson } from '../../telemetry/tracks.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, principalOf, requireScope } from '../guard.js';
import { absentBodyAsEmptyObject, serializeAsBuilt } from '../schemas/common.js';
import {
  ATTACH_SCHEMA,
  DETACH_SCHEMA,
  DEVICE_TRACK_SCHEMA,
  GET_DEVICE_SCHEMA,
  LIST_ATTACHMENTS_SCHEMA,
  LIST_DEVICES_SCHEMA,
  REGISTER_DEVICE_SCHEMA,
  RENEW_CREDENTIAL_SCHEMA,
  SET_DEVICE_STATUS_SCHEMA,
  SHIPMENT_TRACK_SCHEMA,
} from './devices.schemas.js';

export function attachmentView(a: Attachment) {
  return {
    deviceId: a.deviceId,
    unitKind: a.unitKind,
    unitId: a.unitId,
    unitEpc: a.unitEpc,
    from: new Date(a.from).toISOString(),
    ...(a.to !== undefined ? { to: new Date(a.to).toISOString() } : {}),
  };
}

function instantParam(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

export function devicesRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);
    const devices = deps.devices;

    api.post('/devices', { schema: REGISTER_DEVICE_SCHEMA }, async (request, reply) => {
      const created = await devices.register(principalOf(request), request.body);
      return reply.code(201).send(created);
    });

    api.get('/devices', { schema: LIST_DEVICES_SCHEMA }, async (request) => {
      const list = await devices.list(principalOf(request), request.query.owner);
      return { devices: list.map(deviceView) };
    });

    api.get('/devices/:id', { schema: GET_DEVICE_SCHEMA }, async (request) => {
      const device = await devices.get(principalOf(request), request.params.id);
      const [open, latest] = await Promise.all([
        deps.store.telemetry.devices.openAttachments([device.id]),
        deps.store.telemetry.positions.latest([device.id]),
      ]);
      const attachment = open.get(device.id);
      const position = latest.get(device.id);
      return {
        device: deviceView(device),
        ...(attachment ? { attachment: attachmentView(attachment) } : {}),
        ...(position
          ? { latest: trackPoint(position) }
          : {}),
      };
    });

    api.post('/devices/:id/credential', { schema: RENEW_CREDENTIAL_SCHEMA, preValidation: absentBodyAsEmptyObject }, async (request) => devices.renewCredential(principalOf(request), request.params.id));

    api.put('/devices/:id/status', { schema: SET_DEVICE_STATUS_SCHEMA }, async (request) => devices.setStatus(principalOf(request), request.params.id, request.body.status));

    api.post('/devices/:id/attachments', { schema: ATTACH_SCHEMA }, async (request, reply) => {
      const attachment = await devices.attach(requireScope(request, 'capture'), request.params.id, request.body);
      return reply.code(201).send(attachmentView(attachment));
    });

    api.post('/devices/:id/detach', { schema: DETACH_SCHEMA, preValidation: absentBodyAsEmptyObject }, async (request) => {
      const attachment = await devices.detach(requireScope(request, 'capture'), request.params.id, request.body.at);
      return attachmentView(attachment);
    });

    api.get('/devices/:id/attachments', { schema: LIST_ATTACHMENTS_SCHEMA }, async (request) => ({
      attachments: (await devices.attachments(principalOf(request), request.params.id)).map(attachmentView),
    }));

    api.get('/devices/:id/track', { schema: DEVICE_TRACK_SCHEMA }, async (request) => {
      const device = await devices.get(requireScope(request, 'read'), request.params.id);
      const { from, to, limit, format } = request.query;
      const range = { from: instantParam(from), to: instantParam(to) };
      if (range.from !== undefined && range.to !== undefined && range.to <= range.from) {
        throw new KarvonError('KRV_QUERY_PARAMETER', 'to must be later than from', [{ pointer: '/to', message: 'not after from' }]);
      }
      const track = await deviceTrack(deps.store, device.id, { ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}), ...(limit !== undefined ? { limit } : {}) });
      return format === 'geojson' ? tracksAsGeoJson([track]) : track;
    });

    api.get('/shipments/:id/track', { schema: SHIPMENT_TRACK_SCHEMA }, async (request) => {
      const scope = detailScope(request);
      const shipment = await deps.shipments.get(request.params.id, scope);
      if (!shipment) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No shipment '${request.params.id}' that you may see`);
      const tracks = await shipmentTracks(deps.store, shipment, Date.now());
      return request.query.format === 'geojson' ? tracksAsGeoJson(tracks) : { shipmentId: shipment.id, tracks };
    });
  };
}
