/**
 * The stored events against the audit log: every event row must be listed by the capture entry it
 * names (event.audit_seq), its stored body must still hash to its hash ID (the CBV 2.0 event hash,
 * with the binding the entry records), and every hash ID a capture entry lists must still be
 * stored. Reads the events once, in store order, a page at a time; memory holds one count per
 * capture entry and the entries of the current batch.
 */
import { eventHashId } from '../epcis/hash/index.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { LoggedEvent, Store } from '../store/store.js';
import type { AuditProblem } from './audit-verification.js';
import type { AuditEntry } from '../model/governance.js';

const PAGE = 1000;

interface LoggedBatch {
  readonly seq: number;
  readonly hashIDs: ReadonlySet<string>;
  readonly bindings: readonly ('json' | 'xml')[];
}

/** The hash IDs a capture entry lists (none for other entries or malformed details). */
export function listedHashIDs(entry: AuditEntry): string[] {
  const hashIDs = (entry.details as { hashIDs?: unknown }).hashIDs;
  return entry.action === 'epcis.capture' && Array.isArray(hashIDs) ? hashIDs.filter((id): id is string => typeof id === 'string') : [];
}

function batchOf(entry: AuditEntry): LoggedBatch {
  const binding = (entry.details as { binding?: unknown }).binding;
  // Entries written before the binding was recorded: either binding may be the one.
  const bindings: ('json' | 'xml')[] = binding === 'json' || binding === 'xml' ? [binding] : ['json', 'xml'];
  return { seq: entry.seq, hashIDs: new Set(listedHashIDs(entry)), bindings };
}

function hashesTo(event: EpcisEvent, hashID: string, bindings: readonly ('json' | 'xml')[]): { ok: boolean; recomputed?: string } {
  let recomputed: string | undefined;
  for (const binding of bindings) {
    try {
      recomputed = eventHashId(event, { binding });
    } catch {
      continue;
    }
    if (recomputed === hashID) return { ok: true };
  }
  return { ok: false, ...(recomputed !== undefined ? { recomputed } : {}) };
}

const named = (row: LoggedEvent): string => `event ${row.sequence} (eventID ${String(row.event.eventID)}, hash ID ${row.hashID})`;

/**
 * Checks every stored event. `listed` gives, for each capture entry of the verified log, how many
 * hash IDs it lists; `entryAt` reads one entry.
 */
export async function checkEvents(
  store: Store,
  listed: ReadonlyMap<number, number>,
  entryAt: (seq: number) => Promise<AuditEntry | undefined>,
  /**
   * Entries above `after` were appended after the log was walked (a live node): their events are
   * left for the next verification when `covered()` (the signed head's size, read at the end) says
   * a signed head covers them; otherwise they name an entry that does not exist.
   */
  late?: { after: number; covered: () => Promise<number> },
): Promise<{ events: number; problem?: AuditProblem }> {
  const claimed = new Map<number, number>();
  const deferred: LoggedEvent[] = [];
  let batch: LoggedBatch | undefined;
  let events = 0;
  for (let after = 0; ; ) {
    const page = await store.events.logged(after, PAGE);
    for (const row of page) {
      const fail = (kind: AuditProblem['kind'], detail: string) => ({ events, problem: { kind, sequence: row.sequence, detail } });
      if (row.auditSeq === undefined) return fail('event-not-logged', `${named(row)} is stored but no audit entry logs it`);
      if (late && row.auditSeq > late.after) {
        deferred.push(row);
        continue;
      }
      if (batch?.seq !== row.auditSeq) {
        const entry = listed.has(row.auditSeq) ? await entryAt(row.auditSeq) : undefined;
        if (!entry) return fail('event-not-logged', `${named(row)} names audit entry ${row.auditSeq}, which is not a capture entry of the log`);
        batch = batchOf(entry);
      }
      if (!batch.hashIDs.has(row.hashID)) return fail('event-not-logged', `${named(row)} is not among the hash IDs its capture entry ${batch.seq} lists`);
      const hashed = hashesTo(row.event, row.hashID, batch.bindings);
      if (!hashed.ok) {
        return fail(
          'event-edited',
          `${named(row)}: its stored body hashes to ${hashed.recomputed ?? '(nothing: it is no longer an EPCIS event)'}, not to the hash ID logged by entry ${batch.seq}: it was edited after capture`,
        );
      }
      claimed.set(batch.seq, (claimed.get(batch.seq) ?? 0) + 1);
      events += 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.sequence;
  }
  if (deferred.length > 0) {
    const size = await late!.covered();
    const orphan = deferred.find((row) => row.auditSeq! > size);
    if (orphan) return { events, problem: { kind: 'event-not-logged', sequence: orphan.sequence, detail: `${named(orphan)} names audit entry ${orphan.auditSeq}, which does not exist` } };
  }
  for (const [seq, count] of listed) {
    const stored = claimed.get(seq) ?? 0;
    if (stored === count) continue;
    if (stored > count) {
      return { events, problem: { kind: 'event-not-logged', seq, detail: `entry ${seq} lists ${count} events, but ${stored} stored events claim it` } };
    }
    const entry = await entryAt(seq);
    const gone: string[] = [];
    for (const hashID of entry ? listedHashIDs(entry) : []) {
      if (!(await store.events.get(hashID))) gone.push(hashID);
    }
    return {
      events,
      problem: {
        kind: 'event-deleted',
        seq,
        detail: `entry ${seq} logs ${count} captured events, ${stored} are stored${gone.length > 0 ? `: ${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ` and ${gone.length - 3} more` : ''} ${gone.length === 1 ? 'is' : 'are'} gone` : ''}`,
      },
    };
  }
  return { events };
}
