/**
 * Validation of sensorElementList: each element needs a non-empty sensorReport list; metadata and
 * report attributes have the types the schema gives them (URIs, date-times, numbers, boolean, hex).
 */
import { instantOf } from '../date-time.js';
import {
  checkList,
  itemPointer,
  checkDateTime,
  checkNumber,
  checkObject,
  checkString,
  checkUom,
  checkUri,
  checkVocabulary,
  isExtensionKey,
  pointerToken,
  shown,
  type Issues,
} from './checks.js';

const enum Kind {
  Uri,
  Time,
  Number,
  String,
  Boolean,
  Hex,
  Uom,
  MeasurementType,
  AlertType,
  Component,
}

const METADATA_FIELDS: ReadonlyMap<string, Kind> = new Map([
  ['time', Kind.Time],
  ['startTime', Kind.Time],
  ['endTime', Kind.Time],
  ['deviceID', Kind.Uri],
  ['deviceMetadata', Kind.Uri],
  ['rawData', Kind.Uri],
  ['dataProcessingMethod', Kind.Uri],
  ['bizRules', Kind.Uri],
]);

const REPORT_FIELDS: ReadonlyMap<string, Kind> = new Map([
  ['type', Kind.MeasurementType],
  ['exception', Kind.AlertType],
  ['deviceID', Kind.Uri],
  ['deviceMetadata', Kind.Uri],
  ['rawData', Kind.Uri],
  ['dataProcessingMethod', Kind.Uri],
  ['bizRules', Kind.Uri],
  ['time', Kind.Time],
  ['microorganism', Kind.Uri],
  ['chemicalSubstance', Kind.Uri],
  ['coordinateReferenceSystem', Kind.Uri],
  ['value', Kind.Number],
  ['component', Kind.Component],
  ['stringValue', Kind.String],
  ['booleanValue', Kind.Boolean],
  ['hexBinaryValue', Kind.Hex],
  ['uriValue', Kind.Uri],
  ['minValue', Kind.Number],
  ['maxValue', Kind.Number],
  ['meanValue', Kind.Number],
  ['sDev', Kind.Number],
  ['percRank', Kind.Number],
  ['percValue', Kind.Number],
  ['uom', Kind.Uom],
]);

const HEX = /^[0-9A-Fa-f]+$/;

function checkField(issues: Issues, pointer: string, key: string, kind: Kind, value: unknown): void {
  switch (kind) {
    case Kind.Uri:
      checkUri(issues, pointer, key, value);
      break;
    case Kind.Time:
      checkDateTime(issues, pointer, key, value);
      break;
    case Kind.Number:
      checkNumber(issues, pointer, key, value);
      break;
    case Kind.String:
      checkString(issues, pointer, key, value);
      break;
    case Kind.Boolean:
      if (typeof value !== 'boolean') issues.push({ pointer, message: `${key} must be true or false, got ${shown(value)}` });
      break;
    case Kind.Hex:
      if (checkString(issues, pointer, key, value) && !HEX.test(value)) {
        issues.push({ pointer, message: `${key} must be hexadecimal digits (0-9, A-F), got ${shown(value)}` });
      }
      break;
    case Kind.Uom:
      checkUom(issues, pointer, key, value);
      break;
    case Kind.MeasurementType:
      checkVocabulary(issues, pointer, 'sensorReport type', 'measurementType', value);
      break;
    case Kind.AlertType:
      checkVocabulary(issues, pointer, 'sensorReport exception', 'sensorAlertType', value);
      break;
    case Kind.Component:
      checkVocabulary(issues, pointer, 'component', 'component', value);
      break;
  }
}

function checkFields(issues: Issues, pointer: string, owner: string, value: Record<string, unknown>, fields: ReadonlyMap<string, Kind>): void {
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    const kind = fields.get(key);
    const at = `${pointer}/${pointerToken(key)}`;
    if (kind !== undefined) checkField(issues, at, key, kind, item);
    else if (!isExtensionKey(key)) {
      issues.push({ pointer: at, message: `'${key}' is not a field of ${owner} (allowed: ${[...fields.keys()].join(', ')}, or "prefix:local" extensions)` });
    }
  }
}

function checkTimeOrder(issues: Issues, pointer: string, metadata: Record<string, unknown>): void {
  const { startTime, endTime } = metadata;
  if (typeof startTime === 'string' && typeof endTime === 'string') {
    const start = instantOf(startTime);
    const end = instantOf(endTime);
    if (start !== undefined && end !== undefined && start > end) issues.push({ pointer: `${pointer}/endTime`, message: `sensorMetadata endTime ${endTime} is before startTime ${startTime}` });
  }
}

/** Checks an event's sensorElementList. */
export function checkSensorElementList(issues: Issues, pointer: string, value: unknown): void {
  const list = checkList(issues, pointer, 'sensorElementList', value);
  if (!list) return;
  for (let i = 0; i < list.items.length; i++) {
    const at = itemPointer(pointer, list, i);
    const element = list.items[i];
    if (!checkObject(issues, at, 'sensorElementList item', element)) continue;
    for (const key in element) {
      // "type" appears on sensor elements of official examples (a JSON-LD node type), so it is tolerated.
      if (key === 'sensorMetadata' || key === 'sensorReport' || key === 'type' || isExtensionKey(key)) continue;
      if (element[key] === undefined) continue;
      issues.push({ pointer: `${at}/${pointerToken(key)}`, message: `'${key}' is not a field of a sensor element (allowed: sensorMetadata, sensorReport, or "prefix:local" extensions)` });
    }
    const metadata = element.sensorMetadata;
    if (metadata !== undefined && checkObject(issues, `${at}/sensorMetadata`, 'sensorMetadata', metadata)) {
      checkFields(issues, `${at}/sensorMetadata`, 'sensorMetadata', metadata, METADATA_FIELDS);
      checkTimeOrder(issues, `${at}/sensorMetadata`, metadata);
    }
    const reports = element.sensorReport;
    if (reports === undefined) {
      issues.push({ pointer: at, message: 'a sensor element needs sensorReport (a list of at least one report)' });
      continue;
    }
    const reportList = checkList(issues, `${at}/sensorReport`, 'sensorReport', reports);
    if (!reportList) continue;
    if (reportList.items.length === 0) issues.push({ pointer: `${at}/sensorReport`, message: 'sensorReport must list at least one report' });
    for (let j = 0; j < reportList.items.length; j++) {
      const reportAt = itemPointer(`${at}/sensorReport`, reportList, j);
      const report = reportList.items[j];
      if (!checkObject(issues, reportAt, 'sensorReport item', report)) continue;
      checkFields(issues, reportAt, 'a sensor report', report, REPORT_FIELDS);
      // The JSON schema requires type; the XSD makes it optional, and official XML alarm reports carry only
      // exception, so a report needs at least one of the two.
      if (report.type === undefined && report.exception === undefined) {
        issues.push({ pointer: reportAt, message: 'a sensor report needs type (a measurement type such as Temperature) or exception' });
      }
    }
  }
}
