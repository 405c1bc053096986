/**
 * The GS1 headers every EPCIS response carries, and the version a request asks for.
 */
import type { FastifyInstance } from 'fastify';
import { KarvonError } from '../../errors.js';

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

export function registerGs1Headers(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const asked = request.headers['gs1-epcis-version'];
    const version = Array.isArray(asked) ? asked[0] : asked;
    if (version !== undefined && !/^2\.0(\.\d+)?$/.test(version.trim())) {
      throw new KarvonError('KRV_NOT_ACCEPTABLE', `GS1-EPCIS-Version ${version} is not supported; this server speaks EPCIS ${EPCIS_VERSION}`);
    }
  });
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/epcis')) return;
    reply.header('GS1-EPCIS-Version', EPCIS_VERSION);
    reply.header('GS1-CBV-Version', CBV_VERSION);
    reply.header('GS1-EPCIS-Min', EPCIS_VERSION);
    reply.header('GS1-EPCIS-Max', EPCIS_VERSION);
    reply.header('GS1-CBV-Min', CBV_VERSION);
    reply.header('GS1-CBV-Max', CBV_VERSION);
  });
}
