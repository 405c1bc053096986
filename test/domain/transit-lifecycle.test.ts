import { describe, expect, it } from 'vitest';
import {
  applyTransitStep, iso6346CheckDigit, TRANSIT_PHASES, TRANSIT_STEP_KINDS, TRANSIT_TRANSITIONS,
  type TransitPhase, type TransitState, type TransitStep, type TransitStepKind,
} from '../../src/domain/index.js';

const body = '25KZ0000000004711';
const MRN = `${body}${iso6346CheckDigit(body)}`;
const at = '2025-03-01T08:00:00Z';

const SAMPLE: Record<TransitStepKind, TransitStep> = {
  lodge: { kind: 'lodge', at, officeOfDeparture: 'KZ551100', officeOfDestination: 'AZ100200', guaranteeReference: '25KZ000000000GRN1' },
  accept: { kind: 'accept', at, mrn: MRN },
  reject: { kind: 'reject', at, reason: 'guarantee not valid' },
  'release-for-transit': { kind: 'release-for-transit', at },
  'pass-office': { kind: 'pass-office', at, office: 'KZ551300', country: 'KZ' },
  arrive: { kind: 'arrive', at, office: 'AZ100200' },
  release: { kind: 'release', at },
  discharge: { kind: 'discharge', at },
  control: { kind: 'control', at, office: 'KZ551300', controlKind: 'physical' },
  'control-completed': { kind: 'control-completed', at },
  hold: { kind: 'hold', at, office: 'KZ551300', reason: 'seal number differs from the declaration' },
  'release-from-hold': { kind: 'release-from-hold', at },
  cancel: { kind: 'cancel', at, reason: 'declarant withdrew' },
};

function run(steps: TransitStepKind[]): TransitState {
  let state: TransitState | null = null;
  for (const kind of steps) {
    const r = applyTransitStep(state, SAMPLE[kind]);
    if ('error' in r) throw new Error(`${kind}: ${r.error}`);
    state = r.state;
  }
  return state!;
}

/** A path of steps that reaches each phase. */
const REACH: Record<TransitPhase, TransitStepKind[]> = {
  lodged: ['lodge'],
  accepted: ['lodge', 'accept'],
  'released-for-transit': ['lodge', 'accept', 'release-for-transit'],
  'in-transit': ['lodge', 'accept', 'release-for-transit', 'pass-office'],
  arrived: ['lodge', 'accept', 'release-for-transit', 'pass-office', 'arrive'],
  released: ['lodge', 'accept', 'release-for-transit', 'arrive', 'release'],
  discharged: ['lodge', 'accept', 'release-for-transit', 'arrive', 'release', 'discharge'],
  rejected: ['lodge', 'reject'],
  cancelled: ['lodge', 'accept', 'cancel'],
};

