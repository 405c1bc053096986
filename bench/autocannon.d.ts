/**
 * The part of autocannon 8 that the projection benchmark uses (the package ships no types).
 * Checked against node_modules/autocannon/lib (run.js, aggregateResult.js, requestIterator.js).
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Request {
      method?: string;
      /** Path and query of the request, already percent-encoded. */
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before every request is sent; returns the request to send (falsy: start again from the first request). */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | null | undefined;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Requests per second over all connections (each connection sends its share at the start of every second). */
      overallRate?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** Headers of every request (a request's own headers are merged over them). */
      headers?: Record<string, string>;
      requests?: Request[];
    }

    /** Percentiles are keyed p50, p97_5, p99...; latency values are whole milliseconds. */
    interface Histogram {
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      /** Seconds the run lasted. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      mismatches: number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Histogram & { totalCount: number };
      requests: Histogram & { total: number; sent: number };
      start: Date;
      finish: Date;
    }

    /**
     * A running load. Emits 'response' (client, statusCode: number, bytes: number, responseTimeMs: number)
     * for every answer and 'reqError' (error) for every failed request.
     */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
