// Named attributes of a reading (`temperatureC`, `batteryV`, `doorOpen`): flat, small and safe to
// copy into a stored row and a browser. Their names carry the unit, so the rules keep them to
// camelCase words.
import { kindOf, shown } from './decoded.js';

export type AttributeValue = number | string | boolean;

export const MAX_ATTRIBUTES = 32;
export const MAX_ATTRIBUTE_STRING = 256;
const ATTRIBUTE_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Why `name` cannot name an attribute, or undefined when it can. */
export function attributeNameProblem(name: string): string | undefined {
  if (!ATTRIBUTE_NAME.test(name)) {
    return `attribute name ${shown(name)} is not a camelCase name (a lower-case letter, then letters and digits) with the unit at the end, like temperatureC or batteryV`;
  }
  // 'constructor' or 'toString' as data would shadow what code reading the attributes calls.
  if (name in Object.prototype) return `attribute name '${name}' is reserved; choose another name`;
  return undefined;
}

/** Why `value` cannot be the value of attribute `name`, or undefined when it can. */
export function attributeValueProblem(name: string, value: unknown): string | undefined {
  if (typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `attribute '${name}' must be a finite number`;
  if (typeof value === 'string') {
    return value.length <= MAX_ATTRIBUTE_STRING ? undefined : `attribute '${name}' is ${value.length} characters long; at most ${MAX_ATTRIBUTE_STRING} are accepted`;
  }
  return `attribute '${name}' must be a string, number or boolean, not ${kindOf(value)}`;
}

export function tooManyAttributes(count: number): string {
  return `${count} attributes; at most ${MAX_ATTRIBUTES} are accepted per reading`;
}

/** Attributes from checked (name, value) pairs, as own data properties whatever the names (never a prototype change). */
export function attributesFrom(entries: readonly (readonly [string, AttributeValue])[]): Record<string, AttributeValue> {
  return Object.fromEntries(entries);
}
