// Folding a shipment's events into its read model. Pure. The state keeps the shipment's events in
// (eventTime, eventID) order and every fold recomputes from that list: a shipment has tens of events,
// and recomputing is the simplest way to give the same state whatever order the events came in.
import type { EpcisEvent } from '../epcis/model.js';
import { hasPlaceRight } from '../access/capture-rights.js';
import { CONDITION_STEPS, isClosedStatus, statusAfter, type ShipmentStatus } from '../domain/status/shipment-status.js';
import type { Corridor } from '../reference/index.js';
import { advancePosition, LEAVING, legProgressOf, stopLocation } from './corridor-position.js';
import { currentWhereabouts } from './current-whereabouts.js';
import { compareFacts, eventFacts, type DocumentKind, type DocumentRef, type EventFacts, type Whereabouts } from './event-facts.js';
import { delayAgainstItinerary, delayOf } from './itinerary-delay.js';
import { referenceLegHours, referenceStopHours } from './reference-timing.js';
import type { CorridorPosition, Delay, FoldContext, Hold, Mode, ShipmentState, TimelineEntry, TransitStepRecord, Visit } from './shipment-state.js';
import { changedSectionKeys, registrantOf, registrationActOf, registrationCarried, speaksForRegistrant } from './registration-acts.js';
import { isRegistration, placeText, timelineEntry } from './timeline-text.js';
import { amendedWhat, notAppliedWhat, whatOf } from './timeline-what.js';

/** A transit declaration's MRN: 2 digits of the year, the country, 14 letters or digits. */
const MRN = /^\d{2}[A-Z]{2}[A-Z0-9]{14}$/;

function factKey(f: EventFacts): string {
  return f.event.errorDeclaration ? `${f.eventID}#error` : f.eventID;
}

/** Inserts facts in fold order; an event already present (same eventID) is not added twice. */
export function insertFacts(list: readonly EventFacts[], add: readonly EventFacts[]): EventFacts[] {
  const keys = new Set(list.map(factKey));
  const out = [...list];
  for (const f of add) {
    if (keys.has(factKey(f))) continue;
    keys.add(factKey(f));
    out.push(f);
  }
  return out.sort(compareFacts);
}

export function unitLabel(epc: string): string {
  const tail = epc.split('/').pop() ?? epc;
  return decodeURIComponent(tail.replace(/^urn:epc:id:/, ''));
}

/** The shipment's id: its first document (from the earliest event that has one), else its first unit. */
export function shipmentIdOf(events: readonly EventFacts[], learnt: ReadonlySet<string> = new Set()): string {
  // Numbers the shipment holds as its own first: a number learnt privately belongs to another
  // shipment's id (src/projections/shipment-linker.ts), so it names this one only when nothing else does.
  for (const own of [true, false]) {
    for (const f of events) {
      const d = f.documents.find((doc) => learnt.has(doc.value) !== own);
      if (d) return `${d.kind}:${d.number}`;
    }
  }
  for (const own of [true, false]) {
    for (const f of events) {
      const u = f.units.find((unit) => learnt.has(unit) !== own);
      if (u) return `unit:${unitLabel(u)}`;
    }
  }
  return `event:${events[0]?.eventID ?? 'none'}`;
}

/** Planned hours from departure to a position, from the corridor's reference leg and stop times. */
/** Customs steps that are paperwork, done wherever the office is, whatever the goods' whereabouts. */
const PAPERWORK_STEPS: ReadonlySet<string> = new Set(['lodge', 'accept', 'reject', 'cancel', 'discharge']);

function isPaperwork(f: EventFacts): boolean {
  return f.step?.source === 'transit' && PAPERWORK_STEPS.has(f.step.kind);
}

/**
 * A condition of the unit (route, signal, seal): read where the unit happened to be (a signal loss
 * at its last fix, hours before), it says nothing new about where the goods are.
 */
function isCondition(f: Pick<EventFacts, 'step'>): boolean {
  return f.step?.source === 'movement' && CONDITION_STEPS.has(f.step.kind);
}

/**
 * Whether a customs step was read at a known place that is not where the shipment is going (the last
 * stop of its registered itinerary, else of its corridor). Unknown either way, the step is taken at
 * its word.
 */
