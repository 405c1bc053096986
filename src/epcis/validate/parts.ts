/**
 * Validators for the structured parts of an event: EPC lists, quantity lists, business transactions,
 * sources and destinations, places, persistent disposition, error declaration and certification info.
 */
import {
  checkList,
  itemPointer,
  checkDateTime,
  checkIdentifier,
  checkIdentifierUri,
  checkKeys,
  checkNumber,
  checkObject,
  checkUom,
  checkUri,
  checkVocabulary,
  isExtensionKey,
  pointerToken,
  shown,
  type Issues,
} from './checks.js';

/**
 * An array of instance identifiers. Duplicates are errors where the schema declares the list
 * uniqueItems (`unique`), else warnings: the 2.0.1 schema lets childEPCs and a TransactionEvent's
 * epcList repeat an item, though listing one object twice says nothing more.
 */
export function checkEpcList(issues: Issues, pointer: string, label: string, value: unknown, unique = true): void {
  const list = checkList(issues, pointer, label, value);
  if (!list) return;
  const seen = list.items.length > 1 ? new Set<unknown>() : undefined;
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i];
    const at = itemPointer(pointer, list, i);
    checkIdentifier(issues, at, `${label} item`, item, 'instance');
    if (seen) {
      if (seen.has(item)) issues.push({ pointer: at, message: `${label} lists ${shown(item)} more than once`, ...(unique ? {} : { severity: 'warning' as const }) });
      seen.add(item);
    }
  }
}

const QUANTITY_KEYS: ReadonlySet<string> = new Set(['epcClass', 'quantity', 'uom']);

/** Checks a quantity list: epcClass required, quantity a number >= 0, uom a unit code. */
export function checkQuantityList(issues: Issues, pointer: string, label: string, value: unknown): void {
  const list = checkList(issues, pointer, label, value);
  if (!list) return;
  for (let i = 0; i < list.items.length; i++) {
    const at = itemPointer(pointer, list, i);
    const item = list.items[i];
    if (!checkObject(issues, at, `${label} item`, item)) continue;
    checkKeys(issues, at, 'a quantity element', item, QUANTITY_KEYS, false);
    if (item.epcClass === undefined) issues.push({ pointer: at, message: `${label} item needs epcClass` });
    else checkIdentifier(issues, `${at}/epcClass`, 'epcClass', item.epcClass, 'class');
    if (item.quantity !== undefined && checkNumber(issues, `${at}/quantity`, 'quantity', item.quantity) && item.quantity < 0) {
      issues.push({ pointer: `${at}/quantity`, message: `quantity must be zero or more, got ${item.quantity}` });
    }
    if (item.uom !== undefined) {
      checkUom(issues, `${at}/uom`, 'uom', item.uom);
      if (item.quantity === undefined) issues.push({ pointer: `${at}/uom`, message: 'uom is only allowed together with quantity' });
    }
  }
}

const BIZ_TRANSACTION_KEYS: ReadonlySet<string> = new Set(['type', 'bizTransaction']);

/** Checks bizTransactionList items: bizTransaction required, type a CBV value. */
export function checkBizTransactionList(issues: Issues, pointer: string, value: unknown): void {
  const list = checkList(issues, pointer, 'bizTransactionList', value);
  if (!list) return;
  for (let i = 0; i < list.items.length; i++) {
    const at = itemPointer(pointer, list, i);
    const item = list.items[i];
    if (!checkObject(issues, at, 'bizTransactionList item', item)) continue;
    checkKeys(issues, at, 'a business transaction', item, BIZ_TRANSACTION_KEYS, false);
    if (item.bizTransaction === undefined) issues.push({ pointer: at, message: 'bizTransactionList item needs bizTransaction (the transaction identifier URI)' });
    else checkIdentifier(issues, `${at}/bizTransaction`, 'bizTransaction', item.bizTransaction, 'any');
    if (item.type !== undefined) checkVocabulary(issues, `${at}/type`, 'bizTransaction type', 'bizTransactionType', item.type);
  }
}

const SOURCE_KEYS: ReadonlySet<string> = new Set(['type', 'source']);
const DESTINATION_KEYS: ReadonlySet<string> = new Set(['type', 'destination']);

