import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyAuditExport } from '../governance/audit-export.js';
import { describeHead, describeProblem, type AuditVerification } from '../governance/audit-verification.js';
import type { AuditEntry } from '../model/governance.js';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';

/** Prints the outcome of a verification; any problem sets exit code 1. */
function report(result: AuditVerification): void {
  if (result.ok) {
    console.log(`audit log intact: ${result.entries} entries, tree root ${result.rootHash}`);
    if (result.head) console.log(`signed head: ${describeHead(result.head)}`);
    if (result.expected) console.log(`contains the head given: ${describeHead(result.expected)}`);
    if (result.events !== undefined) console.log(`${result.events} stored events, each logged by its capture entry and unedited`);
    return;
  }
  console.log(`audit log broken: ${describeProblem(result.problem!)}`);
  if (result.entries > 0) console.log(`entries 1..${result.entries} are intact as a chain`);
  process.exitCode = 1;
}

/**
 * A head kept from earlier: the JSON `karvon audit head` prints and GET /api/audit/heads answers
 * ({"head": {...}, "publicKey": {...}}), or the bare head object.
 */
function readHeadFile(file: string): unknown {
  if (!fs.existsSync(file)) throw new Error(`There is no head file ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The head file ${file} is not JSON: ${(error as Error).message}`);
  }
  const wrapped = parsed as { head?: unknown } | null;
  return typeof wrapped === 'object' && wrapped !== null && 'head' in wrapped ? wrapped.head : parsed;
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
  const audit = program
    .command('audit')
    .description('The audit log (a Merkle tree under signed heads): verify it, print its head, export it for other member states, list it');

  withDataDirOption(audit.command('verify'))
    .description(
      'Check the log, its tree and signed head, and every stored event against it; name the first problem (exit code 1 if any)',
    )
    .option('-f, --file <export>', 'verify an export file (from `karvon audit export`) instead of this node\'s log; needs no database')
    .option('-H, --head <file>', 'also check against a head kept from earlier (`karvon audit head`, GET /api/audit/heads): the log must still contain it')
    .action(async (options: { file?: string; head?: string } & DataDirOption) => {
      const expected = options.head !== undefined ? readHeadFile(options.head) : undefined;
      if (options.file) {
        if (!fs.existsSync(options.file)) throw new Error(`There is no file ${options.file} to verify`);
        // An export file is checked on its own: no data folder, no store.
        const result = await verifyAuditExport(fs.createReadStream(options.file), expected);
        if (result.header) console.log(`export of ${result.header.exportedAt}: ${result.header.entries} entries, signed by key ${result.header.publicKey.keyId}`);
        report(result);
        return;
      }
      const runtime = await openCliRuntime(options, 'existing');
      try {
        report(await runtime.audit.verify(expected));
      } finally {
        await runtime.close();
      }
    });

  withDataDirOption(audit.command('head'))
    .description("Print this node's signed tree head and public key as JSON (keep it: `karvon audit verify --head` checks the log still contains it)")
    .action(async (options: DataDirOption) => {
      const runtime = await openCliRuntime(options, 'existing');
      try {
        console.log(JSON.stringify({ head: await runtime.audit.tree.head(), publicKey: runtime.audit.publishedKey() }, null, 2));
      } finally {
        await runtime.close();
      }
    });

  withDataDirOption(audit.command('export'))
    .description('Write the audit log with its signed head as a JSON Lines file any member state can check with `karvon audit verify --file`')
    .requiredOption('-o, --out <file>', 'the file to write')
    .action(async (options: { out: string } & DataDirOption) => {
      const runtime = await openCliRuntime(options, 'existing');
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
        console.log(`exported ${header.entries} audit entries to ${options.out}, root ${header.head.rootHash}`);
      } finally {
        await runtime.close();
      }
    });

  withDataDirOption(audit.command('list'))
    .description('Print the most recent entries of the audit log, oldest first')
    .option('-n, --limit <N>', 'how many entries', positiveInteger, 20)
    .option('-a, --action <action>', 'only entries of this action, e.g. auth.sign-in')
    .action(async (options: { limit: number; action?: string } & DataDirOption) => {
      const runtime = await openCliRuntime(options, 'existing');
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
