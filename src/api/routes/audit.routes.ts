/**
 * The audit log over HTTP (/api/audit): its entries page by page, a verification of the whole
 * chain, and the export file member states verify offline (`karvon audit verify --file`). Only the
 * network operator and the council read it; a refused attempt is itself recorded.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isNetworkAdmin, type Principal } from '../../access/model.js';
import { KarvonError } from '../../errors.js';
import type { AuditActor } from '../../governance/model.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

function actorOf(principal: Principal, request: FastifyRequest): AuditActor {
  return {
    organisationId: principal.organisation.id,
    ...(principal.userId !== undefined ? { userId: principal.userId } : {}),
    ...(principal.keyId !== undefined ? { keyId: principal.keyId } : {}),
    via: principal.via,
    address: request.ip,
  };
}

function mayReadAuditLog(principal: Principal): boolean {
  return isNetworkAdmin(principal) || (principal.organisation.kind === 'council' && principal.organisation.status === 'active');
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new KarvonError('KRV_QUERY_PARAMETER', `${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

export function auditRoutes(deps: ApiDeps): FastifyPluginAsync {
  /** The caller, if it may read the audit log: 401 without credentials, 403 (recorded) otherwise. */
  const reader = async (request: FastifyRequest): Promise<Principal> => {
    const principal = requireScope(request, 'read');
    if (!mayReadAuditLog(principal)) {
      await deps.audit.record({ actor: actorOf(principal, request), action: 'audit.read', target: request.routeOptions.url ?? request.url, outcome: 'denied', details: {} });
      throw new KarvonError('KRV_FORBIDDEN', 'Only the network operator and the council read the audit log');
    }
    return principal;
  };

  return async (app) => {
    app.get<{ Querystring: { afterSeq?: string; limit?: string } }>('/', async (request) => {
      await reader(request);
      const afterSeq = wholeNumber('afterSeq', request.query.afterSeq, 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = wholeNumber('limit', request.query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
      const entries = await deps.store.audit.list({ afterSeq, limit });
      return { entries, ...(entries.length === limit ? { nextAfterSeq: entries[entries.length - 1]!.seq } : {}) };
    });

    app.get('/verify', async (request) => {
      await reader(request);
      return deps.audit.verify();
    });

    app.get('/export', async (request, reply) => {
      const principal = await reader(request);
      // Recorded before the file is written, so the file carries the fact of its own export.
      await deps.audit.record({ actor: actorOf(principal, request), action: 'export', target: 'audit-log', outcome: 'success', details: { to: 'http' } });
      const body = new PassThrough();
      deps.audit.export(body).then(
        () => body.end(),
        (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="karvon-audit-${day}.jsonl"`)
        .send(body);
    });
  };
}