/** Checks sourceList/destinationList items: type and the matching source/destination. */
export function checkSourceDestinationList(issues: Issues, pointer: string, field: 'source' | 'destination', value: unknown): void {
  const label = `${field}List`;
  const list = checkList(issues, pointer, label, value);
  if (!list) return;
  const allowed = field === 'source' ? SOURCE_KEYS : DESTINATION_KEYS;
  for (let i = 0; i < list.items.length; i++) {
    const at = itemPointer(pointer, list, i);
    const item = list.items[i];
    if (!checkObject(issues, at, `${label} item`, item)) continue;
    checkKeys(issues, at, `a ${field}`, item, allowed, false);
    if (item.type === undefined) issues.push({ pointer: at, message: `${label} item needs type (owning_party, possessing_party, location or a URI)` });
    else checkVocabulary(issues, `${at}/type`, `${field} type`, 'sourceDestinationType', item.type);
    if (item[field] === undefined) issues.push({ pointer: at, message: `${label} item needs ${field} (the party or location identifier)` });
    else checkIdentifier(issues, `${at}/${field}`, field, item[field], 'any');
  }
}

/** readPoint / bizLocation: an object with an id; other keys are extensions. */
export function checkPlace(issues: Issues, pointer: string, label: string, value: unknown): void {
  if (!checkObject(issues, pointer, label, value)) return;
  if (value.id === undefined) issues.push({ pointer, message: `${label} needs id (a location identifier such as urn:epc:id:sgln:...)` });
  else checkIdentifier(issues, `${pointer}/id`, `${label} id`, value.id, 'any');
}

const PERSISTENT_DISPOSITION_KEYS: ReadonlySet<string> = new Set(['set', 'unset']);

/** Checks persistentDisposition: set and/or unset, each a non-empty list of dispositions. */
export function checkPersistentDisposition(issues: Issues, pointer: string, value: unknown): void {
  if (!checkObject(issues, pointer, 'persistentDisposition', value)) return;
  checkKeys(issues, pointer, 'persistentDisposition', value, PERSISTENT_DISPOSITION_KEYS, false);
  if (value.set === undefined && value.unset === undefined) {
    issues.push({ pointer, message: 'persistentDisposition needs set or unset' });
  }
  for (const key of ['set', 'unset'] as const) {
    if (value[key] === undefined) continue;
    const at = `${pointer}/${key}`;
    const list = checkList(issues, at, `persistentDisposition ${key}`, value[key]);
    if (!list) continue;
    const items = list.items;
    if (items.length === 0) issues.push({ pointer: at, message: `persistentDisposition ${key} must list at least one disposition` });
    // A Set, not a search of the items before each one: that would be quadratic in a long list.
    const seen = new Set<unknown>();
    for (let i = 0; i < items.length; i++) {
      const itemAt = itemPointer(at, list, i);
      checkVocabulary(issues, itemAt, `persistentDisposition ${key} item`, 'disposition', items[i]);
      if (seen.has(items[i])) issues.push({ pointer: itemAt, message: `persistentDisposition ${key} lists ${shown(items[i])} more than once` });
      seen.add(items[i]);
    }
  }
}

/** Checks errorDeclaration: declarationTime required, reason a CBV error reason, corrective event URIs. */
export function checkErrorDeclaration(issues: Issues, pointer: string, value: unknown): void {
  if (!checkObject(issues, pointer, 'errorDeclaration', value)) return;
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    const at = `${pointer}/${pointerToken(key)}`;
    if (key === 'declarationTime') checkDateTime(issues, at, 'declarationTime', item);
    else if (key === 'reason') checkVocabulary(issues, at, 'errorDeclaration reason', 'errorReason', item);
    else if (key === 'correctiveEventIDs') {
      const list = checkList(issues, at, 'correctiveEventIDs', item);
      if (!list) continue;
      for (let i = 0; i < list.items.length; i++) checkIdentifierUri(issues, itemPointer(at, list, i), 'correctiveEventIDs item', list.items[i]);
    } else if (!isExtensionKey(key)) {
      issues.push({ pointer: at, message: `'${key}' is not a field of errorDeclaration (allowed: declarationTime, reason, correctiveEventIDs, or "prefix:local" extensions)` });
    }
  }
  if (value.declarationTime === undefined) issues.push({ pointer, message: 'errorDeclaration needs declarationTime (when the error was declared)' });
}

/** Checks certificationInfo: one URI or a list of URIs. */
export function checkCertificationInfo(issues: Issues, pointer: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkUri(issues, `${pointer}/${i}`, 'certificationInfo item', value[i]);
  } else {
    checkUri(issues, pointer, 'certificationInfo', value);
  }
}
