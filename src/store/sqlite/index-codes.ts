/** Small-integer codes stored in the SQLite side tables and bit sets (see schema.ts). Never renumber. */
import type { Action } from '../../epcis/model.js';
import type { EpcRole, QuantityRole } from '../../epcis/query/event-query.js';

export const EPC_ROLE_CODE: Readonly<Record<EpcRole, number>> = {
  epc: 1,
  parentID: 2,
  childEPC: 3,
  inputEPC: 4,
  outputEPC: 5,
};

export const QUANTITY_ROLE_CODE: Readonly<Record<QuantityRole, number>> = {
  quantity: 1,
  childQuantity: 2,
  inputQuantity: 3,
  outputQuantity: 4,
};

export const ACTION_CODE: Readonly<Record<Action, number>> = { ADD: 1, OBSERVE: 2, DELETE: 3 };

export const SOURCE_SIDE = 1;
export const DESTINATION_SIDE = 2;

/** Bits of vocab.kinds: in which event fields a vocabulary value has been used. */
export const VOCAB_KIND = {
  eventType: 1,
  bizStep: 2,
  disposition: 4,
  readPoint: 8,
  bizLocation: 16,
  bizTransactionType: 32,
  sourceDestinationType: 64,
} as const;
export type VocabKindName = keyof typeof VOCAB_KIND;

/** Type code of a bizTransaction without a type (vocab ids start at 1). */
export const NO_TYPE = 0;
