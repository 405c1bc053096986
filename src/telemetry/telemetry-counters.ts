/**
 * Counters of what the telemetry pipeline did since start: readings accepted, refused by reason,
 * duplicates, handler errors by handler, derived events. Shown by GET /api/telemetry/status, so an
 * operator sees at once that a device floods or a handler fails.
 */
export class TelemetryCounters {
  received = 0;
  stored = 0;
  duplicates = 0;
  late = 0;
  derived = 0;
  derivedRefused = 0;
  /** Facts of units that carried no known shipment: not told as events. */
  derivedWithoutShipment = 0;
  readonly refused = new Map<string, number>();
  readonly handlerErrors = new Map<string, number>();

  refuse(reason: string): void {
    this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1);
  }

  handlerError(handler: string): void {
    this.handlerErrors.set(handler, (this.handlerErrors.get(handler) ?? 0) + 1);
  }

  snapshot(): Record<string, unknown> {
    return {
      received: this.received,
      stored: this.stored,
      duplicates: this.duplicates,
      late: this.late,
      derived: this.derived,
      derivedRefused: this.derivedRefused,
      derivedWithoutShipment: this.derivedWithoutShipment,
      refused: Object.fromEntries(this.refused),
      handlerErrors: Object.fromEntries(this.handlerErrors),
    };
  }
}
