/**
 * Streaming reader of EPCIS XML on top of saxes. It walks the document skeleton (root, header, body,
 * event list) without keeping it, and builds a small element tree only for each event, the header and
 * document-level extensions, handing each to the sink as soon as it is complete. It also enforces the
 * security rules: no DTD with declarations or external identifiers, bounded nesting depth.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { validationError, type EpcisException } from '../exceptions.js';
import { EVENT_TYPES } from '../model.js';
import { errorAt, isEpcisNamespace, type XmlAttribute, type XmlElement } from './xml-tree.js';

/** Deepest element nesting accepted; real EPCIS documents stay far below it. */
export const MAX_XML_DEPTH = 64;

export type RootKind = 'EPCISDocument' | 'EPCISQueryDocument' | 'EPCISMasterDataDocument' | 'EPCISCaptureJob' | 'event';

export interface RootInfo {
  kind: RootKind;
  local: string;
  attributes: XmlAttribute[];
  /** Namespace declarations on the root element (prefix -> IRI, '' for a default namespace). */
  namespaces: Record<string, string>;
}

export interface ReaderSink {
  root(info: RootInfo): void;
  event(el: XmlElement, index: number): void;
  header?(el: XmlElement): void;
  field?(name: string, value: string, el: XmlElement): void;
  extension?(el: XmlElement): void;
  vocabularyList?(el: XmlElement): void;
  /** Called with the whole tree when the reader was asked to capture the root (small documents only). */
  wholeRoot?(el: XmlElement): void;
}

export interface ReaderOptions {
  /** Accept a bare event element as the root (single-event bodies). */
  allowEventRoot?: boolean;
  /** Build the whole document as one tree (capture-job responses, which are tiny). */
  captureRoot?: boolean;
  /** The input arrived as bytes (decoded as UTF-8), so a declared encoding must agree. */
  bytes?: boolean;
}

type CaptureKind = 'event' | 'header' | 'field' | 'extension' | 'vocabularyList' | 'root';
type Role = 'root' | 'container' | 'eventList' | 'capture';

interface Frame {
  path: string;
  counts: Map<string, number>;
  role: Role;
  el?: XmlElement;
  captureKind?: CaptureKind;
}

const ROOTS = new Set(['EPCISDocument', 'EPCISQueryDocument', 'EPCISMasterDataDocument', 'EPCISCaptureJob']);
const EVENT_NAMES = new Set<string>(EVENT_TYPES);
const DOC_FIELDS = new Set(['queryName', 'subscriptionID']);

