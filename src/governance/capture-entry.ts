/**
 * The audit entry of one captured batch: who captured (an organisation, or the system for local
 * imports, the simulator and the demo), which capture job, the binding the events came in (an input
 * of the event hash, so verification can recompute each stored event's hash ID), and the hash IDs
 * of the events the batch stored, with their digest. Pure.
 */
import { createHash } from 'node:crypto';
import type { AuditDraft, CaptureFacts } from '../model/governance.js';

/** The digest of a capture batch: SHA-256 hex over its hash IDs, sorted, joined by line feeds. */
export function captureDigest(hashIDs: readonly string[]): string {
  return createHash('sha256').update([...hashIDs].sort().join('\n')).digest('hex');
}

/** The draft of a batch's entry; `recovered` of the hash IDs were stored earlier by the same job without an entry. */
export function captureDraft(facts: CaptureFacts, logged: { hashIDs: readonly string[]; recovered: number }): AuditDraft {
  const hashIDs = [...logged.hashIDs];
  return {
    actor: facts.capturedBy !== undefined ? { organisationId: facts.capturedBy, via: 'api' } : { via: 'system' },
    action: 'epcis.capture',
    ...(facts.captureJobID !== undefined ? { target: facts.captureJobID } : {}),
    outcome: 'success',
    details: {
      events: hashIDs.length,
      hashIDs,
      digest: captureDigest(hashIDs),
      binding: facts.binding,
      ...(logged.recovered > 0 ? { recovered: logged.recovered } : {}),
    },
  };
}
