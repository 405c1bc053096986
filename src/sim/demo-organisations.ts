// The organisations of the demo: for every member state a national coordinator, the customs
// authority, the national railway, its ports, the carriers the simulator names and its forwarders;
// and the network-wide bodies. Each gets one demo user (docs/demo.md lists the sign-ins), and the
// governance history (six members, Azerbaijan admitted by unanimous vote, Turkmenistan in the chair)
// is seeded on top. Everything is created through the access and governance services, so it is
// checked and audited like any other change, and every step is skipped when it was done already.
import type { AccessService } from '../access/access-service.js';
import type { OrganisationInput } from '../access/access-input.js';
import type { GovernanceService } from '../governance/governance-service.js';
import { referenceData, type CountryCode, type Leg } from '../reference/index.js';
import type { Store } from '../store/store.js';
import { simRoute } from './sim-route.js';
import { simCarrierOf, SIM_FORWARDERS } from './sim-parties.js';
import { CORRIDOR_SHARE } from './simulate.js';

/** The member states of the demo network, founders first, then Azerbaijan. */
export const DEMO_MEMBER_STATES = ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'AZ'] as const;
/** The password of every demo user: for the demo only (`--no-demo` creates no users). */
export const DEMO_PASSWORD = 'karvon-demo-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.karvon.org';
/** The network operator of the demo (`network-operator` itself is the bootstrap token's identity). */
export const DEMO_OPERATOR_ID = 'karvon-operator';

const DAY_MS = 86_400_000;

const CUSTOMS_NAMES: Readonly<Record<string, string>> = {
  KZ: 'State Revenue Committee of Kazakhstan (customs)',
  KG: 'State Customs Service of Kyrgyzstan',
  TJ: 'Customs Service of Tajikistan',
  TM: 'State Customs Service of Turkmenistan',
  UZ: 'Customs Committee of Uzbekistan',
  AZ: 'State Customs Committee of Azerbaijan',
};

const RAILWAY_NAMES: Readonly<Record<string, string>> = {
  KZ: 'Kazakhstan Temir Zholy',
  KG: 'Kyrgyz Temir Zholu',
  TJ: 'Rohi Ohani Tojikiston',
  TM: 'Türkmendemirýollary',
  UZ: "O'zbekiston Temir Yo'llari",
  AZ: 'Azerbaijan Railways',
};

/** The sign-in name of an organisation's demo user. */
export function demoEmailOf(organisationId: string): string {
  return `${organisationId}@${DEMO_EMAIL_DOMAIN}`;
}

function countryName(country: string): string {
  return referenceData().countries.get(country as CountryCode)?.names.en ?? country;
}

/**
 * The carriers the simulator names: the one that takes the goods at the origin of each simulated
 * corridor (sim-journey.ts). On rail that is the national railway of a member state, which gets the
 * PGLN itself; every other (country, mode) becomes a carrier organisation.
 */
export function simulatedFirstCarriers(): { country: string; mode: Leg['mode']; pgln: string }[] {
  const seen = new Map<string, { country: string; mode: Leg['mode']; pgln: string }>();
  for (const corridor of referenceData().corridors.values()) {
    if (corridor.status !== 'operational' || !(CORRIDOR_SHARE[corridor.id]! > 0)) continue;
    const country = simRoute(corridor).points[0]!.countryAfter;
    const mode = corridor.legs[0]!.mode;
    seen.set(`${country} ${mode}`, { country, mode, pgln: simCarrierOf(country, mode) });
  }
  return [...seen.values()].sort((a, b) => a.country.localeCompare(b.country) || a.mode.localeCompare(b.mode));
}

/** Every demo organisation, in the order they are created. */
export function demoOrganisations(): OrganisationInput[] {
  const reference = referenceData();
  const members: readonly string[] = DEMO_MEMBER_STATES;
  const organisations: OrganisationInput[] = [
    { id: DEMO_OPERATOR_ID, name: 'Karvon network operator (demo)', kind: 'network-operator' },
    { id: 'secretariat', name: 'Regional secretariat (demo)', kind: 'secretariat' },
    { id: 'council', name: 'Council of the member states (demo)', kind: 'council' },
  ];
  for (const country of DEMO_MEMBER_STATES) {
    const code = country.toLowerCase();
    organisations.push(
      { id: `${code}-coordinator`, name: `National coordinator of ${countryName(country)} (demo)`, kind: 'national-coordinator', country },
      { id: `${code}-customs`, name: `${CUSTOMS_NAMES[country]} (demo)`, kind: 'customs-authority', country },
      {
        id: `${code}-railway`,
        name: `${RAILWAY_NAMES[country]} (demo)`,
        kind: 'railway',
        country,
        partyIds: [simCarrierOf(country, 'rail')],
        locations: [...reference.locations.values()].filter((l) => l.kind === 'terminal' && l.countries[0] === country && l.modes.includes('rail')).map((l) => l.id),
      },
    );
    for (const port of [...reference.locations.values()].filter((l) => l.kind === 'port' && l.countries[0] === country)) {
      organisations.push({ id: `${code}-port-${port.id.replace(/-port$/, '')}`, name: `${port.names.en} (demo)`, kind: 'port', country, locations: [port.id] });
    }
  }
  for (const carrier of simulatedFirstCarriers()) {
    if (carrier.mode === 'rail' && members.includes(carrier.country)) continue; // the national railway
    organisations.push({
      id: `${carrier.country.toLowerCase()}-carrier-${carrier.mode}`,
      name: `${countryName(carrier.country)} ${carrier.mode === 'rail' ? 'rail operator' : carrier.mode === 'road' ? 'road haulier' : 'shipping line'} (demo)`,
      kind: 'carrier',
      country: carrier.country,
      partyIds: [carrier.pgln],
    });
  }
  for (const forwarder of SIM_FORWARDERS) {
    organisations.push({ id: forwarder.id, name: forwarder.name, kind: 'forwarder', country: forwarder.country, partyIds: [forwarder.pgln] });
  }
  return organisations;
}

/**
 * Creates the demo organisations and their users, skipping any that exist (a restart, or a first
 * run that stopped half way). Returns how many organisations were created now.
 */
export async function seedDemoOrganisations(access: AccessService, store: Pick<Store, 'access'>): Promise<number> {
  let created = 0;
  for (const organisation of demoOrganisations()) {
    if (!(await store.access.organisations.get(organisation.id))) {
      await access.createOrganisation('cli', organisation);
      created++;
    }
    const email = demoEmailOf(organisation.id);
    if (!(await store.access.users.byEmail(email))) {
      await access.createUser('cli', { organisationId: organisation.id, email, name: 'Demo user', role: 'admin', password: DEMO_PASSWORD });
    }
  }
  return created;
}

/**
 * The governance history as the network stands today, dated back from the demo's start: founded
 * three years before, Azerbaijan admitted ten months before, Turkmenistan in the chair for the last
 * two months. Does nothing when member states are recorded already.
 */
export async function seedDemoGovernance(governance: GovernanceService, access: AccessService, demoStart: Date): Promise<boolean> {
  const start = demoStart.getTime();
  const { seeded } = await governance.seedDemoHistory({
    founded: new Date(start - 3 * 365 * DAY_MS).toISOString(),
    azerbaijanAdmitted: new Date(start - 300 * DAY_MS).toISOString(),
    chairFrom: new Date(start - 60 * DAY_MS).toISOString(),
    coordinatorOf: (country) => access.principalForOrganisation(`${country.toLowerCase()}-coordinator`),
  });
  return seeded;
}
