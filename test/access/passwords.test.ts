import { describe, expect, it } from 'vitest';
import { hashPassword, spendPasswordTime, verifyPassword } from '../../src/access/passwords.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('writes scrypt$N$r$p$salt$hash without the password in it', async () => {
    const stored = await hashPassword('a-long-enough-password');
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts[0]).toBe('scrypt');
    expect(Number(parts[1])).toBeGreaterThanOrEqual(2 ** 14);
    expect(Number(parts[2])).toBe(8);
    expect(Number(parts[3])).toBe(1);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    expect(stored).not.toContain('a-long-enough-password');
  });

  it('salts every hash differently', async () => {
    const a = await hashPassword('same password twice');
    const b = await hashPassword('same password twice');
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password twice', b)).toBe(true);
  });

  it('refuses unreadable or absurd stored hashes instead of throwing or running away', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [, , r, p, salt, hash] = stored.split('$');
    expect(await verifyPassword('correct horse battery staple', 'plain-text')).toBe(false);
    expect(await verifyPassword('correct horse battery staple', `scrypt$1000$${r}$${p}$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', `bcrypt$16384$${r}$${p}$${salt}$${hash}`)).toBe(false);
  });

  it('costs tens of milliseconds, and a decoy check costs about as much', async () => {
    const stored = await hashPassword('timing is measured here');
    const time = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b)[2]!;
    };
    const verify = await time(() => verifyPassword('timing is measured here', stored));
    const decoy = await time(() => spendPasswordTime('timing is measured here'));
    // A floor shows the work is real; the ceiling is loose because CI machines are slow and shared.
    expect(verify).toBeGreaterThan(5);
    expect(verify).toBeLessThan(1000);
    expect(decoy).toBeGreaterThan(verify / 4);
  });
});
