import fs from 'node:fs';
import type { Command } from 'commander';
import { decodeDocument } from '../capture/decode.js';
import { EpcisException } from '../epcis/exceptions.js';
import { validateDocument } from '../epcis/validate/index.js';
import { bindingOfFile } from './binding-of-file.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check EPCIS documents against the EPCIS 2.0 / CBV 2.0 rules without capturing them')
    .argument('<files...>', 'EPCIS documents (JSON-LD or XML)')
    .action((files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        try {
          const doc = decodeDocument(fs.readFileSync(file), bindingOfFile(file));
          const issues = validateDocument(doc);
          if (issues.length === 0) {
            console.log(`${file}: valid (${doc.events.length} events)`);
            continue;
          }
          invalid += 1;
          console.log(`${file}: ${issues.length} problem(s)`);
          for (const issue of issues) console.log(`  ${issue.xmlPath ?? issue.pointer ?? ''}: ${issue.message}`);
        } catch (error) {
          if (!(error instanceof EpcisException)) throw error;
          invalid += 1;
          console.log(`${file}: ${error.message}`);
          for (const issue of error.issues) {
            const at = issue.line !== undefined ? ` (line ${issue.line}, column ${issue.column ?? '?'})` : '';
            console.log(`  ${issue.xmlPath ?? issue.pointer ?? ''}${at}: ${issue.message}`);
          }
        }
      }
      if (invalid > 0) process.exitCode = 1;
    });
}
