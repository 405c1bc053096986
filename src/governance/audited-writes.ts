// How governance writes run: one at a time (a promise chain), so two votes arriving together cannot
// both see a proposal open and both apply its outcome; each audited, its success with the facts the
// write hands back, its refusal with the outcome 'denied' (no right, 403) or 'failure' (not possible
// now). A refused write has changed nothing by the time it is refused.
import type { Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { AuditActor, AuditRecorder } from '../model/governance.js';

/** How a request reached the service, for the audit log (the principal says who). */
export interface RequestContext {
  /** Overrides the principal's `via` (e.g. 'cli', or 'system' for the demo history). */
  readonly via?: string;
  readonly address?: string;
}

/** What a write hands back: its result, the facts to audit, and what to record after its own entry. */
export interface Done<T> {
  readonly result: T;
  readonly details: Record<string, unknown>;
  /** The audit target when only the write knows it (the id of a new proposal). */
  readonly target?: string;
  readonly afterwards?: () => Promise<void>;
}

export function auditActor(principal: Principal, context: RequestContext): AuditActor {
  return {
    organisationId: principal.organisation.id,
    ...(principal.userId ? { userId: principal.userId } : {}),
    ...(principal.keyId ? { keyId: principal.keyId } : {}),
    via: context.via ?? principal.via,
    ...(context.address ? { address: context.address } : {}),
  };
}

export class AuditedWrites {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly audit: AuditRecorder) {}

  /** Runs `write` after every write started before it, and audits it under `action`. */
  run<T>(actor: Principal, context: RequestContext, action: string, target: string | undefined, write: () => Promise<Done<T>>): Promise<T> {
    const next = this.queue.then(
      () => this.audited(actor, context, action, target, write),
      () => this.audited(actor, context, action, target, write),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async audited<T>(actor: Principal, context: RequestContext, action: string, target: string | undefined, write: () => Promise<Done<T>>): Promise<T> {
    let done: Done<T>;
    try {
      done = await write();
    } catch (error) {
      if (error instanceof KarvonError) {
        await this.audit.record({
          actor: auditActor(actor, context),
          action,
          ...(target ? { target } : {}),
          outcome: error.status === 403 ? 'denied' : 'failure',
          details: { reason: error.message },
        });
      }
      throw error;
    }
    const finalTarget = done.target ?? target;
    await this.audit.record({ actor: auditActor(actor, context), action, ...(finalTarget ? { target: finalTarget } : {}), outcome: 'success', details: done.details });
    await done.afterwards?.();
    return done.result;
  }
}
