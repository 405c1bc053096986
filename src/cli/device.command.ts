/**
 * `karvon device register|attach|detach|list`: the device registry on the server's own data folder
 * (the API does the same over HTTP: /api/devices). The command line acts with full rights and
 * every act is written to the audit log (via 'cli'). The device token is printed once.
 */
import type { Command } from 'commander';
import { DEVICE_KINDS, UNIT_KINDS, type DeviceKind, type UnitKind } from '../model/telemetry.js';
import { deviceView } from '../telemetry/device-service.js';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import type { Runtime } from '../runtime/runtime.js';

async function withRuntime(options: DataDirOption, work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openCliRuntime(options, 'existing');
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

function when(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('Trackers and electronic seals: register, attach to units, list');
  withDataDirOption(device.command('register'))
    .description('Register a device and print its token (shown once)')
    .requiredOption('--id <id>', 'the identifier the device reports with')
    .requiredOption('--kind <kind>', DEVICE_KINDS.join(' or '))
    .requiredOption('--owner <organisation>', 'the organisation that owns it')
    .option('--period <seconds>', 'reporting period in seconds (default 60 for a tracker, 300 for a seal)')
    .option('--name <name>', 'a name people know it by')
    .action(async (options: { id: string; kind: string; owner: string; period?: string; name?: string } & DataDirOption) =>
      withRuntime(options, async (runtime) => {
        const { device: created, token } = await runtime.devices.register('cli', {
          id: options.id,
          kind: options.kind as DeviceKind,
          ownerId: options.owner,
          ...(options.period !== undefined ? { reportingPeriodS: Number(options.period) } : {}),
          ...(options.name !== undefined ? { name: options.name } : {}),
        });
        console.log(`registered ${created.kind} ${created.id} of ${created.ownerId} (reports every ${created.reportingPeriodS} s)`);
        console.log(`its token (shown once): ${token}`);
      }));
  withDataDirOption(device.command('attach'))
    .description('Attach a device to a container, wagon, truck or trailer')
    .requiredOption('--id <id>', 'the device')
    .requiredOption('--unit-kind <kind>', UNIT_KINDS.join(', '))
    .requiredOption('--unit <id>', 'container number, wagon number or plate')
    .option('--country <code>', 'country of the plate (trucks, trailers)')
    .option('--from <instant>', 'when it was attached (ISO 8601; default now)')
    .action(async (options: { id: string; unitKind: string; unit: string; country?: string; from?: string } & DataDirOption) =>
      withRuntime(options, async (runtime) => {
        const a = await runtime.devices.attach('cli', options.id, {
          unitKind: options.unitKind as UnitKind,
          unitId: options.unit,
          ...(options.country ? { country: options.country } : {}),
          ...(options.from ? { from: options.from } : {}),
        });
        console.log(`attached ${a.deviceId} to ${a.unitKind} ${a.unitId} from ${when(a.from)}`);
      }));
  withDataDirOption(device.command('detach'))
    .description('Detach a device from its unit')
    .requiredOption('--id <id>', 'the device')
    .option('--at <instant>', 'when it was taken off (ISO 8601; default now)')
    .action(async (options: { id: string; at?: string } & DataDirOption) =>
      withRuntime(options, async (runtime) => {
        const a = await runtime.devices.detach('cli', options.id, options.at);
        console.log(`detached ${a.deviceId} from ${a.unitKind} ${a.unitId} at ${when(a.to)}`);
      }));
  withDataDirOption(device.command('list'))
    .description('List devices, with what each is attached to now')
    .option('--owner <organisation>', 'only this organisation\'s')
    .action(async (options: { owner?: string } & DataDirOption) =>
      withRuntime(options, async (runtime) => {
        const devices = await runtime.devices.list('cli', options.owner);
        const open = await runtime.store.telemetry.devices.openAttachments(devices.map((d) => d.id));
        for (const d of devices.map(deviceView)) {
          const a = open.get(d.id);
          console.log(`${d.id}\t${d.kind}\t${d.ownerId}\t${d.status}\t${a ? `${a.unitKind} ${a.unitId} since ${when(a.from)}` : 'not attached'}`);
        }
        if (devices.length === 0) console.log('no devices');
      }));
}
