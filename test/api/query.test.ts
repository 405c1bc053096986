import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AKTAU, KHORGOS, arriving, departing, jsonDocument, sscc } from '../helpers/corridor-events.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const events = [];
  for (let c = 1; c <= 12; c += 1) {
    events.push(departing(c, `2026-11-01T${String(c).padStart(2, '0')}:00:00.000Z`));
    events.push(arriving(c, `2026-11-05T${String(c).padStart(2, '0')}:30:00.000Z`));
  }
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: jsonDocument(events), headers: { 'content-type': 'application/ld+json' } });
  expect(response.statusCode).toBe(202);
  await t.runtime.capture.idle();
});
afterAll(async () => {
  await t.close();
});

function eventList(body: { epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } } }) {
  return body.epcisBody.queryResults.resultsBody.eventList as Array<Record<string, any>>;
}

describe('GET /epcis/events', () => {
  it('answers an EPCISQueryDocument in JSON-LD', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/epcis/events' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/ld+json');
    const body = response.json();
    expect(body.type).toBe('EPCISQueryDocument');
    expect(body.epcisBody.queryResults.queryName).toBe('SimpleEventQuery');
    expect(eventList(body)).toHaveLength(24);
  });

  it('filters by bizStep in any spelling', async () => {
    for (const spelling of ['arriving', 'urn:epcglobal:cbv:bizstep:arriving', 'https://ref.gs1.org/cbv/BizStep-arriving']) {
      const events = eventList((await t.app.inject({ method: 'GET', url: `/epcis/events?EQ_bizStep=${encodeURIComponent(spelling)}` })).json());
      expect(events).toHaveLength(12);
      expect(events.every((e) => e.bizStep === 'arriving')).toBe(true);
    }
  });

  it('finds all events of one container by MATCH_epc, in URN or Digital Link form', async () => {
    const urn = eventList((await t.app.inject({ method: 'GET', url: `/epcis/events?MATCH_epc=${encodeURIComponent(sscc(5))}` })).json());
    expect(urn.map((e) => e.bizStep)).toEqual(['departing', 'arriving']);
    const dl = eventList((await t.app.inject({ method: 'GET', url: `/epcis/events?MATCH_anyEPC=${encodeURIComponent('https://id.gs1.org/00/048700010000000059')}` })).json());
    expect(dl).toHaveLength(2);
  });

  it('filters by time window and readPoint', async () => {
    const url = `/epcis/events?GE_eventTime=2026-11-01T03:00:00Z&LT_eventTime=2026-11-01T06:00:00Z&EQ_readPoint=${encodeURIComponent(KHORGOS)}`;
    const events = eventList((await t.app.inject({ method: 'GET', url })).json());
    expect(events.map((e) => e.eventTime)).toEqual(['2026-11-01T03:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z']);
  });

  it('filters by bizTransaction type', async () => {
    const url = `/epcis/events?EQ_bizTransaction_bol=${encodeURIComponent('urn:epcglobal:cbv:bt:4870001000018:SMGS3')}`;
    const events = eventList((await t.app.inject({ method: 'GET', url })).json());
    expect(events).toHaveLength(1);
    expect(events[0]!.epcList).toEqual([sscc(3)]);
  });

  it('orders and pages with perPage, nextPageToken and Link rel="next", without gaps or repeats', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/epcis/events?orderBy=eventTime&orderDirection=DESC&perPage=5';
    let pages = 0;
    while (url) {
      const response = await t.app.inject({ method: 'GET', url });
      const events = eventList(response.json());
      seen.push(...events.map((e) => e.eventTime as string));
      const link = response.headers.link as string | undefined;
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('caps the result with eventCountLimit and refuses beyond maxEventCount', async () => {
    const limited = eventList((await t.app.inject({ method: 'GET', url: '/epcis/events?eventCountLimit=3&orderBy=eventTime' })).json());
    expect(limited).toHaveLength(3);
    const tooMany = await t.app.inject({ method: 'GET', url: '/epcis/events?maxEventCount=3' });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().type).toBe('epcisException:QueryTooLargeException');
  });

  it('answers in XML when asked', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/epcis/events?MATCH_epc=${encodeURIComponent(sscc(1))}`, headers: { accept: 'application/xml' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain('EPCISQueryDocument');
    expect(response.body).toContain(sscc(1));
  });

  it('translates EPCs to Digital Links on GS1-EPC-Format: Always_GS1_Digital_Link', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/epcis/events?MATCH_epc=${encodeURIComponent(sscc(1))}`, headers: { 'GS1-EPC-Format': 'Always_GS1_Digital_Link' } });
    expect(eventList(response.json())[0]!.epcList).toEqual(['https://id.gs1.org/00/048700010000000011']);
  });

  it('returns one event by its eventID, and 404 for an unknown one', async () => {
    const [first] = eventList((await t.app.inject({ method: 'GET', url: '/epcis/events?perPage=1' })).json());
    const one = await t.app.inject({ method: 'GET', url: `/epcis/events/${encodeURIComponent(first!.eventID)}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().eventID).toBe(first!.eventID);
    const missing = await t.app.inject({ method: 'GET', url: `/epcis/events/${encodeURIComponent('ni:///sha-256;00?ver=CBV2.0')}` });
    expect(missing.statusCode).toBe(404);
  });
});

describe('top-level resources', () => {
  it('lists the resources, event types, bizSteps, readPoints and EPCs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/epcis/' })).json().member).toContain('events');
    expect((await t.app.inject({ method: 'GET', url: '/epcis/eventTypes' })).json().member).toContain('ObjectEvent');
    const bizSteps = (await t.app.inject({ method: 'GET', url: '/epcis/bizSteps' })).json().member as string[];
    expect(bizSteps.length).toBe(2);
    const readPoints = (await t.app.inject({ method: 'GET', url: '/epcis/readPoints' })).json().member as string[];
    expect(readPoints.length).toBe(2);
    const epcs = (await t.app.inject({ method: 'GET', url: '/epcis/epcs?perPage=5' }));
    expect(epcs.json().member).toHaveLength(5);
    expect(epcs.headers.link).toContain('rel="next"');
  });

  it('answers the events of a resource', async () => {
    const events = eventList((await t.app.inject({ method: 'GET', url: `/epcis/bizLocations/${encodeURIComponent(AKTAU)}/events` })).json());
    expect(events).toHaveLength(12);
    const byEpc = eventList((await t.app.inject({ method: 'GET', url: `/epcis/epcs/${encodeURIComponent(sscc(2))}/events` })).json());
    expect(byEpc).toHaveLength(2);
    const byType = await t.app.inject({ method: 'GET', url: '/epcis/eventTypes/NoSuchEvent' });
    expect(byType.statusCode).toBe(404);
  });
});

describe('named queries', () => {
  it('creates, lists, runs and deletes a named query', async () => {
    const create = await t.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      payload: JSON.stringify({ name: 'arrivals-aktau', query: { EQ_bizStep: ['arriving'], EQ_bizLocation: [AKTAU] } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(create.statusCode).toBe(201);
    expect(create.headers.location).toBe('/epcis/queries/arrivals-aktau');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      payload: JSON.stringify({ name: 'arrivals-aktau', query: { EQ_bizStep: ['arriving'] } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/epcis/queries' })).json().map((q: { name: string }) => q.name)).toContain('arrivals-aktau');
    const run = await t.app.inject({ method: 'GET', url: '/epcis/queries/arrivals-aktau/events' });
    expect(run.json().epcisBody.queryResults.queryName).toBe('arrivals-aktau');
    expect(eventList(run.json())).toHaveLength(12);
    expect((await t.app.inject({ method: 'DELETE', url: '/epcis/queries/arrivals-aktau' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/epcis/queries/arrivals-aktau/events' })).statusCode).toBe(404);
  });

  it('refuses an invalid query definition', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/epcis/queries',
      payload: JSON.stringify({ name: 'bad', query: { EQ_nothing: ['x'] } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().type).toBe('epcisException:QueryParameterException');
  });
});

describe('operations', () => {
  it('answers /health, /ready, /openapi.json and /docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({ status: 'ready', store: 'sqlite' });
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toContain('/epcis/events');
    // Every operation is described, so /docs never shows a bare path.
    const undescribed = Object.entries(openapi.paths as Record<string, Record<string, { summary?: string }>>).flatMap(([p, ops]) =>
      Object.entries(ops).filter(([, op]) => !op.summary).map(([method]) => `${method.toUpperCase()} ${p}`),
    );
    expect(undescribed).toEqual([]);
    expect(Object.keys(openapi.components.securitySchemes)).toEqual(['apiKey', 'session']);
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('user extension fields', () => {
  it('are queried by prefix:name with the namespace declared in GS1-Extensions', async () => {
    const sealed = { ...departing(50), 'krv:sealNumber': 'KZ-SEAL-0042' };
    const other = { ...departing(51), 'krv:sealNumber': 'KZ-SEAL-0043' };
    const body = jsonDocument([sealed, other] as never, { krv: 'https://karvon.example/epcis/' });
    await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': 'application/ld+json' } });
    await t.runtime.capture.idle();
    const response = await t.app.inject({
      method: 'GET',
      url: '/epcis/events?EQ_krv:sealNumber=KZ-SEAL-0042',
      headers: { 'GS1-Extensions': 'krv=https://karvon.example/epcis/' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const events = eventList(response.json());
    expect(events).toHaveLength(1);
    expect(events[0]!.epcList).toEqual([sscc(50)]);
    expect(response.json()['@context']).toContainEqual({ krv: 'https://karvon.example/epcis/' });
  });
});

describe('discovery', () => {
  it('answers OPTIONS on resources with Allow and the GS1 version headers', async () => {
    const events = await t.app.inject({ method: 'OPTIONS', url: '/epcis/events' });
    expect(events.statusCode).toBe(204);
    expect(events.headers.allow).toBe('OPTIONS, GET, POST');
    expect(events.headers['gs1-epcis-version']).toBe('2.0.0');
    const query = await t.app.inject({ method: 'OPTIONS', url: '/epcis/queries/some-query' });
    expect(query.headers.allow).toBe('OPTIONS, GET, DELETE');
    const capture = await t.app.inject({ method: 'OPTIONS', url: '/epcis/capture' });
    expect(capture.headers['gs1-epcis-capture-limit']).toBeDefined();
  });
});
