// The network-wide settings the chair manages: each has a description, a default and a check of its
// value, so a typo in a name or a threshold of "-3" is refused instead of silently stored. Stored
// values (GovernanceRepository settings) override the defaults.
import type { GovernanceProblem } from './governance-rules.js';

export interface SettingDefinition {
  readonly description: string;
  readonly default: unknown;
  /** Undefined when the value is acceptable, else why not. */
  check(value: unknown): string | undefined;
}

const wholeNumber = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? undefined : `a whole number from ${min} to ${max}`;

export const NETWORK_SETTINGS: Readonly<Record<string, SettingDefinition>> = {
  borderDwellAlertHours: {
    description: 'Hours a shipment may wait at a border crossing before it is reported as held up',
    default: 48,
    check: wholeNumber(1, 720),
  },
  delayAlertHours: {
    description: 'Hours behind its estimate after which a shipment is reported as delayed',
    default: 24,
    check: wholeNumber(1, 720),
  },
  publicLinkMaxDays: {
    description: 'Longest validity, in days, of a public tracking link',
    default: 30,
    check: wholeNumber(1, 365),
  },
  referenceDataVersion: {
    description: 'Version of the shared reference data (crossings, ports, corridors) the network has agreed on',
    default: '1',
    check: (value) => (typeof value === 'string' && /^[\w.-]{1,40}$/.test(value) ? undefined : 'a version label of 1 to 40 letters, digits, dots or dashes'),
  },
};

/** Whether `value` may be stored under `name`; undefined when it may. */
export function settingProblem(name: string, value: unknown): GovernanceProblem | undefined {
  const definition = NETWORK_SETTINGS[name];
  if (!definition) {
    return { code: 'KRV_NO_SUCH_RESOURCE', message: `There is no network setting '${name}'; the settings are ${Object.keys(NETWORK_SETTINGS).join(', ')}` };
  }
  const expected = definition.check(value);
  return expected ? { code: 'KRV_VALIDATION', message: `${name} must be ${expected}, got ${JSON.stringify(value)}` } : undefined;
}
