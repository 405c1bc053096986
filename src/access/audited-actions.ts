/**
 * The audit trail of administrative acts: how an actor appears in the audit log, and running an act
 * so that its outcome (success, refusal or failure) is always recorded, never with a secret.
 */
import { KarvonError } from '../errors.js';
import type { AuditActor, AuditRecorder } from '../model/governance.js';
import type { Actor } from './access-rules.js';
import type { Principal } from '../model/access.js';

/** What an administrative act returns: its result, and the details the audit log keeps of it. */
export interface AuditedOutcome<T> {
  result: T;
  details: Record<string, unknown>;
}

export class AuditedActions {
  /** Principals made for the command line acting for an organisation (see `actingForCli`). */
  private readonly cliPrincipals = new WeakSet<Principal>();

  constructor(private readonly audit: AuditRecorder) {}

  /** Marks a principal as the command line's, so the audit log says 'cli' whatever its `via`. */
  actingForCli(principal: Principal): Principal {
    this.cliPrincipals.add(principal);
    return principal;
  }

  /** The audit log's view of an actor. */
  auditActor(actor: Actor, address?: string): AuditActor {
    const where = address ? { address } : {};
    if (actor === 'cli') return { via: 'cli', ...where };
    return {
      organisationId: actor.organisation.id,
      ...(actor.userId ? { userId: actor.userId } : {}),
      ...(actor.keyId ? { keyId: actor.keyId } : {}),
      via: this.cliPrincipals.has(actor) ? 'cli' : actor.via,
      ...where,
    };
  }

  /**
   * Runs an administrative act and records it: success with its details, a refusal as 'denied'
   * (a 404 may be a refusal in disguise), any other known error as 'failure'.
   */
  async run<T>(actor: Actor, action: string, target: string | undefined, act: () => Promise<AuditedOutcome<T>>): Promise<T> {
    const record = (outcome: 'success' | 'failure' | 'denied', details: Record<string, unknown>) =>
      this.audit.record({ actor: this.auditActor(actor), action, ...(typeof target === 'string' && target !== '' ? { target } : {}), outcome, details });
    let done: AuditedOutcome<T>;
    try {
      done = await act();
    } catch (error) {
      if (error instanceof KarvonError) {
        const denied = error.code === 'KRV_FORBIDDEN' || error.code === 'KRV_NO_SUCH_RESOURCE';
        await record(denied ? 'denied' : 'failure', { error: error.code });
      }
      throw error;
    }
    await record('success', done.details);
    return done.result;
  }
}
