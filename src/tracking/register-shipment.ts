// Registering a shipment: a forwarder's booking becomes one EPCIS event under the Karvon profile
// (section 4.4 of docs/epcis-profile.md), captured like any partner's event, so that the store stays
// the single source of truth and the projection finds the shipment the same way after a restart.
import { validateShipmentRegistration } from '../domain/shipment/validate-registration.js';
import { parseTransportUnitId } from '../domain/shipment/transport-unit-rules.js';
import type { ShipmentReference, ShipmentRegistration, TransportUnit } from '../domain/shipment/shipment.js';
import {
  BIZ_STEP, BIZ_TRANSACTION_TYPE, compactExtensionField, containerIri, documentIri, KARVON_NS, KARVON_PREFIX, vehicleIri, wagonIri,
} from '../domain/epcis-profile.js';
import type { BizTransaction, EpcisDocument, EpcisEvent, ExtensionValue } from '../epcis/model.js';
import { KarvonError } from '../errors.js';
import { corridorById, locationById } from '../reference/index.js';
import type { Organisation } from '../model/access.js';
import { readScopeOf } from '../access/visibility.js';
import { isClosedStatus } from '../domain/status/shipment-status.js';
import type { ReadScope } from '../model/visibility-scope.js';
import { karvonField } from '../projections/karvon-field.js';
import type { CaptureService } from '../capture/capture-service.js';
import type { Followers } from '../followers/followers.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';
import { SHIPMENTS_FOLLOWER } from '../store/store.js';
import type { ShipmentSnapshot } from '../projections/shipment-state.js';

export type RegistrationOutcome = { created: boolean; shipment: ShipmentSnapshot };

const REFERENCE_IRI: Partial<Record<ShipmentReference['kind'], { type: string; iri: Parameters<typeof documentIri>[0] }>> = {
  booking: { type: BIZ_TRANSACTION_TYPE.booking, iri: 'booking' },
  'bill-of-lading': { type: BIZ_TRANSACTION_TYPE.billOfLading, iri: 'bill-of-lading' },
  'sea-waybill': { type: BIZ_TRANSACTION_TYPE.billOfLading, iri: 'bill-of-lading' },
  cmr: { type: BIZ_TRANSACTION_TYPE.cmr, iri: 'cmr' },
  smgs: { type: BIZ_TRANSACTION_TYPE.smgs, iri: 'smgs' },
  cim: { type: BIZ_TRANSACTION_TYPE.cim, iri: 'cim' },
  'cim-smgs': { type: BIZ_TRANSACTION_TYPE.cimSmgs, iri: 'cim-smgs' },
  mrn: { type: BIZ_TRANSACTION_TYPE.transitDeclaration, iri: 'mrn' },
  'transit-declaration': { type: BIZ_TRANSACTION_TYPE.transitDeclaration, iri: 'transit-declaration' },
  'tir-carnet': { type: BIZ_TRANSACTION_TYPE.tirCarnet, iri: 'tir-carnet' },
};

/** The body as a registration, or a 400 when its top-level shape is wrong (the domain checks the rest). */
function asRegistration(body: unknown): ShipmentRegistration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KarvonError('KRV_VALIDATION', 'The registration must be a JSON object', [{ pointer: '', message: 'expected a JSON object with references, parties, goods, transportUnits and itinerary' }]);
  }
  const issues = (['references', 'parties', 'goods', 'transportUnits', 'itinerary'] as const)
    .filter((k) => k in body && !Array.isArray((body as Record<string, unknown>)[k]))
    .map((k) => ({ pointer: `/${k}`, message: `${k} must be an array` }));
  const items = (['references', 'parties', 'goods', 'transportUnits', 'itinerary'] as const).flatMap((k) => {
    const list = (body as Record<string, unknown>)[k];
    return Array.isArray(list) ? list.flatMap((x, i) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? [] : [{ pointer: `/${k}/${i}`, message: 'must be a JSON object' }])) : [];
  });
  const corridor = (body as Record<string, unknown>).corridorId;
  if (corridor !== undefined && (typeof corridor !== 'string' || !corridorById(corridor))) issues.push({ pointer: '/corridorId', message: `corridor ${JSON.stringify(corridor)} is not a known Karvon corridor` });
  if (issues.length + items.length > 0) throw new KarvonError('KRV_VALIDATION', `The registration has ${issues.length + items.length} problem(s); nothing was registered`, [...issues, ...items]);
  return body as ShipmentRegistration;
}

/** Every problem of a registration, as one validation error, or nothing when it may be registered. */
export function checkRegistration(body: unknown): ShipmentRegistration {
  const registration = asRegistration(body);
  const problems = validateShipmentRegistration(registration, { isKnownLocation: (id) => typeof id === 'string' && locationById(id) !== undefined });
  if (problems.length > 0) {
    throw new KarvonError(
      'KRV_VALIDATION',
      `The registration has ${problems.length} problem(s); nothing was registered. First: ${problems[0]!.path}: ${problems[0]!.message}`,
      problems.map((p) => ({ pointer: p.path, message: p.message })),
    );
  }
  return registration;
}

