import fs from 'node:fs';
import type { Command } from 'commander';
import { decodeDocument } from '../capture/decode.js';
import { eventHashId, ignoreFieldsOf, preHashString, type HashAlgorithm } from '../epcis/hash/index.js';

const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha-256', 'sha3-256', 'sha-384', 'sha-512'];
import { bindingOfFile } from './binding-of-file.js';

export function registerHashCommand(program: Command): void {
  program
    .command('hash')
    .description('Print the CBV 2.0 event hash ID of every event of an EPCIS document, one per line, in document order')
    .argument('<file>', 'an EPCIS document (JSON-LD or XML)')
    .option('-a, --algorithm <name>', 'sha-256, sha3-256, sha-384 or sha-512', 'sha-256')
    .option('--prehash', 'print the pre-hash string instead of the hash')
    .action((file: string, options: { algorithm: string; prehash?: boolean }) => {
      if (!HASH_ALGORITHMS.includes(options.algorithm as HashAlgorithm)) {
        throw new Error(`--algorithm must be one of ${HASH_ALGORITHMS.join(', ')}, got '${options.algorithm}'`);
      }
      const binding = bindingOfFile(file);
      const doc = decodeDocument(fs.readFileSync(file), binding, { lenientOrder: true });
      // The reference implementation's document-level ignoreFields extension is honoured, so that
      // its published test vectors can be reproduced with this command.
      const hashOptions = { binding, algorithm: options.algorithm as HashAlgorithm, ignoreFields: ignoreFieldsOf(doc) };
      for (const event of doc.events) {
        console.log(options.prehash ? preHashString(event, hashOptions) : eventHashId(event, hashOptions));
      }
    });
}
