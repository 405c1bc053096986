// Alerts as the store keeps them and the alerts feature uses them: a condition of a shipment or a
// unit that someone must act on (a seal opened, a unit off its route, goods held), raised by the
// detectors from the event log, with its lifecycle: open → acknowledged → resolved. Pure types.

export const ALERT_KINDS = [
  'seal-breached',
  'route-deviation',
  'signal-lost',
  'low-battery',
  'customs-hold',
  'sensor-excursion',
  'border-dwell',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** critical: act now (a seal opened); warning: look soon (off route, no signal, held); info: worth knowing. */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Who did something to an alert, when, and what they said. `by` is a user's or key's id, or `karvon` when the condition cleared by itself. */
export interface AlertAct {
  readonly by: string;
  /** Who, as people read it: the user's name (absent for keys and for Karvon itself). */
  readonly name?: string;
  /** The organisation of who acted (absent for Karvon itself). */
  readonly organisationId?: string;
  readonly at: string;
  readonly comment?: string;
}

/** The system's own name in `AlertAct.by` when an alert resolved itself (the signal came back, the hold was lifted). */
export const AUTOMATIC = 'karvon';

export interface Alert {
  /** Stable id (`alr_` + random). */
  readonly id: string;
  readonly kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  /**
   * One alert of a kind per subject is not resolved at a time: repeats update it. The key is the
   * kind and the subject (`seal-breached|<shipment key or unit EPC>`).
   */
  readonly key: string;
  /** The shipment (read-model key and its id when raised), when the events name one. */
  readonly shipmentKey?: string;
  shipmentId?: string;
  /** The transport unit and the device the condition is about, when it is about one. */
  readonly unitEpc?: string;
  readonly deviceId?: string;
  corridor?: string;
  /** Where: a location id of the reference data or an SGLN, and the country (ISO 3166-1 alpha-2). */
  location?: string;
  country?: string;
  /** What happened, in English (the web app words it from kind and details in each language). */
  summary: string;
  /** The facts behind it (seal codes, distance off route, hold reason, sensor values...). */
  details: Record<string, unknown>;
  /** Who may see it: the audience keys of its shipment (src/access/audience.ts), else the device owner's `org:`. */
  audience: string[];
  /** When the condition began (the first event's time) and was last seen (the latest event's time). */
  readonly since: string;
  lastSeen: string;
  /** How many events raised or repeated it. */
  occurrences: number;
  /** Hash IDs of the events that raised, repeated or cleared it (the latest 20). */
  eventIds: string[];
  readonly openedAt: string;
  updatedAt: string;
  acknowledged?: AlertAct;
  resolved?: AlertAct;
  notes: AlertAct[];
}
