import { generateKeyPairSync } from 'node:crypto';
import { signingKeyOf, type SigningKey } from '../../src/governance/tree-head.js';

/** A fresh Ed25519 key for signing audit heads in tests (no file). */
export function testAuditKey(): SigningKey {
  return signingKeyOf(generateKeyPairSync('ed25519').privateKey);
}
