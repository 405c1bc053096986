/**
 * Reading an EPCIS JSON-LD document as a stream, for files larger than memory: each event is cut out of
 * the text, read with the same reader as the whole-document parser, and handed on before the next is
 * read; everything else is parsed at the end by the whole-document parser, so both agree exactly.
 *
 * Differences from the whole parser, all for documents no tool writes: a key on the way to the event
 * list (or the root @context or type) may not appear twice, and when the type only comes after the
 * events, the place of the event list decides which kind of document it is read as.
 */
import { validationError } from '../exceptions.js';
import type { EpcisDocument, EpcisEvent, NamespaceBindings } from '../model.js';
import { StrictUtf8Decoder } from '../xml/utf8.js';
import { collectContextBindings } from './context.js';
import { readEvent } from './event-reader.js';
import { EVENT_LIST_KEYS, EventListScanner, type EventListKind, type ScanItem } from './event-list-scanner.js';
import { parseJsonLdDocument } from './parse.js';
import { childPath, type JsonPath } from './pointer.js';
import { syntaxErrorIn } from './stream-text.js';

type DocumentInfo = Omit<EpcisDocument, 'events'>;
type EventSink = (event: EpcisEvent, index: number) => void | Promise<void>;
type EventItem = Extract<ScanItem, { kind: 'event' }>;

const KIND_OF_TYPE: Readonly<Record<string, EventListKind>> = { EPCISDocument: 'document', EPCISQueryDocument: 'query' };

function listPath(kind: EventListKind): JsonPath {
  let path: JsonPath | undefined;
  for (const key of EVENT_LIST_KEYS[kind]) path = childPath(path, key);
  return path!;
}

const LIST_PATHS: Readonly<Record<EventListKind, JsonPath>> = { document: listPath('document'), query: listPath('query') };

function parseText(text: string, at: ScanItem['at']): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw syntaxErrorIn(text, at);
  }
}

/** Turns scanned items into model events, once the @context (and so the prefix bindings) is known. */
class EventFeed {
  private kind: EventListKind | undefined;
  private bindings: NamespaceBindings | undefined;
  private context: unknown;
  /** Events met before the @context: kept (parsed) until it is known. */
  private waiting: { raw: unknown; item: EventItem }[] = [];
  /** Event lists read before the type was known, with the kind of document that implies. */
  private readonly assumed = new Set<EventListKind>();

  constructor(private readonly onEvent: EventSink) {}

  async take(item: ScanItem): Promise<void> {
    const value = parseText(item.text, item.at);
    if (item.kind === 'event') {
      if (this.bindings === undefined) this.waiting.push({ raw: value, item });
      else await this.deliver(value, item);
      return;
    }
    if (item.key === 'type') {
      this.kind = typeof value === 'string' ? KIND_OF_TYPE[value] : undefined;
      // The whole parser says what is wrong with the type; it fails on the type before anything else.
      if (this.kind === undefined) parseJsonLdDocument({ type: value });
    } else {
      this.bindings = collectContextBindings(value, '/@context');
      this.context = value;
      await this.release();
    }
  }

  /** At the end of input: reads the events kept back, with the document's context (or none). */
  async finish(root: Record<string, unknown>): Promise<void> {
    this.kind = KIND_OF_TYPE[root['type'] as string];
    if (this.bindings === undefined) {
      this.bindings = collectContextBindings(root['@context'], '/@context');
      this.context = root['@context'];
    }
    for (const kind of this.assumed) {
      if (kind !== this.kind) {
        const pointer = `/${EVENT_LIST_KEYS[kind].join('/')}`;
        throw validationError(`the event list at ${pointer} does not belong in an ${String(root['type'])}`, [
          { pointer, message: 'event list in the wrong place' },
        ]);
      }
    }
    await this.release();
  }

  private async release(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    for (const { raw, item } of waiting) await this.deliver(raw, item);
  }

  private async deliver(raw: unknown, item: EventItem): Promise<void> {
    if (this.kind === undefined) this.assumed.add(item.list);
    else if (this.kind !== item.list) return; // the whole parser ignores the other place too
    await this.onEvent(readEvent(raw, childPath(LIST_PATHS[item.list], item.index), this.bindings!, this.context), item.index);
  }
}

/**
 * Parses an EPCIS JSON-LD document (EPCISDocument or EPCISQueryDocument) from a stream of chunks,
 * handing each event to `onEvent` (awaited, in order) as soon as it is read; resolves to the document
 * without its events, exactly as parseJsonLdDocument would give it.
 */
export async function parseJsonLdDocumentStream(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  onEvent: EventSink,
): Promise<DocumentInfo> {
  const scanner = new EventListScanner();
  const feed = new EventFeed(onEvent);
  const decoder = new StrictUtf8Decoder('JSON');
  let sawBytes = false;
  const scan = async (text: string) => {
    scanner.write(text);
    for (let item = scanner.next(); item !== undefined; item = scanner.next()) await feed.take(item);
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') await scan(chunk);
    else {
      sawBytes = true;
      await scan(decoder.write(chunk));
    }
  }
  if (sawBytes) await scan(decoder.end());
  scanner.end();
  const syntax = scanner.skeletonError();
  if (syntax) throw syntax;
  const root: unknown = JSON.parse(scanner.skeleton);
  // A string root would be taken for JSON text; any non-object gets the same "not an object" answer.
  const { events: _none, ...info } = parseJsonLdDocument(typeof root === 'string' ? null : root);
  await feed.finish(root as Record<string, unknown>);
  return info;
}

