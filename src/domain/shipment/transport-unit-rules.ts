import { parseContainerNumber } from '../identifiers/iso6346.js';
import { parseImoNumber } from '../identifiers/imo-number.js';
import type { ParseResult } from '../identifiers/parse-result.js';
import { parseVehiclePlate } from '../identifiers/vehicle-plate.js';
import { parseWagonNumber } from '../identifiers/wagon-number.js';
import type { RegistrationProblem } from './registration-problem.js';
import { TRANSPORT_UNIT_KINDS, type TransportUnit, type TransportUnitKind } from './shipment.js';

// What may carry what: containers ride on anything that moves; trailers, trucks and wagons also go
// on ferries. The table has no cycles, so a carriage chain can never loop back on itself.
const MAY_BE_CARRIED_BY: Readonly<Record<TransportUnitKind, readonly TransportUnitKind[]>> = {
  container: ['wagon', 'truck', 'trailer', 'vessel'],
  trailer: ['vessel', 'wagon'],
  truck: ['vessel'],
  wagon: ['vessel'],
  vessel: [],
};

/** Validates a transport unit's identifier by its kind; returns the normalised id or an error. */
export function parseTransportUnitId(unit: TransportUnit): ParseResult<string> {
  const pick = <T extends { value: string }>(r: ParseResult<T>): ParseResult<string> => (r.ok ? { ok: true, value: r.value.value } : r);
  switch (unit.kind) {
    case 'container': return pick(parseContainerNumber(unit.id));
    case 'wagon': return pick(parseWagonNumber(unit.id));
    case 'vessel': return pick(parseImoNumber(unit.id));
    case 'truck':
    case 'trailer': return pick(parseVehiclePlate(unit.id, unit.country ?? ''));
  }
}

/** Checks identifiers, uniqueness and the carriage tree of the transport units. */
export function transportUnitProblems(units: readonly TransportUnit[]): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  const byId = new Map<string, TransportUnit>();
  units.forEach((unit, i) => {
    const at = `/transportUnits/${i}`;
    if (!(TRANSPORT_UNIT_KINDS as readonly string[]).includes(unit.kind)) {
      problems.push({ path: `${at}/kind`, code: 'invalid-value', message: `transport unit kind ${JSON.stringify(unit.kind)} is unknown; expected one of ${TRANSPORT_UNIT_KINDS.join(', ')}` });
      return;
    }
    if ((unit.kind === 'truck' || unit.kind === 'trailer') && !unit.country) {
      problems.push({ path: `${at}/country`, code: 'missing', message: `a ${unit.kind} needs the country of registration of its plate` });
      return;
    }
    const id = parseTransportUnitId(unit);
    if (!id.ok) problems.push({ path: `${at}/id`, code: 'invalid-identifier', message: id.error });
    if (byId.has(unit.id)) problems.push({ path: `${at}/id`, code: 'duplicate', message: `transport unit ${JSON.stringify(unit.id)} is listed twice` });
    else byId.set(unit.id, unit);
  });
  units.forEach((unit, i) => {
    if (unit.carriedBy === undefined) return;
    const at = `/transportUnits/${i}/carriedBy`;
    const carrier = byId.get(unit.carriedBy);
    if (!carrier) {
      problems.push({ path: at, code: 'unknown-transport-unit', message: `${unit.kind} ${unit.id} is carried by ${JSON.stringify(unit.carriedBy)}, which is not among the transport units` });
    } else if (!(MAY_BE_CARRIED_BY[unit.kind] ?? []).includes(carrier.kind)) {
      problems.push({ path: at, code: 'invalid-carriage', message: `a ${unit.kind} cannot be carried by a ${carrier.kind}` });
    }
  });
  return problems;
}