/** Reads EPCIS XML text pushed to it in pieces; throws a ValidationException on the first problem. */
export class EpcisXmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly frames: Frame[] = [];
  private eventCount = 0;
  private rootSeen = false;

  constructor(
    private readonly sink: ReaderSink,
    private readonly options: ReaderOptions = {},
  ) {
    const p = this.parser;
    p.on('error', (err) => {
      throw this.fail(err.message.replace(/^(\S*?:)?\d+:\d+: /, '').replace(/\.$/, ''));
    });
    p.on('xmldecl', (decl) => {
      if (this.options.bytes && decl.encoding && !/^(utf-?8|us-ascii)$/i.test(decl.encoding)) {
        throw this.fail(`encoding "${decl.encoding}" is not supported; send EPCIS XML as UTF-8`);
      }
    });
    p.on('doctype', (doctype) => this.checkDoctype(doctype));
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.close());
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
  }

  /** Feeds the next piece of decoded text. */
  write(text: string): void {
    this.parser.write(text);
  }

  /** Signals the end of input; throws if the document is incomplete. */
  end(): void {
    this.parser.close();
    if (!this.rootSeen) throw this.fail('the input contains no XML root element');
  }

  private fail(message: string, kind = 'Malformed XML'): EpcisException {
    const xmlPath = this.frames.length ? this.frames[this.frames.length - 1]!.path : '/';
    const { line, column } = this.parser;
    return validationError(`${kind}: ${message} (at ${xmlPath}, line ${line}, column ${column})`, [
      { message, xmlPath, line, column },
    ]);
  }

  private checkDoctype(doctype: string): void {
    // A bare `<!DOCTYPE name>` (as in some official GS1 examples) declares nothing and loads nothing.
    // An internal subset can declare entities (billion laughs) and SYSTEM/PUBLIC loads external
    // content, so either is refused outright.
    if (/[[<]|\bSYSTEM\b|\bPUBLIC\b|ENTITY/i.test(doctype)) {
      throw this.fail('a DOCTYPE with declarations, entities or an external identifier is not allowed in EPCIS XML', 'Refused XML');
    }
  }

  private open(tag: SaxesTagNS): void {
    if (this.frames.length + 1 > MAX_XML_DEPTH) {
      throw this.fail(`elements are nested deeper than ${MAX_XML_DEPTH} levels`, 'Refused XML');
    }
    const attributes: XmlAttribute[] = [];
    const namespaces: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns') namespaces[a.local] = a.value;
      else if (a.prefix === '' && a.local === 'xmlns') namespaces[''] = a.value;
      else attributes.push({ prefix: a.prefix, local: a.local, uri: a.uri, value: a.value });
    }
    const parent = this.frames[this.frames.length - 1];
    const display = isEpcisNamespace(tag.uri) || !tag.prefix ? tag.local : `${tag.prefix}:${tag.local}`;
    let path: string;
    if (parent) {
      const n = (parent.counts.get(display) ?? 0) + 1;
      parent.counts.set(display, n);
      path = `${parent.path}/${display}${n > 1 || parent.role === 'eventList' ? `[${n}]` : ''}`;
    } else {
      path = `/${display}`;
    }
    const el: XmlElement = {
      prefix: tag.prefix,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: '',
      path,
      line: this.parser.line,
      column: this.parser.column,
    };
    const frame: Frame = { path, counts: new Map(), role: 'container' };
    const standard = isEpcisNamespace(tag.uri);

    if (parent?.role === 'capture') {
      parent.el!.children.push(el);
      frame.role = 'capture';
      frame.el = el;
    } else if (!parent) {
      this.rootSeen = true;
      const isEvent = standard && EVENT_NAMES.has(tag.local) && this.options.allowEventRoot;
      if (!isEvent && !(standard && ROOTS.has(tag.local))) {
        throw errorAt(el, `<${tag.name}> is not an EPCIS document root (expected EPCISDocument or EPCISQueryDocument)`);
      }
      this.sink.root({ kind: isEvent ? 'event' : (tag.local as RootKind), local: tag.local, attributes, namespaces });
      if (isEvent) this.capture(frame, el, 'event');
      else if (this.options.captureRoot) this.capture(frame, el, 'root');
      else frame.role = 'root';
    } else if (parent.role === 'eventList') {
      if (standard && tag.local === 'extension') frame.role = 'eventList';
      else if (standard && EVENT_NAMES.has(tag.local)) this.capture(frame, el, 'event');
      else {
        throw errorAt(el, `<${tag.name}> is not an EPCIS 2.0 event type (expected one of ${EVENT_TYPES.join(', ')})`);
      }
    } else if (!standard) {
      this.capture(frame, el, 'extension');
    } else if (tag.local === 'EventList') {
      frame.role = 'eventList';
    } else if (tag.local === 'EPCISHeader') {
      this.capture(frame, el, 'header');
    } else if (DOC_FIELDS.has(tag.local)) {
      this.capture(frame, el, 'field');
    } else if (tag.local === 'VocabularyList') {
      this.capture(frame, el, 'vocabularyList');
    }
    this.frames.push(frame);
  }

  private capture(frame: Frame, el: XmlElement, kind: CaptureKind): void {
    frame.role = 'capture';
    frame.el = el;
    frame.captureKind = kind;
  }

  private close(): void {
    const frame = this.frames.pop();
    if (!frame?.captureKind || !frame.el) return;
    const el = frame.el;
    switch (frame.captureKind) {
      case 'event':
        this.sink.event(el, this.eventCount++);
        break;
      case 'header':
        this.sink.header?.(el);
        break;
      case 'field':
        this.sink.field?.(el.local, el.text.trim(), el);
        break;
      case 'extension':
        this.sink.extension?.(el);
        break;
      case 'vocabularyList':
        this.sink.vocabularyList?.(el);
        break;
      case 'root':
        this.sink.wholeRoot?.(el);
        break;
    }
  }

  private text(text: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.role === 'capture') frame.el!.text += text;
  }
}

