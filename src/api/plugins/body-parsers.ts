/**
 * Request bodies arrive as raw bytes: the EPCIS bindings parse them themselves, so that syntax errors
 * are reported with positions and the same bytes can be stored as the capture document.
 */
import type { FastifyInstance } from 'fastify';

export const EPCIS_BODY_TYPES = ['application/json', 'application/ld+json', 'application/xml', 'text/xml'];

export function registerBodyParsers(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(EPCIS_BODY_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
}
