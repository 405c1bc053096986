/**
 * Work a server must finish before it says it is ready (/ready), besides its followers catching up:
 * the demo's seeding of organisations, users and history. Each piece of work holds the gate under a
 * name until it releases it; /ready names what is still pending.
 */
export class StartupGate {
  private readonly held = new Map<number, string>();
  private next = 0;

  /** Holds the gate while `what` runs; the returned function releases it (twice is harmless). */
  hold(what: string): () => void {
    const id = this.next++;
    this.held.set(id, what);
    return () => {
      this.held.delete(id);
    };
  }

  /** What still holds the gate, in the order it started. */
  pending(): string[] {
    return [...this.held.values()];
  }
}
