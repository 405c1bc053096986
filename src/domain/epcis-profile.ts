// The Karvon EPCIS profile as constants, so that the simulator, the projections and the docs use
// exactly the same strings. docs/epcis-profile.md explains each choice. src/domain may not import
// src/epcis, so CBV terms are written out here as plain strings.

/** Karvon's namespace for its extension fields and private vocabulary (JSON-LD prefix `krv`). */
export const KARVON_NS = 'https://ns.karvon.org/epcis/';
export const KARVON_PREFIX = 'krv';
/** Karvon's namespace for identifiers of things that have no GS1 key (containers, wagons, vehicles, vessels). */
export const KARVON_ID_NS = 'https://ns.karvon.org/id/';

const CBV = 'https://ref.gs1.org/cbv/';

/** Business steps, standard CBV where CBV has one, Karvon's own otherwise. */
export const BIZ_STEP = {
  departing: `${CBV}BizStep-departing`,
  arriving: `${CBV}BizStep-arriving`,
  loading: `${CBV}BizStep-loading`,
  unloading: `${CBV}BizStep-unloading`,
  transporting: `${CBV}BizStep-transporting`,
  inspecting: `${CBV}BizStep-inspecting`,
  holding: `${CBV}BizStep-holding`,
  receiving: `${CBV}BizStep-receiving`,
  /** A sensor's own report (CBV 2.0): the e-seal status changes the telemetry pipeline derives. */
  sensorReporting: `${CBV}BizStep-sensor_reporting`,
  transitLodging: `${KARVON_NS}bizstep/transit_lodging`,
  transitAccepting: `${KARVON_NS}bizstep/transit_accepting`,
  transitRejecting: `${KARVON_NS}bizstep/transit_rejecting`,
  transitReleasing: `${KARVON_NS}bizstep/transit_releasing`,
  borderCrossing: `${KARVON_NS}bizstep/border_crossing`,
  customsReleasing: `${KARVON_NS}bizstep/customs_releasing`,
  destinationReleasing: `${KARVON_NS}bizstep/destination_releasing`,
  transitDischarging: `${KARVON_NS}bizstep/transit_discharging`,
  transitCancelling: `${KARVON_NS}bizstep/transit_cancelling`,
  incidentReporting: `${KARVON_NS}bizstep/incident_reporting`,
  shipmentRegistering: `${KARVON_NS}bizstep/shipment_registering`,
  /** The registrant replaces its registration (krv:registration holds the whole new one). */
  shipmentAmending: `${KARVON_NS}bizstep/shipment_amending`,
  /** The registrant calls the shipment off (krv:reason says why). */
  shipmentCancelling: `${KARVON_NS}bizstep/shipment_cancelling`,
} as const;

/** CBV dispositions used by the profile (Karvon defines none of its own). */
export const DISPOSITION = {
  inTransit: `${CBV}Disp-in_transit`,
  inProgress: `${CBV}Disp-in_progress`,
  unavailable: `${CBV}Disp-unavailable`,
  conformant: `${CBV}Disp-conformant`,
  damaged: `${CBV}Disp-damaged`,
  stolen: `${CBV}Disp-stolen`,
  unknown: `${CBV}Disp-unknown`,
  /** An e-seal's sealing element is breached: the container can be opened. */
  containerOpen: `${CBV}Disp-container_open`,
  /** An e-seal whose sealing element was breached reports it whole again: the container is sealed. */
  containerClosed: `${CBV}Disp-container_closed`,
} as const;

/** Business transaction types: CBV `bol` plus Karvon's types for the corridor's transport and customs documents. */
export const BIZ_TRANSACTION_TYPE = {
  billOfLading: `${CBV}BTT-bol`,
  transitDeclaration: `${KARVON_NS}btt/transit_declaration`,
  tirCarnet: `${KARVON_NS}btt/tir_carnet`,
  cmr: `${KARVON_NS}btt/cmr`,
  smgs: `${KARVON_NS}btt/smgs`,
  cim: `${KARVON_NS}btt/cim`,
  cimSmgs: `${KARVON_NS}btt/cim_smgs`,
  booking: `${KARVON_NS}btt/booking`,
} as const;

