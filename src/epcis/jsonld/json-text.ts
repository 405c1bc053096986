/**
 * Turning request bytes into a JSON value with errors a sender can act on: invalid UTF-8 is named by
 * byte offset, a syntax error by line and column, over-deep nesting by JSON pointer.
 */
import { validationError } from '../exceptions.js';
import { firstInvalidUtf8Offset } from '../xml/utf8.js';
import { childPath, pointerOfPath, type JsonPath } from './pointer.js';

/** Deepest nesting of objects and arrays that Karvon accepts in a JSON document. */
export const MAX_JSON_DEPTH = 64;

/** Decodes bytes as strict UTF-8 (a BOM is dropped); invalid bytes raise a ValidationException with their offset. */
export function decodeUtf8Json(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Offset(bytes, true);
    const where = at < 0 ? bytes.length : at;
    throw validationError(`JSON input is not valid UTF-8: invalid byte sequence at byte offset ${where}`, [
      { message: `invalid UTF-8 at byte offset ${where}` },
    ]);
  }
}

/** Parses JSON text; a syntax error raises a ValidationException naming its line and column. */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    // JSON.parse does not always say where it failed, so find the place ourselves.
    const found = locateSyntaxError(body);
    const { line, column } = lineAndColumn(body, found.offset);
    throw validationError(`JSON syntax error at line ${line}, column ${column}: ${found.message}`, [
      { message: found.message, line, column },
    ]);
  }
}

/** Refuses values nested deeper than MAX_JSON_DEPTH, naming the JSON pointer of the first one too deep. */
export function assertJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  // Iterative on purpose: the value may be deep enough to overflow the call stack.
  const stack: { value: unknown; depth: number; path: JsonPath | undefined }[] = [{ value, depth: 1, path: undefined }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (v === null || typeof v !== 'object') continue;
    if (item.depth > maxDepth) {
      const pointer = pointerOfPath(item.path);
      throw validationError(
        `JSON nesting is deeper than ${maxDepth} levels at ${pointer || '/'}: flatten the document`,
        [{ pointer, message: `nesting deeper than ${maxDepth} levels` }],
      );
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i += 1) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: item.depth + 1, path: childPath(item.path, i) });
      }
    } else {
      for (const key in v) {
        const child: unknown = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: item.depth + 1, path: childPath(item.path, key) });
      }
    }
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface SyntaxProblem {
  offset: number;
  message: string;
}

/** A small JSON grammar checker, only run after JSON.parse failed, to find the first bad character. */
function locateSyntaxError(text: string): SyntaxProblem {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message } satisfies SyntaxProblem;
  };
  const describe = (at: number): string => (at >= text.length ? 'end of input' : `'${text[at]}'`);
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const expectLiteral = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe(i)}, expected a value`);
  };
  const readString = (): void => {
    i += 1;
    while (true) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return;
      }
      if (c < 0x20) fail('control character inside a string (escape it)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape in a string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('invalid escape in a string');
      } else i += 1;
    }
  };
  const readNumber = (): void => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail(`unexpected ${describe(i)}, expected a value`);
    i += m![0].length;
  };
  let depth = 0;
  const enter = (): void => {
    depth += 1;
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
    i += 1;
  };
  const readValue = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    if (c === 't') return expectLiteral('true');
    if (c === 'f') return expectLiteral('false');
    if (c === 'n') return expectLiteral('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
    fail(`unexpected ${describe(i)}, expected a value`);
  };
  const readObject = (): void => {
    enter();
    skipSpace();
    if (text[i] === '}') {
      i += 1;
      depth -= 1;
      return;
    }
    while (true) {
      skipSpace();
      if (text[i] !== '"') fail(`unexpected ${describe(i)}, expected a double-quoted property name`);
      readString();
      skipSpace();
      if (text[i] !== ':') fail(`unexpected ${describe(i)}, expected ':' after the property name`);
      i += 1;
      readValue();
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        depth -= 1;
        return;
      }
      fail(`unexpected ${describe(i)}, expected ',' or '}' in an object`);
    }
  };
  const readArray = (): void => {
    enter();
    skipSpace();
    if (text[i] === ']') {
      i += 1;
      depth -= 1;
      return;
    }
    while (true) {
      readValue();
      skipSpace();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        depth -= 1;
        return;
      }
      fail(`unexpected ${describe(i)}, expected ',' or ']' in an array`);
    }
  };
  try {
    readValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    return { offset: text.length, message: 'invalid JSON' };
  } catch (e) {
    return e as SyntaxProblem;
  }
}
