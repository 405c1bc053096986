/**
 * The audit log over HTTP (/api/audit): its entries page by page, a verification of the whole log,
 * the export file member states verify offline (`karvon audit verify --file`), and what member
 * states witness the log with: the signed head with the node's public key, consistency proofs
 * between two sizes and inclusion proofs of one entry (schemas in audit-schemas.ts, so
 * /openapi.json describes them).
 *
 * The network operator and the council read everything; each member state's national coordinator
 * reads heads and proofs (they say nothing about what the entries hold). A refused attempt is
 * itself recorded.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CONSISTENCY_SCHEMA, HEADS_SCHEMA, INCLUSION_SCHEMA, refuseUnknownQuery } from './audit-schemas.js';
import { isNetworkAdmin, type Principal } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import type { AuditActor } from '../../model/governance.js';
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

/** Heads and proofs: also every member state's national coordinator, which witnesses the log. */
function mayWitness(principal: Principal): boolean {
  return mayReadAuditLog(principal) || (principal.organisation.kind === 'national-coordinator' && principal.organisation.status === 'active');
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new KarvonError('KRV_QUERY_PARAMETER', `${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

export function auditRoutes(deps: ApiDeps): FastifyPluginAsync {
  /** The caller, if `may` lets it: 401 without credentials, 403 (recorded) otherwise. */
  const allowed = (may: (principal: Principal) => boolean, refusal: string) => async (request: FastifyRequest): Promise<Principal> => {
    const principal = requireScope(request, 'read');
    if (!may(principal)) {
      await deps.audit.record({ actor: actorOf(principal, request), action: 'audit.read', target: request.routeOptions.url ?? request.url, outcome: 'denied', details: {} });
      throw new KarvonError('KRV_FORBIDDEN', refusal);
    }
    return principal;
  };
  const reader = allowed(mayReadAuditLog, 'Only the network operator and the council read the audit log');
  const witness = allowed(mayWitness, "Only the network operator, the council and the member states' national coordinators read the audit log's heads and proofs");

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

    app.get('/heads', { schema: HEADS_SCHEMA, preValidation: refuseUnknownQuery(HEADS_SCHEMA) }, async (request) => {
      await witness(request);
      return { head: await deps.audit.tree.head(), publicKey: deps.audit.publishedKey() };
    });

    app.get<{ Querystring: { from: number; to?: number } }>(
      '/consistency',
      { schema: CONSISTENCY_SCHEMA, preValidation: refuseUnknownQuery(CONSISTENCY_SCHEMA) },
      async (request) => {
        await witness(request);
        return deps.audit.tree.consistency(request.query.from, request.query.to);
      },
    );

    app.get<{ Querystring: { seq: number; size?: number } }>(
      '/inclusion',
      { schema: INCLUSION_SCHEMA, preValidation: refuseUnknownQuery(INCLUSION_SCHEMA) },
      async (request) => {
        await witness(request);
        return deps.audit.tree.inclusion(request.query.seq, request.query.size);
      },
    );
  };
}
