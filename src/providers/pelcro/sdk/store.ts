/**
 * What an account remembers of its customers' sign-in: the passwords it set (hashed) and, of the
 * customer tokens the Open API issued, the ones it revoked
 * (logout, refresh), until they would have expired anyway — tymon/jwt-auth's blacklist, which keeps
 * a token's `jti` until its `exp` (**guess** that Pelcro's Laravel API blacklists the same way).
 * A token itself holds everything else (it is signed), so nothing is stored when one is issued.
 */
import { createHash } from 'node:crypto';
import type { Quota } from '../../../core/limits';
import { BCRYPT_MAX_BYTES, bcryptInput } from '../../../../lib/php/bcrypt';

/** The approximate bytes one revoked token holds. */
const REVOKED_BYTES = 64;

/**
 * Revoked tokens one account remembers at most (the mock's bound, not Pelcro's): past it the
 * earliest revocation is forgotten, and the token it revoked is taken again until its own expiry.
 * Without it, one visitor refreshing a token in a loop (10,000 refreshes: 12 s) filled the shared
 * Open API sandbox, and every other visitor's register was refused for as long as the tokens lived.
 */
export const MAX_REVOKED = 10_000;

/** A password's digest over what bcrypt would read of it (its first 72 bytes: lib/php/bcrypt.ts). */
const digest = (text: string) => createHash('sha256').update(bcryptInput(text)).digest('hex');

/**
 * A password's digest over its whole text: what snapshots saved before the 72-byte reading hold
 * for a longer one. Accepted too, so restoring such a snapshot locks no customer out; for a text
 * past 72 bytes it never equals a digest of its first 72, so it lets no other password in.
 */
const wholeDigest = (text: string) => createHash('sha256').update(text).digest('hex');

export class SessionStore {
  /** jti → exp (Unix seconds), in the order they were revoked. */
  private readonly revoked = new Map<string, number>();

  /** Customer id → SHA-256 of the password this account set (create, update, register), as bcrypt reads it. */
  private readonly passwords = new Map<number, string>();

  constructor(private readonly quota?: Quota) {}

  /** Records a customer's new password (its hash: the text is never kept). */
  setPassword(customerId: number, password: string): void {
    if (!this.passwords.has(customerId)) this.quota?.charge(1, REVOKED_BYTES);
    if (this.quota) this.quota.written = true;
    this.passwords.set(customerId, digest(password));
  }

  /**
   * Whether `password` is the customer's: the one this account set, else, for a seeded customer
   * with a password, the scenario's shared demo password.
   */
  passwordMatches(customerId: number, password: string, seededPassword: string | undefined): boolean {
    const own = this.passwords.get(customerId);
    if (own !== undefined) {
      return own === digest(password) || (Buffer.byteLength(password) > BCRYPT_MAX_BYTES && own === wholeDigest(password));
    }
    return seededPassword !== undefined && password === seededPassword;
  }

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  /**
   * Revokes a token until its expiry. Tokens already past theirs are forgotten every 256 revocations,
   * so the blacklist stays as small as the live tokens it holds at a linear cost overall, and at
   * most MAX_REVOKED are kept. A revocation is charged its bytes, not as a record: records are what
   * a sandbox adds for good (their ids are never reused), and a revocation goes when it expires;
   * counted as one, every logout and refresh of a demo's visitors brought its shared sandbox nearer
   * to refusing every write, for good.
   */
  revoke(jti: string, exp: number, nowSeconds: number): void {
    if (this.revoked.has(jti)) return;
    if (this.revoked.size % 256 === 255) this.forgetExpired(nowSeconds);
    this.quota?.charge(0, REVOKED_BYTES);
    if (this.quota) this.quota.written = true;
    this.revoked.set(jti, exp);
    this.keepBound();
  }

  /** Forgets the earliest revocations past MAX_REVOKED. */
  private keepBound(): void {
    for (const [old] of this.revoked) {
      if (this.revoked.size <= MAX_REVOKED) break;
      this.revoked.delete(old);
      this.quota?.charge(0, -REVOKED_BYTES);
    }
  }

  private forgetExpired(nowSeconds: number): void {
    for (const [old, until] of this.revoked) {
      if (until > nowSeconds) continue;
      this.revoked.delete(old);
      this.quota?.charge(0, -REVOKED_BYTES);
    }
  }

  get size(): number {
    return this.revoked.size;
  }

  /** The password digests this account set, for a snapshot (the texts were never kept). */
  passwordDigests(): { customer_id: number; sha256: string }[] {
    return [...this.passwords].map(([customer_id, sha256]) => ({ customer_id, sha256 }));
  }

  /** The revoked tokens still remembered, for a snapshot. */
  revokedTokens(): { jti: string; exp: number }[] {
    return [...this.revoked].map(([jti, exp]) => ({ jti, exp }));
  }

  /** Takes a snapshot's digests and revocations into this fresh store, charged as the writes were. */
  restore(passwords: readonly { customer_id: number; sha256: string }[], revoked: readonly { jti: string; exp: number }[]): void {
    for (const { customer_id, sha256 } of passwords) {
      if (!this.passwords.has(customer_id)) this.quota?.charge(1, REVOKED_BYTES);
      this.passwords.set(customer_id, sha256);
    }
    for (const { jti, exp } of revoked) {
      if (this.revoked.has(jti)) continue;
      this.quota?.charge(0, REVOKED_BYTES);
      this.revoked.set(jti, exp);
    }
    this.keepBound();
  }
}
