/**
 * How large a request body may be, as Fastify's per-route `bodyLimit`: the capture file size limit
 * (KARVON_CAPTURE_FILE_SIZE_LIMIT) for the two routes that take EPCIS documents, 1 MiB for every
 * other route (sign-in, registrations, governance...). Fastify refuses a larger body with 413,
 * whether announced by Content-Length or streamed without one.
 *
 * Set here, by an onRoute hook registered before the routes, so route files need not say it.
 */
import type { FastifyInstance } from 'fastify';

/** Largest body of any request that is not an EPCIS capture. */
export const NON_CAPTURE_BODY_LIMIT = 1024 * 1024;

export function registerBodyLimits(app: FastifyInstance, captureFileSizeLimit: number): void {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return;
    route.bodyLimit = takesEpcisDocuments(route.method, route.url) ? captureFileSizeLimit : NON_CAPTURE_BODY_LIMIT;
  });
}

/** POST /epcis/capture and POST /epcis/events. */
function takesEpcisDocuments(method: string | string[], url: string): boolean {
  const methods = Array.isArray(method) ? method : [method];
  return methods.includes('POST') && /^\/epcis\/(capture|events)\/?$/.test(url);
}
