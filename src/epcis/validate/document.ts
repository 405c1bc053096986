/**
 * validateDocument: the document envelope (type, schemaVersion, creationDate, id), the header's master
 * data, and every event at its JSON pointer in the EPCIS JSON binding.
 */
import type { ValidationIssue } from '../exceptions.js';
import type { EpcisDocument } from '../model.js';
import { checkArray, checkDateTime, checkIdentifierUri, checkObject, checkString, checkUri, shown, type Issues } from './checks.js';
import { eventIssues, splitFindings, type Findings } from './event.js';

const SCHEMA_VERSION = /^\d+(?:\.\d+)*$/;

/** Where the events of a document sit in its JSON form. */
export function eventListPointer(doc: Pick<EpcisDocument, 'type'>): string {
  return doc.type === 'EPCISQueryDocument' ? '/epcisBody/queryResults/resultsBody/eventList' : '/epcisBody/eventList';
}

function checkMasterData(issues: Issues, header: unknown): void {
  if (!checkObject(issues, '/epcisHeader', 'epcisHeader', header)) return;
  const masterData = header.epcisMasterData;
  if (masterData === undefined) return;
  const base = '/epcisHeader/epcisMasterData';
  if (!checkObject(issues, base, 'epcisMasterData', masterData)) return;
  const list = masterData.vocabularyList;
  if (list === undefined) return;
  if (!checkArray(issues, `${base}/vocabularyList`, 'vocabularyList', list)) return;
  for (let i = 0; i < list.length; i++) {
    const at = `${base}/vocabularyList/${i}`;
    const vocabulary = list[i];
    if (!checkObject(issues, at, 'vocabulary', vocabulary)) continue;
    if (vocabulary.type === undefined) issues.push({ pointer: at, message: 'a vocabulary needs type (e.g. urn:epcglobal:epcis:vtype:BusinessLocation)' });
    else checkIdentifierUri(issues, `${at}/type`, 'vocabulary type', vocabulary.type);
    const elements = vocabulary.vocabularyElementList;
    if (elements === undefined) continue;
    if (!checkArray(issues, `${at}/vocabularyElementList`, 'vocabularyElementList', elements)) continue;
    for (let j = 0; j < elements.length; j++) {
      const elementAt = `${at}/vocabularyElementList/${j}`;
      const element = elements[j];
      if (!checkObject(issues, elementAt, 'vocabulary element', element)) continue;
      if (element.id === undefined) issues.push({ pointer: elementAt, message: 'a vocabulary element needs id (the identifier it describes)' });
      else checkIdentifierUri(issues, `${elementAt}/id`, 'vocabulary element id', element.id);
      if (element.attributes !== undefined && checkArray(issues, `${elementAt}/attributes`, 'attributes', element.attributes)) {
        element.attributes.forEach((attribute, k) => {
          const attributeAt = `${elementAt}/attributes/${k}`;
          if (!checkObject(issues, attributeAt, 'attribute', attribute)) return;
          if (attribute.id === undefined) issues.push({ pointer: attributeAt, message: 'an attribute needs id (the attribute name URI)' });
          else checkIdentifierUri(issues, `${attributeAt}/id`, 'attribute id', attribute.id);
        });
      }
      if (element.children !== undefined && checkArray(issues, `${elementAt}/children`, 'children', element.children)) {
        element.children.forEach((child, k) => checkIdentifierUri(issues, `${elementAt}/children/${k}`, 'children item', child));
      }
    }
  }
}

/** Every rule a document breaks: envelope, header master data, and each event at its pointer (warnings left out). */
export function validateDocument(doc: EpcisDocument): ValidationIssue[] {
  return splitFindings(documentIssues(doc)).errors;
}

/** The errors and the data-quality warnings of a document. */
export function documentFindings(doc: EpcisDocument): Findings {
  return splitFindings(documentIssues(doc));
}

function documentIssues(doc: EpcisDocument): ValidationIssue[] {
  const issues: Issues = [];
  if (!checkObject(issues, '', 'an EPCIS document', doc)) return issues;
  const isQuery = doc.type === 'EPCISQueryDocument';
  if (doc.type !== 'EPCISDocument' && !isQuery) {
    issues.push({ pointer: '/type', message: `type must be EPCISDocument or EPCISQueryDocument, got ${shown(doc.type)}` });
  }
  // The schema requires schemaVersion and creationDate on an EPCISDocument, but the official simple-context
  // SensorDataExample12 omits both, so absence (or the empty string a parser uses for it) is accepted.
  if (doc.schemaVersion !== undefined && doc.schemaVersion !== '' && checkString(issues, '/schemaVersion', 'schemaVersion', doc.schemaVersion) && !SCHEMA_VERSION.test(doc.schemaVersion)) {
    issues.push({ pointer: '/schemaVersion', message: `schemaVersion must be numbers separated by dots (e.g. "2.0"), got ${shown(doc.schemaVersion)}` });
  }
  if (doc.creationDate !== undefined && doc.creationDate !== '') {
    checkDateTime(issues, '/creationDate', 'creationDate', doc.creationDate);
  }
  // A JSON-LD blank node id ("_:document1") names the document inside the file; official examples use it.
  if (doc.id !== undefined && !(typeof doc.id === 'string' && doc.id.startsWith('_:') && doc.id.length > 2)) {
    checkUri(issues, '/id', 'id', doc.id);
  }
  if (isQuery) {
    if (doc.queryName === undefined) issues.push({ pointer: '/epcisBody/queryResults', message: 'query results need queryName' });
    else checkString(issues, '/epcisBody/queryResults/queryName', 'queryName', doc.queryName);
    if (doc.subscriptionID !== undefined) checkString(issues, '/epcisBody/queryResults/subscriptionID', 'subscriptionID', doc.subscriptionID);
  }
  if (doc.epcisHeader !== undefined) checkMasterData(issues, doc.epcisHeader);

  const base = eventListPointer(doc);
  if (!checkArray(issues, base, 'eventList', doc.events)) return issues;
  for (let i = 0; i < doc.events.length; i++) {
    const found = eventIssues(doc.events[i]!, `${base}/${i}`);
    for (const issue of found) issues.push(issue);
  }
  return issues;
}
