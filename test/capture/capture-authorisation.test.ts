// Capture authorisation (src/capture/authorise-events.ts, src/access/capture-rights.ts): an
// organisation captures only at locations it operates (customs: in its own country), registrations
// of shipments of its own, or events about shipments it already sees; the network operator and
// local captures anything. A refusal reads the same whether or not the goods are known.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/model/access.js';
import { readScopeOf } from '../../src/access/visibility.js';
import { EventBus } from '../../src/bus/event-bus.js';
import { AuditLog } from '../../src/governance/audit-log.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { CaptureService } from '../../src/capture/capture-service.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import { KarvonError } from '../../src/errors.js';
import { shipmentReadModel, type ShipmentReadModel } from '../../src/projections/index.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';
import { containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import { doc as profileDoc, movement } from '../projections/profile-events.js';
import { checkRegistration, registrationEvent } from '../../src/tracking/register-shipment.js';
import { iso6346CheckDigit } from '../../src/domain/identifiers/iso6346.js';
import { uuid } from '../store/corridor-events.js';

const PGLN = 'urn:epc:id:pgln:4870001.00077';
/** The same party as a GS1 Digital Link (its GLN with check digit). */
const PGLN_AS_LINK = 'https://id.gs1.org/417/4870001000776';

function organisation(id: string, kind: Organisation['kind'], extra: Partial<Organisation> = {}): Organisation {
  return { id, name: id, kind, country: 'KZ', status: 'active', partyIds: [], locations: [], createdAt: '2026-01-01T00:00:00Z', ...extra };
}

const carrier = organisation('kz-rail', 'carrier', { locations: ['dostyk'], partyIds: [PGLN] });
const rival = organisation('kz-rival', 'carrier', { locations: ['aktau-port'] });
const customs = organisation('ge-customs', 'customs-authority', { country: 'GE' });

/** A valid container number from its first ten characters. */
const box = (body: string) => `${body}${iso6346CheckDigit(body)}`;

/** A registration event of one container under its own booking, naming `gln` as a party. */
function registering(n: number, unit: string, gln?: string, booking = `BK-${unit}`): EpcisEvent {
  const registration = checkRegistration({
    references: [{ kind: 'booking', value: booking }],
    parties: [
      { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
      { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
      ...(gln ? [{ role: 'carrier', name: 'Carrier', country: 'KZ', gln }] : []),
    ],
    goods: [{ hsCode: '721049', description: 'steel', packages: 1, grossKg: 1000 }],
    transportUnits: [{ kind: 'container', id: unit }],
    itinerary: [{ mode: 'rail', from: 'almaty', to: 'dostyk', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-02T08:00:00Z' }],
  });
  return { ...registrationEvent(registration, new Date('2026-02-20T00:00:00Z')), eventID: uuid(n, 8) };
}

const doc = (events: EpcisEvent[]): EpcisDocument => ({ namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', events });
const at = (n: number, where: string, unit = 'MSKU1234565', extra: Partial<EpcisEvent> = {}): EpcisEvent => ({
  // Each unit travels under its own SMGS: events of different units share no document.
  ...movement('departed', { id: uuid(n, 7), time: `2026-03-0${1 + (n % 8)}T08:00:00Z`, at: where, units: [containerIri(unit)], docs: [profileDoc.smgs(`S-${unit}`)] }),
  ...extra,
});

describe('capture authorisation', () => {
  let store: Store;
  let capture: CaptureService;
  let readModel: ShipmentReadModel;

  beforeEach(async () => {
    store = await openTestStore();
    for (const org of [carrier, rival, customs]) await store.access.organisations.create(org);
    capture = new CaptureService({ store, bus: new EventBus(), now: () => new Date('2026-03-10T00:00:00Z'), audit: new AuditLog(store, () => new Date('2026-03-10T00:00:00Z'), testAuditKey()) }, { captureLimit: 1000 });
    readModel = shipmentReadModel(store);
  });
  afterEach(async () => {
    await capture.idle();
    await store.close();
  });

  it('refuses a carrier capturing at a terminal it does not operate (rollback: 403 with the pointer, nothing stored)', async () => {
    const attempt = capture.captureDocument(doc([at(1, 'dostyk'), at(2, 'aktau-port', 'TGHU0000013')]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier });
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(KarvonError);
    expect((error as KarvonError).status).toBe(403);
    expect((error as KarvonError).issues.map((i) => i.pointer)).toEqual(['/epcisBody/eventList/1']);
    expect((error as KarvonError).issues[0]!.message).toMatch(/kz-rail.*may not capture/);
    expect(await store.events.total()).toBe(0);
  });

  it('under proceed rejects only the refused events, with the reason, and stores the rest in the organisation\'s name', async () => {
    const result = await capture.captureDocument(doc([at(1, 'dostyk'), at(2, 'aktau-port', 'TGHU0000013')]), { binding: 'json', errorBehaviour: 'proceed', capturer: carrier });
    expect(result.captured).toBe(1);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]!.pointer).toBe('/epcisBody/eventList/1');
    const stored = await store.events.after(0, 10);
    expect(stored.map((s) => s.capturedBy)).toEqual(['kz-rail']);
  });

  it('lets customs capture at locations in its own country, and elsewhere only about shipments it sees', async () => {
    const result = await capture.captureDocument(doc([at(1, 'poti-port'), at(2, 'poti-port', 'TGHU0000029')]), { binding: 'json', errorBehaviour: 'rollback', capturer: customs });
    expect(result.captured).toBe(2);
    expect((await store.events.after(0, 10)).map((s) => s.capturedBy)).toEqual(['ge-customs', 'ge-customs']);
    // A Kazakh port, and an inspection with no location at all: not its business.
    await expect(capture.captureDocument(doc([at(3, 'aktau-port', 'TGHU0000034')]), { binding: 'json', errorBehaviour: 'rollback', capturer: customs })).rejects.toMatchObject({ status: 403 });
    const nowhere = { ...at(4, 'poti-port', 'TGHU0000040') };
    delete nowhere.readPoint;
    delete nowhere.bizLocation;
    await expect(capture.captureDocument(doc([nowhere]), { binding: 'json', errorBehaviour: 'rollback', capturer: customs })).rejects.toMatchObject({ status: 403 });
  });

  it('a registration opens a shipment of the registrant\'s own; naming oneself as a party elsewhere opens nothing', async () => {
    const result = await capture.captureDocument(doc([registering(1, box('TGHU600001'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: rival });
    expect(result.captured).toBe(1);
    await readModel.runner.catchUp();
    const rivalScope = readScopeOf({ via: 'api-key', organisation: rival, scopes: ['read'] });
    expect((await readModel.queries.list({}, rivalScope)).shipments.map((s) => s.id)).toEqual([`booking:BK-${box('TGHU600001')}`]);
    // The carrier names itself (in the Digital Link spelling of its id) on an event away from its places.
    const naming = at(3, 'poti-port', box('TGHU600002'), { destinationList: [{ type: 'urn:epcglobal:cbv:sdt:owning_party', destination: PGLN_AS_LINK }] });
    await expect(capture.captureDocument(doc([naming]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier })).rejects.toMatchObject({ status: 403 });
  });

  it('answers a capture about someone else\'s goods exactly as one about goods nobody knows', async () => {
    const intruderPgln = 'urn:epc:id:pgln:4870001.00099';
    const intruder = organisation('kz-intruder', 'forwarder', { partyIds: [intruderPgln] });
    await store.access.organisations.create(intruder);
    await capture.captureDocument(doc([registering(1, box('TGHU700001'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier });
    await readModel.runner.catchUp();
    const claim = (n: number, unit: string) => at(n, 'poti-port', unit, { sourceList: [{ type: 'owning_party', source: intruderPgln }] });
    const refusal = async (event: EpcisEvent) => {
      const error = await capture.captureDocument(doc([event]), { binding: 'json', errorBehaviour: 'rollback', capturer: intruder }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(KarvonError);
      return { status: (error as KarvonError).status, message: (error as KarvonError).message, issues: (error as KarvonError).issues };
    };
    const known = await refusal(claim(2, box('TGHU700001')));
    const unknown = await refusal(claim(3, box('TGHU700099')));
    expect(known).toEqual(unknown);
    expect(known.issues[0]!.message).toMatch(/kz-intruder.*may not capture/);
    // And registering the same container and booking gives the intruder a shipment of its own, never the carrier's.
    expect((await capture.captureDocument(doc([registering(4, box('TGHU700001'), '4870001000998')]), { binding: 'json', errorBehaviour: 'rollback', capturer: intruder })).captured).toBe(1);
    await readModel.runner.catchUp();
    const intruderScope = readScopeOf({ via: 'api-key', organisation: intruder, scopes: ['read'] });
    const seen = (await readModel.queries.list({}, intruderScope)).shipments;
    // Its id is that of the carrier's, unchanged (a qualified id would tell that the number is in use).
    expect(seen.map((s) => s.id)).toEqual([`booking:BK-${box('TGHU700001')}`]);
    expect(seen[0]!.registration).toBeDefined();
    expect((await readModel.queries.events(seen[0]!.id, intruderScope))?.map((e) => e.eventID)).toEqual([uuid(4, 8)]);
  });

  it('accepts geo position reports about a shipment the organisation sees, and only those', async () => {
    await capture.captureDocument(doc([registering(1, box('TGHU800001'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier });
    await readModel.runner.catchUp();
    const position = (n: number, unit: string) => at(n, 'geo:43.80,87.60', unit);
    expect((await capture.captureDocument(doc([position(5, box('TGHU800001'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier })).captured).toBe(1);
    // The rival does not see that shipment; and nobody sees a container no shipment has yet.
    await expect(capture.captureDocument(doc([position(6, box('TGHU800001'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: rival })).rejects.toMatchObject({ status: 403, issues: [{ message: expect.stringMatching(/'kz-rival' may not capture/) }] });
    await expect(capture.captureDocument(doc([position(7, box('TGHU800002'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier })).rejects.toMatchObject({ status: 403 });
    // Within one capture, a position report follows the registration of the same unit.
    const both = await capture.captureDocument(doc([registering(8, box('TGHU800003')), position(9, box('TGHU800003'))]), { binding: 'json', errorBehaviour: 'rollback', capturer: carrier });
    expect(both.captured).toBe(2);
  });

  it('checks nothing for local captures (no organisation) and stores no capturer', async () => {
    const result = await capture.captureDocument(doc([at(1, 'poti-port')]), { binding: 'json', errorBehaviour: 'rollback' });
    expect(result.captured).toBe(1);
    expect((await store.events.after(0, 1))[0]!.capturedBy).toBeUndefined();
  });

  it('refuses a submitted job at once under rollback, and a resumed job is authorised as the organisation that submitted it', async () => {
    const body = (events: EpcisEvent[]) =>
      Buffer.from(
        JSON.stringify({
          '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { krv: KARVON_NS }],
          type: 'EPCISDocument',
          schemaVersion: '2.0',
          creationDate: '2026-03-01T00:00:00Z',
          epcisBody: { eventList: events },
        }),
      );
    await expect(capture.submit(body([at(2, 'aktau-port')]), 'application/ld+json', 'rollback', carrier)).rejects.toMatchObject({ status: 403 });
    // A job stored before a restart: only the stored organisation id survives.
    await store.captureJobs.create({ id: 'job-1', errorBehaviour: 'proceed', contentType: 'application/ld+json', createdAt: '2026-03-10T00:00:00Z', capturedBy: carrier.id }, body([at(1, 'dostyk'), at(2, 'aktau-port', 'TGHU0000013')]));
    expect((await store.captureJobs.get('job-1'))?.capturedBy).toBe('kz-rail');
    const restarted = new CaptureService({ store, bus: new EventBus(), now: () => new Date('2026-03-10T00:00:00Z'), audit: new AuditLog(store, () => new Date('2026-03-10T00:00:00Z'), testAuditKey()) }, { captureLimit: 1000 });
    expect(await restarted.resumeUnfinished()).toBe(1);
    await restarted.idle();
    const job = await store.captureJobs.get('job-1');
    expect(job).toMatchObject({ status: 'failed', captured: 1, rejected: 1 });
    expect((await store.events.after(0, 10)).map((s) => s.capturedBy)).toEqual(['kz-rail']);
  });

  it('resumes a job the bootstrap token submitted as the network operator it acts as', async () => {
    const body = Buffer.from(
      JSON.stringify({ '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { krv: KARVON_NS }], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', epcisBody: { eventList: [at(1, 'aktau-port')] } }),
    );
    await store.captureJobs.create({ id: 'job-boot', errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: '2026-03-10T00:00:00Z', capturedBy: 'network-operator' }, body);
    const restarted = new CaptureService({ store, bus: new EventBus(), now: () => new Date('2026-03-10T00:00:00Z'), audit: new AuditLog(store, () => new Date('2026-03-10T00:00:00Z'), testAuditKey()) }, { captureLimit: 1000 });
    expect(await restarted.resumeUnfinished()).toBe(1);
    await restarted.idle();
    expect(await store.captureJobs.get('job-boot')).toMatchObject({ status: 'success', captured: 1 });
  });
});
