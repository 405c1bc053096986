import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ KARVON_CAPTURE_LIMIT: '3', KARVON_CAPTURE_FILE_SIZE_LIMIT: '65536' });
});
afterAll(async () => {
  await t.close();
});

function capture(payload: string | Buffer, contentType = 'application/ld+json') {
  return t.app.inject({ method: 'POST', url: '/epcis/capture', payload, headers: { 'content-type': contentType } });
}

describe('bad input gets a clear 4xx problem and nothing is stored', () => {
  it.each([
    ['malformed JSON', '{"type": "EPCISDocument", ', 'application/ld+json', 400, 'ValidationException'],
    ['malformed XML', '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody>', 'application/xml', 400, 'ValidationException'],
    ['an XML DOCTYPE with an entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>', 'application/xml', 400, 'ValidationException'],
    ['an unknown event type', jsonDocument([{ ...departing(1), type: 'TeleportEvent' } as never]), 'application/ld+json', 400, 'ValidationException'],
    ['a wrong type of field', jsonDocument([{ ...departing(1), epcList: 'not-a-list' } as never]), 'application/ld+json', 400, 'ValidationException'],
    ['an unsupported media type', 'hello', 'text/plain', 415, 'UnsupportedMediaTypeException'],
  ])('%s', async (_name, payload, contentType, status, exception) => {
    const response = await capture(payload, contentType);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.type).toBe(`epcisException:${exception}`);
    expect(problem.detail.length).toBeGreaterThan(10);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.js:\d+|SQLITE|stack/i);
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"type":"EPCISDocument","x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const response = await capture(bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/UTF-8/i);
  });

  it('deep nesting', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const response = await capture(`{"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-01-01T00:00:00Z","epcisBody":{"eventList":[{"type":"ObjectEvent","ext:x":${deep}}]}}`);
    expect(response.statusCode).toBe(400);
  });

  it('more events than the capture limit', async () => {
    const response = await capture(jsonDocument([departing(1), departing(2), departing(3), departing(4)]));
    expect(response.statusCode).toBe(413);
    expect(response.json().type).toBe('epcisException:CaptureLimitExceededException');
  });

  it('a body over the size limit', async () => {
    const response = await capture(Buffer.alloc(70_000, 32));
    expect(response.statusCode).toBe(413);
  });

  it('an unknown query parameter', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/epcis/events?EQ_bizStepp=shipping' });
    expect(response.statusCode).toBe(400);
    expect(response.json().type).toBe('epcisException:QueryParameterException');
    expect(response.json().detail).toContain('EQ_bizStepp');
  });

  it('a malformed time in a query', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/epcis/events?GE_eventTime=yesterday' });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('GE_eventTime');
  });

  it('an unknown path', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/epcis/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('epcisException:NoSuchResourceException');
  });

  it('an Accept the server cannot answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/epcis/events', headers: { accept: 'image/png' } });
    expect(response.statusCode).toBe(406);
  });

  it('the server still serves after all of that', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
  });
});
