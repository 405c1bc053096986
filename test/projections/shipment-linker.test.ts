import { afterEach, describe, it, expect } from 'vitest';
import { containerIri } from '../../src/domain/epcis-profile.js';
import { eventFacts } from '../../src/projections/event-facts.js';
import type { Recorder } from '../../src/model/visibility-scope.js';
import { ShipmentLinker } from '../../src/projections/shipment-linker.js';
import type { ShipmentQueries } from '../../src/projections/shipment-queries.js';
import { referenceData } from '../../src/reference/index.js';
import { CONTAINER, MRN, doc, movement, shuffled, transit, trip } from './profile-events.js';
import { projectionHarness, type ProjectionHarness } from './projection-harness.js';

const reference = referenceData();
const facts = (e: Parameters<typeof eventFacts>[0]) => eventFacts(e, reference);

describe('ShipmentLinker', () => {
  it('links events that share a document, and starts a shipment for an event that matches nothing', () => {
    const linker = new ShipmentLinker();
    const a = linker.link(facts(movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('1')], units: [containerIri('AAAU1111111')] })));
    const b = linker.link(facts(movement('position-reported', { id: 'b', time: '2026-03-02T08:00:00Z', at: 'geo:43.8,87.6', docs: [doc.smgs('1')], units: [] })));
    const c = linker.link(facts(movement('departed', { id: 'c', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('2')], units: [containerIri('BBBU2222222')] })));
    expect(a.created).toBe(true);
    expect(b).toEqual({ key: a.key, merged: [], created: false, basis: 'trusted' });
    expect(c.created).toBe(true);
    expect(c.key).not.toBe(a.key);
  });

  it('links by transport unit while the shipment is not delivered', () => {
    const linker = new ShipmentLinker();
    const first = linker.link(facts(movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('1')] })));
    const position = linker.link(facts(movement('position-reported', { id: 'b', time: '2026-03-02T08:00:00Z', at: 'geo:43.8,87.6', docs: [] })));
    expect(position.key).toBe(first.key);
    linker.link(facts(movement('delivered', { id: 'c', time: '2026-03-13T08:00:00Z', at: 'poti-port', docs: [doc.smgs('1')] })));
    // The same container on its next trip, with no document yet: a new shipment.
    const reused = linker.link(facts(movement('position-reported', { id: 'd', time: '2026-04-02T08:00:00Z', at: 'geo:43.8,87.6', docs: [] })));
    expect(reused.created).toBe(true);
    // A late report from before the delivery still belongs to the first trip.
    const late = linker.link(facts(movement('position-reported', { id: 'e', time: '2026-03-05T08:00:00Z', at: 'geo:45.1,80.1', docs: [] })));
    expect(late.key).toBe(first.key);
  });

  it('does not link by unit an event that names another waybill of the same kind', () => {
    const linker = new ShipmentLinker();
    const first = linker.link(facts(movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('1')] })));
    const other = linker.link(facts(movement('departed', { id: 'b', time: '2026-02-01T08:00:00Z', at: 'xian', docs: [doc.smgs('0')] })));
    expect(other.key).not.toBe(first.key);
  });

  it('merges two shipments found to share a document', () => {
    const linker = new ShipmentLinker();
    const bySmgs = linker.link(facts(movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('1')], units: [containerIri('AAAU1111111')] })));
    const byMrn = linker.link(facts(transit('lodge', { id: 'b', time: '2026-03-04T08:00:00Z', at: 'dostyk', docs: [doc.mrn(MRN)], units: [containerIri('CCCU3333333')] })));
    expect(byMrn.created).toBe(true);
    const both = linker.link(facts(transit('accept', { id: 'c', time: '2026-03-04T09:00:00Z', at: 'dostyk', docs: [doc.smgs('1'), doc.mrn(MRN)], units: [] })));
    expect(both).toEqual({ key: bySmgs.key, merged: [byMrn.key], created: false, basis: 'trusted' });
    expect(linker.keys()).toEqual([bySmgs.key]);
    // After the merge the MRN leads to the surviving shipment.
    expect(linker.link(facts(transit('release', { id: 'd', time: '2026-03-05T09:00:00Z', at: 'dostyk', docs: [doc.mrn(MRN)], units: [] }))).key).toBe(bySmgs.key);
  });
});

