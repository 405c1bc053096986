/**
 * What a detector says about one stored event: a condition began or goes on (`raise`), or it ended
 * (`clear`). The alerts follower (alert-follower.ts) turns signals into alerts: one unresolved alert
 * per kind and subject, repeats update it, a clear resolves it.
 */
import type { EpcisEvent } from '../epcis/model.js';
import type { AlertKind, AlertSeverity } from '../model/alerts.js';

export interface AlertSignal {
  readonly kind: AlertKind;
  readonly action: 'raise' | 'clear';
  readonly severity: AlertSeverity;
  /** What happened, in English. */
  readonly summary: string;
  readonly details: Record<string, unknown>;
  /** The unit (EPC) and device the condition is about, when the event names them. */
  readonly unitEpc?: string;
  readonly deviceId?: string;
}

/** A detector: one stored event in, what it says about alerts out. Pure: no store, no clock. */
export type Detector = (event: EpcisEvent) => AlertSignal[];