/** CBV source/destination types the profile uses. */
export const SOURCE_DESTINATION_TYPE = {
  owningParty: `${CBV}SDT-owning_party`,
  possessingParty: `${CBV}SDT-possessing_party`,
  location: `${CBV}SDT-location`,
} as const;

/** Karvon extension fields: full IRIs (JSON-LD expands `krv:transitStep` to these). */
export const EXTENSION_FIELD = {
  transitStep: `${KARVON_NS}transitStep`,
  movementStep: `${KARVON_NS}movementStep`,
  holdReason: `${KARVON_NS}holdReason`,
  reason: `${KARVON_NS}reason`,
  controlKind: `${KARVON_NS}controlKind`,
  sealNumber: `${KARVON_NS}sealNumber`,
  country: `${KARVON_NS}country`,
  customsOffice: `${KARVON_NS}customsOffice`,
  officeOfDestination: `${KARVON_NS}officeOfDestination`,
  guaranteeReference: `${KARVON_NS}guaranteeReference`,
  corridor: `${KARVON_NS}corridor`,
  legIndex: `${KARVON_NS}legIndex`,
  transportMode: `${KARVON_NS}transportMode`,
  registration: `${KARVON_NS}registration`,
  /** The device (tracker or e-seal id) whose readings an event was derived from. */
  device: `${KARVON_NS}device`,
  /** What derived the event instead of a person: "telemetry" (DERIVED_FROM_TELEMETRY). */
  derived: `${KARVON_NS}derived`,
  /** How far off its route the unit is, in km (route-deviation). */
  deviationKm: `${KARVON_NS}deviationKm`,
  /** The distance off the route beyond which a unit counts as deviating, in km (route-deviation, route-rejoined). */
  thresholdKm: `${KARVON_NS}thresholdKm`,
  /** When the device's last position was fixed before its signal was lost (signal-lost), date-time. */
  lastFixTime: `${KARVON_NS}lastFixTime`,
  /** The device's expected seconds between reports (signal-lost: two missed periods declare the loss). */
  reportingPeriodS: `${KARVON_NS}reportingPeriodS`,
  /** How long the device was silent, in seconds (signal-recovered). */
  signalGapS: `${KARVON_NS}signalGapS`,
} as const;
export type ExtensionFieldName = keyof typeof EXTENSION_FIELD;

/** How a field is written in JSON-LD with the `krv` prefix declared, e.g. "krv:transitStep". */
export function compactExtensionField(name: ExtensionFieldName): string {
  return `${KARVON_PREFIX}:${name}`;
}

/** The value of krv:derived on events the telemetry pipeline derives from positions. */
export const DERIVED_FROM_TELEMETRY = 'telemetry';

/** IRI of a tracker or e-seal (sensorMetadata deviceID of derived events) from its device id. */
export function deviceIri(deviceId: string): string {
  return `${KARVON_ID_NS}device/${encodeURIComponent(deviceId)}`;
}

/** Identifier IRI of a container from its normalised ISO 6346 number. */
export function containerIri(iso6346: string): string {
  return `${KARVON_ID_NS}container/${iso6346}`;
}

/** Identifier IRI of a rail wagon from its UIC or 1520-gauge number (digits only). */
export function wagonIri(digits: string): string {
  return `${KARVON_ID_NS}wagon/${digits}`;
}

/** Identifier IRI of a truck or trailer: plates are unique only within their country. */
export function vehicleIri(country: string, plate: string): string {
  return `${KARVON_ID_NS}vehicle/${country}/${encodeURIComponent(plate)}`;
}

/** Identifier IRI of a vessel from its IMO number (7 digits). */
export function vesselIri(imo: string): string {
  return `${KARVON_ID_NS}vessel/imo${imo}`;
}

/** Business transaction IRI of a customs or transport document that has no GS1 issuer (MRN, TIR carnet, ...). */
export function documentIri(kind: 'mrn' | 'transit-declaration' | 'tir-carnet' | 'cmr' | 'smgs' | 'cim' | 'cim-smgs' | 'booking' | 'bill-of-lading', number: string): string {
  return `${KARVON_ID_NS}${kind}/${encodeURIComponent(number)}`;
}
