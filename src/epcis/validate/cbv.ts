/**
 * CBV checks for vocabulary fields (bizStep, disposition, types, reasons, components): a standard bare
 * term, the CBV URN or Web URI of a term that exists, or any other absolute URI (a private vocabulary).
 */
import { isBareTerm, toWebVocabulary, vocabularyTerms, type VocabularyKind } from '../vocabulary.js';
import { schemeLength, uriProblem } from './uri.js';

const CBV_URN = 'urn:epcglobal:cbv:';
const CBV_WEB_PREFIXES = ['https://ref.gs1.org/cbv/', 'http://ref.gs1.org/cbv/', 'cbv:'];

const URN_PREFIX: Partial<Record<VocabularyKind, string>> = {
  bizStep: 'urn:epcglobal:cbv:bizstep:',
  disposition: 'urn:epcglobal:cbv:disp:',
  bizTransactionType: 'urn:epcglobal:cbv:btt:',
  sourceDestinationType: 'urn:epcglobal:cbv:sdt:',
  errorReason: 'urn:epcglobal:cbv:er:',
};

// GS1 Web Vocabulary kinds: that vocabulary is open-ended and the official examples use terms beyond
// the EPCIS context (gs1:EffectiveDoseRate, gs1:Molar_concentration), so only the URI form is checked.
const GS1_VOC_KINDS: ReadonlySet<VocabularyKind> = new Set(['measurementType', 'sensorAlertType']);

/** The CBV Web URI local prefix of a kind ("BizStep-"), derived from the shared vocabulary module. */
function webLocalPrefix(kind: VocabularyKind): string {
  const [term] = vocabularyTerms(kind);
  const web = toWebVocabulary(kind, term!);
  const cbv = CBV_WEB_PREFIXES[0]!;
  return web.startsWith(cbv) ? web.slice(cbv.length, web.length - term!.length) : '';
}

const LOCAL_PREFIX = new Map<VocabularyKind, string>();
const TERM_LIST = new Map<VocabularyKind, string>();
for (const kind of [
  'bizStep',
  'disposition',
  'bizTransactionType',
  'sourceDestinationType',
  'errorReason',
  'measurementType',
  'sensorAlertType',
  'component',
] as const) {
  LOCAL_PREFIX.set(kind, webLocalPrefix(kind));
  TERM_LIST.set(kind, [...vocabularyTerms(kind)].join(', '));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** " (did you mean 'x'?)" for a near miss, else "". Only runs on the error path. */
function suggestion(kind: VocabularyKind, term: string): string {
  let best = '';
  let bestDistance = 3;
  for (const candidate of vocabularyTerms(kind)) {
    const d = editDistance(term.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function unknownTerm(kind: VocabularyKind, label: string, value: string, term: string): string {
  return `${label} '${value}' names no ${kind} of the CBV${suggestion(kind, term)}; known terms: ${TERM_LIST.get(kind)}`;
}

/** Why a value is not acceptable for a vocabulary field, or null when it is. `label` names the field. */
export function vocabularyProblem(kind: VocabularyKind, value: string, label: string): string | null {
  if (isBareTerm(kind, value)) return null;
  if (schemeLength(value) < 0) {
    return (
      `${label} must be one of ${TERM_LIST.get(kind)}, or a URI, got '${value}'` + suggestion(kind, value)
    );
  }
  const problem = uriProblem(value);
  if (problem) return `${label} must be a CBV term or an absolute URI, got '${value}': ${problem}`;

  if (value.startsWith(CBV_URN)) {
    const prefix = URN_PREFIX[kind];
    if (!prefix || !value.startsWith(prefix)) {
      const expected = prefix ? `a ${kind} URN starts with ${prefix}` : `a ${kind} has no CBV URN form`;
      return `${label} '${value}' is a CBV URN of another vocabulary; ${expected}`;
    }
    const term = value.slice(prefix.length);
    return isBareTerm(kind, term) ? null : unknownTerm(kind, label, value, term);
  }

  if (GS1_VOC_KINDS.has(kind)) return null;
  for (const web of CBV_WEB_PREFIXES) {
    if (!value.startsWith(web)) continue;
    const local = value.slice(web.length);
    const expected = LOCAL_PREFIX.get(kind)!;
    // Matched case-insensitively: an official example writes "Bizstep-" for "BizStep-".
    if (local.slice(0, expected.length).toLowerCase() !== expected.toLowerCase()) {
      return `${label} '${value}' is a CBV URI of another vocabulary; a ${kind} URI starts with https://ref.gs1.org/cbv/${expected}`;
    }
    const term = local.slice(expected.length);
    return isBareTerm(kind, term) ? null : unknownTerm(kind, label, value, term);
  }
  return null;
}
