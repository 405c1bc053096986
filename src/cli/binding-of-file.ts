import fs from 'node:fs';
import type { Binding } from '../capture/decode.js';

/** The EPCIS binding of a file, from its extension or else its first non-blank character. */
export function bindingOfFile(file: string): Binding {
  if (/\.(json|jsonld)$/i.test(file)) return 'json';
  if (/\.xml$/i.test(file)) return 'xml';
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(256);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    const first = head.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
    return first === '<' ? 'xml' : 'json';
  } finally {
    fs.closeSync(fd);
  }
}
