/**
 * A new alert: what differs between the follower's and the watches' alerts (kind, subject, facts,
 * audience) is given; the lifecycle starts the same for all (open, one occurrence, no notes).
 */
import { randomBytes } from 'node:crypto';
import type { Alert } from '../model/alerts.js';

export type NewAlertFields = Omit<Alert, 'id' | 'status' | 'occurrences' | 'openedAt' | 'updatedAt' | 'notes' | 'lastSeen'> & { id?: string; lastSeen?: string };

function newAlertId(): string {
  return `alr_${randomBytes(12).toString('base64url')}`;
}

/** An open alert raised at `now` (ISO), last seen when it began unless said otherwise. */
export function openAlert(fields: NewAlertFields, now: string): Alert {
  return { id: fields.id ?? newAlertId(), status: 'open', occurrences: 1, notes: [], openedAt: now, updatedAt: now, ...fields, lastSeen: fields.lastSeen ?? fields.since };
}
