import { parseMrn, type MrnOptions } from '../identifiers/mrn.js';
import { TRANSIT_TRANSITIONS } from './transit-transitions.js';
import { CONTROL_KINDS, type TransitState, type TransitStep, type TransitStepResult } from './transit-types.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const OFFICE = /^[A-Z]{2}[A-Z0-9]{6}$/;

export interface TransitRules {
  /** Verify the NCTS check character of the MRN on accept (default true); off for non-CTC declarations. */
  readonly verifyMrnCheckCharacter?: boolean;
}

/**
 * Applies one step of the customs transit lifecycle. Pure: returns the next state, or an error
 * saying why the step is not allowed now. `state` is null before the declaration is lodged.
 */
export function applyTransitStep(state: TransitState | null, step: TransitStep, rules: TransitRules = {}): TransitStepResult {
  if (typeof step !== 'object' || step === null) return { error: 'a transit step must be an object with a kind' };
  const rule = Object.hasOwn(TRANSIT_TRANSITIONS, step.kind) ? TRANSIT_TRANSITIONS[step.kind] : undefined;
  if (!rule) return { error: `unknown transit step ${JSON.stringify((step as { kind: unknown }).kind)}` };
  if (typeof step.at !== 'string' || !INSTANT.test(step.at) || Number.isNaN(Date.parse(step.at))) {
    return { error: `${step.kind}: "at" must be an ISO 8601 instant with Z or an offset, found ${JSON.stringify(step.at)}` };
  }
  const phase = state?.phase ?? null;
  if (!rule.from.includes(phase)) {
    const allowed = rule.from.map((p) => p ?? '(no declaration)').join(', ');
    return { error: `${step.kind} is not allowed ${phase ? `in phase ${phase}` : 'before the declaration is lodged'}; it is allowed in: ${allowed}` };
  }
  if (state?.hold && !rule.whileHeld) return { error: `${step.kind} is not allowed while the goods are held at ${state.hold.office} (${state.hold.reason}); release from hold first` };
  if (state?.control && !rule.whileControlled) return { error: `${step.kind} is not allowed while a ${state.control.kind} control by ${state.control.office} is open; complete the control or hold the goods first` };
  const mrnOptions = { verifyCheckCharacter: rules.verifyMrnCheckCharacter !== false };
  const fieldError = stepFieldError(step, state, mrnOptions);
  if (fieldError) return { error: `${step.kind}: ${fieldError}` };
  return { state: nextState(state, step, mrnOptions) };
}

function stepFieldError(step: TransitStep, state: TransitState | null, mrnOptions: MrnOptions): string | undefined {
  switch (step.kind) {
    case 'lodge':
      if (!OFFICE.test(step.officeOfDeparture)) return `office of departure ${JSON.stringify(step.officeOfDeparture)} must be a customs office reference (country code + 6 letters/digits, e.g. KZ551100)`;
      if (!OFFICE.test(step.officeOfDestination)) return `office of destination ${JSON.stringify(step.officeOfDestination)} must be a customs office reference (country code + 6 letters/digits, e.g. AZ100200)`;
      return undefined;
    case 'accept': {
      const mrn = parseMrn(step.mrn, mrnOptions);
      return mrn.ok ? undefined : mrn.error;
    }
    case 'pass-office':
      if (!OFFICE.test(step.office)) return `office ${JSON.stringify(step.office)} must be a customs office reference (country code + 6 letters/digits)`;
      if (!/^[A-Z]{2}$/.test(step.country)) return `country ${JSON.stringify(step.country)} must be an ISO 3166-1 alpha-2 code`;
      return undefined;
    case 'arrive':
      // NCTS accepts arrival at another competent office than the declared one, so it is recorded, not refused.
      return OFFICE.test(step.office) ? undefined : `office ${JSON.stringify(step.office)} must be a customs office reference`;
    case 'control':
      if (!OFFICE.test(step.office)) return `office ${JSON.stringify(step.office)} must be a customs office reference`;
      if (!(CONTROL_KINDS as readonly string[]).includes(step.controlKind)) return `control kind ${JSON.stringify(step.controlKind)} is unknown; expected one of ${CONTROL_KINDS.join(', ')}`;
      return undefined;
    case 'control-completed':
      return state?.control ? undefined : 'no control is open';
    case 'hold':
      if (!OFFICE.test(step.office)) return `office ${JSON.stringify(step.office)} must be a customs office reference`;
      if (typeof step.reason !== 'string' || step.reason.trim() === '') return 'a hold needs a reason';
      return undefined;
    case 'release-from-hold':
      return state?.hold ? undefined : 'the goods are not held';
    case 'reject':
    case 'cancel':
      return typeof step.reason === 'string' && step.reason.trim() !== '' ? undefined : `a ${step.kind} needs a reason`;
    default:
      return undefined;
  }
}

function nextState(state: TransitState | null, step: TransitStep, mrnOptions: MrnOptions): TransitState {
  if (step.kind === 'lodge') {
    return {
      phase: 'lodged',
      officeOfDeparture: step.officeOfDeparture,
      officeOfDestination: step.officeOfDestination,
      passages: [],
      ...(step.guaranteeReference !== undefined ? { guaranteeReference: step.guaranteeReference } : {}),
    };
  }
  const s = state!;
  switch (step.kind) {
    case 'accept': {
      const mrn = parseMrn(step.mrn, mrnOptions);
      return { ...s, phase: 'accepted', mrn: mrn.ok ? mrn.value.value : step.mrn };
    }
    case 'reject': return { ...s, phase: 'rejected', closingReason: step.reason };
    case 'cancel': return { ...s, phase: 'cancelled', closingReason: step.reason };
    case 'release-for-transit': return { ...s, phase: 'released-for-transit', releasedForTransitAt: step.at };
    case 'pass-office': return { ...s, phase: 'in-transit', passages: [...s.passages, { office: step.office, country: step.country, at: step.at }] };
    case 'arrive': return { ...s, phase: 'arrived', arrivedAt: step.at, officeOfArrival: step.office };
    case 'release': return { ...s, phase: 'released' };
    case 'discharge': return { ...s, phase: 'discharged' };
    case 'control': return { ...s, control: { office: step.office, kind: step.controlKind, since: step.at } };
    case 'control-completed': return withoutOverlays(s, ['control']);
    case 'hold': return { ...withoutOverlays(s, ['control']), hold: { office: step.office, reason: step.reason, since: step.at } };
    case 'release-from-hold': return withoutOverlays(s, ['control', 'hold']);
  }
}

function withoutOverlays(s: TransitState, keys: readonly ('control' | 'hold')[]): TransitState {
  const copy: { -readonly [K in keyof TransitState]: TransitState[K] } = { ...s };
  for (const k of keys) delete copy[k];
  return copy;
}
