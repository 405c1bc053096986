/**
 * Karvon's configuration: read once at start from the environment, validated, frozen. A bad value
 * stops start-up with a message that names the variable and says what is allowed. The README's
 * configuration table is generated from CONFIG_VARIABLES so the two cannot drift apart.
 */
import path from 'node:path';
import { DatabaseUrlError, DATABASE_URL_FORMS, DEFAULT_SQLITE_FILE, parseDatabaseUrl, type DatabaseLocation } from './database-url.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface KarvonConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The store to open (KARVON_DATABASE_URL); unset: the embedded SQLite file in the data folder. */
  readonly database: DatabaseLocation;
  readonly logLevel: LogLevel;
  /** Largest number of events accepted in one capture request. */
  readonly captureLimit: number;
  /** Largest capture request body in bytes. */
  readonly captureFileSizeLimit: number;
  /** Most list items (EPCs, quantities, transactions, parties, sensor reports...) in one captured event. */
  readonly captureItemLimitPerEvent: number;
  /** Most list items in one capture request, all its events and its header together. */
  readonly captureItemLimitPerDocument: number;
  /** Seconds an event's eventTime may lie after its recordTime (clocks differ); later events are refused. */
  readonly captureMaxClockSkewSeconds: number;
  /** Largest page of events a query may ask for (perPage). */
  readonly queryMaxPerPage: number;
  /** Page size when a query gives no perPage. */
  readonly queryDefaultPerPage: number;
  /** The demo of `karvon serve` on an empty store (`--no-demo` turns it off). */
  readonly demoShipments: number;
  readonly demoDays: number;
  readonly demoSeed: number;
  readonly demoSpeed: number;
  /** Accepted as a network-operator API key (first start, before any organisation exists); never logged. */
  readonly bootstrapToken?: string;
  /** How long a signed-in session lasts without activity, in hours. */
  readonly sessionHours: number;
  /** Failed sign-ins in a row after which an account is locked for `signInLockMinutes`. */
  readonly signInMaxFailures: number;
  readonly signInLockMinutes: number;
  /** Requests per minute allowed to one authenticated caller: an API key, a user (all sessions), the bootstrap token. */
  readonly rateLimitPerKey: number;
  /** Requests per minute allowed to one client address (every caller, signed in or not). */
  readonly rateLimitPerAddress: number;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  /** Behind a TLS-terminating proxy: trust X-Forwarded-For/-Proto (client address, Secure cookies). */
  readonly trustProxy: boolean;
  /** The Ed25519 key that signs the audit log's tree heads (outside the database; default in the data folder). */
  readonly auditKeyFile: string;
  /** The MQTT broker Karvon subscribes to for telemetry (mqtt:// or mqtts://); unset: the in-process broker. */
  readonly mqttUrl?: string;
  /** Port of the in-process MQTT broker when mqttUrl is unset; 0 runs none. */
  readonly mqttPort: number;
  /** Days positions are kept (the latest position of each device is always kept). */
  readonly telemetryRetentionDays: number;
  /** Distance from its corridor (km) beyond which a unit has left its route. */
  readonly routeDeviationKm: number;
  /** Per-corridor thresholds overriding routeDeviationKm. */
  readonly routeDeviationKmByCorridor: Readonly<Record<string, number>>;
  /** How far in the future (by the server's clock) a reading's fix time may be, in seconds. */
  readonly telemetryMaxFutureSeconds: number;
  /** Readings one device may send per minute on average (bursts of 1,000 allowed). */
  readonly deviceReadingsPerMinute: number;
}

/** The audit signing key's file name in the data folder when KARVON_AUDIT_KEY_FILE is not set. */
export const DEFAULT_AUDIT_KEY_FILE = 'audit-key.pem';

interface VariableSpec {
  name: string;
  key: keyof KarvonConfig;
  default: string;
  description: string;
  parse: (raw: string) => KarvonConfig[keyof KarvonConfig];
}

class ConfigValueError extends Error {}

function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new ConfigValueError(`must be a whole number, got '${raw}'`);
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigValueError(`must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): T => {
    const value = raw.toLowerCase() as T;
    if (!allowed.includes(value)) throw new ConfigValueError(`must be one of ${allowed.join(', ')}, got '${raw}'`);
    return value;
  };
}

function secret(minLength: number) {
  return (raw: string): string | undefined => {
    if (raw.trim() === '') return undefined;
    // Never echo a secret back in an error message.
    if (raw.trim().length < minLength) throw new ConfigValueError(`must be at least ${minLength} characters long (it is a password for the whole network)`);
    return raw.trim();
  };
}

function originList(raw: string): string[] {
  const origins = raw.split(',').map((o) => o.trim()).filter((o) => o.length > 0);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigValueError(`must be a comma-separated list of origins such as https://karvon.example.org, got '${origin}'`);
  }
  return origins;
}

function flag(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigValueError(`must be true or false, got '${raw}'`);
}

function databaseUrl(raw: string): DatabaseLocation {
  try {
    return parseDatabaseUrl(raw);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigValueError(error.message);
    throw error;
  }
}

function mqttUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!/^mqtts?:\/\/[^\s/]+/.test(value)) throw new ConfigValueError(`must be an mqtt:// or mqtts:// URL (e.g. mqtt://localhost:1883), not '${value}'`);
  return value;
}

/** `corridor-id=km,other-id=km`: per-corridor route deviation thresholds. */
function corridorKilometres(raw: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([a-z0-9-]+)=(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || Number(m[2]) <= 0) throw new ConfigValueError(`must list corridor=kilometres pairs separated by commas (e.g. cku-road-torugart=30), not '${part}'`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new ConfigValueError('must not be empty');
  return raw;
}

/** Every environment variable Karvon reads, with its default and meaning. */
export const CONFIG_VARIABLES: readonly VariableSpec[] = [
  { name: 'KARVON_PORT', key: 'port', default: '8080', description: 'TCP port of the HTTP server', parse: integer(0, 65535) },
  { name: 'KARVON_HOST', key: 'host', default: '0.0.0.0', description: 'Address the HTTP server listens on', parse: nonEmpty },
  { name: 'KARVON_DATA_DIR', key: 'dataDir', default: './data', description: `Folder of the node's files: the embedded SQLite database (${DEFAULT_SQLITE_FILE}, unless KARVON_DATABASE_URL names another store), the audit signing key, the demo's progress`, parse: (raw) => path.resolve(nonEmpty(raw)) },
  {
    name: 'KARVON_DATABASE_URL',
    key: 'database',
    default: '',
    description: `The store: ${DATABASE_URL_FORMS}. Unset: the embedded SQLite database ${DEFAULT_SQLITE_FILE} in KARVON_DATA_DIR. PostgreSQL is not available in this build yet (start-up stops and says so)`,
    // Resolved against the data folder in loadConfig when unset.
    parse: (raw) => (raw.trim() === '' ? undefined : databaseUrl(raw)),
  },
  { name: 'KARVON_LOG_LEVEL', key: 'logLevel', default: 'info', description: `Log level: ${LOG_LEVELS.join(', ')}`, parse: oneOf(LOG_LEVELS) },
  { name: 'KARVON_CAPTURE_LIMIT', key: 'captureLimit', default: '10000', description: 'Most events accepted in one capture request (GS1-EPCIS-Capture-Limit)', parse: integer(1, 10_000_000) },
  { name: 'KARVON_CAPTURE_FILE_SIZE_LIMIT', key: 'captureFileSizeLimit', default: String(32 * 1024 * 1024), description: 'Largest capture body in bytes (GS1-EPCIS-Capture-File-Size-Limit)', parse: integer(1024, 2 ** 31 - 1) },
  { name: 'KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT', key: 'captureItemLimitPerEvent', default: '10000', description: 'Most list items in one captured event: every item of every list in it (EPCs, quantities, business transactions, sources, destinations, sensor elements and reports, extension lists); a longer event is refused (Karvon-Capture-Item-Limit-Per-Event)', parse: integer(1, 10_000_000) },
  { name: 'KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT', key: 'captureItemLimitPerDocument', default: '100000', description: 'Most list items in one capture request, its events and header together; a larger document is refused (Karvon-Capture-Item-Limit-Per-Document)', parse: integer(1, 100_000_000) },
  { name: 'KARVON_CAPTURE_MAX_CLOCK_SKEW', key: 'captureMaxClockSkewSeconds', default: '900', description: "Seconds an event's eventTime may lie after the time it is captured (its recordTime), for clocks that differ; an event dated later is refused", parse: integer(0, 31_536_000) },
  { name: 'KARVON_QUERY_MAX_PER_PAGE', key: 'queryMaxPerPage', default: '1000', description: 'Largest page of events a query may request (perPage)', parse: integer(1, 100_000) },
  { name: 'KARVON_QUERY_DEFAULT_PER_PAGE', key: 'queryDefaultPerPage', default: '100', description: 'Page size when a query names none', parse: integer(1, 100_000) },
  { name: 'KARVON_DEMO_SHIPMENTS', key: 'demoShipments', default: '3000', description: 'Shipments in the demo that `karvon serve` starts on an empty store (`--no-demo` for none)', parse: integer(1, 1_000_000) },
  { name: 'KARVON_DEMO_DAYS', key: 'demoDays', default: '21', description: 'Days of demo history before now (as many again are played back live)', parse: integer(1, 365) },
  { name: 'KARVON_DEMO_SEED', key: 'demoSeed', default: '1', description: 'Seed of the demo simulation (same seed, same events)', parse: integer(0, 2 ** 31 - 1) },
  { name: 'KARVON_DEMO_SPEED', key: 'demoSpeed', default: '1', description: 'How much faster than the clock the live demo runs (1 keeps event times truthful)', parse: integer(1, 10_000) },
  { name: 'KARVON_BOOTSTRAP_TOKEN', key: 'bootstrapToken', default: '', description: 'When set (32 characters at least), accepted as a network-operator API key so the first organisations can be created; unset it afterwards', parse: secret(32) },
  { name: 'KARVON_SESSION_HOURS', key: 'sessionHours', default: '12', description: 'Hours a signed-in session lasts without activity', parse: integer(1, 24 * 30) },
  { name: 'KARVON_SIGN_IN_MAX_FAILURES', key: 'signInMaxFailures', default: '5', description: 'Failed sign-ins in a row that lock an account', parse: integer(1, 1000) },
  { name: 'KARVON_SIGN_IN_LOCK_MINUTES', key: 'signInLockMinutes', default: '15', description: 'Minutes an account stays locked after too many failed sign-ins', parse: integer(1, 24 * 60) },
  { name: 'KARVON_RATE_LIMIT_PER_KEY', key: 'rateLimitPerKey', default: '6000', description: 'Requests per minute for one API key, one signed-in user (all their sessions together) or the bootstrap token', parse: integer(1, 10_000_000) },
  { name: 'KARVON_RATE_LIMIT_PER_ADDRESS', key: 'rateLimitPerAddress', default: '12000', description: 'Requests per minute from one client address', parse: integer(1, 10_000_000) },
  { name: 'KARVON_CORS_ORIGINS', key: 'corsOrigins', default: '', description: 'Comma-separated origins allowed to call the API from a browser (none by default)', parse: originList },
  { name: 'KARVON_TRUST_PROXY', key: 'trustProxy', default: 'false', description: 'Set to true behind a TLS-terminating reverse proxy (client address and Secure cookies from X-Forwarded-*)', parse: flag },
  {
    name: 'KARVON_AUDIT_KEY_FILE',
    key: 'auditKeyFile',
    default: '',
    description: `File of the Ed25519 key that signs the audit log's tree heads (PEM, mode 0600, made at the first start; back it up apart from the database: a node whose log has heads will not start without it). Unset: ${DEFAULT_AUDIT_KEY_FILE} in KARVON_DATA_DIR`,
    // Resolved against the data folder in loadConfig when unset.
    parse: (raw) => (raw.trim() === '' ? '' : path.resolve(raw.trim())),
  },
  { name: 'KARVON_MQTT_URL', key: 'mqttUrl', default: '', description: 'MQTT broker Karvon subscribes to for telemetry (karvon/devices/+/telemetry), e.g. mqtt://localhost:1883 for Mosquitto. Unset: Karvon runs its own broker in the process on KARVON_MQTT_PORT', parse: mqttUrl },
  { name: 'KARVON_MQTT_PORT', key: 'mqttPort', default: '1883', description: 'TCP port of the in-process MQTT broker when KARVON_MQTT_URL is unset; 0 runs none', parse: integer(0, 65535) },
  { name: 'KARVON_TELEMETRY_RETENTION_DAYS', key: 'telemetryRetentionDays', default: '90', description: "Days positions are kept (each device's latest position is always kept)", parse: integer(1, 36_500) },
  { name: 'KARVON_ROUTE_DEVIATION_KM', key: 'routeDeviationKm', default: '50', description: 'Distance from its corridor in km beyond which a unit has left its route (the EAEU seals use 50 km)', parse: integer(1, 10_000) },
  { name: 'KARVON_ROUTE_DEVIATION_KM_BY_CORRIDOR', key: 'routeDeviationKmByCorridor', default: '', description: 'Per-corridor route deviation thresholds as corridor=km pairs separated by commas (e.g. cku-road-torugart=30)', parse: corridorKilometres },
  { name: 'KARVON_TELEMETRY_MAX_FUTURE_SECONDS', key: 'telemetryMaxFutureSeconds', default: '300', description: "Seconds a reading's fix time may lie after the server's clock; later readings are refused", parse: integer(0, 86_400) },
  { name: 'KARVON_DEVICE_READINGS_PER_MINUTE', key: 'deviceReadingsPerMinute', default: '120', description: 'Readings one device may send per minute on average (a burst of 1,000 is allowed, for trackers sending what they kept out of coverage); more are refused', parse: integer(1, 1_000_000) },
];

/** Raised when the environment holds bad values; lists every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<KarvonConfig> = {}): KarvonConfig {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const spec of CONFIG_VARIABLES) {
    const raw = env[spec.name];
    try {
      values[spec.key] = spec.parse(raw === undefined || raw === '' ? spec.default : raw);
    } catch (error) {
      if (!(error instanceof ConfigValueError)) throw error;
      problems.push(`${spec.name} ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const merged = { ...values, ...overrides } as KarvonConfig;
  const config: KarvonConfig = {
    ...merged,
    auditKeyFile: merged.auditKeyFile || path.join(merged.dataDir, DEFAULT_AUDIT_KEY_FILE),
    database: Object.freeze(merged.database ?? { kind: 'sqlite-file', file: path.join(merged.dataDir, DEFAULT_SQLITE_FILE) }),
  };
  if (config.queryDefaultPerPage > config.queryMaxPerPage) {
    throw new ConfigError('Invalid configuration:\n  - KARVON_QUERY_DEFAULT_PER_PAGE must not exceed KARVON_QUERY_MAX_PER_PAGE');
  }
  if (config.captureItemLimitPerEvent > config.captureItemLimitPerDocument) {
    throw new ConfigError('Invalid configuration:\n  - KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT must not exceed KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT');
  }
  return Object.freeze(config);
}