describe('ShipmentLinker and who recorded the event', () => {
  // Turkmenbashi is not on the corridor the trip names, so its port is nobody to the trip.
  const port: Recorder = { kind: 'organisation', organisationId: 'tm-port', keys: ['location:turkmenbashi-port', 'org:tm-port'] };
  const forwarder: Recorder = { kind: 'organisation', organisationId: 'fwd', keys: ['org:fwd', 'party:fwd'] };
  const by = (recorder: Recorder, event: Parameters<typeof eventFacts>[0]) => eventFacts(event, reference, { capturedBy: recorder.kind === 'organisation' ? recorder.organisationId : undefined, recorder });
  const honest = () => {
    const linker = new ShipmentLinker();
    const first = linker.link(facts(movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('1')], units: [containerIri('AAAU1111111')] })));
    return { linker, key: first.key };
  };

  it('an organisation at its own place joins the goods\' shipment, teaches nothing and adds itself to nothing', () => {
    const { linker, key } = honest();
    const atPort = by(port, movement('arrived-at-destination', { id: 'p', time: '2026-03-05T08:00:00Z', at: 'turkmenbashi-port', docs: [doc.smgs('1'), doc.booking('NEW-1')], units: [containerIri('BBBU2222222')] }));
    expect(linker.link(atPort)).toMatchObject({ key, basis: 'place' });
    expect(linker.audience(key)).not.toContain('location:turkmenbashi-port');
    expect(linker.audience(key)).toContain('customs:TM');
    // The booking and the container it named lead nowhere: a trusted event naming them opens another shipment.
    expect(linker.link(facts(movement('position-reported', { id: 'q', time: '2026-03-06T08:00:00Z', at: 'geo:43.8,87.6', docs: [doc.booking('NEW-1')], units: [] }))).created).toBe(true);
    expect(linker.link(facts(movement('position-reported', { id: 'r', time: '2026-03-06T09:00:00Z', at: 'geo:43.8,87.6', docs: [], units: [containerIri('BBBU2222222')] }))).created).toBe(true);
  });

  it('an organisation observing the goods at its place cannot close their shipment to the container\'s later events', () => {
    const { linker, key } = honest();
    linker.link(by(port, movement('delivered', { id: 'd', time: '2026-03-05T08:00:00Z', at: 'turkmenbashi-port', docs: [doc.smgs('1')], units: [containerIri('AAAU1111111')] })));
    expect(linker.entry(key)?.delivered).toBeUndefined();
    expect(linker.link(facts(movement('position-reported', { id: 'e', time: '2026-03-06T08:00:00Z', at: 'geo:43.8,87.6', docs: [], units: [containerIri('AAAU1111111')] }))).key).toBe(key);
  });

  it('a registration never leans on the right to record at a place: it opens a shipment of its own', () => {
    const { linker, key } = honest();
    const registration = { ...by(port, movement('departed', { id: 'g', time: '2026-03-02T08:00:00Z', at: 'turkmenbashi-port', docs: [doc.smgs('1')], units: [containerIri('AAAU1111111')] })) };
    const registering = { ...registration, evidence: { ...registration.evidence, registration: { parties: [], stops: [] } } };
    const link = linker.link(registering);
    expect(link).toMatchObject({ created: true, basis: 'registration' });
    expect(link.key).not.toBe(key);
    expect(linker.audience(link.key)).toContain('org:tm-port');
    // It holds the number privately: the original keeps it for everybody else.
    expect(linker.entry(link.key)).toMatchObject({ documents: [], units: [], privateDocuments: [[doc.smgs('1').bizTransaction, 'smgs']] });
  });

  it('an organisation with no standing and no place of its own finds no shipment, and two shipments are never merged by an organisation', () => {
    const { linker, key } = honest();
    const other = linker.link(facts(movement('departed', { id: 'b', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('2')], units: [containerIri('CCCU3333333')] }))).key;
    const both = by(forwarder, movement('position-reported', { id: 'f', time: '2026-03-03T08:00:00Z', at: 'geo:43.8,87.6', docs: [doc.smgs('1'), doc.smgs('2')], units: [] }));
    expect(linker.basisOf(both)).toBe('none');
    // Once the forwarder stands in the first shipment, its event joins that one only.
    linker.link(facts({ ...movement('departed', { id: 'h', time: '2026-03-01T09:00:00Z', at: 'xian', docs: [doc.smgs('1')], units: [] }), sourceList: [{ type: 'owning_party', source: 'fwd' }] }));
    const joined = linker.link(both);
    expect(joined).toMatchObject({ key, merged: [], basis: 'member' });
    expect(linker.keys()).toEqual(expect.arrayContaining([key, other]));
  });

  it('an error declaration of a registration registers nothing', () => {
    const linker = new ShipmentLinker();
    const declared = by(forwarder, { ...movement('departed', { id: 'x', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.smgs('9')] }), errorDeclaration: { declarationTime: '2026-03-02T00:00:00Z' } });
    const asRegistration = { ...declared, evidence: { ...declared.evidence, registration: undefined } };
    expect(linker.basisOf(asRegistration)).toBe('none');
    expect(declared.evidence.declaration).toBe(true);
  });
});

