/**
 * validateEvent: every rule of the EPCIS 2.0.1 JSON schema for one event, plus CBV and identifier
 * syntax checks, reported as issues with JSON pointers (nothing is thrown).
 */
import { isWarning, type ValidationIssue } from '../exceptions.js';
import { EVENT_TYPES, type EpcisEvent, type EventType } from '../model.js';
import {
  checkDateTime,
  checkIdentifier,
  checkIdentifierLength,
  checkIdentifierUri,
  checkObject,
  checkString,
  checkVocabulary,
  isExtensionKey,
  pointerToken,
  shown,
  type Issues,
} from './checks.js';
import { ALLOWED_FIELDS, describeFields, typesAllowing } from './event-fields.js';
import {
  checkBizTransactionList,
  checkCertificationInfo,
  checkEpcList,
  checkErrorDeclaration,
  checkPersistentDisposition,
  checkPlace,
  checkQuantityList,
  checkSourceDestinationList,
} from './parts.js';
import { checkSensorElementList } from './sensor.js';
import { isTimeZoneOffset } from './time.js';
import { schemeLength } from './uri.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
// The identifier lists the 2.0.1 schema declares uniqueItems (through its epcList definition).
const UNIQUE_LISTS: ReadonlySet<string> = new Set(['ObjectEvent epcList', 'TransformationEvent inputEPCList', 'TransformationEvent outputEPCList']);
const ACTIONS = 'ADD, OBSERVE, DELETE';
// The fields an extension event type (type is an IRI) shares with the standard types.
const COMMON_ONLY: ReadonlySet<string> = new Set(['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'certificationInfo', 'errorDeclaration']);

/** A list with at least one item (a lone item counts: JSON-LD may write a one-item list that way). */
function nonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

/** Checks one field of a standard event type; `key` is known to be allowed for the type. */
function checkField(issues: Issues, at: string, key: string, value: unknown, type: EventType | undefined): void {
  switch (key) {
    case 'eventTime':
    case 'recordTime':
      checkDateTime(issues, at, key, value);
      return;
    case 'eventTimeZoneOffset':
      if (checkString(issues, at, key, value) && !isTimeZoneOffset(value)) {
        issues.push({ pointer: at, message: `eventTimeZoneOffset must be ±hh:mm between -14:00 and +14:00 (e.g. +03:00), got ${shown(value)}` });
      }
      return;
    case 'eventID':
    case 'id':
      checkIdentifierUri(issues, at, key, value);
      return;
    case 'certificationInfo':
      checkCertificationInfo(issues, at, value);
      return;
    case 'errorDeclaration':
      checkErrorDeclaration(issues, at, value);
      return;
    case 'action':
      if (checkString(issues, at, key, value) && value !== 'ADD' && value !== 'OBSERVE' && value !== 'DELETE') {
        issues.push({ pointer: at, message: `action must be one of ${ACTIONS}, got ${shown(value)}` });
      }
      return;
    case 'parentID':
      checkIdentifier(issues, at, key, value, 'instance');
      return;
    case 'transformationID':
      checkIdentifier(issues, at, key, value, 'any');
      return;
    case 'epcList':
    case 'childEPCs':
    case 'inputEPCList':
    case 'outputEPCList':
      checkEpcList(issues, at, key, value, UNIQUE_LISTS.has(`${type} ${key}`));
      return;
    case 'quantityList':
    case 'childQuantityList':
    case 'inputQuantityList':
    case 'outputQuantityList':
      checkQuantityList(issues, at, key, value);
      return;
    case 'bizStep':
      checkVocabulary(issues, at, key, 'bizStep', value);
      return;
    case 'disposition':
      checkVocabulary(issues, at, key, 'disposition', value);
      return;
    case 'persistentDisposition':
      checkPersistentDisposition(issues, at, value);
      return;
    case 'readPoint':
    case 'bizLocation':
      checkPlace(issues, at, key, value);
      return;
    case 'bizTransactionList':
      checkBizTransactionList(issues, at, value);
      return;
    case 'sourceList':
      checkSourceDestinationList(issues, at, 'source', value);
      return;
    case 'destinationList':
      checkSourceDestinationList(issues, at, 'destination', value);
      return;
    case 'sensorElementList':
      checkSensorElementList(issues, at, value);
      return;
    case 'ilmd':
      if (checkObject(issues, at, key, value)) {
        for (const name in value) {
          if (!isExtensionKey(name)) {
            issues.push({ pointer: `${at}/${pointerToken(name)}`, message: `ilmd field '${name}' needs a namespace prefix ("prefix:local") or must be an absolute IRI` });
          }
        }
      }
      return;
    // '@context' and 'type' are checked elsewhere or free-form.
  }
}

function requireField(issues: Issues, pointer: string, event: Record<string, unknown>, key: string, why: string): void {
  if (event[key] === undefined) issues.push({ pointer, message: `${event.type} needs ${key}${why}` });
}

/** The rules that tie fields together (what must be present for each event type). */
function checkCombinations(issues: Issues, pointer: string, type: EventType, e: Record<string, unknown>): void {
  if (type !== 'TransformationEvent') requireField(issues, pointer, e, 'action', ` (one of ${ACTIONS})`);
  switch (type) {
    case 'ObjectEvent':
      if (e.epcList === undefined && !nonEmptyArray(e.quantityList) && !(nonEmptyArray(e.sensorElementList) && e.readPoint !== undefined)) {
        issues.push({ pointer, message: 'ObjectEvent needs epcList, a non-empty quantityList, or a sensorElementList together with readPoint' });
      }
      // The schema allows ilmd only with action ADD, but an official simple-context example
      // (object_event_all_possible_fields) carries ilmd on an OBSERVE, so that rule is not enforced.
      return;
    case 'AggregationEvent':
      if (e.parentID === undefined && (e.action === 'ADD' || e.action === 'DELETE')) {
        issues.push({ pointer, message: `AggregationEvent needs parentID when action is ${e.action}` });
      }
      if (!nonEmptyArray(e.childEPCs) && !nonEmptyArray(e.childQuantityList) && e.action !== 'DELETE') {
        issues.push({ pointer, message: 'AggregationEvent needs a non-empty childEPCs or childQuantityList (only a DELETE may omit both)' });
      }
      return;
    case 'AssociationEvent':
      requireField(issues, pointer, e, 'parentID', ' (the identifier of the parent object)');
      if (!nonEmptyArray(e.childEPCs) && !nonEmptyArray(e.childQuantityList) && e.action !== 'DELETE') {
        issues.push({ pointer, message: 'AssociationEvent needs a non-empty childEPCs or childQuantityList (only a DELETE may omit both)' });
      }
      return;
    case 'TransactionEvent':
      if (e.bizTransactionList === undefined) {
        issues.push({ pointer, message: 'TransactionEvent needs bizTransactionList (at least one business transaction)' });
      } else if (Array.isArray(e.bizTransactionList) && e.bizTransactionList.length === 0) {
        issues.push({ pointer: `${pointer}/bizTransactionList`, message: 'TransactionEvent needs at least one item in bizTransactionList' });
      }
      if (e.epcList === undefined && !nonEmptyArray(e.quantityList) && e.action !== 'DELETE') {
        issues.push({ pointer, message: 'TransactionEvent needs epcList or a non-empty quantityList (only a DELETE may omit both)' });
      }
      return;
    case 'TransformationEvent': {
      const hasInput = nonEmptyArray(e.inputEPCList) || nonEmptyArray(e.inputQuantityList);
      const hasOutput = nonEmptyArray(e.outputEPCList) || nonEmptyArray(e.outputQuantityList);
      if (!(hasInput && hasOutput) && !((hasInput || hasOutput) && e.transformationID !== undefined)) {
        const message = hasInput || hasOutput
          ? `TransformationEvent has ${hasInput ? 'inputs but no outputs' : 'outputs but no inputs'}; it needs both, or a transformationID`
          : 'TransformationEvent needs inputs (inputEPCList/inputQuantityList) and outputs (outputEPCList/outputQuantityList), or one of them with a transformationID';
        issues.push({ pointer, message });
      }
      return;
    }
  }
}

/** Reports a field that a standard event type does not allow, naming the types it belongs to. */
function unknownField(issues: Issues, at: string, type: EventType, key: string): void {
  const owners = typesAllowing(key);
  const message = owners.length
    ? `${key} is not a field of ${type} (it belongs to ${owners.join(', ')})`
    : `'${key}' is not a field of ${type} (allowed: ${describeFields(type)}); user extensions need a namespace prefix ("prefix:local") or an absolute IRI`;
  issues.push({ pointer: at, message });
}

/** The errors and the warnings of one validation, each in document order. */
export interface Findings {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

/** Splits issues into errors and warnings (src/epcis/exceptions.ts, ValidationIssue.severity). */
export function splitFindings(issues: readonly ValidationIssue[]): Findings {
  const findings: Findings = { errors: [], warnings: [] };
  for (const issue of issues) (isWarning(issue) ? findings.warnings : findings.errors).push(issue);
  return findings;
}

/** Every rule an event breaks, with JSON pointers below `pointer` (the event's own location); warnings left out. */
export function validateEvent(event: EpcisEvent, pointer = ''): ValidationIssue[] {
  return splitFindings(eventIssues(event, pointer)).errors;
}

/** The errors and the data-quality warnings of one event. */
export function eventFindings(event: EpcisEvent, pointer = ''): Findings {
  return splitFindings(eventIssues(event, pointer));
}

/** Errors and warnings of one event, in the order found. */
export function eventIssues(event: EpcisEvent, pointer = ''): ValidationIssue[] {
  const issues: Issues = [];
  const e = event as unknown as Record<string, unknown>;
  if (!checkObject(issues, pointer, 'an event', e)) return issues;

  const typeValue = e.type;
  let type: EventType | undefined;
  if (typeValue === undefined) {
    issues.push({ pointer, message: `an event needs type (one of ${EVENT_TYPES.join(', ')})` });
  } else if (typeof typeValue === 'string' && KNOWN_TYPES.has(typeValue)) {
    type = typeValue as EventType;
  } else if (typeof typeValue !== 'string' || schemeLength(typeValue) < 0) {
    issues.push({ pointer: `${pointer}/type`, message: `type must be one of ${EVENT_TYPES.join(', ')} (or the IRI of an extension event type), got ${shown(typeValue)}` });
  } else {
    // An extension event type is indexed like any other type.
    checkIdentifierLength(issues, `${pointer}/type`, 'type', typeValue);
  }
  const allowed = type ? ALLOWED_FIELDS[type] : undefined;

  for (const key in e) {
    const value = e[key];
    if (value === undefined) continue;
    if (allowed && !allowed.has(key)) {
      if (!isExtensionKey(key)) unknownField(issues, `${pointer}/${pointerToken(key)}`, type!, key);
      continue;
    }
    if (!allowed && !COMMON_ONLY.has(key)) continue; // extension event types: only the common fields are known
    checkField(issues, `${pointer}/${pointerToken(key)}`, key, value, type);
  }

  if (e.eventTime === undefined) issues.push({ pointer, message: 'an event needs eventTime (when it happened, e.g. 2024-05-01T10:15:00Z)' });
  if (e.eventTimeZoneOffset === undefined) issues.push({ pointer, message: 'an event needs eventTimeZoneOffset (the local offset at the place of the event, e.g. +03:00)' });
  if (type) checkCombinations(issues, pointer, type, e);
  return issues;
}
