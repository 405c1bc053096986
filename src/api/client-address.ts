/**
 * Who is the client: Fastify's `trustProxy` for `KARVON_TRUST_PROXY`. Trust exactly one hop, the
 * TLS-terminating proxy that connects to us. `true` would trust every X-Forwarded-For entry, so a
 * client could pick its own address (and its own rate-limit count); a hop count is refused by
 * Fastify (it fails closed). Set at construction in app.ts.
 */
import type { KarvonConfig } from '../config/config.js';

export function trustProxyOption(config: Pick<KarvonConfig, 'trustProxy'>): false | ((address: string, hop: number) => boolean) {
  return config.trustProxy ? (_address, hop) => hop === 0 : false;
}
