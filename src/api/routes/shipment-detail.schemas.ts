/**
 * Schemas of the parts of one shipment's detail (GET /api/shipments/{id}) that the read model folds:
 * where it is on its corridor, its customs transit steps and holds, its timeline (each entry with the
 * structured `what` the web app phrases in the reader's language) and its arrival estimate. They
 * describe the objects of src/projections as they are built (serializeAsBuilt writes them as they are).
 */
import { Type } from 'typebox';
import { MOVEMENT_STEPS } from '../../domain/status/shipment-status.js';
import { TRANSIT_STEP_KINDS } from '../../domain/transit/transit-transitions.js';
import { REGISTRATION_SECTIONS } from '../../projections/registration-acts.js';
import { CARRIER_KINDS, TIMELINE_KINDS } from '../../projections/timeline-what.js';
import { Choice, DateTime, ReadonlyList } from '../schemas/common.js';
import { LOCATION_KINDS } from './reference.schemas.js';

const MODES = ['road', 'rail', 'sea'] as const;

/** Where something happened: a reference location, a geographic point, or an id Karvon does not know. */
export const WhereaboutsSchema = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('location'),
        locationId: Type.String({ description: 'A location id of /api/reference/locations' }),
        name: Type.String({ description: "English name (a shared border crossing: this country's side)" }),
        country: Type.Optional(Type.String({ description: 'The side of the place, ISO 3166-1 alpha-2' })),
        locationKind: Choice(LOCATION_KINDS, 'What the place is'),
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('geo'), lat: Type.Number(), lon: Type.Number() }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('other'), id: Type.String({ description: 'The readPoint or bizLocation as written' }) }, { additionalProperties: false }),
  ],
  { description: 'A reference location, a point (geo URI), or an id that is neither' },
);

export const CorridorPositionSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('at-stop'), stop: Type.Integer({ minimum: 0, description: '0 = origin, legs = destination' }), since: DateTime() }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('on-leg'), leg: Type.Integer({ minimum: 0 }), fraction: Type.Number({ minimum: 0, maximum: 1 }), since: DateTime() }, { additionalProperties: false }),
  ],
  { description: 'Where it is on its corridor: standing at a stop, or on a leg (fraction 0 at its start, 1 at its end)' },
);

export const LegProgressSchema = Type.Object(
  {
    legIndex: Type.Integer({ minimum: 0 }),
    legCount: Type.Integer({ minimum: 1 }),
    from: Type.String({ description: 'Location id the leg starts at' }),
    to: Type.String({ description: 'Location id the leg ends at' }),
    mode: Choice(MODES, 'How the leg is travelled'),
    fraction: Type.Number({ minimum: 0, maximum: 1 }),
    atStop: Type.Optional(Type.String({ description: 'Location id of the stop it stands at now' })),
  },
  { additionalProperties: false, description: 'The corridor leg it is on' },
);

export const TransitStepSchema = Type.Object(
  {
    step: Choice(TRANSIT_STEP_KINDS, 'The customs transit step'),
    time: DateTime(),
    office: Type.Optional(Type.String({ description: 'Customs office code (/api/reference/customs-offices)' })),
    place: Type.Optional(Type.String({ description: 'Where, in English ("Dostyk (KZ)")' })),
    eventID: Type.String(),
  },
  { additionalProperties: false },
);

export const HoldSchema = Type.Object(
  {
    state: Choice(['open', 'closed'] as const, 'Open until customs release the goods'),
    reason: Type.String(),
    openedAt: DateTime(),
    closedAt: Type.Optional(DateTime()),
    country: Type.Optional(Type.String()),
    office: Type.Optional(Type.String({ description: 'Customs office code' })),
    place: Type.Optional(Type.String({ description: 'Where, in English' })),
  },
  { additionalProperties: false },
);

