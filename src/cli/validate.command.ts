import fs from 'node:fs';
import type { Command } from 'commander';
import { captureRuleErrors } from '../capture/event-checks.js';
import { decodeDocument } from '../capture/decode.js';
import { loadConfig } from '../config/config.js';
import { EpcisException, type ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisDocument } from '../epcis/model.js';
import { documentFindings, eventListPointer, xmlPathOfPointer } from '../epcis/validate/index.js';
import { bindingOfFile } from './binding-of-file.js';

/** Where an issue is: the XML element path for XML input (with line and column when known), else the JSON pointer. */
function locationOf(issue: ValidationIssue, doc?: EpcisDocument): string {
  const xmlPath = issue.xmlPath ?? (doc && issue.pointer !== undefined ? xmlPathOfPointer(issue.pointer, doc) : undefined);
  const at = issue.line !== undefined ? ` (line ${issue.line}, column ${issue.column ?? '?'})` : '';
  return `${xmlPath ?? issue.pointer ?? ''}${at}`;
}

function printSection(title: string, issues: readonly ValidationIssue[], doc?: EpcisDocument): void {
  if (issues.length === 0) return;
  console.log(`  ${title}:`);
  for (const issue of issues) console.log(`    ${locationOf(issue, doc)}: ${issue.message}`);
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'Check EPCIS documents as capture would, without capturing them: errors (the document would be refused) and ' +
        'warnings (data-quality findings on input the EPCIS schema accepts) are listed apart, each with its JSON pointer ' +
        'or XML path; the exit code is non-zero only when a document has errors',
    )
    .argument('<files...>', 'EPCIS documents (JSON-LD or XML)')
    .action((files: string[]) => {
      const options = { recordTime: new Date(), maxClockSkewMs: loadConfig(process.env).captureMaxClockSkewSeconds * 1000 };
      let invalid = 0;
      for (const file of files) {
        const binding = bindingOfFile(file);
        try {
          const doc = decodeDocument(fs.readFileSync(file), binding);
          const { errors, warnings } = documentFindings(doc);
          const base = eventListPointer(doc);
          doc.events.forEach((event, i) => errors.push(...captureRuleErrors(event, `${base}/${i}`, options)));
          const shownDoc = binding === 'xml' ? doc : undefined;
          const warned = warnings.length > 0 ? `, ${warnings.length} warning(s)` : '';
          if (errors.length === 0) {
            console.log(`${file}: valid (${doc.events.length} events)${warned}`);
          } else {
            invalid += 1;
            console.log(`${file}: invalid, ${errors.length} error(s)${warned}`);
          }
          printSection('errors', errors, shownDoc);
          printSection('warnings', warnings, shownDoc);
        } catch (error) {
          if (!(error instanceof EpcisException)) throw error;
          invalid += 1;
          console.log(`${file}: invalid: ${error.message}`);
          printSection('errors', error.issues);
        }
      }
      if (invalid > 0) process.exitCode = 1;
    });
}
