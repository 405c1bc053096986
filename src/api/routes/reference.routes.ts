/**
 * The shipped reference data over HTTP (/api/reference/...): countries, border crossings, ports and
 * terminals with their geofences and GS1 identifiers, customs offices, corridors with route lines,
 * and the timing facts behind simulation and ETA fallbacks. Read-only; every answer names sources.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { KarvonError } from '../../errors.js';
import { countryByCode, corridorById, locationById, locationBySgln, referenceData } from '../../reference/index.js';
import { serializeAsBuilt } from '../schemas/common.js';
import { REFERENCE_SCHEMAS } from './reference.schemas.js';

function list<T>(values: Iterable<T>) {
  const items = [...values];
  return { count: items.length, items };
}

export function referenceRoutes(): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const data = referenceData();
    api.setSerializerCompiler(serializeAsBuilt);
    const config = { public: true };

    api.get('/countries', { schema: REFERENCE_SCHEMAS.countries, config }, async () => list(data.countries.values()));
    api.get('/countries/:code', { schema: REFERENCE_SCHEMAS.country, config }, async (request) => {
      const country = countryByCode(request.params.code.toUpperCase());
      if (!country) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No country has the ISO 3166-1 alpha-2 code '${request.params.code}'`);
      return country;
    });

    api.get('/locations', { schema: REFERENCE_SCHEMAS.locations, config }, async (request) => {
      const { kind, country } = request.query;
      const wanted = country?.toUpperCase();
      return list(
        [...data.locations.values()].filter(
          (location) => (kind === undefined || location.kind === kind) && (wanted === undefined || (location.countries as readonly string[]).includes(wanted)),
        ),
      );
    });
    api.get('/locations/:id', { schema: REFERENCE_SCHEMAS.location, config }, async (request) => {
      const location = locationById(request.params.id) ?? locationBySgln(request.params.id);
      if (!location) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No location has the id or SGLN '${request.params.id}'`);
      return location;
    });

    api.get('/customs-offices', { schema: REFERENCE_SCHEMAS.customsOffices, config }, async () => list(data.customsOffices.values()));

    api.get('/corridors', { schema: REFERENCE_SCHEMAS.corridors, config }, async () =>
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
    api.get('/corridors/:id', { schema: REFERENCE_SCHEMAS.corridor, config }, async (request) => {
      const corridor = corridorById(request.params.id);
      if (!corridor) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No corridor has the id '${request.params.id}'`);
      return corridor;
    });

    api.get('/timing', { schema: REFERENCE_SCHEMAS.timing, config }, async () => list(data.timing.values()));
  };
}
