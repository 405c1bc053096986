/**
 * OPTIONS on every EPCIS resource (the REST binding's discovery): 204 with the methods the resource
 * allows, plus the GS1 version headers that every /epcis response carries. OPTIONS /capture has its
 * own route with the capture limits.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { PROBLEM_RESPONSES } from '../schemas/common.js';

/** Methods by resource, most specific first. */
const ALLOWED: readonly [RegExp, string][] = [
  [/^\/epcis\/events\/?$/, 'OPTIONS, GET, POST'],
  [/^\/epcis\/queries\/?$/, 'OPTIONS, GET, POST'],
  [/^\/epcis\/queries\/[^/]+\/?$/, 'OPTIONS, GET, DELETE'],
  [/^\/epcis\/.*/, 'OPTIONS, GET'],
  [/^\/epcis\/?$/, 'OPTIONS, GET'],
];

/** 204 with Allow and the GS1 version headers; no body. */
const discovery = (summary: string) => ({
  summary,
  tags: ['EPCIS discovery'],
  security: [],
  response: {
    204: Type.Null({ description: 'No body: the Allow, GS1-EPCIS-Version and GS1-CBV-Version headers answer' }),
    ...PROBLEM_RESPONSES,
  },
});

export function optionsRoutes(): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const answer = async (request: { url: string }, reply: FastifyReply) => {
      const path = request.url.split('?')[0]!;
      const allow = ALLOWED.find(([pattern]) => pattern.test(path))?.[1] ?? 'OPTIONS, GET';
      return reply.header('Allow', allow).code(204).send();
    };
    api.options('/epcis', { schema: discovery('The methods the EPCIS root allows and the EPCIS and CBV versions'), config: { public: true } }, answer);
    api.options('/epcis/*', { schema: discovery('The methods an EPCIS resource allows (Allow) and the EPCIS and CBV versions'), config: { public: true } }, answer);
  };
}
