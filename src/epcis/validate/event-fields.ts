/**
 * Which fields each event type may carry (EPCIS 2.0.1 JSON schema, propertyNames of each event type).
 */
import type { EventType } from '../model.js';

const COMMON = ['@context', 'type', 'eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'certificationInfo', 'errorDeclaration'];
// "id" is what the JSON-LD context aliases @id to; an official simple-context example writes the event's
// identifier there instead of in eventID, so it is accepted (and checked as a URI) like eventID.
const ID_ALIAS = 'id';

const WHY_WHERE = ['bizStep', 'disposition', 'persistentDisposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList'];

const SPECIFIC: Record<EventType, string[]> = {
  ObjectEvent: ['action', 'epcList', 'quantityList', 'ilmd'],
  AggregationEvent: ['parentID', 'childEPCs', 'childQuantityList', 'action'],
  AssociationEvent: ['parentID', 'childEPCs', 'childQuantityList', 'action'],
  TransactionEvent: ['parentID', 'epcList', 'quantityList', 'action'],
  TransformationEvent: ['inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'transformationID', 'ilmd'],
};

/** The field names an event type allows (besides extensions). */
export const ALLOWED_FIELDS: Readonly<Record<EventType, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(SPECIFIC).map(([type, fields]) => [type, new Set([...COMMON, ID_ALIAS, ...fields, ...WHY_WHERE])]),
) as unknown as Record<EventType, ReadonlySet<string>>;

/** For a field not allowed on one type: the event types that do allow it (for a helpful message). */
export function typesAllowing(field: string): EventType[] {
  return (Object.keys(ALLOWED_FIELDS) as EventType[]).filter((type) => ALLOWED_FIELDS[type].has(field));
}

/** The standard's own fields of a type in schema order, for messages. */
export function describeFields(type: EventType): string {
  return [...COMMON, ...SPECIFIC[type], ...WHY_WHERE].join(', ');
}
