/**
 * Readings per device per minute, as a token bucket per device: a device may send a burst (a
 * tracker that was out of coverage sends what it kept) but not flood. A flooding device's readings
 * are refused with a reason; other devices are not slowed (each has its own bucket).
 *
 * @fastify/rate-limit limits requests, not the readings inside one batch or an MQTT stream, so this
 * small bucket is our own.
 */
export class DeviceRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Readings a device may send per minute, on average. */
    readonly perMinute: number,
    /** How many it may send at once after a quiet spell. */
    readonly burst: number = Math.max(perMinute, 1000),
  ) {}

  /** Takes one token for the device at `now` (epoch ms); false when its bucket is empty. */
  take(deviceId: string, now: number): boolean {
    const bucket = this.buckets.get(deviceId) ?? { tokens: this.burst, at: now };
    const refill = ((now - bucket.at) / 60_000) * this.perMinute;
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, refill));
    bucket.at = now;
    this.buckets.set(deviceId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