/** The EPC of a transport unit under the profile (vessels carry many shipments: none). */
export function unitIri(unit: TransportUnit): string | undefined {
  const id = parseTransportUnitId(unit);
  if (!id.ok) return undefined;
  switch (unit.kind) {
    case 'container': return containerIri(id.value);
    case 'wagon': return wagonIri(id.value);
    case 'truck':
    case 'trailer': return vehicleIri(unit.country!.toUpperCase(), id.value);
    case 'vessel': return undefined;
  }
}

function normalisedReference(ref: ShipmentReference): ShipmentReference {
  const value = ref.kind === 'mrn' || ref.kind === 'tir-carnet' ? ref.value.replace(/\s+/g, '').toUpperCase() : ref.value.trim().replace(/\s+/g, ' ');
  return { kind: ref.kind, value, ...(ref.issuer ? { issuer: ref.issuer } : {}) };
}

/** The registration as stored in krv:registration: only the known fields, references normalised. */
export function normalised(r: ShipmentRegistration): ExtensionValue {
  return JSON.parse(JSON.stringify({
    references: r.references.map(normalisedReference),
    parties: r.parties.map((p) => ({ role: p.role, name: p.name, country: p.country, ...(p.gln ? { gln: p.gln } : {}) })),
    goods: r.goods,
    transportUnits: r.transportUnits,
    itinerary: r.itinerary.map((l) => ({ mode: l.mode, from: l.from, to: l.to, plannedDeparture: l.plannedDeparture, plannedArrival: l.plannedArrival, ...(l.transportUnitIds ? { transportUnitIds: l.transportUnitIds } : {}) })),
    ...(r.corridorId ? { corridorId: r.corridorId } : {}),
  })) as ExtensionValue;
}

/** The identity of a registration: its booking, else its first reference, as a bizTransaction value. */
export function registrationIdentity(registration: ShipmentRegistration): BizTransaction {
  const refs = registration.references.map(normalisedReference);
  const ref = refs.find((r) => r.kind === 'booking') ?? refs[0]!;
  return bizTransactionOf(ref);
}

function bizTransactionOf(ref: ShipmentReference): BizTransaction {
  const known = REFERENCE_IRI[ref.kind];
  // Invoices and client references have no profile form; they stay searchable under a Karvon IRI of their own.
  return known
    ? { type: known.type, bizTransaction: documentIri(known.iri, ref.value) }
    : { type: `${KARVON_NS}btt/${ref.kind}`, bizTransaction: `https://ns.karvon.org/id/${ref.kind}/${encodeURIComponent(ref.value)}` };
}

/** Business transactions of every reference with a section 5 form (else the identity), as registration events carry them. */
function registrationTransactions(registration: ShipmentRegistration): BizTransaction[] {
  const transactions = registration.references.map(normalisedReference).filter((r) => REFERENCE_IRI[r.kind] !== undefined).map(bizTransactionOf);
  return transactions.length > 0 ? transactions : [registrationIdentity(registration)];
}

/** The EPCs of a registration's transport units, once each. */
function registrationEpcs(registration: ShipmentRegistration): string[] {
  return [...new Set(registration.transportUnits.map(unitIri).filter((x): x is string => x !== undefined))];
}

/**
 * What every registration act of section 4.4 (registration, amendment, cancellation) is: an OBSERVE
 * ObjectEvent now, about the registration's units, under its references.
 */
export function registrationActEvent(registration: ShipmentRegistration, now: Date, bizStep: string): EpcisEvent {
  return {
    '@context': { [KARVON_PREFIX]: KARVON_NS },
    type: 'ObjectEvent',
    eventTime: now.toISOString(),
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    epcList: registrationEpcs(registration),
    bizStep,
    bizTransactionList: registrationTransactions(registration),
  } as EpcisEvent;
}

/**
 * The registration event of section 4.4 of the profile; with `bizStep` shipment_amending, the
 * amendment, which has the same shape (the whole new registration in krv:registration).
 */
export function registrationEvent(registration: ShipmentRegistration, now: Date, bizStep: string = BIZ_STEP.shipmentRegistering): EpcisEvent {
  const origin = locationById(registration.itinerary[0]!.from)!;
  return {
    ...registrationActEvent(registration, now, bizStep),
    readPoint: { id: origin.sgln },
    bizLocation: { id: origin.sgln },
    ...(registration.corridorId ? { [compactExtensionField('corridor')]: registration.corridorId } : {}),
    [compactExtensionField('registration')]: normalised(registration),
  } as EpcisEvent;
}

/**
 * Whether the shipment holds this very registration: as its current one, or as a registration event
 * of its own (a later registration folded into it does not make the first one a conflict when it is
 * sent again: the same body answers with the stored shipment, always).
 */
