/**
 * The character-level half of reading JSON-LD as a stream: a small state machine that follows strings,
 * nesting and the key path, cuts out the text of each element of an event list, and keeps everything
 * else (the "skeleton", with event lists emptied) as text to be parsed whole at the end.
 *
 * Only structure is checked here; the texts handed out are checked by JSON.parse, and any syntax error
 * is reported at its line and column in the whole document.
 */
import { EpcisException, validationError } from '../exceptions.js';
import { MAX_JSON_DEPTH, parseJsonText } from './json-text.js';
import { pointerOf } from './pointer.js';
import {
  advance,
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON_CHAR,
  COMMA,
  isSpace,
  isTokenChar,
  NEWLINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  openPath,
  QUOTE,
  syntaxError,
  syntaxErrorIn,
  type TextPosition,
} from './stream-text.js';

/** Which of the two places an EPCIS event list may stand: an EPCISDocument's or a query document's. */
export type EventListKind = 'document' | 'query';

/** The keys leading from the root to each kind of event list. */
export const EVENT_LIST_KEYS: Readonly<Record<EventListKind, readonly string[]>> = {
  document: ['epcisBody', 'eventList'],
  query: ['epcisBody', 'queryResults', 'resultsBody', 'eventList'],
};

/** What the scanner hands out: the text of one event-list element, or of a root value needed early. */
export type ScanItem =
  | { kind: 'event'; list: EventListKind; index: number; text: string; at: TextPosition }
  | { kind: 'root'; key: RootKey; text: string; at: TextPosition };

type RootKey = '@context' | 'type';

// What a container expects next.
const KEY_OR_END = 0;
const KEY = 1;
const COLON = 2;
const VALUE = 3;
const VALUE_OR_END = 4;
const COMMA_OR_END = 5;

// Where the scanner is.
const SKELETON = 0;
const LIST = 1;
const EVENT = 2;

interface Frame {
  array: boolean;
  state: number;
  /** Object: the key whose value is being read; array: the index of the element being read. */
  key: string | number;
  list?: EventListKind;
  seen?: Set<string>;
}

function isListPath(frames: readonly Frame[], keys: readonly string[]): boolean {
  return frames.length === keys.length && frames.every((f, i) => f.key === keys[i]);
}

/** Whether a key sits on the way to an event list or is a root key read early; those may not repeat. */
function isGuardedKey(frames: readonly Frame[], key: string): boolean {
  const path = [...frames.slice(0, -1).map((f) => f.key), key];
  if (path.length === 1) return key === '@context' || key === 'type' || key === 'epcisBody';
  return Object.values(EVENT_LIST_KEYS).some((keys) => path.every((k, i) => keys[i] === k));
}

/**
 * Scans decoded text piece by piece: `write` a piece, then call `next` until it returns undefined;
 * after the last piece, `end`, then read `skeleton` and map its syntax errors with `skeletonError`.
 */
export class EventListScanner {
  private text = '';
  private i = 0;
  /** Document offset of text[0], and of the first character of the current line. */
  private base = 0;
  private lineStart = 0;
  private line = 1;
  private started = false;
  private mode = SKELETON;
  private readonly frames: Frame[] = [];
  private rootSeen = false;
  private inString = false;
  private escape = false;
  private inToken = false;
  private stringIsKey = false;

  private skel = '';
  /** Start in `text` of skeleton characters not yet copied to `skel` (-1 while inside an event list). */
  private runStart = 0;
  /** Skeleton offsets where the document position jumps (after an emptied event list). */
  private readonly segments: (TextPosition & { offset: number })[] = [{ offset: 0, line: 1, column: 1 }];
  private keyOffset = 0;
  private capture: { key: RootKey; offset: number; at: TextPosition } | undefined;

  private eventParts: string[] = [];
  private eventStart = 0;
  private eventAt: TextPosition = { line: 1, column: 1 };
  private eventStack: number[] = [];
  private eventToken = false;

  /** Characters of the skeleton kept so far (stays small: event lists are left out). */
  get skeletonLength(): number {
    return this.skel.length;
  }

