/**
 * The XSD's element order for the children of an event. EPCIS 2.0's XSD declares each event type as
 * an xsd:sequence, so a document whose event children come in another order is not valid XML EPCIS;
 * Karvon refuses it as an XSD validator would, naming the element that came too late.
 */
import type { EpcisException } from '../exceptions.js';
import { errorAt, isStandard, type XmlElement } from './xml-tree.js';

// EPCISEventType's own sequence, the start of every event type's.
const COMMON = ['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'errorDeclaration', 'certificationInfo', 'baseExtension'];
// The rest of each event type's sequence (EPCglobal-epcis-2_0.xsd), closed by the 1.x <extension>
// wrapper; user extension elements (another namespace) may only follow all of them.
const TAIL: Readonly<Record<string, readonly string[]>> = {
  ObjectEvent: ['epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'quantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'ilmd', 'extension'],
  AggregationEvent: ['parentID', 'childEPCs', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'childQuantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'extension'],
  TransactionEvent: ['bizTransactionList', 'parentID', 'epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'quantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'extension'],
  TransformationEvent: ['inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'transformationID', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'ilmd', 'extension'],
  AssociationEvent: ['parentID', 'childEPCs', 'childQuantityList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'extension'],
};

const POSITIONS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(
  Object.entries(TAIL).map(([type, tail]) => [type, new Map([...COMMON, ...tail].map((name, i) => [name, i]))]),
);

/**
 * The error for the first child of an event element out of the XSD sequence (or repeated where the
 * XSD allows it once, certificationInfo excepted), or undefined when the order is valid. Children of the 1.x wrappers are not
 * looked at here; unknown standard names are the field reader's to report.
 */
export function eventOrderError(el: XmlElement): EpcisException | undefined {
  const positions = POSITIONS.get(el.local);
  if (positions === undefined) return undefined;
  let last = -1;
  let lastName = '';
  let userExtension: XmlElement | undefined;
  for (const child of el.children) {
    if (!isStandard(child)) {
      userExtension ??= child;
      continue;
    }
    const at = positions.get(child.local);
    if (at === undefined) continue;
    if (userExtension !== undefined) {
      return errorAt(child, `<${child.local}> comes after the extension element <${userExtension.prefix ? `${userExtension.prefix}:` : ""}${userExtension.local}>; the EPCIS XSD puts extension elements after every standard field of ${el.local}`);
    }
    // certificationInfo may repeat: the JSON binding allows a list of them, and Karvon writes each one.
    if (at === last && child.local !== 'certificationInfo') return errorAt(child, `<${child.local}> appears more than once in ${el.local}; the EPCIS XSD allows it once`);
    if (at < last) {
      return errorAt(child, `<${child.local}> comes after <${lastName}>, but the EPCIS XSD orders the fields of ${el.local} as ${[...positions.keys()].join(', ')}`);
    }
    last = at;
    lastName = child.local;
  }
  return undefined;
}
