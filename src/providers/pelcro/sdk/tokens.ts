/**
 * The Open API's customer tokens: real JWTs signed with HS256 by `jose` (a maintained, dependency
 * free implementation of the JOSE standards), so a frontend decodes its token as it would in
 * production. The claims are tymon/jwt-auth's (`iss`, `iat`, `exp`, `nbf`, `jti`, `sub`), the JWT
 * package of Laravel APIs (**guess** that Pelcro's tokens carry the same), plus `site_id` and the
 * mock's `sbx`: which sandbox issued the token (docs/decisions/006-one-account-two-apis.md).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenClaims {
  /** The customer id, as text (RFC 7519's StringOrURI). */
  sub: string;
  site_id: number;
  /** The sandbox (a fingerprint of its API key) that issued the token. */
  sbx: string;
  jti: string;
  iat: number;
  exp: number;
}

export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid'; claims?: TokenClaims };

/** A sandbox's name inside a token: the first 16 hex digits of its API key's SHA-256 (never the key). */
export function sandboxFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}

function claimsOf(payload: Record<string, unknown>): TokenClaims | undefined {
  const { sub, site_id, sbx, jti, iat, exp } = payload;
  if (typeof sub !== 'string' || !/^\d{1,15}$/.test(sub)) return undefined;
  if (typeof site_id !== 'number' || typeof sbx !== 'string' || typeof jti !== 'string') return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number') return undefined;
  return { sub, site_id, sbx, jti, iat, exp };
}

export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    /** Lifetime of a token in seconds. */
    readonly ttlSeconds: number,
  ) {
    // Without a configured secret each server draws its own: tokens do not outlive it.
    this.key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  }

  /** A signed token for a customer of a site, issued by `issuer` (the request's URL, as tymon's `iss`). */
  async issue(customerId: number, siteId: number, sandbox: string, issuer: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ site_id: siteId, sbx: sandbox })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID().replaceAll('-', ''))
      .setSubject(String(customerId))
      .sign(this.key);
  }

  /**
   * The claims of a token this server signed and that has not expired; an expired one still
   * reports its claims (a refresh may accept it), anything else is invalid.
   */
  async verify(token: string): Promise<Verified> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      const claims = claimsOf(payload);
      return claims ? { ok: true, claims } : { ok: false, reason: 'invalid' };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const claims = claimsOf(error.payload);
        return claims ? { ok: false, reason: 'expired', claims } : { ok: false, reason: 'invalid' };
      }
      return { ok: false, reason: 'invalid' };
    }
  }
}