function endsShortOfDestination(f: EventFacts, corridor: Corridor | undefined, context: FoldContext): boolean {
  const destination = context.itinerary?.at(-1)?.to ?? (corridor ? stopLocation(corridor, corridor.legs.length) : undefined);
  return destination !== undefined && f.where?.kind === 'location' && f.where.locationId !== destination;
}

export function plannedHoursTo(position: CorridorPosition, corridor: Corridor, context: FoldContext): number {
  const legsDone = position.kind === 'at-stop' ? position.stop : position.leg;
  let hours = 0;
  for (let i = 0; i < legsDone; i++) hours += referenceLegHours(corridor.legs[i]!, context.reference).likely;
  const stopsPassed = position.kind === 'at-stop' ? position.stop - 1 : position.leg;
  for (let k = 1; k <= stopsPassed; k++) hours += referenceStopHours(corridor, k, context.reference).likely;
  if (position.kind === 'on-leg') hours += position.fraction * referenceLegHours(corridor.legs[position.leg]!, context.reference).likely;
  return hours;
}

/** Folds a sorted, de-duplicated list of a shipment's events. */
/**
 * The eventIDs that error declarations retract. A declaration counts when it comes from whoever
 * recorded the event (the same organisation, or both local) or from a trusted recorder: one
 * organisation cannot strike another's events from a shipment.
 */
export function retractedEventIDs(sorted: readonly EventFacts[]): Set<string> {
  const recordedBy = new Map<string, Set<string>>();
  for (const f of sorted) {
    if (f.event.errorDeclaration) continue;
    let by = recordedBy.get(f.eventID);
    if (!by) recordedBy.set(f.eventID, (by = new Set()));
    by.add(f.capturedBy ?? '');
  }
  const retracted = new Set<string>();
  for (const f of sorted) {
    if (!f.event.errorDeclaration) continue;
    if (f.recorder.kind === 'trusted' || recordedBy.get(f.eventID)?.has(f.capturedBy ?? '') !== false) retracted.add(f.eventID);
  }
  return retracted;
}

/**
 * The events that say what a shipment is. Left out are observations: events of an organisation that
 * stands not in the shipment's audience and joined it only by its right to record at its own place
 * (an operator about goods it does not see). The event that opened the shipment always counts.
 * Without an audience (folds outside the read model), every event counts.
 */
function statementsOf(events: readonly EventFacts[], context: Pick<FoldContext, 'audience' | 'reference'>): Set<EventFacts> {
  const { audience } = context;
  if (audience === undefined) return new Set(events);
  let founding: EventFacts | undefined;
  for (const f of events) if (f.sequence !== undefined && (founding?.sequence === undefined || f.sequence < founding.sequence)) founding = f;
  const observation = (f: EventFacts): boolean =>
    f !== founding && f.recorder.kind === 'organisation' && !f.recorder.keys.some((key) => audience.has(key)) && hasPlaceRight(f.recorder, f.evidence.places);
  return new Set(events.filter((f) => !observation(f)));
}