  /** Pieces of a not yet finished event kept from earlier input pieces. */
  get pendingEventParts(): number {
    return this.eventParts.length;
  }

  /** Hands the scanner the next piece of text; the previous one must have been scanned to its end. */
  write(piece: string): void {
    this.flushPiece();
    let text = piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      // The whole parser drops a byte order mark before counting columns; so do we.
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.base += 1;
        this.lineStart = this.base;
      }
    }
    this.text = text;
    this.i = 0;
    if (this.runStart !== -1) this.runStart = 0;
    this.eventStart = 0;
  }

  /** The next event or early root value in the current piece, or undefined when the piece is used up. */
  next(): ScanItem | undefined {
    while (this.i < this.text.length) {
      const item = this.mode === EVENT ? this.scanEvent() : this.mode === LIST ? this.scanList() : this.scanSkeleton();
      if (item) return item;
    }
    return undefined;
  }

  /** Marks the end of input; throws the syntax error of a document cut off inside an event list. */
  end(): void {
    this.flushPiece();
    this.text = '';
    const at = this.position(0);
    if (this.mode === EVENT && !this.eventToken) throw syntaxErrorIn(this.eventParts.join(''), this.eventAt);
    if (this.mode !== SKELETON) throw this.listError(at, 'end of input');
    if (this.inString) throw this.skeletonError();
    this.inToken = false;
    this.segments.push({ offset: this.skel.length, ...at });
  }

  /** The document without the elements of its event lists, as JSON text. */
  get skeleton(): string {
    return this.skel;
  }

  /** The first syntax error in the skeleton, placed in the document (or undefined when it has none). */
  skeletonError(): EpcisException | undefined {
    try {
      parseJsonText(this.skel);
      return undefined;
    } catch (error) {
      const issue = error instanceof EpcisException ? error.issues[0] : undefined;
      if (issue?.line === undefined) throw error;
      let offset = 0;
      for (let l = 1; l < issue.line; l += 1) offset = this.skel.indexOf('\n', offset) + 1;
      offset += (issue.column ?? 1) - 1;
      let segment = this.segments[0]!;
      for (const s of this.segments) if (s.offset <= offset) segment = s;
      return syntaxError(advance(segment, this.skel, segment.offset, offset), issue.message);
    }
  }

  private position(i: number): TextPosition {
    return { line: this.line, column: this.base + i - this.lineStart + 1 };
  }

  private flushPiece(): void {
    if (this.runStart !== -1) {
      this.skel += this.text.slice(this.runStart);
      this.runStart = 0;
    }
    if (this.mode === EVENT) this.eventParts.push(this.text.slice(this.eventStart));
    this.base += this.text.length;
    this.text = '';
  }

  /** Copies skeleton text up to `end` (exclusive) and returns the skeleton's length. */
  private flushTo(end: number): number {
    this.skel += this.text.slice(this.runStart, end);
    this.runStart = end;
    return this.skel.length;
  }

  private fail(i: number): never {
    this.flushTo(i + 1);
    const error = this.skeletonError();
    throw error ?? syntaxError(this.position(i), `unexpected '${this.text[i]}'`);
  }

  private listError(at: TextPosition, what: string): EpcisException {
    const expected = this.frames[this.frames.length - 1]?.state === COMMA_OR_END ? "',' or ']' in an array" : 'a value';
    return syntaxError(at, `unexpected ${what}, expected ${expected}`);
  }

  private checkDepth(extra: (string | number)[] = []): void {
    if (this.frames.length + this.eventStack.length + 1 <= MAX_JSON_DEPTH) return;
    const pointer = pointerOf([...this.frames.map((f) => f.key), ...extra]);
    throw validationError(`JSON nesting is deeper than ${MAX_JSON_DEPTH} levels at ${pointer || '/'}: flatten the document`, [
      { pointer, message: `nesting deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  }

  private newline(i: number): void {
    this.line += 1;
    this.lineStart = this.base + i + 1;
  }

  private scanSkeleton(): ScanItem | undefined {
    const text = this.text;
    while (this.i < text.length && this.mode === SKELETON) {
      const i = this.i;
      const c = text.charCodeAt(i);
      if (this.inString) {
        this.i = i + 1;
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c < 0x20) this.fail(i);
        else if (c === QUOTE) {
          this.inString = false;
          const item = this.stringIsKey ? this.keyDone(i) : this.valueDone(i + 1);
          if (item) return item;
        }
        continue;
      }
      if (this.inToken) {
        if (isTokenChar(c)) {
          this.i = i + 1;
          continue;
        }
        this.inToken = false;
        const item = this.valueDone(i);
        if (item) return item;
        continue;
      }
      this.i = i + 1;
      if (isSpace(c)) {
        if (c === NEWLINE) this.newline(i);
        continue;
      }
      const top = this.frames[this.frames.length - 1];
      if (top === undefined) {
        if (this.rootSeen) this.fail(i);
        if (c === OPEN_ARRAY) {
          throw validationError('the JSON root must be an object (an EPCISDocument or EPCISQueryDocument)', [
            { pointer: '', message: 'root is not an object' },
          ]);
        }
        this.rootSeen = true;
        this.startValue(c, i);
      } else if (top.state === VALUE || top.state === VALUE_OR_END) {
        if (c === CLOSE_ARRAY && top.state === VALUE_OR_END) {
          this.frames.pop();
          const item = this.valueDone(i + 1);
          if (item) return item;
        } else this.startValue(c, i);
      } else if (c === QUOTE && (top.state === KEY || top.state === KEY_OR_END)) {
        this.inString = true;
        this.stringIsKey = true;
        this.keyOffset = this.flushTo(i);
      } else if (c === COLON_CHAR && top.state === COLON) top.state = VALUE;
      else if (c === COMMA && top.state === COMMA_OR_END) top.state = top.array ? VALUE : KEY;
      else if (c === (top.array ? CLOSE_ARRAY : CLOSE_OBJECT) && (top.state === COMMA_OR_END || top.state === KEY_OR_END)) {
        this.frames.pop();
        const item = this.valueDone(i + 1);
        if (item) return item;
      } else this.fail(i);
    }
    return undefined;
  }

  private startValue(c: number, i: number): void {
    const parent = this.frames[this.frames.length - 1];
    if (parent) {
      if (parent.array) parent.key = (parent.key as number) + 1;
      parent.state = COMMA_OR_END;
      const key = parent.key;
      if (this.frames.length === 1 && (key === '@context' || key === 'type')) {
        this.capture = { key, offset: this.flushTo(i), at: this.position(i) };
      }
    }
    if (c === OPEN_OBJECT) {
      this.checkDepth();
      this.frames.push({ array: false, state: KEY_OR_END, key: '' });
    } else if (c === OPEN_ARRAY) {
      this.checkDepth();
      const list = (Object.keys(EVENT_LIST_KEYS) as EventListKind[]).find((kind) => isListPath(this.frames, EVENT_LIST_KEYS[kind]));
      this.frames.push({ array: true, state: VALUE_OR_END, key: -1, list });
      if (list) {
        this.flushTo(i + 1);
        this.runStart = -1;
        this.mode = LIST;
      }
    } else if (c === QUOTE) {
      this.inString = true;
      this.stringIsKey = false;
    } else if (isTokenChar(c)) this.inToken = true;
    else this.fail(i);
  }

  private keyDone(i: number): undefined {
    const top = this.frames[this.frames.length - 1]!;
    let key: string;
    try {
      key = JSON.parse(this.skel.slice(this.keyOffset) + this.text.slice(this.runStart, i + 1)) as string;
    } catch {
      return this.fail(i);
    }
    if (isGuardedKey(this.frames, key)) {
      top.seen ??= new Set();
      if (top.seen.has(key)) {
        const pointer = pointerOf([...this.frames.slice(0, -1).map((f) => f.key), key]);
        throw validationError(`key '${key}' appears twice at ${pointer}: a streamed document must not repeat it`, [
          { pointer, message: 'duplicate key' },
        ]);
      }
      top.seen.add(key);
    }
    top.key = key;
    top.state = COLON;
    return undefined;
  }

  /** A value ended just before `end`; a root value read early is handed out. */
  private valueDone(end: number): ScanItem | undefined {
    const capture = this.capture;
    if (capture === undefined || this.frames.length !== 1) return undefined;
    this.capture = undefined;
    this.flushTo(end);
    return { kind: 'root', key: capture.key, text: this.skel.slice(capture.offset), at: capture.at };
  }

  private scanList(): ScanItem | undefined {
    const text = this.text;
    const list = this.frames[this.frames.length - 1]!;
    while (this.i < text.length) {
      const i = this.i;
      const c = text.charCodeAt(i);
      this.i = i + 1;
      if (isSpace(c)) {
        if (c === NEWLINE) this.newline(i);
      } else if (c === CLOSE_ARRAY && list.state !== VALUE) {
        this.frames.pop();
        this.mode = SKELETON;
        this.runStart = i;
        this.segments.push({ offset: this.skel.length, ...this.position(i) });
        return this.valueDone(i + 1);
      } else if (c === COMMA && list.state === COMMA_OR_END) list.state = VALUE;
      else if (list.state !== COMMA_OR_END && (c === OPEN_OBJECT || c === OPEN_ARRAY || c === QUOTE || isTokenChar(c))) {
        list.key = (list.key as number) + 1;
        list.state = COMMA_OR_END;
        this.eventAt = this.position(i);
        this.eventStart = i;
        this.eventParts = [];
        this.eventToken = false;
        if (c === QUOTE) this.inString = true;
        else if (isTokenChar(c)) this.eventToken = true;
        else {
          this.checkDepth();
          this.eventStack.push(c);
        }
        this.mode = EVENT;
        return undefined;
      } else throw this.listError(this.position(i), `'${text[i]}'`);
    }
    return undefined;
  }

  /** The hot loop: only strings, brackets and newlines matter until the element closes. */
  private scanEvent(): ScanItem | undefined {
    const text = this.text;
    const n = text.length;
    const stack = this.eventStack;
    let i = this.i;
    if (this.eventToken) {
      while (i < n && isTokenChar(text.charCodeAt(i))) i += 1;
      this.i = i;
      return i < n ? this.eventDone(i) : undefined;
    }
    let inString = this.inString;
    let escape = this.escape;
    try {
      while (i < n) {
        if (inString) {
          for (; i < n; i += 1) {
            const d = text.charCodeAt(i);
            if (escape) escape = false;
            else if (d === BACKSLASH) escape = true;
            else if (d === QUOTE) break;
          }
          if (i === n) break;
          inString = false;
          i += 1;
          if (stack.length === 0) return this.eventDone(i);
          continue;
        }
        const c = text.charCodeAt(i);
        if (c === QUOTE) inString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          if (this.frames.length + stack.length >= MAX_JSON_DEPTH) {
            this.checkDepth(openPath(this.eventParts.join('') + text.slice(this.eventStart, i)));
          }
          stack.push(c);
        } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          if (stack.pop() !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) {
            throw syntaxErrorIn(this.eventParts.join('') + text.slice(this.eventStart, i + 1), this.eventAt);
          }
          if (stack.length === 0) {
            i += 1;
            return this.eventDone(i);
          }
        } else if (c === NEWLINE) this.newline(i);
        i += 1;
      }
      return undefined;
    } finally {
      this.i = i;
      this.inString = inString;
      this.escape = escape;
    }
  }

  private eventDone(end: number): ScanItem {
    const list = this.frames[this.frames.length - 1]!;
    const text = this.eventParts.length === 0 ? this.text.slice(this.eventStart, end) : this.eventParts.join('') + this.text.slice(this.eventStart, end);
    this.eventParts = [];
    this.eventToken = false;
    this.mode = LIST;
    this.i = end;
    return { kind: 'event', list: list.list!, index: list.key as number, text, at: this.eventAt };
  }
}
