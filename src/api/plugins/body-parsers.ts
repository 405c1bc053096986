/**
 * EPCIS request bodies arrive as raw bytes: the EPCIS bindings parse them themselves, so that syntax
 * errors are reported with positions and the same bytes can be stored as the capture document. These
 * parsers belong to the /epcis scope only (src/api/app.ts); every other route gets Fastify's JSON.
 */
import type { FastifyInstance } from 'fastify';

export const EPCIS_BODY_TYPES = ['application/json', 'application/ld+json', 'application/xml', 'text/xml'];

/** Replaces the scope's parsers with the raw-buffer one; call it on an encapsulated scope. */
export function registerEpcisBodyParsers(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(EPCIS_BODY_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
}

/** The former name, kept for callers that built a bare instance with raw bodies everywhere. */
export const registerBodyParsers = registerEpcisBodyParsers;
