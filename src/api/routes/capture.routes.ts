/**
 * EPCIS 2.0 REST: /capture (asynchronous document capture) and the capture jobs, each the business
 * of the organisation that submitted it (src/capture/capture-jobs.ts). Schemas in capture.schemas.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CaptureJobs } from '../../capture/capture-jobs.js';
import { ITEM_LIMIT_HEADERS } from '../../capture/list-items.js';
import { serializeXmlCaptureJob } from '../../epcis/xml/serialize.js';
import { KARVON_NS } from '../../domain/epcis-profile.js';
import { KarvonError } from '../../errors.js';
import type { CaptureErrorBehaviour, CaptureJob } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { principalOf, requireScope } from '../guard.js';
import { MEDIA_TYPE, outputFormatOf } from '../negotiate.js';
import { nextPageUrl } from '../respond.js';
import { CaptureOptions, GetCaptureJob, ListCaptureJobs, SubmitCapture } from './capture.schemas.js';
import { documentationOnly } from './epcis.schemas.js';

function errorBehaviourOf(request: FastifyRequest): CaptureErrorBehaviour {
  const raw = request.headers['gs1-capture-error-behaviour'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
  if (value === undefined || value === 'rollback') return 'rollback';
  if (value === 'proceed') return 'proceed';
  throw new KarvonError('KRV_VALIDATION', `GS1-Capture-Error-Behaviour must be 'rollback' or 'proceed', got '${value}'`);
}

/** The capture job in the REST binding's JSON shape. */
export function captureJobBody(job: CaptureJob) {
  return {
    captureID: job.id,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    running: job.status === 'queued' || job.status === 'running',
    success: job.status === 'success' || ((job.status === 'queued' || job.status === 'running') && job.errors.length === 0),
    captureErrorBehaviour: job.errorBehaviour,
    eventsCaptured: job.captured,
    eventsDuplicate: job.duplicates,
    eventsRejected: job.rejected,
    errors: job.errors.map((issue) => ({
      type: 'epcisException:ValidationException',
      title: 'Event rejected',
      status: 400,
      detail: issue.message,
      ...(issue.pointer !== undefined ? { pointer: issue.pointer } : {}),
      ...(issue.xmlPath !== undefined ? { xmlPath: issue.xmlPath } : {}),
    })),
    // Karvon's addition: the eventIDs sent for content stored already, each now an alias of the
    // stored event (the hash ID is the sender's own content's, so it tells nothing new).
    contentDuplicates: (job.contentDuplicates ?? []).map(({ eventID, hashID }) => ({ eventID, hashID })),
    // Karvon's addition: findings on events that were captured (a GS1 key whose check digit does not
    // compute, a CBV-looking term the CBV does not define), so the sender can fix its data.
    warnings: (job.warnings ?? []).map((issue) => ({
      detail: issue.message,
      ...(issue.pointer !== undefined ? { pointer: issue.pointer } : {}),
      ...(issue.xmlPath !== undefined ? { xmlPath: issue.xmlPath } : {}),
    })),
  };
}

export function captureRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.setValidatorCompiler(documentationOnly);
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const jobs = new CaptureJobs(deps.store);
    const limitHeaders = {
      'GS1-EPCIS-Capture-Limit': String(deps.config.captureLimit),
      'GS1-EPCIS-Capture-File-Size-Limit': String(deps.config.captureFileSizeLimit),
      // Karvon's own limits on list items (GS1 defines none), advertised next to the standard's.
      [ITEM_LIMIT_HEADERS.perEvent]: String(deps.config.captureItemLimitPerEvent),
      [ITEM_LIMIT_HEADERS.perDocument]: String(deps.config.captureItemLimitPerDocument),
      'GS1-Capture-Error-Behaviour': 'rollback, proceed',
    };

    api.options('/capture', { schema: CaptureOptions, config: { public: true } }, async (_request, reply) =>
      reply.headers({ ...limitHeaders, Allow: 'OPTIONS, GET, POST' }).code(204).send(),
    );

    api.post('/capture', { schema: SubmitCapture }, async (request, reply) => {
      const principal = requireScope(request, 'capture');
      const body = request.body as Buffer | undefined;
      if (!body || body.length === 0) throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send an EPCIS document');
      const job = await deps.capture.submit(body, request.headers['content-type'], errorBehaviourOf(request), principal.organisation);
      return reply
        .headers(limitHeaders)
        .header('Location', `/epcis/capture/${job.id}`)
        .code(202)
        .send();
    });

    api.get('/capture', { schema: ListCaptureJobs }, async (request, reply) => {
      const query = request.query as { perPage?: string; nextPageToken?: string };
      const perPage = query.perPage === undefined ? 30 : Number(query.perPage);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000) {
        throw new KarvonError('KRV_QUERY_PARAMETER', `perPage must be a whole number from 1 to 1000, got '${query.perPage}'`);
      }
      const page = await jobs.list(principalOf(request), { perPage, ...(query.nextPageToken ? { pageToken: query.nextPageToken } : {}) });
      if (page.nextPageToken) reply.header('Link', `<${nextPageUrl(request, page.nextPageToken)}>; rel="next"`);
      return reply.type('application/json').send(page.jobs.map(captureJobBody));
    });

    api.get('/capture/:captureID', { schema: GetCaptureJob }, async (request, reply) => {
      const job = await jobs.get(principalOf(request), request.params.captureID);
      const body = captureJobBody(job);
      if (outputFormatOf(request) === 'xml') {
        return reply.type(MEDIA_TYPE.xml).send(
          serializeXmlCaptureJob({
            captureID: body.captureID,
            running: body.running,
            success: body.success,
            captureErrorBehaviour: body.captureErrorBehaviour,
            createdAt: body.createdAt,
            finishedAt: body.finishedAt,
            errors: body.errors,
            contentDuplicates: { namespace: KARVON_NS, items: body.contentDuplicates },
          }),
        );
      }
      return reply.type('application/json').send(body);
    });
  };
}
