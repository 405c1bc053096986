/**
 * Text-level helpers of the streaming JSON-LD reader: document positions, syntax errors placed at their
 * line and column in the whole document, and the character classes the scanner looks for.
 */
import { EpcisException, validationError } from '../exceptions.js';
import { parseJsonText } from './json-text.js';

/** A place in the document: 1-based line, and column counted in UTF-16 code units like the whole parser. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A JSON syntax error in the format of the whole-document parser. */
export function syntaxError(at: TextPosition, message: string): EpcisException {
  return validationError(`JSON syntax error at line ${at.line}, column ${at.column}: ${message}`, [
    { message, line: at.line, column: at.column },
  ]);
}

/** The first syntax error of `text`, a piece of the document starting at `at`, placed in the document. */
export function syntaxErrorIn(text: string, at: TextPosition): EpcisException {
  let found: { line: number; column: number; message: string } | undefined;
  try {
    parseJsonText(text);
  } catch (error) {
    const issue = error instanceof EpcisException ? error.issues[0] : undefined;
    if (issue?.line !== undefined) found = { line: issue.line, column: issue.column ?? 1, message: issue.message };
  }
  // The caller saw something wrong; if the checker did not, the end of the text is the best guess.
  found ??= { ...advance({ line: 1, column: 1 }, text, 0, text.length), message: 'invalid JSON' };
  const line = at.line + found.line - 1;
  const column = found.line === 1 ? at.column + found.column - 1 : found.column;
  return syntaxError({ line, column }, found.message);
}

/** The position reached from `from` after text[start..end). */
export function advance(from: TextPosition, text: string, start: number, end: number): TextPosition {
  let { line, column } = from;
  for (let k = start; k < end; k += 1) {
    if (text.charCodeAt(k) === 10) {
      line += 1;
      column = 1;
    } else column += 1;
  }
  return { line, column };
}

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const NEWLINE = 0x0a;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const COMMA = 0x2c;
export const COLON_CHAR = 0x3a;


/** JSON whitespace. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x09 || c === 0x0d;
}

/** Characters that may continue a number or literal; anything else ends it (JSON.parse judges the token). */
export function isTokenChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** The keys of the containers still open at the end of a well-formed JSON prefix (for error pointers). */
export function openPath(text: string): (string | number)[] {
  const stack: { array: boolean; key: string | number }[] = [];
  let wantKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === QUOTE) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      if (wantKey && top && !top.array) top.key = JSON.parse(text.slice(i, end + 1)) as string;
      wantKey = false;
      i = end;
    } else if (c === OPEN_OBJECT) {
      stack.push({ array: false, key: '' });
      wantKey = true;
    } else if (c === OPEN_ARRAY) stack.push({ array: true, key: 0 });
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) stack.pop();
    else if (c === COMMA && top) {
      if (top.array) top.key = (top.key as number) + 1;
      else wantKey = true;
    }
  }
  return stack.map((f) => f.key);
}

