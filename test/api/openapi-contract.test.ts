// The HTTP contract: /openapi.json describes every operation's answers and every request body, so a
// client (or a person at /docs) needs nothing else; and what the contract does not allow is refused
// with a 400 that names it, rather than silently ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { CREATE_PUBLIC_LINK_SCHEMA, LIST_PUBLIC_LINKS_SCHEMA, TRACK_SCHEMA } from '../../src/api/routes/public-links.schemas.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Operation = {
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let doc: OpenApi;
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApi;
});
afterAll(async () => t?.close());

const WITH_BODY = new Set(['post', 'put', 'patch']);

/** The example body of POST /api/shipments as /docs shows it. */
function registrationExample(): Record<string, unknown> | undefined {
  const operation = doc.paths['/api/shipments/']?.post ?? doc.paths['/api/shipments']?.post;
  const media = operation?.requestBody?.content?.['application/json'] as
    | { schema?: { examples?: unknown[] }; example?: unknown; examples?: Record<string, { value: unknown }> }
    | undefined;
  return (media?.example ?? media?.schema?.examples?.[0] ?? Object.values(media?.examples ?? {})[0]?.value) as Record<string, unknown> | undefined;
}

function operations(): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation]),
  );
}

/** What an operation's description lacks: a success answer with a schema, a request body schema. */
function gaps(name: string, operation: Operation): string[] {
  const missing: string[] = [];
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
  // An answer is described by its body's schema, or, for an answer without a body (204, or the
  // EPCIS 201/202 whose result is at Location), by the headers it declares.
  const described = successes.some(
    ([status, response]) =>
      status === '204' ||
      Object.values(response.content ?? {}).some((media) => media.schema !== undefined) ||
      (response.content === undefined && Object.keys(response.headers ?? {}).length > 0),
  );
  if (!described) missing.push('a response schema');
  const method = name.split(' ')[0]!.toLowerCase();
  if (WITH_BODY.has(method) && !Object.values(operation.requestBody?.content ?? {}).some((media) => media.schema !== undefined)) missing.push('a request body schema');
  return missing;
}

