/**
 * CBV vocabulary values in their three spellings: the bare JSON-LD term ("shipping"), the CBV 1.x
 * URN ("urn:epcglobal:cbv:bizstep:shipping") and the GS1 Web URI
 * ("https://ref.gs1.org/cbv/BizStep-shipping"). Karvon indexes and compares the Web URI form;
 * documents keep the spelling they came with.
 */
import {
  BIZ_STEP_TERMS,
  BIZ_TRANSACTION_TYPE_TERMS,
  COMPONENT_TERMS,
  DISPOSITION_TERMS,
  ERROR_REASON_TERMS,
  MEASUREMENT_TYPE_TERMS,
  SENSOR_ALERT_TYPE_TERMS,
  SOURCE_DESTINATION_TYPE_TERMS,
} from './vocabulary-terms.js';

export type VocabularyKind =
  | 'bizStep'
  | 'disposition'
  | 'bizTransactionType'
  | 'sourceDestinationType'
  | 'errorReason'
  | 'measurementType'
  | 'sensorAlertType'
  | 'component';

interface KindSpec {
  terms: ReadonlySet<string>;
  /** Web URI prefix that a bare term expands to. */
  webPrefix: string;
  /** CBV 1.x URN prefix, where the kind has one. */
  urnPrefix?: string;
}

const CBV = 'https://ref.gs1.org/cbv/';
const GS1_VOC = 'https://gs1.org/voc/';

const KINDS: Record<VocabularyKind, KindSpec> = {
  bizStep: { terms: new Set(BIZ_STEP_TERMS), webPrefix: `${CBV}BizStep-`, urnPrefix: 'urn:epcglobal:cbv:bizstep:' },
  disposition: { terms: new Set(DISPOSITION_TERMS), webPrefix: `${CBV}Disp-`, urnPrefix: 'urn:epcglobal:cbv:disp:' },
  bizTransactionType: { terms: new Set(BIZ_TRANSACTION_TYPE_TERMS), webPrefix: `${CBV}BTT-`, urnPrefix: 'urn:epcglobal:cbv:btt:' },
  sourceDestinationType: { terms: new Set(SOURCE_DESTINATION_TYPE_TERMS), webPrefix: `${CBV}SDT-`, urnPrefix: 'urn:epcglobal:cbv:sdt:' },
  errorReason: { terms: new Set(ERROR_REASON_TERMS), webPrefix: `${CBV}ER-`, urnPrefix: 'urn:epcglobal:cbv:er:' },
  measurementType: { terms: new Set(MEASUREMENT_TYPE_TERMS), webPrefix: GS1_VOC },
  sensorAlertType: { terms: new Set(SENSOR_ALERT_TYPE_TERMS), webPrefix: GS1_VOC },
  component: { terms: new Set(COMPONENT_TERMS), webPrefix: `${CBV}Comp-` },
};

/** The standard's bare terms of one kind (for validation and documentation). */
export function vocabularyTerms(kind: VocabularyKind): ReadonlySet<string> {
  return KINDS[kind].terms;
}

/** Whether a value is a bare term of the standard for this kind. */
export function isBareTerm(kind: VocabularyKind, value: string): boolean {
  return KINDS[kind].terms.has(value);
}

/**
 * The GS1 Web URI of a vocabulary value: bare terms and CBV URNs are expanded, CURIEs `cbv:` and
 * `gs1:` resolved; any other URI (a private vocabulary) is returned unchanged.
 */
export function toWebVocabulary(kind: VocabularyKind, value: string): string {
  const spec = KINDS[kind];
  const trimmed = value.trim();
  if (spec.terms.has(trimmed)) return spec.webPrefix + trimmed;
  if (spec.urnPrefix && trimmed.startsWith(spec.urnPrefix)) return spec.webPrefix + trimmed.slice(spec.urnPrefix.length);
  if (trimmed.startsWith('cbv:')) return CBV + trimmed.slice(4);
  if (trimmed.startsWith('gs1:')) return GS1_VOC + trimmed.slice(4);
  if (trimmed.startsWith('http://ref.gs1.org/cbv/')) return CBV + trimmed.slice('http://ref.gs1.org/cbv/'.length);
  return trimmed;
}

/** The bare term of a value when it is one of the standard's, else the value unchanged. */
export function toBareTerm(kind: VocabularyKind, value: string): string {
  const web = toWebVocabulary(kind, value);
  const spec = KINDS[kind];
  if (web.startsWith(spec.webPrefix)) {
    const term = web.slice(spec.webPrefix.length);
    if (spec.terms.has(term)) return term;
  }
  return value;
}

/** The CBV 1.x URN of a standard value (for EPCIS 1.2-style XML output), else the value unchanged. */
export function toCbvUrn(kind: VocabularyKind, value: string): string {
  const spec = KINDS[kind];
  const bare = toBareTerm(kind, value);
  if (spec.urnPrefix && spec.terms.has(bare)) return spec.urnPrefix + bare;
  return value;
}
