/**
 * The EPCIS 2.0 JSON-LD binding, writing side: events of Karvon's model into an EPCISDocument,
 * an EPCISQueryDocument or a single event, in the identifier and vocabulary spellings the client asked for.
 */
import { EPCIS_CONTEXT_URL, type EpcisEvent, type EpcisHeader, type NamespaceBindings } from '../model.js';
import { applyCbvFormat, type CbvFormat } from './cbv-format.js';
import { applyEpcFormat, type EpcFormat } from './epc-format.js';
import { hoistContexts } from './hoist-contexts.js';

export type { CbvFormat } from './cbv-format.js';
export type { EpcFormat } from './epc-format.js';

export interface JsonLdSerializeOptions {
  /** GS1-EPC-Format header; absent means the captured spelling. */
  epcFormat?: EpcFormat;
  /** GS1-CBV-Format header; absent means the captured spelling. */
  cbvFormat?: CbvFormat;
  /** When given, an EPCISQueryDocument with these query results is written. */
  query?: { queryName: string; subscriptionID?: string };
  /** creationDate of the document; now when absent. */
  creationDate?: string;
  header?: EpcisHeader;
  /** Company prefix length for Digital Link -> EPC URN conversion, when known. */
  companyPrefixLength?: number;
  /** Spaces of indentation; compact when absent. */
  indent?: number;
}

/** Writes events as an EPCISDocument (or an EPCISQueryDocument when `options.query` is given). */
export function serializeJsonLdDocument(events: readonly EpcisEvent[], options: JsonLdSerializeOptions = {}): string {
  const hoisted = hoistContexts(events.map((event) => formatEvent(event, options)));
  const base = {
    '@context': contextValue(hoisted.context),
    type: options.query ? 'EPCISQueryDocument' : 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: options.creationDate ?? new Date().toISOString(),
    ...(options.header ? { epcisHeader: options.header } : {}),
  };
  const epcisBody = options.query
    ? {
        queryResults: {
          queryName: options.query.queryName,
          ...(options.query.subscriptionID !== undefined ? { subscriptionID: options.query.subscriptionID } : {}),
          resultsBody: { eventList: hoisted.events },
        },
      }
    : { eventList: hoisted.events };
  return JSON.stringify({ ...base, epcisBody }, null, options.indent);
}

/** Writes one event on its own, with its own @context (GET /events/{eventID}). */
export function serializeJsonLdEvent(event: EpcisEvent, options: Pick<JsonLdSerializeOptions, 'epcFormat' | 'cbvFormat' | 'companyPrefixLength' | 'indent'> = {}): string {
  const hoisted = hoistContexts([formatEvent(event, options)]);
  return JSON.stringify({ '@context': contextValue(hoisted.context), ...hoisted.events[0] }, null, options.indent);
}

// The format functions copy the event; when a header asks for the captured spelling, no copy is needed
// since nothing below changes the events.
function formatEvent(event: EpcisEvent, options: JsonLdSerializeOptions): EpcisEvent {
  let out = event;
  if (options.epcFormat === 'Always_GS1_Digital_Link' || options.epcFormat === 'Always_EPC_URN') {
    out = applyEpcFormat(out, options.epcFormat, options.companyPrefixLength);
  }
  if (options.cbvFormat === 'Always_Web_URI' || options.cbvFormat === 'Always_URN') out = applyCbvFormat(out, options.cbvFormat);
  return out;
}

function contextValue(bindings: NamespaceBindings): (string | NamespaceBindings)[] {
  return Object.keys(bindings).length > 0 ? [EPCIS_CONTEXT_URL, bindings] : [EPCIS_CONTEXT_URL];
}
