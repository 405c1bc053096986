// The typed HTTP contract of the governance, audit and EPCIS routes: unknown body fields and query
// parameters of /api routes are refused with a 400 naming them; the EPCIS routes keep the EPCIS
// core's own validation and answer byte for byte what the bindings write; capture jobs are listed
// per organisation in full pages; /openapi.json describes bodies, parameters and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyScope } from '../../src/model/access.js';
import { captureJobBody } from '../../src/api/routes/capture.routes.js';
import { serializeJsonLdEvent } from '../../src/epcis/jsonld/serialize.js';
import { coordinator, createOrganisations, HISTORY } from '../governance/governance-fixtures.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const keys = new Map<string, string>();
const as = (who: string) => ({ authorization: `Bearer ${keys.get(who)!}` });

async function keyFor(organisationId: string, scopes: KeyScope[]): Promise<string> {
  return (await t.runtime.access.createApiKey('cli', { organisationId, name: `test ${scopes.join('+')}`, scopes })).secret;
}

beforeAll(async () => {
  t = await startTestApp();
  await createOrganisations(t.runtime.store);
  await t.runtime.governance.seedDemoHistory({ ...HISTORY, coordinatorOf: coordinator });
  for (const id of ['kz-coordinator', 'uz-coordinator']) keys.set(id, await keyFor(id, ['read', 'admin']));
  for (const [id, country] of [['kz-forwarder', 'KZ'], ['uz-forwarder', 'UZ']] as const) {
    await t.runtime.access.createOrganisation('cli', { id, name: id, kind: 'forwarder', country, partyIds: [], locations: [] });
    keys.set(id, await keyFor(id, ['read', 'capture']));
  }
});
afterAll(async () => t?.close());

function send(method: 'GET' | 'POST' | 'PUT', url: string, who?: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { ...(who ? as(who) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** A 400 whose problem names `field`. */
function expectRefusalNaming(response: Awaited<ReturnType<typeof send>>, field: string): void {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json().detail).toContain(field);
}

describe('/api/governance refuses what it does not know', () => {
  it('an unknown field in a proposal, a vote, a hand-over or a setting: 400 naming it, nothing opened', async () => {
    const before = (await send('GET', '/api/governance/proposals', 'kz-coordinator')).json().proposals.length;
    expectRefusalNaming(await send('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission', country: 'GE', reason: 'ports' }), 'reason');
    expect((await send('GET', '/api/governance/proposals', 'kz-coordinator')).json().proposals).toHaveLength(before);

    const opened = await send('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission', country: 'GE', motivation: 'ports' });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json();
    expectRefusalNaming(await send('POST', `/api/governance/proposals/${id}/votes`, 'uz-coordinator', { vote: 'yes', weight: 2 }), 'weight');
    expect((await send('GET', `/api/governance/proposals/${id}`, 'uz-coordinator')).json().votes).toEqual([]);
    expectRefusalNaming(await send('POST', `/api/governance/proposals/${id}/withdraw`, 'kz-coordinator', { because: 'late' }), 'because');
    expectRefusalNaming(await send('POST', '/api/governance/chair/hand-overs', 'kz-coordinator', { country: 'UZ', from: '2027-01-01T00:00:00Z', until: 'x' }), 'until');
    expectRefusalNaming(await send('PUT', '/api/governance/settings/publicLinkMaxDays', 'kz-coordinator', { value: 12, unit: 'h' }), 'unit');

    // Without a body, a withdrawal goes through.
    const withdrawn = await send('POST', `/api/governance/proposals/${id}/withdraw`, 'kz-coordinator');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id, status: 'withdrawn', motivation: 'ports', tally: { outcome: 'withdrawn', pending: [] } });
  });

  it('an unknown query parameter, a wrong value or a missing field: 400 naming it', async () => {
    expectRefusalNaming(await send('GET', '/api/governance/proposals?state=open', 'kz-coordinator'), 'state');
    expectRefusalNaming(await send('GET', '/api/governance/members?country=KZ', 'kz-coordinator'), 'country');
    expectRefusalNaming(await send('GET', '/api/governance/chair?when=now', 'kz-coordinator'), 'when');
    expectRefusalNaming(await send('GET', '/api/governance/proposals?status=odd', 'kz-coordinator'), 'status');
    expectRefusalNaming(await send('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'expulsion', country: 'GE' }), 'kind');
    expectRefusalNaming(await send('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission' }), 'country');
    expectRefusalNaming(await send('PUT', '/api/governance/settings/publicLinkMaxDays', 'kz-coordinator', {}), 'value');
  });

  it('takes JSON only', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/governance/proposals', headers: { ...as('kz-coordinator'), 'content-type': 'application/xml' }, payload: '<proposal/>' });
    expect(response.statusCode).toBe(415);
  });
});

