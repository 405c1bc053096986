// Long border waits: the threshold comes from what is usual at that crossing (observed p90 once enough
// shipments completed it, else the published range, else a day); goods standing longer get one alert,
// which resolves itself when they leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DWELL_ALERT_HOURS, dwellThresholdHours, MIN_DWELL_SAMPLES } from '../../src/alerts/border-dwell-watch.js';
import { referenceData } from '../../src/reference/index.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AT_KHORGOS, CN_SIDE, HAULIER, KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, ingestAndFold, reading, trackedContainer } from '../telemetry/telemetry-fixtures.js';

const reference = referenceData();
const HOUR = 60 * MINUTE;

describe('the usual wait at a crossing', () => {
  const corridor = [...reference.corridors.values()].find((c) => c.legs.some((leg, i) => i > 0 && reference.locations.get(c.legs[i - 1]!.to)?.kind === 'border-crossing'))!;
  const stop = corridor.legs.findIndex((_, i) => i > 0 && reference.locations.get(corridor.legs[i - 1]!.to)?.kind === 'border-crossing');

  it('is the observed p90 once enough shipments completed it, else the published range, else a day', () => {
    expect(dwellThresholdHours(corridor, stop, reference, { n: MIN_DWELL_SAMPLES, p10: 2, p50: 6, p90: 17 })).toEqual({ hours: 17, basis: 'observed' });
    const published = dwellThresholdHours(corridor, stop, reference, { n: MIN_DWELL_SAMPLES - 1, p10: 2, p50: 6, p90: 17 });
    expect(published.basis).toBe('published');
    expect(published.hours).toBeGreaterThan(0);
    expect(dwellThresholdHours(undefined, undefined, reference, undefined)).toEqual({ hours: DEFAULT_DWELL_ALERT_HOURS, basis: 'default' });
  });
});

describe('goods waiting too long at Khorgos', () => {
  let t: TestApp;
  let key: string;
  const container = containerNumber(51);
  const now = Date.now();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const ingest = (readings: ReturnType<typeof reading>[]) => ingestAndFold(t.runtime, readings);

  beforeAll(async () => {
    t = await startTestApp();
    await createCarriers(t.runtime);
    key = (await t.runtime.access.createApiKey('cli', { organisationId: HAULIER, name: 'ops', scopes: ['read'] })).secret;
    await captureDeparture(t.runtime, container, new Date(now - 120 * HOUR));
    await trackedContainer(t.runtime, 'seal-51', container, now - 130 * HOUR);
  });
  afterAll(async () => t?.close());

  it('raise one alert, however often the watch looks, and it resolves itself when they leave', async () => {
    const arrived = Math.floor((now - 100 * HOUR) / 1000) * 1000;
    await ingest([reading('seal-51', arrived - HOUR, CN_SIDE), reading('seal-51', arrived, AT_KHORGOS)]);
    expect(await t.runtime.dwellWatch.check()).toBe(1);
    expect(await t.runtime.dwellWatch.check()).toBe(0);
    const alerts = (await get('/api/alerts?kind=border-dwell')).json().alerts;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'border-dwell', status: 'open', location: 'khorgos', since: new Date(arrived).toISOString() })]);
    expect(alerts[0].details).toMatchObject({ locationId: 'khorgos', thresholdHours: DEFAULT_DWELL_ALERT_HOURS, basis: 'default' });
    expect(alerts[0].details.waitedHours).toBeGreaterThanOrEqual(100);

    // Resolved by a person while the goods still wait: that stay is not raised again.
    const resolved = await t.app.inject({ method: 'POST', url: `/api/alerts/${alerts[0].id}/resolve`, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: '{}' });
    expect(resolved.json().status).toBe('resolved');
    expect(await t.runtime.dwellWatch.check()).toBe(0);
    await t.runtime.store.alerts.update({ ...(await t.runtime.store.alerts.get(alerts[0].id))!, status: 'open', updatedAt: new Date().toISOString() }, resolved.json().updatedAt);

    await ingest([reading('seal-51', now - HOUR, KZ_SIDE)]);
    const after = (await get(`/api/alerts/${alerts[0].id}`)).json();
    expect(after).toMatchObject({ status: 'resolved', resolved: { by: 'karvon' } });
  });
});