async function holdsRegistration(shipments: ShipmentQueries, shipment: ShipmentSnapshot, wanted: ExtensionValue, scope: ReadScope | undefined): Promise<boolean> {
  const text = JSON.stringify(wanted);
  if (JSON.stringify(shipment.registration) === text) return true;
  const events = (await shipments.events(shipment.id, scope)) ?? [];
  return events.some((event) => event.bizStep === BIZ_STEP.shipmentRegistering && JSON.stringify(karvonField(event, 'registration')) === text);
}

/** How many shipments under one unit number are looked at: a container's trips, most of them delivered. */
const TRIPS_LOOKED_AT = 1000;

/**
 * A transport unit travels on one open shipment at a time: registering it under another booking (or adding it by an amendment)
 * while a shipment the caller sees still carries it (neither delivered nor cancelled) is a conflict that names
 * that shipment, instead of a second shipment sharing the unit (or, worse, one event joining both).
 * Shipments the caller may not see are not considered: whether another organisation's trip carries
 * the container is not the caller's to learn, so its registration opens a shipment of its own as for
 * an unknown container, and the linker keeps the two apart (docs/security.md, "Probe whether goods
 * exist").
 */
export async function refuseUnitsOnOpenShipments(
  shipments: ShipmentQueries,
  registration: ShipmentRegistration,
  scope: ReadScope | undefined,
  /** The shipment an amendment is for: its own units are not a conflict. */
  ownShipmentId?: string,
): Promise<void> {
  for (const unit of registration.transportUnits) {
    const iri = unitIri(unit);
    if (iri === undefined) continue;
    const number = decodeURIComponent(iri.slice(iri.lastIndexOf('/') + 1));
    const holding = (await shipments.search(number, TRIPS_LOOKED_AT, scope))
      .filter((s) => s.transportUnits.includes(iri) && !isClosedStatus(s.status) && s.id !== ownShipmentId);
    if (holding.length === 0) continue;
    const open = holding.map((s) => s.id).sort();
    throw new KarvonError(
      'KRV_CONFLICT',
      `${unit.kind} ${unit.id} is on open shipment ${open.join(', ')}, which has been neither delivered nor cancelled; a unit travels on one open shipment at a time, so nothing was registered`,
      [{ pointer: `/transportUnits/${registration.transportUnits.indexOf(unit)}/id`, message: `on open shipment ${open[0]}` }],
    );
  }
}

/**
 * Captures one registration act (registration, amendment, cancellation) as its organisation's event
 * and folds it before returning, so the answer reads its own write.
 */
export async function captureRegistrationAct(
  runtime: { capture: CaptureService; followers: Followers },
  event: EpcisEvent,
  now: Date,
  capturer?: Organisation,
): Promise<void> {
  const doc: EpcisDocument = { namespaces: { [KARVON_PREFIX]: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: now.toISOString(), events: [event] };
  const result = await runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'rollback', ...(capturer ? { capturer } : {}) });
  if (result.rejected > 0) throw new KarvonError('KRV_INTERNAL', `the ${event.bizStep} event was rejected by capture: ${JSON.stringify(result.errors.slice(0, 3))}`);
  await runtime.followers.get(SHIPMENTS_FOLLOWER).catchUp();
}

/**
 * Validates and registers a shipment. The same registration again answers with the stored shipment
 * (created: false); another registration under the same identity is a conflict.
 */
export async function registerShipment(
  runtime: { capture: CaptureService; shipments: ShipmentQueries; followers: Followers },
  body: unknown,
  now: Date = new Date(),
  /** The registering organisation: it captures the registration event (so it sees the shipment) and must have the right to. */
  capturer?: Organisation,
): Promise<RegistrationOutcome> {
  const registration = checkRegistration(body);
  const identity = registrationIdentity(registration);
  // Only the shipments the registrant sees count: another organisation's shipment under the same
  // number is not its business, and the answer must not tell it that one exists (the linker keeps
  // the two apart, src/projections/shipment-linker.ts).
  const scope = capturer ? readScopeOf({ via: 'api-key', organisation: capturer, scopes: ['read'] }) : undefined;
  const existing = await runtime.shipments.get(identity.bizTransaction, scope);
  if (existing && existing.registration !== undefined) {
    if (await holdsRegistration(runtime.shipments, existing, normalised(registration), scope)) return { created: false, shipment: existing };
    throw new KarvonError('KRV_ALREADY_EXISTS', `A different registration with reference ${identity.bizTransaction} exists as shipment ${existing.id}; to change it, amend it with PUT /api/shipments/{id}/registration`);
  }
  await refuseUnitsOnOpenShipments(runtime.shipments, registration, scope);
  await captureRegistrationAct(runtime, registrationEvent(registration, now), now, capturer);
  const shipment = await runtime.shipments.get(identity.bizTransaction, scope);
  if (!shipment) throw new KarvonError('KRV_INTERNAL', `the shipment registered under ${identity.bizTransaction} is not in the projection`);
  return { created: true, shipment };
}
