/**
 * The rotating chair and the network-wide settings it manages: reading both, scheduling a
 * hand-over of the chair and changing a setting. Who may do what is in governance-service.ts; the
 * rules of the rotation are in governance-rules.ts, the settings and their checks in
 * network-settings.ts.
 *
 * Writes go through the service's one AuditedWrites queue, shared with proposals and votes, so that
 * governance writes of every kind run one at a time.
 */
import { isNetworkAdmin, type Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import { chairAt, englishNameOf, handOverProblem, nextInRotation, normaliseCountry, termEnd, termsInOrder } from './governance-rules.js';
import type { AuditedWrites, RequestContext } from './audited-writes.js';
import { requireAdmin, type Coordinators } from './coordinators.js';
import type { ChairTerm } from '../model/governance.js';
import { NETWORK_SETTINGS, settingProblem } from './network-settings.js';
import { refusal } from './refusal.js';

export interface ChairView {
  readonly at: string;
  readonly current?: ChairTerm & { readonly name: string; readonly until?: string };
  /** Terms that started on or before `at`, oldest first (the current one last). */
  readonly history: readonly ChairTerm[];
  /** Hand-overs scheduled after `at`. */
  readonly scheduled: readonly ChairTerm[];
  /** Who the rotation (alphabetical by English name) gives the chair to after the last term. */
  readonly nextInRotation?: string;
}

export interface SettingView {
  readonly name: string;
  readonly description: string;
  readonly value: unknown;
  readonly default: unknown;
}

export interface ChairAndSettingsDeps {
  store: Store;
  now: () => Date;
  /** The service's queue, shared so that governance writes of every kind run one at a time. */
  writes: AuditedWrites;
  coordinators: Coordinators;
}

export class ChairAndSettings {
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly writes: AuditedWrites;
  private readonly coordinators: Coordinators;

  constructor(deps: ChairAndSettingsDeps) {
    this.store = deps.store;
    this.now = deps.now;
    this.writes = deps.writes;
    this.coordinators = deps.coordinators;
  }

  // ---- reads ---------------------------------------------------------------------------------

  async chair(at?: Date | string): Promise<ChairView> {
    const moment = at === undefined ? this.now() : new Date(at);
    if (Number.isNaN(moment.getTime())) throw new KarvonError('KRV_QUERY_PARAMETER', `at must be a date-time, got '${String(at)}'`);
    const terms = termsInOrder(await this.store.governance.listChairTerms());
    const current = chairAt(terms, moment);
    const until = current ? termEnd(terms, current) : undefined;
    const members = await this.store.governance.listMembers();
    const next = nextInRotation(members, terms.at(-1)?.country);
    return {
      at: moment.toISOString(),
      ...(current ? { current: { ...current, name: englishNameOf(current.country), ...(until ? { until } : {}) } } : {}),
      history: terms.filter((term) => Date.parse(term.from) <= moment.getTime()),
      scheduled: terms.filter((term) => Date.parse(term.from) > moment.getTime()),
      ...(next ? { nextInRotation: next } : {}),
    };
  }

  async settings(): Promise<SettingView[]> {
    const stored = await this.store.governance.listSettings();
    return Object.entries(NETWORK_SETTINGS).map(([name, definition]) => ({
      name,
      description: definition.description,
      value: name in stored ? stored[name] : definition.default,
      default: definition.default,
    }));
  }

  /** The value in force of an offered setting: the one stored, else its default. */
  async settingValue(name: string): Promise<unknown> {
    const definition = NETWORK_SETTINGS[name];
    if (!definition) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `There is no network setting '${name}'`);
    const stored = await this.store.governance.getSetting(name);
    return stored === undefined ? definition.default : stored;
  }

  // ---- writes --------------------------------------------------------------------------------

  scheduleHandOver(actor: Principal, input: { country: string; from: string }, context: RequestContext): Promise<ChairTerm> {
    return this.writes.run(actor, context, 'chair.hand-over', input.country, async () => {
      requireAdmin(actor, 'schedule a hand-over of the chair');
      const terms = await this.store.governance.listChairTerms();
      const now = this.now();
      const chair = chairAt(terms, now);
      const allowed =
        isNetworkAdmin(actor) ||
        (actor.organisation.kind === 'council' && actor.organisation.status === 'active') ||
        (chair !== undefined && (await this.coordinators.isCoordinatorOf(actor, chair.country)));
      if (!allowed) {
        throw new KarvonError('KRV_FORBIDDEN', 'Only the network operator, the council or the national coordinator of the chair may schedule a hand-over');
      }
      const country = normaliseCountry(input.country);
      if (!country) throw new KarvonError('KRV_VALIDATION', `country must be an ISO 3166-1 alpha-2 code such as UZ, got '${input.country}'`);
      const members = await this.store.governance.listMembers();
      const problem = handOverProblem({ terms, members, country, from: input.from, now });
      if (problem) throw refusal(problem);
      const term: ChairTerm = { country, from: new Date(input.from).toISOString() };
      await this.store.governance.addChairTerm(term);
      return { result: term, details: { country, from: term.from, previous: terms.at(-1)?.country ?? null } };
    });
  }

  changeSetting(actor: Principal, name: string, value: unknown, context: RequestContext): Promise<SettingView> {
    return this.writes.run(actor, context, 'setting.change', name, async () => {
      requireAdmin(actor, 'change a network setting');
      const chair = chairAt(await this.store.governance.listChairTerms(), this.now());
      const allowed = isNetworkAdmin(actor) || (chair !== undefined && (await this.coordinators.isCoordinatorOf(actor, chair.country)));
      if (!allowed) {
        throw new KarvonError('KRV_FORBIDDEN', `Network settings are managed by the national coordinator of the chair${chair ? ` (${englishNameOf(chair.country)})` : ''} or the network operator`);
      }
      const problem = settingProblem(name, value);
      if (problem) throw refusal(problem);
      const previous = (await this.settings()).find((setting) => setting.name === name)!.value;
      await this.store.governance.putSetting(name, value);
      const definition = NETWORK_SETTINGS[name]!;
      return {
        result: { name, description: definition.description, value, default: definition.default },
        details: { name, previous, value },
      };
    });
  }
}
