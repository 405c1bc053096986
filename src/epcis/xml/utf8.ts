/**
 * Strict UTF-8 decoding for XML input. Invalid bytes must be refused (not replaced by U+FFFD) so that
 * what we store is what was sent, and the error names the byte offset so the sender can find it.
 */
import { validationError } from '../exceptions.js';

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1 when all is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array, final = true): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k += 1) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Length of an incomplete multi-byte sequence at the end of a chunk (0 when the chunk ends cleanly). */
function incompleteTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

/** Decodes a stream of byte chunks as strict UTF-8, reporting the absolute offset of a bad byte. */
export class StrictUtf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  private tail: Uint8Array = new Uint8Array(0);

  /** `label` names the input kind in error messages ("XML input is not valid UTF-8"). */
  constructor(private readonly label = 'XML') {}

  /** Decodes the next chunk; throws a ValidationException naming the byte offset of invalid UTF-8. */
  write(chunk: Uint8Array): string {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.advance(chunk);
      return text;
    } catch {
      throw this.failure(chunk, false);
    }
  }

  /** Flushes the decoder; throws when the input ended inside a multi-byte sequence. */
  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw this.failure(new Uint8Array(0), true);
    }
  }

  private advance(chunk: Uint8Array): void {
    const joined = concat(this.tail, chunk);
    const keep = incompleteTailLength(joined);
    this.offset += joined.length - keep;
    this.tail = joined.slice(joined.length - keep);
  }

  private failure(chunk: Uint8Array, final: boolean) {
    const joined = concat(this.tail, chunk);
    const at = firstInvalidUtf8Offset(joined, final);
    const where = this.offset + (at < 0 ? joined.length : at);
    return validationError(`${this.label} input is not valid UTF-8: invalid byte sequence at byte offset ${where}`, [
      { message: `invalid UTF-8 at byte offset ${where}` },
    ]);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
