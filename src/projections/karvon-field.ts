// Reading a Karvon extension field (profile section 6) from an event, whatever prefix it bound to
// Karvon's namespace.
import type { EpcisEvent } from '../epcis/model.js';
import { KARVON_NS, KARVON_PREFIX, type ExtensionFieldName } from '../domain/epcis-profile.js';

/** Every name under which an event holds a Karvon extension field (karvonField reads the first). */
export function karvonFieldKeys(event: EpcisEvent, name: ExtensionFieldName): string[] {
  const keys: string[] = [];
  const context = event['@context'];
  if (context && typeof context === 'object') {
    for (const [prefix, iri] of Object.entries(context)) {
      if (iri === KARVON_NS && `${prefix}:${name}` in event) keys.push(`${prefix}:${name}`);
    }
  }
  if (`${KARVON_NS}${name}` in event) keys.push(`${KARVON_NS}${name}`);
  if (`${KARVON_PREFIX}:${name}` in event) keys.push(`${KARVON_PREFIX}:${name}`);
  return [...new Set(keys)];
}

/** The value of a Karvon extension field, whatever prefix the event bound to Karvon's namespace. */
export function karvonField(event: EpcisEvent, name: ExtensionFieldName): unknown {
  const context = event['@context'];
  if (context && typeof context === 'object') {
    for (const [prefix, iri] of Object.entries(context)) {
      if (iri === KARVON_NS && `${prefix}:${name}` in event) return event[`${prefix}:${name}`];
    }
  }
  if (`${KARVON_NS}${name}` in event) return event[`${KARVON_NS}${name}`];
  // Events built in code (or read with the profile's own prefix declared at document level) use krv: as is.
  return event[`${KARVON_PREFIX}:${name}`];
}
