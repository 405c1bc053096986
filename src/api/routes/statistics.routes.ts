/**
 * Aggregate statistics of the whole network (/api/statistics): shipments by status and corridor,
 * open customs holds, completed shipments, the observed leg times and border dwell quantiles the
 * ETAs learn from, and events per day (the daily counter follower). Counts and durations only: no
 * shipment ids, parties, values or references.
 *
 * Who may read them: the secretariat and the council (who see nothing else), the network operator
 * and the national coordinators. Network-wide counts are not broken down by what each organisation
 * may see, so other organisations (carriers, forwarders, customs...) are refused with 403: a count
 * over shipments a carrier may not see would tell it about its competitors' traffic.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OrganisationKind } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import { observationSubject } from '../../projections/corridor-statistics.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';
import { PROBLEM, STATISTICS_QUERY, STATISTICS_RESPONSE } from './status-schemas.js';

/**
 * The parts of an observation key, for readers that label it. The statistics publish leg and dwell
 * keys only (CorridorStatistics.entries); a key of another form would be left out, not guessed at.
 */
function subjectOf(key: string) {
  const subject = observationSubject(key);
  return subject?.kind === 'leg' || subject?.kind === 'dwell' ? subject : undefined;
}

const NETWORK_READERS: ReadonlySet<OrganisationKind> = new Set(['secretariat', 'council', 'network-operator', 'national-coordinator']);

export function statisticsRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['Statistics'],
          summary: 'Network-wide statistics (secretariat, council, network operator, national coordinators)',
          querystring: STATISTICS_QUERY,
          response: { 200: STATISTICS_RESPONSE, 400: PROBLEM, 401: PROBLEM, 403: PROBLEM },
        },
      },
      async (request) => {
        const principal = requireScope(request, 'read');
        if (!NETWORK_READERS.has(principal.organisation.kind) || principal.organisation.status !== 'active') {
          throw new KarvonError('KRV_FORBIDDEN', 'Network-wide statistics are for the secretariat, the council, the network operator and national coordinators');
        }
        // Days are checked by the schema (format: date).
        const { from, to } = request.query;
        const [stats, eventsPerDay] = await Promise.all([
          deps.shipments.stats(),
          deps.store.dailyEventCounts.list({ ...(from ? { from } : {}), ...(to ? { to } : {}) }),
        ]);
        return {
          shipments: stats.shipments,
          events: stats.events,
          byStatus: stats.byStatus,
          byCorridor: stats.byCorridor,
          openHolds: stats.openHolds,
          completedShipments: stats.completedShipments,
          // Fewer than 3 observations would describe one or two shipments: left out, like small cells in official statistics.
          observations: stats.observations.filter(({ quantiles }) => quantiles.n >= 3).flatMap(({ key, quantiles }) => {
            const subject = subjectOf(key);
            return subject ? [{ key, subject, ...quantiles }] : [];
          }),
          eventsPerDay,
        };
      },
    );
  };
}
