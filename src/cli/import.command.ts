import fs from 'node:fs';
import type { Command } from 'commander';
import type { CaptureResult } from '../capture/capture-service.js';
import { EpcisException } from '../epcis/exceptions.js';
import { parseJsonLdDocumentStream } from '../epcis/jsonld/stream.js';
import type { EpcisDocument, EpcisEvent } from '../epcis/model.js';
import { parseXmlDocumentStream } from '../epcis/xml/parse.js';
import { KarvonError } from '../errors.js';
import type { Runtime } from '../runtime/runtime.js';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import { bindingOfFile } from './binding-of-file.js';
import { ProgressBar } from './progress.js';

interface ImportTotals {
  captured: number;
  duplicates: number;
  rejected: number;
  reasons: string[];
}

const BATCH_SIZE = 5000;

function locate(issue: { pointer?: string; xmlPath?: string; line?: number; message: string }): string {
  const where = issue.xmlPath ?? issue.pointer ?? '';
  const line = issue.line !== undefined ? ` (line ${issue.line})` : '';
  return `${where}${line}: ${issue.message}`;
}

/** Captures one file in batches; both bindings are streamed, so files larger than memory work. */
async function importFile(runtime: Runtime, file: string, errorBehaviour: 'proceed' | 'rollback', totals: ImportTotals): Promise<void> {
  const binding = bindingOfFile(file);
  const size = fs.statSync(file).size;
  const progress = new ProgressBar(file, size);
  const add = (result: CaptureResult, offset: number) => {
    totals.captured += result.captured;
    totals.duplicates += result.duplicates;
    totals.rejected += result.rejected;
    for (const issue of result.errors) {
      if (totals.reasons.length < 200) totals.reasons.push(`${file}: event ${offset + Number(/\/(\d+)(\/|$)/.exec(issue.pointer ?? '')?.[1] ?? 0)}: ${locate(issue)}`);
    }
  };
  const captureBatch = async (header: Omit<EpcisDocument, 'events'>, events: EpcisEvent[], offset: number) => {
    const result = await runtime.capture.captureDocument({ ...header, events }, { binding, errorBehaviour });
    add(result, offset);
  };

  // Imported XML must follow the XSD's element order, as captured XML does (src/capture/decode.ts).
  const parseStream: typeof parseJsonLdDocumentStream =
    binding === 'xml' ? (chunks, onEvent) => parseXmlDocumentStream(chunks, onEvent, { xsdOrder: true }) : parseJsonLdDocumentStream;
  let batch: EpcisEvent[] = [];
  let offset = 0;
  let bytes = 0;
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    progress.update(bytes, `${totals.captured} captured`);
  });
  // The real header is only known at the end of the file; it goes with the last batch.
  const header: Omit<EpcisDocument, 'events'> = { namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '' };
  const finalHeader = await parseStream(stream, async (event) => {
    batch.push(event);
    if (batch.length >= BATCH_SIZE) {
      const events = batch;
      batch = [];
      await captureBatch(header, events, offset);
      offset += events.length;
    }
  });
  await captureBatch(finalHeader, batch, offset);
  progress.finish();
}

export function registerImportCommand(program: Command): void {
  withDataDirOption(program.command('import'))
    .description('Capture EPCIS documents from files (JSON-LD or XML, both streamed, so any size) into the store')
    .argument('<files...>', 'EPCIS 2.0 documents')
    .option('--rollback', 'refuse a whole batch when one of its events is invalid (default: capture the valid ones and report the rest)')
    .action(async (files: string[], options: { rollback?: boolean } & DataDirOption) => {
      const runtime = await openCliRuntime(options, 'may-create');
      const totals: ImportTotals = { captured: 0, duplicates: 0, rejected: 0, reasons: [] };
      let failedFiles = 0;
      try {
        for (const file of files) {
          try {
            await importFile(runtime, file, options.rollback ? 'rollback' : 'proceed', totals);
          } catch (error) {
            if (!(error instanceof EpcisException || error instanceof KarvonError) && !(error instanceof Error && 'code' in error)) throw error;
            failedFiles += 1;
            const issues = 'issues' in error && Array.isArray(error.issues) ? error.issues : [];
            totals.reasons.push(`${file}: ${error.message}${issues.length ? '\n    ' + issues.slice(0, 20).map(locate).join('\n    ') : ''}`);
          }
        }
      } finally {
        await runtime.close();
      }
      console.log(`captured: ${totals.captured}, duplicate: ${totals.duplicates}, rejected: ${totals.rejected}${failedFiles ? `, files refused: ${failedFiles}` : ''}`);
      for (const reason of totals.reasons) console.log(`  ${reason}`);
      if (totals.rejected > 0 || failedFiles > 0) process.exitCode = 1;
    });
}
