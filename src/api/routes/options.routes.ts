/**
 * OPTIONS on every EPCIS resource (the REST binding's discovery): 204 with the methods the resource
 * allows, plus the GS1 version headers that every /epcis response carries. OPTIONS /capture has its
 * own route with the capture limits.
 */
import type { FastifyPluginAsync } from 'fastify';

/** Methods by resource, most specific first. */
const ALLOWED: readonly [RegExp, string][] = [
  [/^\/epcis\/events\/?$/, 'OPTIONS, GET, POST'],
  [/^\/epcis\/queries\/?$/, 'OPTIONS, GET, POST'],
  [/^\/epcis\/queries\/[^/]+\/?$/, 'OPTIONS, GET, DELETE'],
  [/^\/epcis\/.*/, 'OPTIONS, GET'],
  [/^\/epcis\/?$/, 'OPTIONS, GET'],
];

export function optionsRoutes(): FastifyPluginAsync {
  return async (app) => {
    const answer = async (request: { url: string }, reply: import('fastify').FastifyReply) => {
      const path = request.url.split('?')[0]!;
      const allow = ALLOWED.find(([pattern]) => pattern.test(path))?.[1] ?? 'OPTIONS, GET';
      return reply.header('Allow', allow).code(204).send();
    };
    app.options('/epcis', { config: { public: true } }, answer);
    app.options('/epcis/*', { config: { public: true } }, answer);
  };
}
