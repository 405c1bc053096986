import { describe, expect, it } from 'vitest';
import { matchesHash, newApiKeySecret, newPublicLinkToken, newSessionId, parseApiKey, randomSecret, sameSecret, sha256Hex } from '../../src/access/tokens.js';

describe('tokens', () => {
  it('makes API keys that parse back to their id and secret, and stores only a hash', () => {
    const key = newApiKeySecret();
    expect(key.token).toMatch(/^krv_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key.token);
    expect(parsed?.keyId).toBe(key.keyId);
    expect(matchesHash(parsed!.secret, key.secretHash)).toBe(true);
    expect(key.secretHash).toBe(sha256Hex(parsed!.secret));
    expect(key.secretHash).not.toContain(parsed!.secret);
  });

  it('refuses keys of the wrong shape', () => {
    const good = newApiKeySecret().token;
    for (const bad of ['', 'krv', 'krv__', good.replace('krv_', 'xyz_'), good.slice(0, -1), `${good}x`, good.replace(/_([0-9a-f]{16})_/, '_ZZZZ_'), 'Bearer ' + good]) {
      expect(parseApiKey(bad), bad).toBeUndefined();
    }
  });

  it('tells a wrong secret from the right one', () => {
    const key = newApiKeySecret();
    const other = newApiKeySecret();
    expect(matchesHash(parseApiKey(other.token)!.secret, key.secretHash)).toBe(false);
    expect(matchesHash('anything', 'not-hex')).toBe(false);
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('a-secret-value', 'a-secret-value')).toBe(true);
    expect(sameSecret('a-secret-value', 'a-secret-valuf')).toBe(false);
    expect(sameSecret('short', 'a much longer secret value')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });

  it('gives fresh 256-bit secrets every time', () => {
    const seen = new Set(Array.from({ length: 200 }, () => randomSecret()));
    expect(seen.size).toBe(200);
    for (const value of seen) expect(Buffer.from(value, 'base64url')).toHaveLength(32);
    const session = newSessionId();
    expect(session.idHash).toBe(sha256Hex(session.value));
    const link = newPublicLinkToken();
    expect(link.tokenHash).toBe(sha256Hex(link.token));
    expect(link.token).not.toBe(session.value);
  });
});
