/**
 * Finds the official GS1 example documents in ../shared/conformance (never copied into the project).
 */
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../shared-material.js';

// Read from ../shared/conformance beside the repository.
export const CONFORMANCE_DIR = path.resolve(import.meta.dirname, '../../../shared/conformance');
export const HAS_CONFORMANCE = fs.existsSync(CONFORMANCE_DIR);

export type ExampleKind = 'document' | 'captureJob' | 'masterData' | 'other';

export interface ExampleFile {
  file: string;
  /** Path relative to the conformance folder, for messages. */
  name: string;
  binding: 'json' | 'xml';
  kind: ExampleKind;
}

function kindOf(file: string, binding: 'json' | 'xml'): ExampleKind {
  const text = fs.readFileSync(file, 'utf8');
  if (binding === 'json') {
    const type = (JSON.parse(text) as { type?: string }).type;
    return type === 'EPCISDocument' || type === 'EPCISQueryDocument' ? 'document' : 'other';
  }
  if (/<([\w-]+:)?EPCISCaptureJob[\s>]/.test(text)) return 'captureJob';
  if (/<([\w-]+:)?EPCISMasterDataDocument[\s>]/.test(text)) return 'masterData';
  if (/<([\w-]+:)?EPCIS(Query)?Document[\s>]/.test(text)) return 'document';
  return 'other';
}

/** Every JSON-LD and XML example under gs1-epcis/JSON, JSON-simple-context and XML. */
export function officialExamples(): ExampleFile[] {
  if (!HAS_CONFORMANCE) return [];
  const root = path.join(CONFORMANCE_DIR, 'gs1-epcis');
  return ['JSON', 'JSON-simple-context', 'XML']
    .flatMap((folder) => filesUnder(path.join(root, folder), /\.(jsonld|json|xml)$/))
    .map((file) => {
      const binding = file.endsWith('.xml') ? 'xml' : 'json';
      return { file, name: path.relative(CONFORMANCE_DIR, file), binding, kind: kindOf(file, binding) } as ExampleFile;
    });
}
