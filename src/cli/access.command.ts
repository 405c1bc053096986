/**
 * `karvon org|user|key ...`: create the first organisations, users and API keys on the server's own
 * data folder (before anyone can sign in), and list them. The command line acts with full rights
 * (whoever runs it holds the database anyway) and every act is written to the audit log (via 'cli').
 * Passwords never appear on the command line, where `ps` and shell histories would show them: they
 * are read from standard input (`--password-stdin`) or from KARVON_NEW_PASSWORD.
 */
import type { Command } from 'commander';
import { KEY_SCOPES, ORGANISATION_KINDS, USER_ROLES, type KeyScope, type OrganisationKind, type UserRole } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Runtime } from '../runtime/runtime.js';
import { openCliRuntime, withDataDirOption, type DataDirOption, type StoreUse } from './cli-runtime.js';

async function withRuntime(options: DataDirOption, use: StoreUse, work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openCliRuntime(options, use);
  try {
    await work(runtime);
  } catch (error) {
    // Validation problems name every field; print them all, not only the summary.
    if (error instanceof KarvonError && error.issues.length > 0) {
      throw new Error(`${error.message}\n${error.issues.map((issue) => `  ${issue.pointer ?? ''}: ${issue.message}`).join('\n')}`);
    }
    throw error;
  } finally {
    await runtime.close();
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The new user's password: from standard input (first line) or KARVON_NEW_PASSWORD; never an argument. */
async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return (await readStdin()).split(/\r?\n/)[0] ?? '';
  const fromEnv = process.env.KARVON_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  throw new KarvonError('KRV_VALIDATION', 'Give the password on standard input with --password-stdin, or in KARVON_NEW_PASSWORD');
}

export function registerAccessCommands(program: Command): void {
  const org = program.command('org').description('Organisations of the network');
  withDataDirOption(org.command('create'))
    .description('Create an organisation')
    .requiredOption('--id <id>', 'lower-case letters, digits and dashes, e.g. kz-customs')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(', '))
    .option('--country <code>', 'ISO 3166-1 alpha-2 (not for the secretariat, council or network operator)')
    .option('--party-id <id>', 'how events name it (PGLN, GLN or party name); repeatable', collect, [])
    .option('--location <id>', 'a reference location it operates (where it may capture); repeatable', collect, [])
    .action(async (options: { id: string; name: string; kind: string; country?: string; partyId: string[]; location: string[] } & DataDirOption) =>
      withRuntime(options, 'may-create', async (runtime) => {
        const organisation = await runtime.access.createOrganisation('cli', {
          id: options.id,
          name: options.name,
          kind: options.kind as OrganisationKind,
          ...(options.country !== undefined ? { country: options.country.toUpperCase() } : {}),
          partyIds: options.partyId,
          locations: options.location,
        });
        console.log(`created organisation ${organisation.id} (${organisation.kind}${organisation.country ? `, ${organisation.country}` : ''})`);
      }),
    );
  withDataDirOption(org.command('list'))
    .description('List the organisations')
    .option('--country <code>', 'only of this country')
    .action(async (options: { country?: string } & DataDirOption) =>
      withRuntime(options, 'existing', async (runtime) => {
        const all = await runtime.access.listOrganisations('cli', options.country ? { country: options.country.toUpperCase() } : {});
        for (const o of all) console.log(`${o.id}\t${o.kind}\t${o.country ?? '-'}\t${o.status}\t${o.name}`);
        if (all.length === 0) console.log('no organisations');
      }),
    );
  for (const [name, verb] of [['suspend', 'Suspend'], ['reactivate', 'Reactivate']] as const) {
    withDataDirOption(org.command(`${name} <id>`))
      .description(`${verb} an organisation (its users and keys stop or start working at once)`)
      .action(async (id: string, options: DataDirOption) =>
        withRuntime(options, 'existing', async (runtime) => {
          const changed = name === 'suspend' ? await runtime.access.suspendOrganisation('cli', id) : await runtime.access.reactivateOrganisation('cli', id);
          console.log(`${changed.id} is ${changed.status}`);
        }),
      );
  }

  const users = program.command('user').description('Users of an organisation');
  withDataDirOption(users.command('create'))
    .description('Create a user (the password comes from standard input or KARVON_NEW_PASSWORD, 12 characters at least)')
    .requiredOption('--org <id>', 'the organisation')
    .requiredOption('--email <email>', 'the sign-in name')
    .requiredOption('--name <name>', 'the person\'s name')
    .requiredOption('--role <role>', USER_ROLES.join(', '))
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (options: { org: string; email: string; name: string; role: string; passwordStdin?: boolean } & DataDirOption) => {
      const password = await newPassword(options.passwordStdin === true);
      await withRuntime(options, 'existing', async (runtime) => {
        const user = await runtime.access.createUser('cli', { organisationId: options.org, email: options.email, name: options.name, role: options.role as UserRole, password });
        console.log(`created user ${user.email} (${user.role} of ${user.organisationId}), id ${user.id}`);
      });
    });

  const key = program.command('key').description('API keys of an organisation');
  withDataDirOption(key.command('create'))
    .description('Create an API key and print its secret (shown this once: store it now)')
    .requiredOption('--org <id>', 'the organisation')
    .requiredOption('--name <name>', 'what the key is for')
    .requiredOption('--scopes <list>', `comma-separated: ${KEY_SCOPES.join(', ')}`)
    .action(async (options: { org: string; name: string; scopes: string } & DataDirOption) =>
      withRuntime(options, 'existing', async (runtime) => {
        const scopes = options.scopes.split(',').map((s) => s.trim()).filter((s) => s !== '') as KeyScope[];
        const created = await runtime.access.createApiKey('cli', { organisationId: options.org, name: options.name, scopes });
        console.error(`created key ${created.key.id} for ${created.key.organisationId} (${created.key.scopes.join(', ')}); the secret follows, it is not shown again:`);
        console.log(created.secret);
      }),
    );
  withDataDirOption(key.command('revoke <id>'))
    .description('Revoke an API key')
    .action(async (id: string, options: DataDirOption) =>
      withRuntime(options, 'existing', async (runtime) => {
        const revoked = await runtime.access.revokeApiKey('cli', id);
        console.log(`revoked key ${revoked.id} of ${revoked.organisationId}`);
      }),
    );
}
