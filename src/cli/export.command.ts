import fs from 'node:fs';
import type { Command } from 'commander';
import type { CbvFormat, EpcFormat } from '../epcis/jsonld/epc-format.js';
import { serializeJsonLdDocument } from '../epcis/jsonld/serialize.js';
import type { EpcisEvent } from '../epcis/model.js';
import { parseQueryParameters } from '../epcis/query/index.js';
import { serializeXmlDocument } from '../epcis/xml/serialize.js';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Query parameters from `--where NAME=VALUE` options (repeatable, like the REST query string). */
export function parametersFromWhere(where: string[]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const clause of where) {
    const at = clause.indexOf('=');
    if (at <= 0) throw new Error(`--where '${clause}' must be NAME=VALUE, e.g. --where EQ_bizStep=shipping`);
    const name = clause.slice(0, at);
    const value = clause.slice(at + 1);
    const existing = params[name];
    params[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  return params;
}

export function registerExportCommand(program: Command): void {
  withDataDirOption(program.command('export'))
    .description('Write the events a query matches as one EPCIS query document')
    .option('-w, --where <NAME=VALUE>', 'an EPCIS query parameter, e.g. EQ_bizStep=shipping or GE_eventTime=2026-01-01T00:00:00Z (repeatable)', collect, [])
    .option('-f, --format <format>', 'jsonld or xml', 'jsonld')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--epc-format <format>', 'No_Preference, Always_GS1_Digital_Link, Always_EPC_URN or Never_Translates', 'No_Preference')
    .action(async (options: { where: string[]; format: string; output?: string; epcFormat: string } & DataDirOption) => {
      if (options.format !== 'jsonld' && options.format !== 'xml') throw new Error(`--format must be jsonld or xml, got '${options.format}'`);
      const query = parseQueryParameters(parametersFromWhere(options.where));
      const runtime = await openCliRuntime(options, 'existing');
      const events: EpcisEvent[] = [];
      try {
        // The same paging and limits (eventCountLimit, maxEventCount) as GET /epcis/events.
        // The local operator reads the whole store (scope `all`); the export is recorded in the audit log.
        let nextPageToken: string | undefined;
        do {
          const page = await runtime.queries.page(query, { perPage: runtime.queries.limits.maxPerPage, nextPageToken }, { kind: 'all' });
          events.push(...page.events);
          nextPageToken = page.nextPageToken;
        } while (nextPageToken);
        await runtime.audit.record({
          actor: { via: 'cli' },
          action: 'export',
          outcome: 'success',
          details: {
            events: events.length,
            where: options.where,
            format: options.format,
            ...(options.output ? { output: options.output } : {}),
          },
        });
      } finally {
        await runtime.close();
      }
      const serializeOptions = {
        epcFormat: options.epcFormat as EpcFormat,
        cbvFormat: 'No_Preference' as CbvFormat,
        query: { queryName: 'SimpleEventQuery' },
      };
      const text = options.format === 'xml' ? serializeXmlDocument(events, serializeOptions) : serializeJsonLdDocument(events, serializeOptions);
      if (options.output) fs.writeFileSync(options.output, text);
      else process.stdout.write(text + '\n');
      console.error(`exported ${events.length} event(s)`);
    });
}
