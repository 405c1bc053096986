/**
 * Translation of the indexed conditions of an EventQuery to SQL over `event` and its side tables,
 * with bound parameters only. Values are looked up in the interned tables first: a value no event
 * ever used makes its condition (and so the query) empty without touching the events. Conditions
 * this store does not index (see `isIndexedCondition` and the fields listed below) are returned as
 * residual, for the matcher.
 */
import type { Condition, EpcRole, QuantityRole } from '../../epcis/query/event-query.js';
import { isIndexedCondition } from '../../epcis/query/event-query.js';
import { compileEpcPattern, type CompiledEpcPattern } from '../../epcis/query/epc-pattern.js';
import { encodeEventID } from './compact-ids.js';
import { ACTION_CODE, DESTINATION_SIDE, EPC_ROLE_CODE, QUANTITY_ROLE_CODE, SOURCE_SIDE } from './index-codes.js';
import { encodeInterned, type IdentInterner, type VocabInterner } from './interner.js';
import type { Action } from '../../epcis/model.js';
import { parameterList } from './visibility-sql.js';

export interface CompiledConditions {
  /** SQL terms over `event` (ANDed). */
  where: string[];
  params: unknown[];
  /** Some condition can match no stored event: the answer is empty. */
  empty: boolean;
  residual: Condition[];
}

export interface CompileContext {
  vocab: VocabInterner;
  ident: IdentInterner;
  /** The value and its master-data descendants (normalised). */
  descendants(value: string): string[];
  /** Master-data attributes of an element (attribute id -> value), for HASATTR_ / EQ_ATTR_. */
  attributes(id: string): Record<string, unknown> | undefined;
  /** Registers a pattern test for the SQL function karvon_match(slot, value); returns the slot. */
  registerPattern(pattern: CompiledEpcPattern): number;
  /** The hash IDs (stored forms) of the stored events those of `eventIDs` that are aliases lead to. */
  aliasHashes(eventIDs: readonly string[]): (Buffer | string)[];
}

const VOCAB_COLUMNS = {
  eventType: 'event_type',
  bizStep: 'biz_step',
  disposition: 'disposition',
  readPoint: 'read_point',
  bizLocation: 'biz_location',
} as const;


