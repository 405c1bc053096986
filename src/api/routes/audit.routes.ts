/**
 * The audit log over HTTP (/api/audit): its entries page by page, a verification of the whole log,
 * the export file member states verify offline (`karvon audit verify --file`), and what member
 * states witness the log with: the signed head with the node's public key, consistency proofs
 * between two sizes and inclusion proofs of one entry (schemas in audit.schemas.ts).
 *
 * The network operator and the council read everything; each member state's national coordinator
 * reads heads and proofs (they say nothing about what the entries hold). A refused attempt is
 * itself recorded.
 */
import { PassThrough } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Consistency, ExportLog, Heads, Inclusion, ListEntries, VerifyLog } from './audit.schemas.js';
import { isNetworkAdmin, type Principal } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import type { AuditActor } from '../../model/governance.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';

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
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/', { schema: ListEntries }, async (request) => {
      await reader(request);
      const { afterSeq, limit } = request.query;
      const entries = await deps.store.audit.list({ afterSeq, limit });
      return { entries, ...(entries.length === limit ? { nextAfterSeq: entries[entries.length - 1]!.seq } : {}) };
    });

    api.get('/verify', { schema: VerifyLog }, async (request) => {
      await reader(request);
      return deps.audit.verify();
    });

    api.get('/export', { schema: ExportLog }, async (request, reply) => {
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

    api.get('/heads', { schema: Heads }, async (request) => {
      await witness(request);
      return { head: await deps.audit.tree.head(), publicKey: deps.audit.publishedKey() };
    });

    api.get('/consistency', { schema: Consistency }, async (request) => {
      await witness(request);
      return deps.audit.tree.consistency(request.query.from, request.query.to);
    });

    api.get('/inclusion', { schema: Inclusion }, async (request) => {
      await witness(request);
      return deps.audit.tree.inclusion(request.query.seq, request.query.size);
    });
  };
}
