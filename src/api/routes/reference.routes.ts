/**
 * The shipped reference data over HTTP (/api/reference/...): countries, border crossings, ports and
 * terminals with their geofences and GS1 identifiers, customs offices, corridors with route lines,
 * and the timing facts behind simulation and ETA fallbacks. Read-only; every answer names sources.
 */
import type { FastifyPluginAsync } from 'fastify';
import { KarvonError } from '../../errors.js';
import { countryByCode, corridorById, locationById, locationBySgln, referenceData } from '../../reference/index.js';

const LOCATION_KINDS = new Set(['border-crossing', 'port', 'terminal', 'city']);

function list<T>(values: Iterable<T>) {
  const items = [...values];
  return { count: items.length, items };
}

export function referenceRoutes(): FastifyPluginAsync {
  return async (app) => {
    const data = referenceData();

    app.get('/countries', { config: { public: true } }, async () => list(data.countries.values()));
    app.get<{ Params: { code: string } }>('/countries/:code', { config: { public: true } }, async (request) => {
      const country = countryByCode(request.params.code.toUpperCase());
      if (!country) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No country has the ISO 3166-1 alpha-2 code '${request.params.code}'`);
      return country;
    });

    app.get<{ Querystring: { kind?: string; country?: string } }>('/locations', { config: { public: true } }, async (request) => {
      const { kind, country } = request.query;
      if (kind !== undefined && !LOCATION_KINDS.has(kind)) {
        throw new KarvonError('KRV_QUERY_PARAMETER', `kind must be one of ${[...LOCATION_KINDS].join(', ')}, got '${kind}'`);
      }
      const wanted = country?.toUpperCase();
      return list(
        [...data.locations.values()].filter(
          (location) => (kind === undefined || location.kind === kind) && (wanted === undefined || (location.countries as readonly string[]).includes(wanted)),
        ),
      );
    });
    app.get<{ Params: { id: string } }>('/locations/:id', { config: { public: true } }, async (request) => {
      const location = locationById(request.params.id) ?? locationBySgln(request.params.id);
      if (!location) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No location has the id or SGLN '${request.params.id}'`);
      return location;
    });

    app.get('/customs-offices', { config: { public: true } }, async () => list(data.customsOffices.values()));

    app.get('/corridors', { config: { public: true } }, async () =>
      list(
        [...data.corridors.values()].map((corridor) => ({
          id: corridor.id,
          names: corridor.names,
          status: corridor.status,
          distanceKm: corridor.distanceKm,
          stops: [corridor.legs[0]?.from, ...corridor.legs.map((leg) => leg.to)],
          modes: [...new Set(corridor.legs.map((leg) => leg.mode))],
        })),
      ),
    );
    app.get<{ Params: { id: string } }>('/corridors/:id', { config: { public: true } }, async (request) => {
      const corridor = corridorById(request.params.id);
      if (!corridor) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No corridor has the id '${request.params.id}'`);
      return corridor;
    });

    app.get('/timing', { config: { public: true } }, async () => list(data.timing.values()));
  };
}
