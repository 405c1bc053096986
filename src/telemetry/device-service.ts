/**
 * The device registry: trackers and electronic seals, their credentials, and their attachment to
 * transport units over time. Every change is checked (who may manage whose devices) and written to
 * the audit log, refusals too, like the other administrative acts (src/access/audited-actions.ts).
 *
 * Who may do what:
 * - register a device, change it, issue its credential: the owner's admins, the national
 *   coordinator of the owner's country, the network operator (the rules of src/access/access-rules.ts);
 * - attach and detach: the same, and the owner's operators (the `capture` right): fixing a seal on a
 *   container is daily work at a terminal, not administration;
 * - see a device: whoever may see its owner organisation.
 */
import { canManageMembersOf, canSeeOrganisation, type Actor } from '../access/access-rules.js';
import { AuditedActions } from '../access/audited-actions.js';
import { newDeviceToken } from '../access/tokens.js';
import { parseTransportUnitId } from '../domain/shipment/transport-unit-rules.js';
import { containerIri, vehicleIri, wagonIri } from '../domain/index.js';
import { KarvonError } from '../errors.js';
import { hasScope, type Organisation } from '../model/access.js';
import type { AuditRecorder } from '../model/governance.js';
import { DEVICE_KINDS, UNIT_KINDS, type Attachment, type Device, type DeviceKind, type StoredDevice, type UnitKind } from '../model/telemetry.js';
import type { EventBus } from '../bus/event-bus.js';
import { AttachmentOverlap, type Store } from '../store/store.js';

export interface DeviceInput {
  id: string;
  kind: DeviceKind;
  /** Absent: the caller's own organisation. */
  ownerId?: string;
  reportingPeriodS?: number;
  name?: string;
}

export interface AttachInput {
  unitKind: UnitKind;
  unitId: string;
  /** ISO 3166-1 alpha-2 of the plate, for trucks and trailers (plates are unique only within a country). */
  country?: string;
  /** When it was attached (ISO instant); absent: now. */
  from?: string;
}

/** A device as the API shows it: never its credential hash. */
export type DeviceView = Device & { readonly hasCredential: boolean };

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DEFAULT_PERIOD_S: Readonly<Record<DeviceKind, number>> = { tracker: 60, 'e-seal': 300 };
const MAX_PERIOD_S = 86_400;

export function deviceView(device: StoredDevice): DeviceView {
  const { credentialHash, ...rest } = device;
  return { ...rest, hasCredential: credentialHash !== undefined };
}

/** The EPC of a unit as the profile writes it, or a validation error naming the field. */
export function unitEpcOf(input: AttachInput): { unitId: string; unitEpc: string } {
  if (!(UNIT_KINDS as readonly string[]).includes(input.unitKind)) {
    throw new KarvonError('KRV_VALIDATION', `unitKind must be one of ${UNIT_KINDS.join(', ')}, not '${String(input.unitKind)}'`, [{ pointer: '/unitKind', message: 'unknown unit kind' }]);
  }
  const needsCountry = input.unitKind === 'truck' || input.unitKind === 'trailer';
  if (needsCountry && !(typeof input.country === 'string' && /^[A-Za-z]{2}$/.test(input.country))) {
    throw new KarvonError('KRV_VALIDATION', `A ${input.unitKind} needs the country of its plate (country: ISO 3166-1 alpha-2)`, [{ pointer: '/country', message: 'required for trucks and trailers' }]);
  }
  const parsed = parseTransportUnitId({ kind: input.unitKind, id: input.unitId, ...(input.country ? { country: input.country } : {}) });
  if (!parsed.ok) throw new KarvonError('KRV_VALIDATION', `unitId: ${parsed.error}`, [{ pointer: '/unitId', message: parsed.error }]);
  const unitId = parsed.value;
  switch (input.unitKind) {
    case 'container': return { unitId, unitEpc: containerIri(unitId) };
    case 'wagon': return { unitId, unitEpc: wagonIri(unitId) };
    case 'truck':
    case 'trailer': return { unitId, unitEpc: vehicleIri(input.country!.toUpperCase(), unitId) };
  }
}

