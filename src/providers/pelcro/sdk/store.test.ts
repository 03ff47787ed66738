import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Quota } from '../../../core/limits';
import { MAX_REVOKED, SessionStore } from './store';

describe('SessionStore', () => {
  it('refuses a revoked token until it is forgotten past its expiry', () => {
    const store = new SessionStore();
    store.revoke('a', 100, 50);
    expect(store.isRevoked('a')).toBe(true);
    for (let i = 0; i < 300; i++) store.revoke(`t${i}`, 1_000, 200);
    // Past its exp (100) at 200, "a" was dropped by a batch; the live ones stay.
    expect(store.isRevoked('a')).toBe(false);
    expect(store.isRevoked('t299')).toBe(true);
    expect(store.size).toBe(300);
  });

  it("checks a customer's own password before the demo one, and keeps only a digest", () => {
    const store = new SessionStore();
    expect(store.passwordMatches(7, 'demo-pw', 'demo-pw')).toBe(true);
    store.setPassword(7, 'own-secret');
    expect(store.passwordMatches(7, 'demo-pw', 'demo-pw')).toBe(false);
    expect(store.passwordMatches(7, 'own-secret', 'demo-pw')).toBe(true);
    const kept = [...(store as unknown as { passwords: Map<number, string> }).passwords.values()];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('still signs in a password past 72 bytes that a snapshot kept as the digest of its whole text', () => {
    const long = `${'x'.repeat(72)}-tail`;
    const store = new SessionStore();
    store.restore([{ customer_id: 7, sha256: createHash('sha256').update(long).digest('hex') }], []);
    expect(store.passwordMatches(7, long, undefined)).toBe(true);
    // Such a digest was of the whole text: another tail is another password, as it was then.
    expect(store.passwordMatches(7, `${'x'.repeat(72)}-other`, undefined)).toBe(false);
    // A password set now is read as bcrypt reads it.
    store.setPassword(8, long);
    expect(store.passwordMatches(8, `${'x'.repeat(72)}-other`, undefined)).toBe(true);
  });

  it("charges a revocation's bytes, not a record: a refresh loop no longer fills the sandbox's record bound", () => {
    const quota = new Quota({ ...DEFAULT_LIMITS, maxRecords: 10 });
    const store = new SessionStore(quota);
    // Each token lives long: none is past its expiry.
    for (let i = 0; i < 1_000; i++) store.revoke(`t${i}`, 10_000, 100);
    expect(quota.records).toBe(0);
    expect(() => quota.charge(10, 0)).not.toThrow();
  });

  it('remembers at most MAX_REVOKED live revocations, forgetting the earliest, its bytes given back', () => {
    const quota = new Quota(DEFAULT_LIMITS);
    const store = new SessionStore(quota);
    for (let i = 0; i < MAX_REVOKED + 300; i++) store.revoke(`t${i}`, 10_000, 100);
    expect(store.size).toBe(MAX_REVOKED);
    expect(store.isRevoked('t299')).toBe(false);
    expect(store.isRevoked('t300')).toBe(true);
    expect(quota.bytes).toBe(MAX_REVOKED * 64);
  });
});
