/**
 * `karvon hash` reproduces every event hash ID of the reference vectors (../shared/conformance),
 * one line per event in document order, from the JSON-LD and the XML inputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CONFORMANCE_DIR } from './conformance-files.js';

interface VectorFile {
  input: string;
  binding: 'json' | 'xml';
  events: { index: number; hash: string }[];
}

const hashDir = path.join(CONFORMANCE_DIR, 'event-hash');
const vectors = (JSON.parse(fs.readFileSync(path.join(hashDir, 'vectors.json'), 'utf8')) as { files: VectorFile[] }).files;
let lines: string[] = [];
let reproduced = 0;

beforeEach(() => {
  lines = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('karvon hash on the reference vectors', () => {
  it.each(vectors.map((file) => [file.input, file] as const))('%s', async (_name, file) => {
    await main(['node', 'karvon', 'hash', path.join(hashDir, file.input)]);
    expect(lines).toEqual([...file.events].sort((a, b) => a.index - b.index).map((e) => e.hash));
    reproduced += lines.length;
  });

  afterAll(() => {
    console.info(`karvon hash: ${reproduced} of ${vectors.reduce((n, f) => n + f.events.length, 0)} vector hashes printed exactly`);
  });
});