function instant(value: string | undefined, now: Date, pointer: string): number {
  if (value === undefined) return now.getTime();
  const at = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(at)) throw new KarvonError('KRV_VALIDATION', `${pointer.slice(1)} must be an ISO 8601 date-time, not '${value}'`, [{ pointer, message: 'not a date-time' }]);
  return at;
}

export class DeviceService {
  private readonly audited: AuditedActions;

  /** `bus` hears of every change ('telemetry.device-changed'): the pipeline's device directory forgets what it knew. */
  constructor(private readonly deps: { store: Store; audit: AuditRecorder; now: () => Date; bus?: EventBus }) {
    this.audited = new AuditedActions(deps.audit);
  }

  private changed(deviceId: string): void {
    this.deps.bus?.publish('telemetry.device-changed', { deviceId });
  }

  private async organisation(id: string): Promise<Organisation> {
    const organisation = await this.deps.store.access.organisations.get(id);
    if (!organisation) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No organisation has the id '${id}'`);
    return organisation;
  }

  /** The device, if the actor may see it; a device it may not see is answered like one that does not exist. */
  async get(actor: Actor, id: string): Promise<StoredDevice> {
    const device = await this.deps.store.telemetry.devices.get(id);
    const unknown = new KarvonError('KRV_NO_SUCH_RESOURCE', `No device has the id '${id}'`);
    if (!device) throw unknown;
    const owner = await this.deps.store.access.organisations.get(device.ownerId);
    if (!owner || !canSeeOrganisation(actor, owner)) throw unknown;
    return device;
  }

  private async manageable(actor: Actor, id: string, what: string, operatorsToo = false): Promise<StoredDevice> {
    const device = await this.get(actor, id);
    const owner = await this.organisation(device.ownerId);
    const operator = operatorsToo && actor !== 'cli' && actor.organisation.id === owner.id && hasScope(actor, 'capture');
    if (!operator && !canManageMembersOf(actor, owner)) {
      throw new KarvonError('KRV_FORBIDDEN', `You may not ${what} of device '${id}': that is for ${operatorsToo ? 'its owner' : "its owner's admins"}, the national coordinator of its country or the network operator`);
    }
    return device;
  }

  /** Devices the actor may see, of one owner or of every owner it may see. */
  async list(actor: Actor, ownerId?: string): Promise<StoredDevice[]> {
    const devices = await this.deps.store.telemetry.devices.list(ownerId ? { ownerId } : {});
    const visible = new Map<string, boolean>();
    const out: StoredDevice[] = [];
    for (const device of devices) {
      if (!visible.has(device.ownerId)) {
        const owner = await this.deps.store.access.organisations.get(device.ownerId);
        visible.set(device.ownerId, owner !== undefined && canSeeOrganisation(actor, owner));
      }
      if (visible.get(device.ownerId)) out.push(device);
    }
    return out;
  }

  /** Registers a device and issues its credential (the token is shown this once). */
  async register(actor: Actor, input: DeviceInput): Promise<{ device: DeviceView; token: string }> {
    const ownerId = input.ownerId ?? (actor === 'cli' ? undefined : actor.organisation.id);
    return this.audited.run(actor, 'device.register', input.id, async () => {
      if (ownerId === undefined) throw new KarvonError('KRV_VALIDATION', 'ownerId is required on the command line (--owner)', [{ pointer: '/ownerId', message: 'required' }]);
      const problems: { pointer: string; message: string }[] = [];
      if (typeof input.id !== 'string' || !DEVICE_ID.test(input.id)) problems.push({ pointer: '/id', message: 'a device id is 1 to 128 letters, digits, dots, dashes, underscores or colons' });
      if (!(DEVICE_KINDS as readonly string[]).includes(input.kind)) problems.push({ pointer: '/kind', message: `one of ${DEVICE_KINDS.join(', ')}` });
      const period = input.reportingPeriodS ?? DEFAULT_PERIOD_S[input.kind] ?? 60;
      if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD_S) problems.push({ pointer: '/reportingPeriodS', message: `whole seconds from 1 to ${MAX_PERIOD_S}` });
      if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 200)) problems.push({ pointer: '/name', message: 'at most 200 characters' });
      if (problems.length > 0) throw new KarvonError('KRV_VALIDATION', `The device has ${problems.length} problem(s); first: ${problems[0]!.pointer}: ${problems[0]!.message}`, problems);
      const owner = await this.organisation(ownerId);
      if (!canManageMembersOf(actor, owner)) throw new KarvonError('KRV_FORBIDDEN', `You may not register devices of '${owner.id}'`);
      const credential = newDeviceToken();
      const device: StoredDevice = {
        id: input.id,
        kind: input.kind,
        ownerId: owner.id,
        reportingPeriodS: period,
        ...(input.name ? { name: input.name } : {}),
        status: 'active',
        createdAt: this.deps.now().toISOString(),
        credentialHash: credential.tokenHash,
      };
      if (!(await this.deps.store.telemetry.devices.create(device))) throw new KarvonError('KRV_ALREADY_EXISTS', `A device with the id '${input.id}' is registered already`);
      this.changed(device.id);
      return { result: { device: deviceView(device), token: credential.token }, details: { ownerId: owner.id, kind: device.kind, reportingPeriodS: period } };
    });
  }

  /** Issues a new credential; the old one stops working at once. */
  async renewCredential(actor: Actor, id: string): Promise<{ device: DeviceView; token: string }> {
    return this.audited.run(actor, 'device.credential', id, async () => {
      await this.manageable(actor, id, 'issue credentials');
      const credential = newDeviceToken();
      const device = await this.deps.store.telemetry.devices.update(id, { credentialHash: credential.tokenHash });
      this.changed(id);
      return { result: { device: deviceView(device!), token: credential.token }, details: {} };
    });
  }

  /** Retires a device (its readings are refused from now on) or brings it back. */
  async setStatus(actor: Actor, id: string, status: Device['status']): Promise<DeviceView> {
    return this.audited.run(actor, status === 'retired' ? 'device.retire' : 'device.reactivate', id, async () => {
      await this.manageable(actor, id, 'retire or reactivate');
      const device = await this.deps.store.telemetry.devices.update(id, { status });
      this.changed(id);
      return { result: deviceView(device!), details: {} };
    });
  }

  async attach(actor: Actor, id: string, input: AttachInput): Promise<Attachment> {
    return this.audited.run(actor, 'device.attach', id, async () => {
      await this.manageable(actor, id, 'attach', true);
      const { unitId, unitEpc } = unitEpcOf(input);
      const from = instant(input.from, this.deps.now(), '/from');
      const attachment: Attachment = { deviceId: id, unitKind: input.unitKind, unitId, unitEpc, from };
      try {
        await this.deps.store.telemetry.devices.attach(attachment);
      } catch (error) {
        if (error instanceof AttachmentOverlap) throw new KarvonError('KRV_CONFLICT', `${error.message}: detach it first`);
        throw error;
      }
      this.changed(id);
      return { result: attachment, details: { unitKind: input.unitKind, unitId, from: new Date(from).toISOString() } };
    });
  }

  async detach(actor: Actor, id: string, at?: string): Promise<Attachment> {
    return this.audited.run(actor, 'device.detach', id, async () => {
      await this.manageable(actor, id, 'detach', true);
      const when = instant(at, this.deps.now(), '/at');
      const open = (await this.deps.store.telemetry.devices.openAttachments([id])).get(id);
      if (!open) throw new KarvonError('KRV_CONFLICT', `Device '${id}' is not attached to any unit`);
      if (when < open.from) throw new KarvonError('KRV_VALIDATION', `at (${new Date(when).toISOString()}) is before the device was attached (${new Date(open.from).toISOString()})`, [{ pointer: '/at', message: 'before the attachment' }]);
      const ended = await this.deps.store.telemetry.devices.detach(id, when);
      this.changed(id);
      return { result: ended!, details: { unitKind: open.unitKind, unitId: open.unitId, at: new Date(when).toISOString() } };
    });
  }

  async attachments(actor: Actor, id: string): Promise<Attachment[]> {
    await this.get(actor, id);
    return this.deps.store.telemetry.devices.attachments(id);
  }
}
