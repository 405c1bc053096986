/**
 * Moving each event's own '@context' bindings up into one document context. Two events may use the same
 * prefix for different namespaces; the later one then gets a fresh prefix, renamed in all its keys, so
 * that every key still means what it meant.
 */
import { STANDARD_PREFIXES, type EpcisEvent, type NamespaceBindings } from '../model.js';
import { prefixOfKey } from './context.js';

export interface HoistedEvents {
  /** Bindings the document's inline context must declare (standard prefixes with standard IRIs left out). */
  context: NamespaceBindings;
  /** The events without '@context', keys renamed where a prefix had to change. */
  events: Record<string, unknown>[];
}

/** Merges the events' '@context' bindings into one, renaming clashing prefixes inside the later events. */
export function hoistContexts(events: readonly EpcisEvent[]): HoistedEvents {
  const taken = new Map<string, string>();
  const context: NamespaceBindings = {};
  const out = events.map((event) => {
    const own = event['@context'] ?? {};
    const renames = new Map<string, string>();
    for (const [prefix, iri] of Object.entries(own)) {
      const bound = taken.get(prefix);
      if (bound === iri) continue;
      if (bound === undefined) {
        taken.set(prefix, iri);
        // The EPCIS context URL already binds standard prefixes to their standard IRIs.
        if (STANDARD_PREFIXES[prefix] !== iri) context[prefix] = iri;
        continue;
      }
      const fresh = prefixFor(iri, prefix, taken);
      if (!taken.has(fresh)) {
        taken.set(fresh, iri);
        if (STANDARD_PREFIXES[fresh] !== iri) context[fresh] = iri;
      }
      renames.set(prefix, fresh);
    }
    const { '@context': _dropped, ...rest } = event;
    return renames.size === 0 ? rest : (renameKeys(rest, renames) as Record<string, unknown>);
  });
  return { context, events: out };
}

/** A prefix for `iri` that does not clash: one already bound to it, else `base` with a number appended. */
function prefixFor(iri: string, base: string, taken: ReadonlyMap<string, string>): string {
  for (const [prefix, bound] of taken) if (bound === iri) return prefix;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate) && !(candidate in STANDARD_PREFIXES)) return candidate;
  }
}

function renameKeys(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, renames));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const prefix = prefixOfKey(key);
    const renamed = prefix !== undefined && renames.has(prefix) ? renames.get(prefix)! + key.slice(prefix.length) : key;
    out[renamed] = renameKeys(child, renames);
  }
  return out;
}
