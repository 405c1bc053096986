/**
 * The one logger of a Karvon process: the runtime makes it, the HTTP layer logs requests through it
 * (Fastify's `loggerInstance`), and background work (capture jobs, bus subscribers, the shipment
 * read model, the demo) logs its failures through it with their context.
 *
 * Credentials never reach a log line, whichever serializer or log call put them there: the
 * Authorization and Cookie headers, Set-Cookie, passwords and tokens in logged objects are censored,
 * and a public tracking link's token is cut out of every logged request URL.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger } from 'pino';

const CENSOR = '[redacted]';

/** pino `redact`: the places in a log object where a credential can sit. */
export const LOG_REDACTION = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    'headers["set-cookie"]',
    'password',
    '*.password',
    'token',
    '*.token',
    'secret',
    '*.secret',
  ],
  censor: CENSOR,
};

/** A public tracking link's token is its path: anyone who reads it can follow the shipment. */
export function withoutTrackToken(url: string): string {
  return url.replace(/^(\/api\/public\/track\/)[^/?#]+/, `$1${CENSOR}`);
}

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
}

interface LoggedReply {
  statusCode: number;
}

export interface LoggerOptions {
  level: LogLevel;
  /**
   * Where lines go: standard error by default, since the standard output of a command is its own
   * output (an export, a listing); the server, whose only output is its log, says 'stdout'.
   */
  stream?: DestinationStream | 'stdout';
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: LOG_REDACTION,
      serializers: {
        // Fastify logs each request and its completion under these keys; no headers are logged.
        req: (request: LoggedRequest) => ({ method: request.method, url: withoutTrackToken(request.url), remoteAddress: request.ip }),
        res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    options.stream === 'stdout' ? pino.destination(1) : (options.stream ?? pino.destination(2)),
  );
}