export const TimelineWhatSchema = Type.Object(
  {
    kind: Choice(
      TIMELINE_KINDS,
      `What happened: a movement step (${MOVEMENT_STEPS.join(', ')}), a customs transit step (transit.lodge, transit.accept...), ` +
        'registered, amended, cancelled, not-applied (an amendment or cancellation by another organisation than the registrant) or recorded (an event outside the profile, named by its bizStep)',
    ),
    place: Type.Optional(WhereaboutsSchema),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2' })),
    carrier: Type.Optional(
      Type.Object(
        {
          kind: Choice(CARRIER_KINDS, 'What carried the goods'),
          id: Type.String({ description: 'IMO number of a vessel, country and plate of a vehicle, wagon number, else the IRI' }),
        },
        { additionalProperties: false, description: 'The vessel, vehicle or wagon (loaded-on-ferry, unloaded-from-ferry, transshipped)' },
      ),
    ),
    office: Type.Optional(Type.String({ description: 'Customs office code (customs steps)' })),
    mrn: Type.Optional(Type.String({ description: 'The transit declaration MRN (transit.accept)' })),
    reason: Type.Optional(Type.String({ description: 'As recorded (hold, rejection, cancellation, incident)' })),
    controlKind: Type.Optional(Type.String({ description: 'documentary, physical, scanning, seal-check (transit.control)' })),
    changed: Type.Optional(ReadonlyList(Choice(Object.keys(REGISTRATION_SECTIONS) as (keyof typeof REGISTRATION_SECTIONS)[], 'A section of the registration'), { description: 'What an amendment changed, when known' })),
    act: Type.Optional(Choice(['amendment', 'cancellation'] as const, 'The act that was not applied (not-applied)')),
    bizStep: Type.Optional(Type.String({ description: 'The CBV bizStep name, e.g. inspecting (recorded)' })),
    device: Type.Optional(Type.String({ description: 'The tracker or e-seal whose positions told it (steps derived from telemetry)' })),
    deviationKm: Type.Optional(Type.Number({ description: 'How far off its route the unit is, km (route-deviation)' })),
    thresholdKm: Type.Optional(Type.Number({ description: 'The distance off the route that counts as a deviation, km (route-deviation, route-rejoined)' })),
    lastFixTime: Type.Optional(Type.String({ description: 'When the last position before the loss was fixed, date-time (signal-lost)' })),
    signalGapS: Type.Optional(Type.Number({ description: 'How long the device was silent, seconds (signal-recovered)' })),
    sealCodes: Type.Optional(ReadonlyList(Type.String(), { description: 'E-seal status codes raised (01 sealing element breached ... 07 unauthorised action); empty: all clear (seal-status)' })),
  },
  { additionalProperties: false, description: 'What happened, as data: the web app phrases it in the reader\'s language; `text` is its English phrasing' },
);

export const TimelineEntrySchema = Type.Object(
  {
    time: DateTime(),
    place: Type.Optional(Type.String({ description: 'Where the goods were, in English ("Dostyk (KZ)"); absent for registration paperwork' })),
    text: Type.String({ description: 'The English sentence of `what`, for API clients and the CLI' }),
    what: TimelineWhatSchema,
    eventID: Type.String({ description: 'The EPCIS event it comes from (/epcis/events/{eventID}, URL-encoded)' }),
  },
  { additionalProperties: false },
);

export const StopEstimateSchema = Type.Object(
  {
    stop: Type.Integer({ minimum: 0, description: 'The stop number on what the estimate follows (0 = origin)' }),
    locationId: Type.String({ description: 'A location id of /api/reference/locations' }),
    name: Type.String({ description: 'English name' }),
    earliest: DateTime(),
    likely: DateTime(),
    latest: DateTime(),
    basis: Type.String({
      description:
        "What the range comes from: 'observed, n=37' (37 similar completed trips), 'reference figures', 'registered plan', " +
        "or a mix: 'observed (n=12) and reference figures', 'observed (n=12) and registered plan'",
    }),
  },
  { additionalProperties: false, description: 'An 80 % arrival range at one stop still ahead' },
);

export const ArrivalEstimateSchema = Type.Object(
  {
    shipmentId: Type.String(),
    follows: Choice(['corridor', 'itinerary'] as const, 'What the stops and their timing follow: the reference corridor, or the registered itinerary'),
    corridor: Type.Optional(Type.String({ description: 'The shipment\'s corridor, when known' })),
    from: DateTime('The time the estimate counts from'),
    stops: ReadonlyList(StopEstimateSchema, { description: 'Every stop still ahead, in order' }),
    arrival: Type.Optional(StopEstimateSchema),
  },
  { additionalProperties: false, description: 'Arrival estimate as ranges' },
);
