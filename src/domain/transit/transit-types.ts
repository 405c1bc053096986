/** Phases of a customs transit declaration, after NCTS (EU/CTC) and eTIR. */
export const TRANSIT_PHASES = [
  'lodged', 'accepted', 'released-for-transit', 'in-transit', 'arrived', 'released', 'discharged', 'rejected', 'cancelled',
] as const;
export type TransitPhase = (typeof TRANSIT_PHASES)[number];

/** Phases after which nothing more can happen to the declaration. */
export const TERMINAL_TRANSIT_PHASES: readonly TransitPhase[] = ['discharged', 'rejected', 'cancelled'];

export const CONTROL_KINDS = ['documentary', 'physical', 'scanning', 'seal-check'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export interface OfficePassage {
  /** Customs office reference number, e.g. KZ551100 (NCTS: country + 6 characters). */
  readonly office: string;
  /** ISO 3166-1 alpha-2 of the office. */
  readonly country: string;
  readonly at: string;
}

export interface TransitState {
  readonly phase: TransitPhase;
  readonly officeOfDeparture: string;
  readonly officeOfDestination: string;
  readonly guaranteeReference?: string;
  readonly mrn?: string;
  readonly releasedForTransitAt?: string;
  /** Offices of transit and border offices passed, in order; a country may appear more than once. */
  readonly passages: readonly OfficePassage[];
  readonly arrivedAt?: string;
  /** Actual office of destination; may differ from the declared one. */
  readonly officeOfArrival?: string;
  /** Set while customs examine the goods. */
  readonly control?: { readonly office: string; readonly kind: ControlKind; readonly since: string };
  /** Set while the goods are held; movement steps are refused until release-from-hold. */
  readonly hold?: { readonly office: string; readonly reason: string; readonly since: string };
  readonly closingReason?: string;
}

/** Everything that can happen to a transit declaration. `at` is a UTC instant (ISO 8601). */
export type TransitStep =
  | { readonly kind: 'lodge'; readonly at: string; readonly officeOfDeparture: string; readonly officeOfDestination: string; readonly guaranteeReference?: string }
  | { readonly kind: 'accept'; readonly at: string; readonly mrn: string }
  | { readonly kind: 'reject'; readonly at: string; readonly reason: string }
  | { readonly kind: 'release-for-transit'; readonly at: string }
  | { readonly kind: 'pass-office'; readonly at: string; readonly office: string; readonly country: string }
  | { readonly kind: 'arrive'; readonly at: string; readonly office: string }
  | { readonly kind: 'release'; readonly at: string }
  | { readonly kind: 'discharge'; readonly at: string }
  | { readonly kind: 'control'; readonly at: string; readonly office: string; readonly controlKind: ControlKind }
  | { readonly kind: 'control-completed'; readonly at: string }
  | { readonly kind: 'hold'; readonly at: string; readonly office: string; readonly reason: string }
  | { readonly kind: 'release-from-hold'; readonly at: string }
  | { readonly kind: 'cancel'; readonly at: string; readonly reason: string };

export type TransitStepKind = TransitStep['kind'];

export type TransitStepResult = { readonly state: TransitState } | { readonly error: string };
