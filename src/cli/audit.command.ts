import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { GENESIS_HASH, type ChainVerification } from '../governance/audit-chain.js';
import { verifyAuditExport } from '../governance/audit-log.js';
import type { AuditEntry } from '../governance/model.js';
import { openRuntime } from '../runtime/runtime.js';

/** Prints the outcome of a verification; a broken chain sets exit code 1. */
function report(result: ChainVerification): void {
  if (result.ok) {
    console.log(`audit log intact: ${result.checked} entries, head ${result.head ?? GENESIS_HASH}`);
    return;
  }
  const problem = result.problem!;
  console.log(`audit log broken: entry ${problem.seq} ${problem.kind}: ${problem.detail}`);
  console.log(`entries 1..${result.checked} are intact${result.head ? `, up to hash ${result.head}` : ''}`);
  process.exitCode = 1;
}

function describeEntry(entry: AuditEntry): string {
  const actor = [
    entry.actor.organisationId && `org=${entry.actor.organisationId}`,
    entry.actor.userId && `user=${entry.actor.userId}`,
    entry.actor.keyId && `key=${entry.actor.keyId}`,
    `via=${entry.actor.via}`,
    entry.actor.address && `from=${entry.actor.address}`,
  ].filter(Boolean);
  return [`#${entry.seq}`, entry.time, entry.action, entry.outcome, ...actor, ...(entry.target !== undefined ? [`target=${entry.target}`] : [])].join(' ');
}

function positiveInteger(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`--limit must be a whole number of 1 or more, got '${raw}'`);
  return Number(raw);
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('The hash-chained audit log: verify it, export it for other member states, list it');

  audit
    .command('verify')
    .description('Recompute the hash chain and report the first altered, inserted or deleted entry (exit code 1 if any)')
    .option('-f, --file <export>', 'verify an export file (from `karvon audit export`) instead of this node\'s log; needs no database')
    .action(async (options: { file?: string }) => {
      if (options.file) {
        if (!fs.existsSync(options.file)) throw new Error(`There is no file ${options.file} to verify`);
        // An export file is checked on its own: no data folder, no store.
        const result = await verifyAuditExport(fs.createReadStream(options.file));
        if (result.header) console.log(`export of ${result.header.exportedAt}: ${result.header.entries} entries recorded, head ${result.header.head}`);
        report(result);
        return;
      }
      const runtime = await openRuntime(loadConfig(), { trackShipments: false });
      try {
        report(await runtime.audit.verify());
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('export')
    .description('Write the audit log as a JSON Lines file any member state can check with `karvon audit verify --file`')
    .requiredOption('-o, --out <file>', 'the file to write')
    .action(async (options: { out: string }) => {
      const runtime = await openRuntime(loadConfig(), { trackShipments: false });
      try {
        // The export is itself a fact of the log, recorded first so the file carries it.
        await runtime.audit.record({ actor: { via: 'cli' }, action: 'export', target: 'audit-log', outcome: 'success', details: { to: 'file' } });
        const file = fs.createWriteStream(options.out);
        const finished = new Promise<void>((resolve, reject) => {
          file.once('finish', resolve);
          file.once('error', reject);
        });
        const header = await runtime.audit.export(file);
        file.end();
        await finished;
        console.log(`exported ${header.entries} audit entries to ${options.out}, head ${header.head}`);
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('list')
    .description('Print the most recent entries of the audit log, oldest first')
    .option('-n, --limit <N>', 'how many entries', positiveInteger, 20)
    .option('-a, --action <action>', 'only entries of this action, e.g. auth.sign-in')
    .action(async (options: { limit: number; action?: string }) => {
      const runtime = await openRuntime(loadConfig(), { trackShipments: false });
      try {
        let shown: AuditEntry[] = [];
        if (options.action === undefined) {
          const last = await runtime.store.audit.last();
          const afterSeq = Math.max(0, (last?.seq ?? 0) - options.limit);
          shown = await runtime.store.audit.list({ afterSeq, limit: options.limit });
        } else {
          // The store lists by number only: keep the last matches of one pass over the log.
          for await (const entry of runtime.audit.entries()) {
            if (entry.action !== options.action) continue;
            shown.push(entry);
            if (shown.length > options.limit) shown.shift();
          }
        }
        for (const entry of shown) console.log(describeEntry(entry));
        if (shown.length === 0) console.log(options.action ? `no audit entries with action ${options.action}` : 'the audit log is empty');
      } finally {
        await runtime.close();
      }
    });
}
