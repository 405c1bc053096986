import type { TransitPhase, TransitStepKind } from './transit-types.js';

export interface TransitTransition {
  /** Phases the step may be applied in (null: no declaration yet). */
  readonly from: readonly (TransitPhase | null)[];
  /** Phase after the step; 'same' for steps that leave the phase and change an overlay (control, hold). */
  readonly to: TransitPhase | 'same';
  /** May the step be applied while the goods are held? */
  readonly whileHeld: boolean;
  /** May the step be applied while a control is open? */
  readonly whileControlled: boolean;
  readonly description: string;
}

const MOVING: readonly TransitPhase[] = ['released-for-transit', 'in-transit'];
const CONTROLLABLE: readonly TransitPhase[] = ['accepted', 'released-for-transit', 'in-transit', 'arrived'];

/** The allowed transitions of the transit lifecycle, one row per step: the single source of the rules. */
export const TRANSIT_TRANSITIONS: Readonly<Record<TransitStepKind, TransitTransition>> = {
  lodge: { from: [null], to: 'lodged', whileHeld: false, whileControlled: false, description: 'declarant lodges the transit declaration at the office of departure' },
  accept: { from: ['lodged'], to: 'accepted', whileHeld: false, whileControlled: false, description: 'office of departure accepts the declaration and assigns the MRN' },
  reject: { from: ['lodged'], to: 'rejected', whileHeld: false, whileControlled: false, description: 'office of departure rejects the declaration' },
  'release-for-transit': { from: ['accepted'], to: 'released-for-transit', whileHeld: false, whileControlled: false, description: 'office of departure releases the goods for transit (guarantee engaged, seals affixed)' },
  'pass-office': { from: MOVING, to: 'in-transit', whileHeld: false, whileControlled: false, description: 'goods pass an office of transit or border office (repeatable, one per crossing)' },
  arrive: { from: MOVING, to: 'arrived', whileHeld: false, whileControlled: false, description: 'goods arrive at the office of destination' },
  release: { from: ['arrived'], to: 'released', whileHeld: false, whileControlled: false, description: 'office of destination releases the goods (unloading permission)' },
  discharge: { from: ['arrived', 'released'], to: 'discharged', whileHeld: false, whileControlled: false, description: 'transit procedure ended and the guarantee released' },
  control: { from: CONTROLLABLE, to: 'same', whileHeld: true, whileControlled: false, description: 'customs open a control (documentary, physical, scanning, seal check)' },
  'control-completed': { from: CONTROLLABLE, to: 'same', whileHeld: true, whileControlled: true, description: 'customs close the control without objection' },
  hold: { from: CONTROLLABLE, to: 'same', whileHeld: false, whileControlled: true, description: 'customs hold the goods, with a reason' },
  'release-from-hold': { from: CONTROLLABLE, to: 'same', whileHeld: true, whileControlled: true, description: 'customs lift the hold (and any open control)' },
  cancel: { from: ['lodged', 'accepted'], to: 'cancelled', whileHeld: false, whileControlled: false, description: 'declaration invalidated before the goods were released for transit' },
};

/** Every step kind, in lifecycle order. */
export const TRANSIT_STEP_KINDS = Object.keys(TRANSIT_TRANSITIONS) as TransitStepKind[];
