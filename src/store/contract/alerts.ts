/** The store's contract, in part (store.ts gathers the parts into the Store): alerts (src/alerts/). */
import type { Alert, AlertKind, AlertSeverity, AlertStatus } from '../../model/alerts.js';

/** The name of the alerts follower (its checkpoint in the followers table). */
export const ALERTS_FOLLOWER = 'alerts';

/** What the alerts follower found in one batch of stored events, written with its checkpoint. */
export interface AlertChange {
  /** New and changed alerts (by id). */
  readonly alerts: readonly Alert[];
  /** The follower's checkpoint, moved from `from` to `to` (CheckpointConflict when it is not at `from`). */
  readonly checkpoint: { readonly follower: string; readonly from: number; readonly to: number };
}

export interface AlertFilter {
  readonly status?: readonly AlertStatus[];
  readonly kind?: readonly AlertKind[];
  readonly severity?: readonly AlertSeverity[];
  readonly shipmentKey?: string;
  readonly deviceId?: string;
  readonly corridor?: string;
  readonly country?: string;
}

/** Where a page of alerts ended: the next page starts after it (newest update first). */
export interface AlertCursor {
  readonly updatedAt: string;
  readonly id: string;
}

export interface AlertRepository {
  /** Writes the alerts and moves the checkpoint, in one transaction. */
  commit(change: AlertChange): Promise<void>;
  /**
   * Writes a new alert found by a watch rather than by the follower (a wait that grew too long), unless
   * an unresolved alert with its key, or any alert with its id, exists; true when it was written.
   */
  raise(alert: Alert): Promise<boolean>;
  /** The alerts not resolved with these keys (at most one per key). */
  unresolved(keys: readonly string[]): Promise<Map<string, Alert>>;
  get(id: string): Promise<Alert | undefined>;
  /**
   * Alerts matching the filter, the most recently updated first, after `after` when given. Who may
   * see which is the caller's to judge (from each alert's audience).
   */
  list(filter: AlertFilter, page: { readonly limit: number; readonly after?: AlertCursor }): Promise<Alert[]>;
  /**
   * Writes an alert a person acted on (acknowledged, resolved, commented) when it is still as it was
   * read (its updatedAt is `expectedUpdatedAt`); false, writing nothing, when it changed meanwhile.
   */
  update(alert: Alert, expectedUpdatedAt: string): Promise<boolean>;
}
