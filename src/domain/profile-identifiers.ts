// Karvon's own identifier IRIs (docs/epcis-profile.md, "Identifiers"): https://ns.karvon.org/id/...
// GS1 keys in an EPCIS event are the sender's business (a bad check digit there is only a warning),
// but these IRIs are Karvon's: a container, wagon or vessel IRI whose number fails its check digit,
// or an MRN IRI that is not an MRN, would give one thing several spellings (a shipment listing three
// containers that are one), so such an IRI is refused with the message POST /api/shipments gives.
import { parseContainerNumber } from './identifiers/iso6346.js';
import { parseImoNumber } from './identifiers/imo-number.js';
import { parseMrn } from './identifiers/mrn.js';
import type { ParseResult } from './identifiers/parse-result.js';
import { parseWagonNumber } from './identifiers/wagon-number.js';
import { containerIri, documentIri, KARVON_ID_NS, vesselIri, wagonIri } from './epcis-profile.js';

interface ProfileForm {
  /** Reads the number written after the kind's path segment. */
  parse: (raw: string) => ParseResult<{ value: string }>;
  /** The one spelling of the IRI for a parsed number. */
  iri: (value: string) => string;
}

const FORMS: Readonly<Record<string, ProfileForm>> = {
  container: { parse: parseContainerNumber, iri: containerIri },
  wagon: { parse: parseWagonNumber, iri: wagonIri },
  vessel: {
    parse: (raw) => (raw.startsWith('imo') ? parseImoNumber(raw.slice(3)) : { ok: false, error: `vessel IRI number ${JSON.stringify(raw)} must be written imo followed by the 7-digit IMO number, e.g. imo9074729` }),
    iri: vesselIri,
  },
  mrn: { parse: parseMrn, iri: (value) => documentIri('mrn', value) },
};

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Why a Karvon identifier IRI is not acceptable, or undefined when it is fine or is not one of the
 * checked forms (container, wagon, vessel, mrn). The number must parse and be written in its one
 * normalised spelling.
 */
export function karvonIdentifierProblem(value: string): string | undefined {
  if (!value.startsWith(KARVON_ID_NS)) return undefined;
  const rest = value.slice(KARVON_ID_NS.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const form = FORMS[rest.slice(0, slash)];
  if (form === undefined) return undefined;
  const raw = decoded(rest.slice(slash + 1));
  const parsed = form.parse(raw);
  if (!parsed.ok) return parsed.error;
  const canonical = form.iri(parsed.value.value);
  if (canonical !== value) return `${value} is not written as Karvon writes this identifier; use ${canonical}`;
  return undefined;
}

/** One refused Karvon identifier in an event: a JSON pointer below the event's and the reason. */
export interface ProfileIdentifierIssue {
  pointer: string;
  message: string;
}

const ID_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const PARTIES = [['sourceList', 'source'], ['destinationList', 'destination']] as const;

/**
 * Every Karvon identifier IRI of an event that is refused: in the EPC lists, parentID,
 * readPoint/bizLocation, business transactions and sources/destinations. `pointer` is the event's own.
 */
export function profileIdentifierIssues(event: Readonly<Record<string, unknown>>, pointer: string): ProfileIdentifierIssue[] {
  const issues: ProfileIdentifierIssue[] = [];
  const check = (value: unknown, at: string) => {
    if (typeof value !== 'string') return;
    const problem = karvonIdentifierProblem(value);
    if (problem !== undefined) issues.push({ pointer: at, message: problem });
  };
  for (const key of ID_LISTS) {
    const list = event[key];
    if (Array.isArray(list)) list.forEach((item, i) => check(item, `${pointer}/${key}/${i}`));
  }
  check(event.parentID, `${pointer}/parentID`);
  for (const key of ['readPoint', 'bizLocation'] as const) {
    const place = event[key];
    if (place !== null && typeof place === 'object') check((place as Record<string, unknown>).id, `${pointer}/${key}/id`);
  }
  const items = (key: string): unknown[] => (Array.isArray(event[key]) ? (event[key] as unknown[]) : []);
  items('bizTransactionList').forEach((item, i) => {
    if (item !== null && typeof item === 'object') check((item as Record<string, unknown>).bizTransaction, `${pointer}/bizTransactionList/${i}/bizTransaction`);
  });
  for (const [key, field] of PARTIES) {
    items(key).forEach((item, i) => {
      if (item !== null && typeof item === 'object') check((item as Record<string, unknown>)[field], `${pointer}/${key}/${i}/${field}`);
    });
  }
  return issues;
}
