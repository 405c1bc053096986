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

/** The most days a chair may allow a public tracking link (the setting's own upper bound). */
export const PUBLIC_LINK_MAX_DAYS_CEILING = 365;

// Only settings some code reads are offered: the alert thresholds (hours at a border, hours behind
// the estimate) wait for the alerts that will use them. A value stored under a name no longer
// offered stays in the store but is neither shown nor read, so it changes nothing.
export const NETWORK_SETTINGS: Readonly<Record<string, SettingDefinition>> = {
  publicLinkMaxDays: {
    description: 'Longest validity, in days, of a public tracking link: a longer link is refused when it is minted',
    default: 30,
    check: wholeNumber(1, PUBLIC_LINK_MAX_DAYS_CEILING),
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