describe('ShipmentProjection linking', () => {
  let harness: ProjectionHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  const projectionOver = async () => {
    harness = await projectionHarness({ reference });
    return harness;
  };
  const eventIDsOf = async (projection: ShipmentQueries, id: string) => (await projection.events(id))?.map((e) => e.eventID);

  it('keeps events of a shipment not yet known and links them when it appears', async () => {
    const { apply, projection } = await projectionOver();
    // Only the container is known at first: a telematics position.
    await apply([movement('position-reported', { id: 'p', time: '2026-03-02T12:00:00Z', at: 'geo:43.8,87.6', docs: [] })]);
    expect((await projection.list()).shipments.map((s) => s.id)).toEqual(['unit:MSKU1234565']);
    await apply([movement('departed', { id: 'd', time: '2026-03-01T08:00:00Z', at: 'xian' })]);
    const [only, ...rest] = (await projection.list()).shipments;
    expect(rest).toEqual([]);
    expect(only!.id).toBe('smgs:70012345');
    expect(await eventIDsOf(projection, only!.id)).toEqual(['d', 'p']);
    expect(only!.status).toBe('in-transit');
    // The earlier id still finds it.
    expect((await projection.get('unit:MSKU1234565'))?.id).toBe('smgs:70012345');
  });

  it('merges shipments in the read model and folds their events together', async () => {
    const { apply, projection } = await projectionOver();
    await apply([movement('departed', { id: 'a', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.booking('BK1')], units: [containerIri('AAAU1111111')] })]);
    await apply([transit('hold', { id: 'b', time: '2026-03-04T10:00:00Z', at: 'dostyk', docs: [doc.mrn(MRN)], units: [containerIri('CCCU3333333')], fields: { holdReason: 'seal broken', country: 'KZ' } })]);
    expect((await projection.stats()).shipments).toBe(2);
    await apply([transit('accept', { id: 'c', time: '2026-03-04T09:00:00Z', at: 'dostyk', docs: [doc.booking('BK1'), doc.mrn(MRN)], units: [], fields: { country: 'KZ' } })]);
    expect((await projection.stats()).shipments).toBe(1);
    const merged = (await projection.get('booking:BK1'))!;
    expect(merged.status).toBe('held-by-customs');
    expect(await eventIDsOf(projection, merged.id)).toEqual(['a', 'c', 'b']);
    expect((await projection.get(`transit-declaration:${MRN}`))?.id).toBe('booking:BK1');
  });

  it('links the same way whatever order the events of two trips of one container arrive in', async () => {
    const events = [...trip('A', '100'), ...trip('B', '200', '26KZ551100T0047120', CONTAINER, 20)];
    const inOrder = await projectionHarness({ reference });
    try {
      await inOrder.apply(events);
      const expected = (await inOrder.projection.list()).shipments;
      const ids = await Promise.all(expected.map(async (s) => [s.id, (await inOrder.projection.events(s.id))?.length]));
      expect(ids).toEqual([['smgs:200', 13], ['smgs:100', 13]]);
      for (const seed of [3, 11, 99]) {
        const other = await projectionHarness({ reference });
        try {
          for (const e of shuffled(events, seed)) await other.apply([e]);
          expect((await other.projection.list()).shipments).toEqual(expected);
        } finally {
          await other.close();
        }
      }
    } finally {
      await inOrder.close();
    }
  });
});
