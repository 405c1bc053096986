/**
 * Named queries (the EPCIS REST /queries resource) as Karvon keeps them. A named query belongs to
 * the organisation that created it — its definition may name containers and bookings, which are
 * that organisation's business — and each organisation has its own names, so creating a name
 * another organisation uses just works and tells nothing about it. Another organisation's query is
 * answered exactly like one that does not exist (no existence oracle). The network operator sees
 * every query (with its owner) and may delete any; it names another organisation's query with
 * `owner`, and the queries stored before queries had owners (owner null) with an empty `owner`.
 * Creating and deleting are written to the audit log, with the query's owner and name but never
 * its definition (the council reads the log and sees aggregates only).
 */
import { AuditedActions } from '../access/audited-actions.js';
import { isNetworkAdmin, type Principal } from '../model/access.js';
import type { ReadScope } from '../model/visibility-scope.js';
import { parseNamedQueryBody, queryFromDefinition } from '../epcis/query/index.js';
import { KarvonError } from '../errors.js';
import type { AuditRecorder } from '../model/governance.js';
import type { NamedQuery, Store } from '../store/store.js';
import type { EventQueryService, EventsPage } from './event-query-service.js';

/** Whose queries a request addresses: an owner (null: no owner), or none the caller may see. */
type Namespace = { readonly owner: string | null } | 'none';

/** How the audit log names a query: `<owner>/<name>`. */
function auditTarget(owner: string | null, name: string): string {
  return `${owner ?? '(no owner)'}/${name}`;
}

function noSuchName(name: string): KarvonError {
  return new KarvonError('KRV_NO_SUCH_NAME', `No named query is called '${name}'`);
}

export class NamedQueries {
  private readonly audited: AuditedActions;

  constructor(
    private readonly store: Pick<Store, 'namedQueries'>,
    audit: AuditRecorder,
    private readonly queries: Pick<EventQueryService, 'page'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.audited = new AuditedActions(audit);
  }

  /**
   * The namespace a request addresses: the caller's own; with `owner`, the network operator any
   * (an empty `owner`: the queries without one); anyone else only its own, and nothing otherwise.
   */
  private namespace(principal: Principal, owner: string | undefined): Namespace {
    if (owner === undefined || owner === principal.organisation.id) return { owner: principal.organisation.id };
    if (isNetworkAdmin(principal)) return { owner: owner === '' ? null : owner };
    return 'none';
  }

  /**
   * Creates a query in the caller's namespace from a POST /queries body ({name, query}); an invalid
   * definition is refused now rather than when it first runs; 409 when the caller has one of that name.
   */
  async create(principal: Principal, body: unknown): Promise<NamedQuery> {
    const { name, query } = parseNamedQueryBody(body);
    const owner = principal.organisation.id;
    return this.audited.run(principal, 'named-query.create', auditTarget(owner, name), async () => {
      const created: NamedQuery = { owner, name, query, createdAt: this.now().toISOString() };
      if (!(await this.store.namedQueries.create(created))) {
        throw new KarvonError('KRV_DUPLICATE_NAME', `You have a query called '${name}' already; choose another name or delete it first`);
      }
      return { result: created, details: { owner, name } };
    });
  }

  /** The query of this name the caller may see, or 404 (the same for one that exists elsewhere). */
  async get(principal: Principal, name: string, owner?: string): Promise<NamedQuery> {
    const namespace = this.namespace(principal, owner);
    const found = namespace === 'none' ? undefined : await this.store.namedQueries.get(namespace.owner, name);
    if (!found) throw noSuchName(name);
    return found;
  }

  /** The caller's queries; every query, each with its owner, for the network operator. */
  list(principal: Principal, page: { perPage: number; pageToken?: string }): Promise<{ queries: NamedQuery[]; nextPageToken?: string }> {
    return this.store.namedQueries.list(isNetworkAdmin(principal) ? page : { ...page, owner: principal.organisation.id });
  }

  /** One page of the events a query the caller may see matches, filtered by the caller's read scope. */
  async run(
    principal: Principal,
    scope: ReadScope,
    name: string,
    owner: string | undefined,
    paging: { perPage: number; nextPageToken?: string },
  ): Promise<{ query: NamedQuery; page: EventsPage }> {
    const query = await this.get(principal, name, owner);
    return { query, page: await this.queries.page(queryFromDefinition(query.query), paging, scope) };
  }

  /** Deletes a query the caller may delete (its own; any, for the network operator), or 404. */
  async delete(principal: Principal, name: string, owner?: string): Promise<void> {
    const namespace = this.namespace(principal, owner);
    const target = auditTarget(namespace === 'none' ? owner ?? null : namespace.owner, name);
    await this.audited.run(principal, 'named-query.delete', target, async () => {
      if (namespace === 'none' || !(await this.store.namedQueries.delete(namespace.owner, name))) throw noSuchName(name);
      return { result: undefined, details: { owner: namespace.owner, name } };
    });
  }
}