describe('/api/audit refuses unknown query parameters', () => {
  it('on every route, naming them', async () => {
    expectRefusalNaming(await send('GET', '/api/audit?afterSeq=0&size=5'), 'size');
    expectRefusalNaming(await send('GET', '/api/audit/verify?deep=true'), 'deep');
    expectRefusalNaming(await send('GET', '/api/audit/export?format=csv'), 'format');
    expectRefusalNaming(await send('GET', '/api/audit/inclusion?seq=1&entry=2'), 'entry');
    expectRefusalNaming(await send('GET', '/api/audit?limit=0'), 'limit');
  });

  it('pages the log with the parameters it declares', async () => {
    const page = await send('GET', '/api/audit?limit=2');
    expect(page.statusCode).toBe(200);
    const { entries, nextAfterSeq } = page.json();
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(nextAfterSeq).toBe(2);
    // An entry comes out as stored, every field (entries are verified by their hash).
    const stored = (await t.runtime.store.audit.list({ afterSeq: 0, limit: 2 }))[1];
    expect(entries[1]).toEqual(JSON.parse(JSON.stringify(stored)));
  });
});

describe('capture jobs are listed per organisation in full pages', () => {
  it("gives an organisation pages of its own jobs while others' interleave, and the Link continues them", async () => {
    const document = Buffer.from(jsonDocument([departing(1)]));
    const own: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const capturedBy of ['uz-forwarder', 'kz-forwarder', undefined]) {
        const id = `job-${i}-${capturedBy ?? 'local'}`;
        await t.runtime.store.captureJobs.create({ id, errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: '2026-11-01T08:00:00.000Z', ...(capturedBy ? { capturedBy } : {}) }, document);
        if (capturedBy === 'kz-forwarder') own.push(id);
      }
    }
    const pages: string[][] = [];
    let url: string | undefined = '/epcis/capture?perPage=2';
    while (url && pages.length < 10) {
      const response: Awaited<ReturnType<typeof send>> = await t.app.inject({ method: 'GET', url, headers: as('kz-forwarder') });
      expect(response.statusCode).toBe(200);
      const jobs = response.json() as { captureID: string }[];
      pages.push(jobs.map((job) => job.captureID));
      // Serialised by its schema, byte for byte what the binding's shape gives.
      const expected = await Promise.all(jobs.map(async (job) => captureJobBody((await t.runtime.store.captureJobs.get(job.captureID))!)));
      expect(response.body).toBe(JSON.stringify(expected));
      url = /<([^>]+)>; rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
    }
    expect(pages).toEqual([own.slice(0, 2), own.slice(2, 4), own.slice(4)]);
    // Another organisation's job is answered like one that does not exist.
    expect((await t.app.inject({ method: 'GET', url: '/epcis/capture/job-0-uz-forwarder', headers: as('kz-forwarder') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/epcis/capture/job-0-kz-forwarder', headers: as('kz-forwarder') })).statusCode).toBe(200);
    // The network operator sees every job, local captures too.
    const all = (await t.app.inject({ method: 'GET', url: '/epcis/capture?perPage=1000' })).json() as { captureID: string }[];
    expect(all.filter((job) => job.captureID.startsWith('job-'))).toHaveLength(15);
  });
});

describe('the EPCIS routes keep their own validation and answers', () => {
  it('refuses unknown query parameters and bodies with EPCIS exceptions, as before', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/epcis/events?EQ_bizStepp=shipping' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ type: 'epcisException:QueryParameterException' });
    expect(unknown.json().detail).toContain('EQ_bizStepp');
    const perPage = await t.app.inject({ method: 'GET', url: '/epcis/capture?perPage=0' });
    expect(perPage.json()).toMatchObject({ type: 'epcisException:QueryParameterException', detail: "perPage must be a whole number from 1 to 1000, got '0'" });
    const extra = await t.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'q', query: {}, owner: 'x' }),
    });
    expect(extra.json()).toMatchObject({ type: 'epcisException:QueryParameterException', detail: 'Unexpected member(s) in the query body: owner' });
  });

  it('answers an event exactly as the JSON-LD binding writes it, extension fields included', async () => {
    const event = { ...departing(77), 'example:temperature': { '@value': 4.5, unit: 'CEL' }, 'example:note': 'kept' };
    const posted = await t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify({ '@context': [{ example: 'https://example.org/ns/' }], ...event }), headers: { 'content-type': 'application/ld+json' } });
    expect(posted.statusCode, posted.body).toBe(201);
    const location = posted.headers.location as string;
    const stored = await t.runtime.store.events.get(decodeURIComponent(location.slice('/epcis/events/'.length)));
    const answer = await t.app.inject({ method: 'GET', url: location });
    expect(answer.body).toBe(serializeJsonLdEvent(stored!.event));
    const queried = await t.app.inject({ method: 'GET', url: `/epcis/events?EQ_eventID=${encodeURIComponent(String(stored!.event.eventID))}` });
    const [found] = queried.json().epcisBody.queryResults.resultsBody.eventList;
    expect(found).toMatchObject({ 'example:note': 'kept', 'example:temperature': { '@value': 4.5, unit: 'CEL' } });
    // Collections are serialised by their schema: byte for byte what JSON.stringify writes.
    const collection = await t.app.inject({ method: 'GET', url: '/epcis/eventTypes' });
    expect(collection.body).toBe(
      JSON.stringify({ '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', type: 'Collection', member: ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] }),
    );
  });
});