export function foldFacts(sorted: readonly EventFacts[], context: FoldContext): ShipmentState {
  const retracted = retractedEventIDs(sorted);
  const events = sorted.filter((f) => !f.event.errorDeclaration && !retracted.has(f.eventID));
  // Sets and Maps keep first-seen order with O(1) membership: one event may name tens of thousands
  // of units, and a scan of the list so far per item would make folding quadratic in the list.
  const documents = new Map<string, DocumentRef>();
  const references = new Map<DocumentKind, Set<string>>();
  const units = new Set<string>();
  const carriers = new Set<string>();
  const countries = new Set<string>();
  let mrn: string | undefined;
  const transit: Record<string, TransitStepRecord[]> = {};
  const holds: Hold[] = [];
  const timeline: TimelineEntry[] = [];
  const visits = new Map<string, Visit>();
  let corridorId: string | undefined;
  let corridor: Corridor | undefined;
  let status: ShipmentStatus = 'planned';
  let beforeHold: ShipmentStatus | undefined;
  let lastLocation: Whereabouts | undefined;
  let lastLocationTime: string | undefined;
  let position: CorridorPosition | undefined;
  let mode: Mode | undefined;
  let departedAt: string | undefined;
  let arrivedAt: string | undefined;
  let deliveredAt: string | undefined;

  const stated = statementsOf(events, context);
  // Amendments and the cancellation count only from the registrant (or a trusted recorder).
  const registrant = registrantOf(events);
  let registered: Record<string, unknown> | undefined;
  for (const f of events) {
    const time = f.event.eventTime;
    // A registration names the planned origin: not a place the goods have been, so it sets neither
    // the last location nor a visit. Visits (what dwell, leg times, delays and ETAs are measured
    // from) come from physical movement steps only (arriving, departing, crossing, loading and
    // unloading...): paperwork about a place (a declaration lodged, a transit discharged days after
    // the goods left) says nothing about when the goods were there (docs/epcis-profile.md).
    const registration = isRegistration(f);
    const place = registration ? undefined : placeText(f.where);
    // Nor does paperwork that can be done away from the goods (a declaration lodged at the office of
    // departure before they move, a discharge after they left) say where they are now.
    if (!registration && !isPaperwork(f) && !isCondition(f) && f.where && f.where.kind !== 'other') {
      lastLocation = f.where;
      lastLocationTime = time;
    }
    if (f.step?.source === 'movement' && f.where?.kind === 'location') {
      const seen = visits.get(f.where.locationId);
      const leaving = f.step !== undefined && LEAVING.has(f.step.kind);
      const leftAt = leaving ? time : seen?.leftAt;
      visits.set(f.where.locationId, { locationId: f.where.locationId, firstAt: seen?.firstAt ?? time, lastAt: time, ...(leftAt ? { leftAt } : {}) });
    }
    if (!stated.has(f)) {
      timeline.push(timelineEntry(time, place, whatOf(f, mrn), f.eventID));
      continue;
    }
    for (const d of f.documents) {
      if (documents.has(d.value)) continue;
      documents.set(d.value, d);
      const numbers = references.get(d.kind) ?? references.set(d.kind, new Set()).get(d.kind)!;
      numbers.add(d.number);
      // The first MRN-shaped transit declaration number, as the timeline names it.
      if (mrn === undefined && d.kind === 'transit-declaration' && MRN.test(d.number)) mrn = d.number;
    }
    for (const u of f.units) units.add(u);
    for (const c of f.carriers) carriers.add(c);
    if (f.country) countries.add(f.country);
    if (!corridorId && f.corridor) {
      corridorId = f.corridor;
      corridor = context.reference.corridors.get(f.corridor);
    }
    // Customs arrival at an office of destination short of the shipment's own destination ends that
    // country's transit declaration (Termez for goods going on to Afghanistan), not the journey.
    const transitEndsShort = f.step?.source === 'transit' && f.step.kind === 'arrive' && endsShortOfDestination(f, corridor, context);
    if (f.step && !transitEndsShort) {
      const next = statusAfter(status, f.step, beforeHold ? { statusBeforeHold: beforeHold } : {});
      if (next === 'held-by-customs' && status !== 'held-by-customs') beforeHold = status;
      if (next !== 'held-by-customs') beforeHold = undefined;
      status = next;
    }
    // Paperwork done wherever the office is does not place the goods on their corridor.
    if (corridor && !isPaperwork(f) && !isCondition(f)) position = advancePosition(position, f, corridor);
    if (f.mode) mode = f.mode;
    else if (corridor && position) mode = corridor.legs[position.kind === 'on-leg' ? position.leg : Math.max(0, Math.min(position.stop, corridor.legs.length - 1))]?.mode ?? mode;

    const step = f.step;
    if (step?.source === 'transit') {
      const country = f.country ?? 'unknown';
      (transit[country] ??= []).push({ step: step.kind, time, ...(f.customsOffice ? { office: f.customsOffice } : {}), ...(place ? { place } : {}), eventID: f.eventID });
      if (step.kind === 'hold') {
        holds.push({ state: 'open', reason: f.holdReason ?? f.reason ?? 'no reason given', openedAt: time, ...(f.country ? { country: f.country } : {}), ...(f.customsOffice ? { office: f.customsOffice } : {}), ...(place ? { place } : {}) });
      } else if (step.kind === 'release-from-hold') {
        let open = holds.length - 1;
        while (open >= 0 && holds[open]!.state !== 'open') open--;
        if (open >= 0) holds[open] = { ...holds[open]!, state: 'closed', closedAt: time };
      }
    }
    if (step?.source === 'movement' && step.kind === 'departed') departedAt ??= time;
    if ((step?.source === 'movement' && step.kind === 'arrived-at-destination') || (step?.source === 'transit' && step.kind === 'arrive' && !transitEndsShort)) arrivedAt ??= time;
    if (step?.source === 'movement' && step.kind === 'delivered') deliveredAt ??= time;
    let what = whatOf(f, mrn);
    const act = registrationActOf(f.bizStep);
    if (act === 'registration' || act === 'amendment') {
      const carried = registrationCarried(f);
      const applies = act === 'registration' || speaksForRegistrant(f, registrant);
      if (act === 'amendment') what = applies ? amendedWhat(what, carried ? changedSectionKeys(registered, carried) : undefined) : notAppliedWhat('amendment');
      if (applies && carried) registered = carried;
    } else if (act === 'cancellation') {
      if (speaksForRegistrant(f, registrant)) {
        // A cancellation is not a step of the goods: it ends the shipment unless it was delivered already.
        if (!isClosedStatus(status)) status = 'cancelled';
        beforeHold = undefined;
      } else {
        what = notAppliedWhat('cancellation');
      }
    }
    timeline.push(timelineEntry(time, place, what, f.eventID));
  }

  let delay: Delay | undefined = context.itinerary ? delayAgainstItinerary(context.itinerary, [...visits.values()], departedAt) : undefined;
  if (!delay && corridor && position && departedAt) {
    const plannedHours = plannedHoursTo(position, corridor, context);
    const actualHours = (Date.parse(position.since) - Date.parse(departedAt)) / 3_600_000;
    delay = delayOf(actualHours - plannedHours, plannedHours, actualHours, 'reference figures (corridor legs)');
  }
  const legProgress = corridor && position ? legProgressOf(position, corridor) : undefined;
  const current = currentWhereabouts(events, { status, ...(corridor ? { corridor } : {}), ...(position ? { position } : {}), ...(context.itinerary ? { itinerary: context.itinerary } : {}), reference: context.reference });
  return {
    id: shipmentIdOf(events.length > 0 ? events.filter((f) => stated.has(f)) : sorted, context.learnt),
    references: Object.fromEntries([...references].map(([kind, numbers]) => [kind, [...numbers]])) as Partial<Record<DocumentKind, string[]>>,
    documents: [...documents.values()],
    transportUnits: [...units],
    carriers: [...carriers],
    ...(corridorId ? { corridor: corridorId } : {}),
    ...(mode ? { mode } : {}),
    status,
    ...(beforeHold ? { statusBeforeHold: beforeHold } : {}),
    ...(lastLocation ? { lastLocation, lastLocationTime: lastLocationTime! } : {}),
    ...(position ? { position } : {}),
    ...(legProgress ? { legProgress } : {}),
    ...(current ? { current } : {}),
    countries: [...countries],
    transit,
    holds,
    timeline,
    visits: [...visits.values()],
    ...(delay ? { delay } : {}),
    ...(departedAt ? { departedAt } : {}),
    ...(arrivedAt ? { arrivedAt } : {}),
    ...(deliveredAt ? { deliveredAt } : {}),
    ...(events.length > 0 ? { firstEventTime: events[0]!.event.eventTime, lastEventTime: events[events.length - 1]!.event.eventTime } : {}),
    parties: [...new Set(events.filter((f) => stated.has(f)).flatMap((f) => f.parties))].sort(),
    events: sorted,
  };
}

/** The state after one more event, whatever order events arrive in. */
export function foldShipment(state: ShipmentState | undefined, event: EpcisEvent, context: FoldContext): ShipmentState {
  return foldFacts(insertFacts(state?.events ?? [], [eventFacts(event, context.reference)]), context);
}