describe('/openapi.json', () => {
  it('describes the answers of every operation and the body of every POST, PUT and PATCH', () => {
    const untyped = operations().flatMap(([name, operation]) => gaps(name, operation).map((what) => `${name} has no ${what}`));
    expect(untyped).toEqual([]);
  });

  it('gives every operation a summary and every error answer the problem schema', () => {
    const declaresProblems = (operation: Operation) => Object.keys(operation.responses ?? {}).some((status) => /^[45]/.test(status));
    for (const [name, operation] of operations()) {
      expect(operation.summary, name).toBeTruthy();
      expect(declaresProblems(operation), `${name} declares its error answers`).toBe(true);
    }
  });

  it('has a complete example for registering a shipment that works on the first try', async () => {
    const example = registrationExample();
    expect(example, 'POST /api/shipments has an example body').toBeDefined();
    const response = await t.app.inject({ method: 'POST', url: '/api/shipments', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(example) });
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('what the contract does not allow is refused by name', () => {
  let shipmentUrl = '';
  // A forwarder registers the shipment, and so is a party to it that may hand out public links.
  let forwarder: Record<string, string> = {};
  beforeAll(async () => {
    await t.runtime.access.createOrganisation('cli', { id: 'kz-forwarder', name: 'Almaty Forwarding', kind: 'forwarder', country: 'KZ', locations: ['almaty'] });
    const key = await t.runtime.access.createApiKey('cli', { organisationId: 'kz-forwarder', name: 'test', scopes: ['read', 'capture'] });
    forwarder = { authorization: `Bearer ${key.secret}` };
    const example = registrationExample();
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/shipments',
      headers: { ...forwarder, 'content-type': 'application/json' },
      // Another booking, so another container: the example's is on the open shipment registered above.
      payload: JSON.stringify({ ...example, references: [{ kind: 'booking', value: 'BK-CONTRACT-1' }] }).replaceAll(String((example?.transportUnits as { id: string }[])[0]!.id), 'MSKU1234565'),
    });
    expect(registered.statusCode, registered.body).toBe(201);
    shipmentUrl = registered.headers.location as string;
  });

  const links = () => t.app.inject({ method: 'GET', url: `${shipmentUrl}/public-links`, headers: forwarder });
  const mint = (payload?: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: `${shipmentUrl}/public-links`, headers: { ...forwarder, ...(payload === undefined ? {} : { 'content-type': contentType }) }, ...(payload === undefined ? {} : { payload }) });

  it('refuses an unknown body field (a typo of expiresInHours) instead of minting a default link', async () => {
    const before = (await links()).json().links.length as number;
    const response = await mint('{"hourz":10}');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ code: 'KRV_VALIDATION', type: 'https://ns.karvon.org/problems/validation' });
    expect(problem.detail).toContain('body.hourz');
    expect(problem.issues).toEqual([{ pointer: '/hourz', message: expect.stringContaining('body.hourz') }]);
    expect((await links()).json().links).toHaveLength(before);
  });

  it('names every unknown field and wrong value at once', async () => {
    const response = await mint('{"hours":1000,"expiresInHours":"soon"}');
    expect(response.statusCode).toBe(400);
    const pointers = (response.json().issues as { pointer: string }[]).map((issue) => issue.pointer).sort();
    expect(pointers).toEqual(['/expiresInHours', '/hours']);
  });

  it('still mints a link with a valid body, and with none', async () => {
    const valid = await mint('{"expiresInHours":10}');
    expect(valid.statusCode, valid.body).toBe(201);
    expect(Date.parse(valid.json().expiresAt) - Date.parse(valid.json().createdAt)).toBe(10 * 3_600_000);
    const none = await mint();
    expect(none.statusCode, none.body).toBe(201);
    expect(Date.parse(none.json().expiresAt) - Date.parse(none.json().createdAt)).toBe(72 * 3_600_000);
    // The answers are what their schemas say.
    expect(Value.Check(CREATE_PUBLIC_LINK_SCHEMA.response[201], valid.json())).toBe(true);
    expect(Value.Check(LIST_PUBLIC_LINKS_SCHEMA.response[200], (await links()).json())).toBe(true);
    const tracked = await t.app.inject({ method: 'GET', url: valid.json().url });
    expect(tracked.statusCode).toBe(200);
    expect(Value.Check(TRACK_SCHEMA.response[200], tracked.json())).toBe(true);
  });

  it('refuses an unknown query parameter on /api/shipments, naming it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments?limitt=5' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'KRV_QUERY_PARAMETER', type: 'https://ns.karvon.org/problems/query-parameter' });
    expect(response.json().detail).toContain('querystring.limitt');
    expect(response.json().detail).toContain("'limitt'");
  });

  it('refuses a malformed query parameter value, naming it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments?limit=5000&mode=boat' });
    expect(response.statusCode).toBe(400);
    const detail = response.json().detail as string;
    expect(detail).toContain('querystring.limit');
    expect(detail).toContain('querystring.mode must be one of road, rail, sea');
  });

  it('answers with Karvon problem types outside /epcis and EPCIS exception types under it', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.json().type).toBe('https://ns.karvon.org/problems/no-such-resource');
    const epcis = await t.app.inject({ method: 'GET', url: '/epcis/nothing-here' });
    expect(epcis.json().type).toBe('epcisException:NoSuchResourceException');
  });

  it('refuses a text/plain body outside /epcis (a cross-site form can send one without a preflight)', async () => {
    const response = await mint('{"expiresInHours":10}', 'text/plain');
    expect(response.statusCode).toBe(415);
    expect(response.json().type).toBe('https://ns.karvon.org/problems/unsupported-media-type');
  });
});
