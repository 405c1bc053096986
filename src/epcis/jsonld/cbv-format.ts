/**
 * The GS1-CBV-Format header: which spelling of standard CBV values (GS1 Web URI or CBV 1.x URN) a client
 * wants back. Shared by the JSON-LD and XML serialisers; pure, it returns a converted copy.
 */
import type { EpcisEvent } from '../model.js';
import { cloneJson } from './clone.js';
import { toCbvUrn, toWebVocabulary, type VocabularyKind } from '../vocabulary.js';

/** Values of the GS1-CBV-Format header. */
export type CbvFormat = 'Always_Web_URI' | 'Always_URN' | 'Never_Translates' | 'No_Preference';

/** The header's values, for validating a request header. */
export const CBV_FORMATS: readonly CbvFormat[] = ['Always_Web_URI', 'Always_URN', 'Never_Translates', 'No_Preference'];

type Convert = (kind: VocabularyKind, value: string) => string;

/**
 * A copy of the event with bizStep, disposition, persistentDisposition, bizTransaction / source /
 * destination types and errorDeclaration.reason in the requested spelling. Never_Translates and
 * No_Preference keep the spelling the event was captured with; private vocabularies are never changed.
 */
export function applyCbvFormat(event: EpcisEvent, format: CbvFormat | undefined): EpcisEvent {
  const copy = cloneJson(event);
  if (format !== 'Always_Web_URI' && format !== 'Always_URN') return copy;
  const convert: Convert = format === 'Always_Web_URI' ? toWebVocabulary : toCbvUrn;
  const one = (kind: VocabularyKind, value: unknown): unknown => (typeof value === 'string' ? convert(kind, value) : value);

  if (copy.bizStep !== undefined) copy.bizStep = one('bizStep', copy.bizStep) as string;
  if (copy.disposition !== undefined) copy.disposition = one('disposition', copy.disposition) as string;
  const persistent = copy.persistentDisposition;
  if (persistent) {
    for (const key of ['set', 'unset'] as const) {
      const list = persistent[key];
      if (Array.isArray(list)) persistent[key] = list.map((v) => one('disposition', v) as string);
    }
  }
  if (Array.isArray(copy.bizTransactionList)) {
    copy.bizTransactionList = copy.bizTransactionList.map((t) =>
      t && t.type !== undefined ? { ...t, type: one('bizTransactionType', t.type) as string } : t,
    );
  }
  for (const key of ['sourceList', 'destinationList'] as const) {
    const list = copy[key];
    if (Array.isArray(list)) {
      copy[key] = list.map((item) => (item && item.type !== undefined ? { ...item, type: one('sourceDestinationType', item.type) as string } : item));
    }
  }
  const declaration = copy.errorDeclaration;
  if (declaration && declaration.reason !== undefined) declaration.reason = one('errorReason', declaration.reason) as string;
  return copy;
}
