/**
 * The layering of docs/architecture.md, checked on the import statements of src/**.ts: the pure core
 * and the model import nothing above them, the store imports no feature, nothing imports the shells,
 * and no two top-level folders import each other, directly or round a longer loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Every module specifier in `source`: static imports and re-exports (one or many lines), bare imports, dynamic import(). */
export function importedSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of withoutComments.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The top-level part of src a path is in: a folder (`store`) or a file without extension (`errors`). */
function partOf(absolute: string): string {
  return path.relative(SRC, absolute).split(path.sep)[0]!.replace(/\.(ts|js)$/, '');
}

interface ImportEdge {
  file: string;
  from: string;
  to: string;
}

function ourImports(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const files = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  for (const relative of files) {
    const file = path.join(SRC, relative);
    for (const specifier of importedSpecifiers(fs.readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.startsWith(SRC + path.sep)) continue;
      edges.push({ file: path.relative(SRC, file), from: partOf(file), to: partOf(target) });
    }
  }
  return edges;
}

const edges = ourImports();

/** "file imports part" for every import of `from` reaching outside `allowed` (and itself). */
function importsOutside(from: string, allowed: readonly string[]): string[] {
  return edges.filter((e) => e.from === from && e.to !== from && !allowed.includes(e.to)).map((e) => `src/${e.file} imports ${e.to}`);
}

describe('import layering', () => {
  it('reads imports of every shape', () => {
    const source = [
      "import type { A } from './a.js';",
      'import {',
      '  b,',
      '  c,',
      "} from '../b/c.js';",
      "export * from './d.js';",
      "import './side-effect.js';",
      "// import { x } from './commented.js';",
      "const later = await import('./e.js');",
    ].join('\n');
    expect(importedSpecifiers(source)).toEqual(['./a.js', '../b/c.js', './d.js', './side-effect.js', './e.js']);
    // Not vacuous: the real tree has imports between parts, e.g. the store on the EPCIS core.
    expect(edges.some((e) => e.from === 'store' && e.to === 'epcis')).toBe(true);
  });

  it('keeps the EPCIS core free of everything else of ours', () => {
    expect(importsOutside('epcis', [])).toEqual([]);
  });

  it('keeps the domain free of everything else of ours, the EPCIS core included', () => {
    expect(importsOutside('domain', [])).toEqual([]);
  });

  it('keeps the model pure: only itself and the EPCIS core (party ids are normalised by its identifier rules)', () => {
    expect(importsOutside('model', ['epcis'])).toEqual([]);
  });

  it('keeps the store below the features: it imports only the model, the core, reference data, the configuration and the error table', () => {
    // config: open-store.ts reads which store to open (KARVON_DATABASE_URL).
    expect(importsOutside('store', ['model', 'epcis', 'domain', 'reference', 'config', 'errors'])).toEqual([]);
  });

  it('has nothing import the shells: the CLI is imported by nobody, the HTTP layer only by the CLI', () => {
    expect(edges.filter((e) => e.to === 'cli' && e.from !== 'cli').map((e) => `src/${e.file}`)).toEqual([]);
    expect(edges.filter((e) => e.to === 'api' && e.from !== 'api' && e.from !== 'cli').map((e) => `src/${e.file}`)).toEqual([]);
  });

  it('has no cycle between top-level folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) if (e.from !== e.to) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (part: string, trail: string[]): void => {
      state.set(part, 'open');
      for (const next of graph.get(part) ?? []) {
        if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), part, next].join(' → '));
        else if (!state.has(next)) walk(next, [...trail, part]);
      }
      state.set(part, 'done');
    };
    for (const part of [...graph.keys()].sort()) if (!state.has(part)) walk(part, []);
    // Each cycle is named with one file that closes it, so the message says where to look.
    const witnesses = cycles.map((cycle) => {
      const parts = cycle.split(' → ');
      const [from, to] = parts.slice(-2);
      return `${cycle} (e.g. src/${edges.find((e) => e.from === from && e.to === to)!.file})`;
    });
    expect(witnesses).toEqual([]);
  });
});
