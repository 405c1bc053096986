import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('/api/reference', () => {
  it('lists the six member states among the countries, with Russian and Arabic names', async () => {
    const countries = (await get('/api/reference/countries')).json().items as Array<{ alpha2: string; member: boolean; names: { ru: string; ar: string } }>;
    expect(countries.filter((c) => c.member).map((c) => c.alpha2).sort()).toEqual(['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ']);
    expect(countries.every((c) => c.names.ru && c.names.ar)).toBe(true);
    expect((await get('/api/reference/countries/kz')).json().alpha3).toBe('KAZ');
    expect((await get('/api/reference/countries/XX')).statusCode).toBe(404);
  });

  it('finds border crossings by kind and country, and a location by id or by SGLN', async () => {
    const crossings = (await get('/api/reference/locations?kind=border-crossing&country=KG')).json().items as Array<{ id: string; sgln: string }>;
    expect(crossings.map((c) => c.id)).toEqual(expect.arrayContaining(['torugart', 'irkeshtam']));
    const khorgos = (await get('/api/reference/locations/khorgos')).json();
    expect(khorgos.geofence.kind).toBe('circle');
    expect((await get(`/api/reference/locations/${encodeURIComponent(khorgos.sgln)}`)).json().id).toBe('khorgos');
    const bad = await get('/api/reference/locations?kind=airport');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('kind must be one of');
  });

  it('gives corridors with ordered legs and route lines, customs offices and timing facts', async () => {
    const corridors = (await get('/api/reference/corridors')).json().items as Array<{ id: string; stops: string[] }>;
    expect(corridors.length).toBeGreaterThan(5);
    const first = (await get(`/api/reference/corridors/${corridors[0]!.id}`)).json();
    expect(first.legs[0].route.length).toBeGreaterThan(1);
    expect(first.legs[0].from).toBe(corridors[0]!.stops[0]);
    expect((await get('/api/reference/corridors/nowhere')).statusCode).toBe(404);
    const offices = (await get('/api/reference/customs-offices')).json();
    expect(new Set(offices.items.map((o: { country: string }) => o.country))).toEqual(new Set(['KZ', 'KG', 'TJ', 'TM', 'UZ', 'AZ']));
    const timing = (await get('/api/reference/timing')).json().items as Array<{ value: number; source: string }>;
    expect(timing.every((f) => f.source.length > 0)).toBe(true);
  });
});
