import fs from 'node:fs';
import type { Command } from 'commander';
import { decodeDocument } from '../capture/decode.js';
import { eventHashId, preHashString } from '../epcis/hash/index.js';
import { bindingOfFile } from './binding-of-file.js';

export function registerHashCommand(program: Command): void {
  program
    .command('hash')
    .description('Print the CBV 2.0 event hash ID of every event of an EPCIS document, one per line, in document order')
    .argument('<file>', 'an EPCIS document (JSON-LD or XML)')
    .option('-a, --algorithm <name>', 'sha-256, sha3-256, sha-384 or sha-512', 'sha-256')
    .option('--prehash', 'print the pre-hash string instead of the hash')
    .action((file: string, options: { algorithm: string; prehash?: boolean }) => {
      const binding = bindingOfFile(file);
      const doc = decodeDocument(fs.readFileSync(file), binding);
      for (const event of doc.events) {
        const hashOptions = { binding, algorithm: options.algorithm as 'sha-256' };
        console.log(options.prehash ? preHashString(event, hashOptions) : eventHashId(event, hashOptions));
      }
    });
}