describe('customs transit lifecycle', () => {
  it('runs the full NCTS path and records what happened', () => {
    const s = run(['lodge', 'accept', 'release-for-transit', 'pass-office', 'pass-office', 'arrive', 'release', 'discharge']);
    expect(s).toMatchObject({ phase: 'discharged', mrn: MRN, officeOfDeparture: 'KZ551100', guaranteeReference: '25KZ000000000GRN1', officeOfArrival: 'AZ100200', releasedForTransitAt: at });
    expect(s.passages).toHaveLength(2);
  });

  // Every (phase, step) pair: allowed exactly when the transition table says so.
  for (const phase of TRANSIT_PHASES) {
    for (const kind of TRANSIT_STEP_KINDS) {
      const rule = TRANSIT_TRANSITIONS[kind];
      const needsOverlay = kind === 'control-completed' || kind === 'release-from-hold';
      const allowed = rule.from.includes(phase) && !needsOverlay;
      it(`${kind} in ${phase} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const r = applyTransitStep(run(REACH[phase]), SAMPLE[kind]);
        if (allowed) {
          expect(r).toHaveProperty('state');
          const next = (r as { state: TransitState }).state;
          expect(next.phase).toBe(rule.to === 'same' ? phase : rule.to);
        } else {
          expect((r as { error: string }).error).toMatch(needsOverlay && rule.from.includes(phase) ? /no control is open|not held/ : new RegExp(`${kind} is not allowed in phase ${phase}`));
        }
      });
    }
  }

  it('only lodge starts a declaration', () => {
    expect(applyTransitStep(null, SAMPLE.lodge)).toHaveProperty('state.phase', 'lodged');
    for (const kind of TRANSIT_STEP_KINDS.filter((k) => k !== 'lodge')) {
      expect((applyTransitStep(null, SAMPLE[kind]) as { error: string }).error).toMatch(/before the declaration is lodged/);
    }
  });

  it('a hold stops movement until released, then restores it', () => {
    const held = run(['lodge', 'accept', 'release-for-transit', 'pass-office', 'control', 'hold']);
    expect(held.hold).toEqual({ office: 'KZ551300', reason: 'seal number differs from the declaration', since: at });
    expect(held.control).toBeUndefined();
    for (const kind of ['pass-office', 'arrive', 'hold'] as const) {
      expect((applyTransitStep(held, SAMPLE[kind]) as { error: string }).error).toMatch(/while the goods are held at KZ551300 \(seal number differs/);
    }
    const controlledWhileHeld = applyTransitStep(held, SAMPLE.control);
    expect(controlledWhileHeld).toHaveProperty('state.control.kind', 'physical');
    const released = applyTransitStep(held, SAMPLE['release-from-hold']) as { state: TransitState };
    expect(released.state.hold).toBeUndefined();
    expect(released.state.phase).toBe('in-transit');
    expect(applyTransitStep(released.state, SAMPLE.arrive)).toHaveProperty('state.phase', 'arrived');
  });

  it('an open control blocks movement until completed', () => {
    const controlled = run(['lodge', 'accept', 'release-for-transit', 'control']);
    expect((applyTransitStep(controlled, SAMPLE['pass-office']) as { error: string }).error).toMatch(/while a physical control by KZ551300 is open/);
    expect((applyTransitStep(controlled, SAMPLE.control) as { error: string }).error).toMatch(/^control is not allowed while a physical control by KZ551300 is open/);
    const done = applyTransitStep(controlled, SAMPLE['control-completed']) as { state: TransitState };
    expect(done.state.control).toBeUndefined();
    expect(applyTransitStep(done.state, SAMPLE['pass-office'])).toHaveProperty('state.phase', 'in-transit');
  });

  it('validates the fields of a step', () => {
    const lodged = run(['lodge']);
    expect((applyTransitStep(lodged, { kind: 'accept', at, mrn: `${body}${(iso6346CheckDigit(body)! + 1) % 10}` }) as { error: string }).error).toMatch(/^accept: MRN .* check character/);
    const wrongCheck = { kind: 'accept', at, mrn: `${body}${(iso6346CheckDigit(body)! + 1) % 10}` } as const;
    expect(applyTransitStep(lodged, wrongCheck, { verifyMrnCheckCharacter: false })).toHaveProperty('state.mrn', wrongCheck.mrn);
    expect((applyTransitStep(lodged, { kind: 'accept', at, mrn: '10702030/010325' }, { verifyMrnCheckCharacter: false }) as { error: string }).error).toMatch(/expected 18/);
    expect((applyTransitStep(null, { ...SAMPLE.lodge, officeOfDeparture: 'Almaty' } as TransitStep) as { error: string }).error).toMatch(/office of departure "Almaty" must be a customs office reference/);
    expect((applyTransitStep(null, { ...SAMPLE.lodge, at: '1 March' } as TransitStep) as { error: string }).error).toMatch(/"at" must be an ISO 8601 instant/);
    const moving = run(['lodge', 'accept', 'release-for-transit']);
    expect((applyTransitStep(moving, { kind: 'hold', at, office: 'KZ551300', reason: '' }) as { error: string }).error).toMatch(/a hold needs a reason/);
    expect((applyTransitStep(moving, { kind: 'pass-office', at, office: 'KZ551300', country: 'Kazakhstan' }) as { error: string }).error).toMatch(/ISO 3166-1/);
    expect((applyTransitStep(moving, { kind: 'control', at, office: 'KZ551300', controlKind: 'sniffing' } as unknown as TransitStep) as { error: string }).error).toMatch(/control kind "sniffing" is unknown/);
    expect((applyTransitStep(moving, null as unknown as TransitStep) as { error: string }).error).toMatch(/must be an object/);
    expect((applyTransitStep(moving, { kind: 'toString', at } as unknown as TransitStep) as { error: string }).error).toMatch(/unknown transit step "toString"/);
    expect((applyTransitStep(moving, { kind: 'teleport', at } as unknown as TransitStep) as { error: string }).error).toMatch(/unknown transit step "teleport"/);
  });

  it('never changes the state it is given', () => {
    const s = run(['lodge', 'accept', 'release-for-transit', 'pass-office']);
    const copy = structuredClone(s);
    applyTransitStep(s, SAMPLE['pass-office']);
    applyTransitStep(s, SAMPLE.hold);
    expect(s).toEqual(copy);
  });
});
