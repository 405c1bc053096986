/**
 * Alerts over HTTP (/api/alerts): list with filters, one alert, and the acts of its lifecycle. What
 * may be seen and done is decided by src/alerts/alert-service.ts; these routes read the request,
 * call it and answer.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { decodeAlertCursor, encodeAlertCursor } from '../../alerts/alert-service.js';
import { KarvonError } from '../../errors.js';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, type Alert } from '../../model/alerts.js';
import type { AlertFilter } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { readScope, requireScope } from '../guard.js';
import { serializeAsBuilt } from '../schemas/common.js';
import { ACKNOWLEDGE_ALERT_SCHEMA, COMMENT_ALERT_SCHEMA, GET_ALERT_SCHEMA, LIST_ALERTS_SCHEMA, RESOLVE_ALERT_SCHEMA } from './alerts.schemas.js';

/** An alert as the API shows it: without the internal key, read-model key and audience. */
export function alertView(alert: Alert) {
  const { key: _key, shipmentKey: _shipmentKey, audience: _audience, ...view } = alert;
  return view;
}

/** A comma-separated filter parameter checked against its values. */
function listOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const wrong = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (wrong !== undefined) throw new KarvonError('KRV_VALIDATION', `${name} '${wrong}' is not one of ${allowed.join(', ')}`, [{ pointer: `/${name}`, message: `one or more of ${allowed.join(', ')}` }]);
  return values as T[];
}

export function alertsRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);
    const alerts = deps.alerts;

    api.get('/alerts', { schema: LIST_ALERTS_SCHEMA }, async (request) => {
      const principal = requireScope(request, 'read');
      const q = request.query;
      const status = listOf('status', q.status, ALERT_STATUSES);
      const kind = listOf('kind', q.kind, ALERT_KINDS);
      const severity = listOf('severity', q.severity, ALERT_SEVERITIES);
      let shipmentKey: string | undefined;
      if (q.shipment !== undefined) {
        const view = await deps.store.shipments.find([q.shipment], readScope(request));
        // A shipment the caller cannot see has no alerts it may see.
        if (!view) return { alerts: [] };
        shipmentKey = view.key;
      }
      const filter: AlertFilter = {
        ...(status ? { status } : {}),
        ...(kind ? { kind } : {}),
        ...(severity ? { severity } : {}),
        ...(shipmentKey ? { shipmentKey } : {}),
        ...(q.device ? { deviceId: q.device } : {}),
        ...(q.corridor ? { corridor: q.corridor } : {}),
        ...(q.country ? { country: q.country.toUpperCase() } : {}),
      };
      const page = await alerts.list(principal, filter, { limit: q.limit ?? 50, ...(q.cursor ? { after: decodeAlertCursor(q.cursor) } : {}) });
      return { alerts: page.alerts.map(alertView), ...(page.nextCursor ? { nextCursor: encodeAlertCursor(page.nextCursor) } : {}) };
    });

    api.get('/alerts/:id', { schema: GET_ALERT_SCHEMA }, async (request) => alertView(await alerts.get(requireScope(request, 'read'), request.params.id)));

    api.post('/alerts/:id/acknowledge', { schema: ACKNOWLEDGE_ALERT_SCHEMA }, async (request) =>
      alertView(await alerts.act(requireScope(request, 'read'), request.params.id, 'acknowledge', request.body.comment)));

    api.post('/alerts/:id/resolve', { schema: RESOLVE_ALERT_SCHEMA }, async (request) =>
      alertView(await alerts.act(requireScope(request, 'read'), request.params.id, 'resolve', request.body.comment)));

    api.post('/alerts/:id/comments', { schema: COMMENT_ALERT_SCHEMA }, async (request) =>
      alertView(await alerts.act(requireScope(request, 'read'), request.params.id, 'comment', request.body.text)));
  };
}
