/**
 * The one place where query values and event values are brought to the same spelling, so that
 * both sides of every comparison agree (see the contract in event-query.ts).
 */
import { instantOf } from '../date-time.js';
import { toDigitalLink } from '../identifiers/index.js';
import { toWebVocabulary, type VocabularyKind } from '../vocabulary.js';

/** Canonical form of an identifier: GS1 Digital Link for GS1 keys (EPC URNs included), else the trimmed value. */
export function normaliseIdentifier(value: string): string {
  const trimmed = value.trim();
  try {
    return toDigitalLink(trimmed);
  } catch {
    // Not a GS1 key (a private URI, an EPC pattern, a non-GS1 EPC scheme): compared as written.
    return trimmed;
  }
}

/** GS1 Web URI of a CBV vocabulary value (bare terms and CBV URNs expanded). */
export function normaliseVocabulary(kind: VocabularyKind, value: string): string {
  return toWebVocabulary(kind, value);
}

// xsd:dateTime with a mandatory zone: an instant needs one to be comparable.
const DATE_TIME = /^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an xsd:dateTime with zone, or undefined when it is not one. An EPCIS
 * date-time is read as stores read it (src/epcis/date-time.ts), so a query compares the instants
 * stored; a query parameter may also leave out the seconds.
 */
export function parseInstant(value: string): number | undefined {
  const trimmed = value.trim();
  const stored = instantOf(trimmed);
  if (stored !== undefined) return stored;
  if (!DATE_TIME.test(trimmed)) return undefined;
  // Date.parse reads at most millisecond precision; longer fractions are cut, not rounded.
  const cut = trimmed.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(cut);
  return Number.isNaN(ms) ? undefined : ms;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The number a decimal string stands for, or undefined when it is not a plain decimal. */
export function parseDecimal(value: string): number | undefined {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}
