/** The store's contract, in part (store.ts gathers the parts into the Store): devices, attachments, positions and device state (src/telemetry/). */
import type { Attachment, DeviceState, Position, StoredDevice, StoredPosition, UserGeofence } from '../../model/telemetry.js';

/** An attachment that would overlap another of the same device (a device is on one unit at a time). */
export class AttachmentOverlap extends Error {
  override readonly name = 'AttachmentOverlap';
  constructor(readonly existing: Attachment) {
    super(`device '${existing.deviceId}' is attached to ${existing.unitKind} ${existing.unitId} from ${new Date(existing.from).toISOString()}${existing.to === undefined ? '' : ` to ${new Date(existing.to).toISOString()}`}`);
  }
}

export interface DeviceRepository {
  /** Registers a device; false when the id is taken. */
  create(device: StoredDevice): Promise<boolean>;
  get(id: string): Promise<StoredDevice | undefined>;
  /** Many devices by id at once (the pipeline's lookups per batch); unknown ids are absent. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredDevice>>;
  /** By owner (absent: all), ordered by id. */
  list(filter?: { ownerId?: string }): Promise<StoredDevice[]>;
  /** How many devices are registered. */
  count(): Promise<number>;
  /** The device whose credential hashes to this (tokens.ts); undefined when none. */
  byCredential(credentialHash: string): Promise<StoredDevice | undefined>;
  update(id: string, changes: Partial<Pick<StoredDevice, 'name' | 'status' | 'reportingPeriodS' | 'credentialHash'>>): Promise<StoredDevice | undefined>;
  /**
   * Attaches a device to a unit from `attachment.from`; throws AttachmentOverlap (and writes nothing)
   * when the device has an attachment that is open or ends after that instant.
   */
  attach(attachment: Attachment): Promise<void>;
  /** Ends the device's open attachment at `at` (epoch ms); undefined when it has none. */
  detach(deviceId: string, at: number): Promise<Attachment | undefined>;
  /** Attachments of a device, oldest first. */
  attachments(deviceId: string): Promise<Attachment[]>;
  /** Attachments to a unit (by its EPC), oldest first: whose readings belong to that unit when. */
  attachmentsOfUnit(unitEpc: string): Promise<Attachment[]>;
  /** Open attachments of these devices (one at most per device); for the pipeline and the live feed. */
  openAttachments(deviceIds: readonly string[]): Promise<Map<string, Attachment>>;
}

export interface PositionRepository {
  /**
   * Appends positions in one transaction, skipping any whose (device, fixTime) is stored already,
   * and keeps each device's latest position (by fix time). Returns the positions stored, with
   * their sequences, in the order given.
   */
  append(positions: readonly Position[]): Promise<StoredPosition[]>;
  /** One device's positions with from <= fixTime < to (epoch ms), by fix time, up to limit. */
  track(deviceId: string, range: { from?: number; to?: number; limit: number }): Promise<StoredPosition[]>;
  /** The latest position of each of these devices (absent: of every device). */
  latest(deviceIds?: readonly string[]): Promise<Map<string, StoredPosition>>;
  /** Positions stored after this sequence, in sequence order, up to limit (followers of the positions log). */
  after(sequence: number, limit: number): Promise<StoredPosition[]>;
  /** The last sequence handed out (0 before any). */
  lastSequence(): Promise<number>;
  /** Deletes positions fixed before this instant (retention); returns how many. Latest positions are kept. */
  deleteBefore(fixTime: number): Promise<number>;
  /** How many positions are stored. */
  count(): Promise<number>;
}

export interface DeviceStateRepository {
  /** The pipeline state of these devices; absent for a device never seen. */
  get(deviceIds: readonly string[]): Promise<Map<string, DeviceState>>;
  /** Replaces the state of these devices, in one transaction. */
  put(states: readonly DeviceState[]): Promise<void>;
}

export interface GeofenceRepository {
  create(geofence: UserGeofence): Promise<boolean>;
  list(filter?: { ownerId?: string }): Promise<UserGeofence[]>;
  delete(id: string): Promise<boolean>;
}

export interface TelemetryRepository {
  readonly devices: DeviceRepository;
  readonly positions: PositionRepository;
  readonly deviceStates: DeviceStateRepository;
  readonly geofences: GeofenceRepository;
}
