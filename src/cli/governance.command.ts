/**
 * `karvon governance ...`: member states, proposals and votes, and the chair, on the server's own
 * data folder. `--as <organisation id>` acts in the name of an organisation with all its rights:
 * whoever runs this command can read and write the server's database anyway, so the command line is
 * trusted like the network operator's console; every action is still checked by the governance rules
 * and written to the audit log (via 'cli').
 */
import type { Command } from 'commander';
import { KarvonError } from '../errors.js';
import { englishNameOf } from '../governance/governance-rules.js';
import type { GovernanceService, ProposalDetail } from '../governance/governance-service.js';
import type { Proposal } from '../model/governance.js';
import { withCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';

const AS_HELP = 'the id of the organisation to act for (the national coordinator of a member state); the command line acts with its full rights, as it runs on the server with access to its data';
const CLI = { via: 'cli' } as const;
const PROPOSAL_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const satisfies readonly Proposal['status'][];

const stateName = (country: string) => `${englishNameOf(country)} (${country})`;
const day = (time: string) => time.slice(0, 10);

/** One line: id, what, status and how the vote stands. */
function proposalLine(detail: ProposalDetail): string {
  const { proposal, tally } = detail;
  const counts = `yes ${tally.yes.length}/${proposal.electorate.length}, no ${tally.no.length}`;
  const closed = proposal.closedAt ? ` on ${day(proposal.closedAt)}` : '';
  return `${proposal.id}  ${proposal.kind} of ${stateName(proposal.country)}  ${proposal.status}${closed}  (${counts}; proposed by ${proposal.proposedBy} on ${day(proposal.openedAt)})`;
}

function printProposal(detail: ProposalDetail): void {
  console.log(proposalLine(detail));
  if (detail.proposal.motivation) console.log(`  motivation: ${detail.proposal.motivation}`);
  console.log(`  electorate: ${detail.proposal.electorate.join(', ')}`);
  for (const vote of detail.votes) console.log(`  ${vote.country} ${vote.vote} (${vote.castAt}, ${vote.castBy.organisationId})`);
  console.log(`  outcome: ${detail.tally.outcome}`);
  if (detail.tally.outcome === 'open') console.log(`  waiting for: ${detail.tally.pending.join(', ')}`);
}

async function printOutcome(governance: GovernanceService, detail: ProposalDetail): Promise<void> {
  const { proposal } = detail;
  if (proposal.status === 'open') {
    console.log(`still open: waiting for ${detail.tally.pending.join(', ')}`);
    return;
  }
  if (proposal.status === 'rejected') {
    console.log(`rejected: ${detail.tally.no.join(', ')} voted no`);
    return;
  }
  const member = (await governance.listMembers()).find((m) => m.country === proposal.country);
  console.log(`accepted: ${stateName(proposal.country)} is now ${member?.status === 'suspended' ? 'suspended' : 'a member state'}`);
}

export function registerGovernanceCommands(program: Command): void {
  const governance = program
    .command('governance')
    .description('Member states, admission and suspension votes, and the rotating chair of the network');

  withDataDirOption(governance.command('members'))
    .description('List the member states, their status and national coordinator')
    .action(async (options: DataDirOption) => {
      await withCliRuntime(options, 'existing', async (runtime) => {
        for (const member of await runtime.governance.listMembers()) {
          const admitted = member.admittedBy ? ` by ${member.admittedBy}` : ' (founding member)';
          console.log(`${member.country}  ${member.name}  ${member.status}  admitted ${day(member.admittedAt)}${admitted}  coordinator ${member.coordinatorOrganisationId ?? '(none)'}`);
        }
      });
    });

  withDataDirOption(governance.command('proposals'))
    .description('List proposals, newest first, with the state of their vote')
    .option('--status <status>', `only proposals with this status: ${PROPOSAL_STATUSES.join(', ')}`)
    .action(async (options: { status?: string } & DataDirOption) => {
      if (options.status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(options.status)) {
        throw new KarvonError('KRV_VALIDATION', `--status must be one of ${PROPOSAL_STATUSES.join(', ')}, got '${options.status}'`);
      }
      await withCliRuntime(options, 'existing', async (runtime) => {
        const proposals = await runtime.governance.proposals(options.status ? { status: options.status as Proposal['status'] } : {});
        if (proposals.length === 0) console.log('no proposals');
        for (const detail of proposals) console.log(proposalLine(detail));
      });
    });

  withDataDirOption(governance.command('proposal <id>'))
    .description('Show one proposal with its electorate and votes')
    .action(async (id: string, options: DataDirOption) => {
      await withCliRuntime(options, 'existing', async (runtime) => printProposal(await runtime.governance.proposal(id)));
    });

  withDataDirOption(governance.command('propose'))
    .description('Open a proposal to admit, suspend or reinstate a member state, in the name of a member state’s national coordinator')
    .requiredOption('--as <organisation>', AS_HELP)
    .requiredOption('--kind <kind>', 'admission, suspension or reinstatement')
    .requiredOption('--country <code>', 'the state concerned (ISO 3166-1 alpha-2, e.g. GE)')
    .option('--motivation <text>', 'why, in words')
    .action(async (options: { as: string; kind: string; country: string; motivation?: string } & DataDirOption) => {
      await withCliRuntime(options, 'existing', async (runtime) => {
        const actor = await runtime.access.principalForOrganisation(options.as);
        const detail = await runtime.governance.propose(
          actor,
          { kind: options.kind, country: options.country, ...(options.motivation !== undefined ? { motivation: options.motivation } : {}) },
          CLI,
        );
        console.log(`opened ${detail.proposal.id}: ${detail.proposal.kind} of ${stateName(detail.proposal.country)}`);
        console.log(`electorate: ${detail.proposal.electorate.join(', ')}`);
      });
    });

  withDataDirOption(governance.command('vote'))
    .description('Cast a member state’s vote on an open proposal, in the name of its national coordinator')
    .requiredOption('--as <organisation>', AS_HELP)
    .requiredOption('--proposal <id>', 'the proposal voted on')
    .option('--yes', 'vote yes')
    .option('--no', 'vote no')
    .action(async (options: { as: string; proposal: string; yes?: boolean; no?: boolean } & DataDirOption) => {
      if (Boolean(options.yes) === Boolean(options.no)) throw new KarvonError('KRV_VALIDATION', 'Vote with exactly one of --yes or --no');
      await withCliRuntime(options, 'existing', async (runtime) => {
        const actor = await runtime.access.principalForOrganisation(options.as);
        const choice = options.yes ? 'yes' : 'no';
        const detail = await runtime.governance.vote(actor, options.proposal, choice, CLI);
        const country = detail.votes.find((v) => v.castBy.organisationId === actor.organisation.id)?.country ?? actor.organisation.country;
        console.log(`${country} voted ${choice} on ${detail.proposal.id}`);
        await printOutcome(runtime.governance, detail);
      });
    });

  withDataDirOption(governance.command('withdraw'))
    .description('Withdraw an open proposal, in the name of the member state that proposed it')
    .requiredOption('--as <organisation>', AS_HELP)
    .requiredOption('--proposal <id>', 'the proposal withdrawn')
    .action(async (options: { as: string; proposal: string } & DataDirOption) => {
      await withCliRuntime(options, 'existing', async (runtime) => {
        const actor = await runtime.access.principalForOrganisation(options.as);
        const detail = await runtime.governance.withdraw(actor, options.proposal, CLI);
        console.log(`${detail.proposal.id} withdrawn by ${detail.proposal.proposedBy}`);
      });
    });

  withDataDirOption(governance.command('chair'))
    .description('Who holds the coordinating chair, since when, the history of terms and scheduled hand-overs')
    .option('--at <date>', 'as on this date instead of now')
    .action(async (options: { at?: string } & DataDirOption) => {
      await withCliRuntime(options, 'existing', async (runtime) => {
        const chair = await runtime.governance.chair(options.at);
        const current = chair.current;
        console.log(current ? `chair: ${stateName(current.country)} since ${day(current.from)}${current.until ? ` until ${day(current.until)}` : ''}` : 'chair: nobody');
        for (const term of chair.history) console.log(`  ${day(term.from)}  ${stateName(term.country)}`);
        for (const term of chair.scheduled) console.log(`  ${day(term.from)}  ${stateName(term.country)} (scheduled)`);
        if (chair.nextInRotation) console.log(`next in rotation: ${stateName(chair.nextInRotation)}`);
      });
    });
}
