/**
 * What an account remembers of the customer tokens the Open API issued: the ones it revoked
 * (logout, refresh), until they would have expired anyway — tymon/jwt-auth's blacklist, which keeps
 * a token's `jti` until its `exp` (**guess** that Pelcro's Laravel API blacklists the same way).
 * A token itself holds everything else (it is signed), so nothing is stored when one is issued.
 */
import type { Quota } from '../../../core/limits';

/** The approximate bytes one revoked token holds. */
const REVOKED_BYTES = 64;

export class SessionStore {
  /** jti → exp (Unix seconds), in the order they were revoked. */
  private readonly revoked = new Map<string, number>();

  constructor(private readonly quota?: Quota) {}

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  /** Revokes a token until its expiry; tokens already past theirs are forgotten first. */
  revoke(jti: string, exp: number, nowSeconds: number): void {
    if (this.revoked.has(jti)) return;
    for (const [old, until] of this.revoked) {
      if (until > nowSeconds) continue;
      this.revoked.delete(old);
      this.quota?.charge(0, -REVOKED_BYTES);
    }
    this.quota?.charge(1, REVOKED_BYTES);
    this.revoked.set(jti, exp);
  }

  get size(): number {
    return this.revoked.size;
  }
}