describe('/openapi.json describes these routes', () => {
  type Operation = {
    summary?: string;
    parameters?: { name: string; in: string }[];
    requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
    responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  };
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    paths = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
  });

  it('gives every operation of governance, audit and EPCIS an answer schema, and every POST/PUT a body', () => {
    const ours = Object.entries(paths).filter(([path]) => /^\/(api\/governance|api\/audit|epcis)(\/|$)/.test(path));
    expect(ours.length).toBeGreaterThan(30);
    for (const [path, operations] of ours) {
      for (const [method, operation] of Object.entries(operations)) {
        // OPTIONS of the other EPCIS paths is one generic route of options.routes.ts.
        if (method === 'options' && path !== '/epcis/capture') continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.summary, where).toBeTruthy();
        const answers = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
        expect(answers.length, where).toBeGreaterThan(0);
        expect(operation.responses['4XX']?.content?.['application/json']?.schema, where).toBeDefined();
        if (method === 'post' || method === 'put') expect(operation.requestBody, where).toBeDefined();
      }
    }
  });

  it('names the fields of bodies and the parameters, and the media types of EPCIS documents', () => {
    const proposal = paths['/api/governance/proposals']!.post!;
    expect(Object.keys(proposal.requestBody!.content['application/json']!.schema.properties!)).toEqual(['kind', 'country', 'motivation']);
    expect(paths['/api/governance/proposals']!.get!.parameters!.map((p) => p.name)).toEqual(['status']);
    expect(paths['/api/audit/']!.get!.parameters!.map((p) => p.name)).toEqual(['afterSeq', 'limit']);
    expect(Object.keys(paths['/epcis/capture']!.post!.requestBody!.content).sort()).toEqual(['application/json', 'application/ld+json', 'application/xml', 'text/xml']);
    expect(Object.keys(paths['/epcis/events']!.get!.responses['200']!.content!).sort()).toEqual(['application/ld+json', 'application/xml']);
    expect(paths['/epcis/events']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['EQ_bizStep', 'MATCH_anyEPC', 'GE_eventTime', 'perPage', 'nextPageToken']));
  });
});
