// The status codes of the EAEU electronic navigation seals (EEC decisions; see
// ../shared/reference/corridors.md) as the Karvon profile writes them in a seal-status event's
// sensor reports, and the CBV disposition such a status gives the sealed unit. src/model/telemetry.ts
// holds the same codes for the readings (the domain imports nothing of ours; a test keeps both equal).
import { DISPOSITION, KARVON_NS } from './epcis-profile.js';

export const SEAL_STATUS_CODES = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type SealStatusCode = (typeof SEAL_STATUS_CODES)[number];

/** GS1 sensor alert types: a condition the seal observed, or the seal not working as it should. */
export type SensorAlertType = 'ALARM_CONDITION' | 'ERROR_CONDITION';

export interface SealCodeMeaning {
  readonly description: string;
  readonly alert: SensorAlertType;
}

/** What each code says. A malfunction and missed reports are errors of the seal; the rest are alarms about the unit. */
export const SEAL_CODE_MEANING: Readonly<Record<SealStatusCode, SealCodeMeaning>> = {
  '01': { description: 'sealing element breached', alert: 'ALARM_CONDITION' },
  '02': { description: 'electronic unit case breached', alert: 'ALARM_CONDITION' },
  '03': { description: 'deviation from the route', alert: 'ALARM_CONDITION' },
  '04': { description: 'malfunction', alert: 'ERROR_CONDITION' },
  '05': { description: 'battery below 15%', alert: 'ALARM_CONDITION' },
  '06': { description: 'reporting periods missed', alert: 'ERROR_CONDITION' },
  '07': { description: 'unauthorised action', alert: 'ALARM_CONDITION' },
};

const SEAL_CODE_NS = `${KARVON_NS}sealCode/`;

/** The IRI a sensor report names a seal code by (its uriValue), e.g. https://ns.karvon.org/epcis/sealCode/01. */
export function sealCodeIri(code: SealStatusCode): string {
  return `${SEAL_CODE_NS}${code}`;
}

/** The seal code an IRI names, if it is one. */
export function sealCodeOfIri(iri: unknown): SealStatusCode | undefined {
  if (typeof iri !== 'string' || !iri.startsWith(SEAL_CODE_NS)) return undefined;
  const code = iri.slice(SEAL_CODE_NS.length);
  return (SEAL_STATUS_CODES as readonly string[]).includes(code) ? (code as SealStatusCode) : undefined;
}

/**
 * The disposition of the sealed unit after a seal status change. A disposition describes the unit and
 * its goods, not the seal device, so:
 * - 01 (sealing element breached): the unit can be opened, container_open;
 * - 02 (case breached) or 07 (unauthorised action): the seal no longer vouches for the unit, but
 *   nothing says the unit was opened or the goods harmed, so `unknown` rather than `damaged`
 *   (which would assert a harm nobody has seen);
 * - the sealing element reported whole again after a breach: container_closed;
 * - anything else (route, battery, malfunction, missed reports, all clear): in_transit, the goods'
 *   state is unchanged.
 */
export function sealStatusDisposition(codes: readonly string[], previous: readonly string[]): string {
  if (codes.includes('01')) return DISPOSITION.containerOpen;
  if (codes.includes('02') || codes.includes('07')) return DISPOSITION.unknown;
  if (previous.includes('01')) return DISPOSITION.containerClosed;
  return DISPOSITION.inTransit;
}