/** The string just above every string that starts with `prefix` (binary collation). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Compiles the conditions of a query; those not indexed here go to `residual`. */
export function compileConditions(conditions: Condition[], ctx: CompileContext): CompiledConditions {
  const out: CompiledConditions = { where: [], params: [], empty: false, residual: [] };
  const term = (sql: string, ...params: unknown[]): void => {
    out.where.push(sql);
    out.params.push(...params);
  };
  const vocabIds = (values: string[]): number[] =>
    [...new Set(values)].map((v) => ctx.vocab.find(v)).filter((id): id is number => id !== undefined);
  const identIds = (values: string[]): number[] =>
    [...new Set(values)].map((v) => ctx.ident.find(v)).filter((id): id is number => id !== undefined);

  /** An IN-list (or subquery) of the ident ids matching any of the patterns, or undefined when none can match. */
  const identSet = (patterns: string[], mode: 'instance' | 'class'): { sql: string; params: unknown[] } | undefined => {
    const exact: string[] = [];
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const pattern of patterns) {
      const compiled = compileEpcPattern(pattern, mode);
      if (compiled.exact !== undefined) {
        exact.push(compiled.exact);
        continue;
      }
      const slot = ctx.registerPattern(compiled);
      if (compiled.prefix) {
        const lower = encodeInterned(compiled.prefix);
        parts.push('SELECT id FROM ident WHERE value >= ? AND value < ? AND karvon_match(?, value)');
        params.push(lower, prefixUpperBound(lower), slot);
      } else {
        parts.push('SELECT id FROM ident WHERE karvon_match(?, value)');
        params.push(slot);
      }
    }
    const ids = identIds(exact);
    // Plain ids as a list: the common case (one shipment's container) stays a direct index probe.
    if (parts.length === 0) return ids.length === 0 ? undefined : { sql: parameterList(ids.length), params: ids };
    if (ids.length > 0) {
      parts.unshift(`SELECT column1 FROM (VALUES ${ids.map(() => '(?)').join(', ')})`);
      params.unshift(...ids);
    }
    return { sql: parts.join(' UNION '), params };
  };

  for (const condition of conditions) {
    if (!isIndexedCondition(condition)) {
      out.residual.push(condition);
      continue;
    }
    switch (condition.kind) {
      case 'in':
      case 'within': {
        const field = condition.field;
        if (field === 'eventType' || field === 'bizStep' || field === 'disposition' || field === 'readPoint' || field === 'bizLocation') {
          const values = condition.kind === 'within' ? condition.values.flatMap((v) => ctx.descendants(v)) : condition.values;
          const ids = vocabIds(values);
          if (ids.length === 0) out.empty = true;
          else term(`${VOCAB_COLUMNS[field]} IN (${parameterList(ids.length)})`, ...ids);
        } else if (field === 'action') {
          const codes = condition.values.map((v) => ACTION_CODE[v as Action]).filter((c) => c !== undefined);
          if (codes.length === 0) out.empty = true;
          else term(`action IN (${parameterList(codes.length)})`, ...codes);
        } else if (field === 'eventID') {
          if (condition.values.length === 0) out.empty = true;
          else {
            // An alias (a sender's eventID for content stored under another) matches the stored
            // event: resolved here, so a query without aliases stays one probe of event_id.
            const ids = condition.values.map(encodeEventID);
            const hashes = ctx.aliasHashes(condition.values);
            if (hashes.length === 0) term(`event_id IN (${parameterList(ids.length)})`, ...ids);
            else term(`(event_id IN (${parameterList(ids.length)}) OR hash_id IN (${parameterList(hashes.length)}))`, ...ids, ...hashes);
          }
        } else {
          out.residual.push(condition);
        }
        break;
      }
      case 'epc':
      case 'epcClass': {
        const isEpc = condition.kind === 'epc';
        const set = identSet(condition.patterns, isEpc ? 'instance' : 'class');
        if (!set) {
          out.empty = true;
          break;
        }
        const codes = isEpc
          ? [...new Set((condition.roles as EpcRole[]).map((r) => EPC_ROLE_CODE[r]))]
          : [...new Set((condition.roles as QuantityRole[]).map((r) => QUANTITY_ROLE_CODE[r]))];
        const allRoles = codes.length === Object.keys(isEpc ? EPC_ROLE_CODE : QUANTITY_ROLE_CODE).length;
        if (codes.length === 0) {
          out.empty = true;
          break;
        }
        const [table, column] = isEpc ? ['event_epc', 'epc'] : ['event_class', 'class'];
        const roleSql = allRoles ? '' : ` AND role IN (${parameterList(codes.length)})`;
        term(`seq IN (SELECT seq FROM ${table} WHERE ${column} IN (${set.sql})${roleSql})`, ...set.params, ...(allRoles ? [] : codes));
        break;
      }
      case 'time': {
        const column = condition.field === 'eventTime' ? 'event_time' : condition.field === 'recordTime' ? 'record_time' : undefined;
        if (!column) {
          out.residual.push(condition);
          break;
        }
        if (condition.ge !== undefined) term(`${column} >= ?`, condition.ge);
        if (condition.lt !== undefined) term(`${column} < ?`, condition.lt);
        break;
      }
      case 'bizTransaction':
      case 'source':
      case 'destination': {
        const type = ctx.vocab.find(condition.type);
        const ids = identIds(condition.values);
        if (type === undefined || ids.length === 0) {
          out.empty = true;
          break;
        }
        if (condition.kind === 'bizTransaction') {
          term(`seq IN (SELECT seq FROM event_biz_tx WHERE tx IN (${parameterList(ids.length)}) AND type = ?)`, ...ids, type);
        } else {
          const side = condition.kind === 'source' ? SOURCE_SIDE : DESTINATION_SIDE;
          term(
            `seq IN (SELECT seq FROM event_source_dest WHERE party IN (${parameterList(ids.length)}) AND side = ? AND type = ?)`,
            ...ids,
            side,
            type,
          );
        }
        break;
      }
      default:
        out.residual.push(condition);
    }
  }
  return out;
}
