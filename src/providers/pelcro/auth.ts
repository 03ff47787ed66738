import type { Context } from 'hono';
import { bearerToken } from '../../../lib/php/request';
import { ApiError } from '../../core/errors';
import { KeptMap } from '../../core/kept-map';
import type { AppOptions } from '../../core/options';
import type { PelcroSandbox, PelcroSandboxes } from './sandbox';
import { sandboxFingerprint, type TokenClaims, TokenIssuer } from './sdk/tokens';

export interface Credentials {
  token: string;
}

/**
 * The request's API key (Laravel's Request::bearerToken of the Authorization header), or the
 * `unauthenticated` ApiError thrown. Any non-empty key is accepted unless `allowed` names the
 * accepted ones. Pelcro answers a missing and a rejected key alike.
 */
export function authenticate(header: string | undefined, allowed: readonly string[] | undefined): Credentials {
  const token = bearerToken(header);
  if (token === undefined) throw new ApiError({ kind: 'unauthenticated', reason: 'missing' });
  if (allowed && !allowed.includes(token)) throw new ApiError({ kind: 'unauthenticated', reason: 'invalid' });
  return { token };
}

/**
 * The mock's header naming the sandbox (API key) of an Open API call that carries no customer
 * token: register and login. Pelcro has no such header; see docs/decisions/006-one-account-two-apis.md.
 */
export const ACCOUNT_HEADER = 'X-Understudy-Account';

/** The API key a frontend's calls reach when they name none. */
export function defaultOpenApiKey(options: AppOptions): string {
  return options.openApiKey ?? options.tokens?.[0] ?? 'demo';
}

/** An Open API call's customer: the token's claims, its sandbox's key and the customer on its site. */
export interface CustomerSession {
  apiKey: string;
  token: string;
  claims: TokenClaims;
  site: PelcroSandbox;
  customerId: number;
}

/** How many sandbox fingerprints are remembered (those of the most recently used keys). */
const MAX_REMEMBERED_KEYS = 10_000;

/**
 * The Open API's authentication: which sandbox a call reaches and which customer its token is.
 * A token names the sandbox that issued it by a fingerprint of its API key, so once logged in a
 * frontend needs nothing else; register and login reach the sandbox of ACCOUNT_HEADER, else the
 * default key's.
 */
export class CustomerAuth {
  readonly issuer: TokenIssuer;
  private readonly keys = new KeptMap<string, string>(MAX_REMEMBERED_KEYS);
  private readonly defaultKey: string;
  private readonly allowed: readonly string[] | undefined;

  constructor(
    options: AppOptions,
    private readonly sandboxes: PelcroSandboxes,
  ) {
    this.issuer = new TokenIssuer(options.tokenSecret, options.tokenTtlSeconds);
    this.defaultKey = defaultOpenApiKey(options);
    this.allowed = options.tokens;
  }

  /** The API key a call without a customer token reaches; one `--tokens` does not list is refused like a bad key. */
  apiKeyOf(header: string | undefined): string {
    const named = header?.trim();
    const key = named ? named : this.defaultKey;
    if (this.allowed && !this.allowed.includes(key)) throw new ApiError({ kind: 'unauthenticated', reason: 'invalid' });
    return key;
  }

  /** A new token for a customer of `site`, reachable from `apiKey`'s sandbox. */
  issue(apiKey: string, site: PelcroSandbox, customerId: number, issuer: string): Promise<string> {
    const fingerprint = sandboxFingerprint(apiKey);
    this.keys.set(fingerprint, apiKey);
    return this.issuer.issue(customerId, site.siteId, fingerprint, issuer);
  }

  /**
   * The configured key (the default one, or one of `--tokens`) a token's `sbx` names: a server
   * restarted with the same `--token-secret` and a snapshot or `--persist` knows these without
   * having issued the token itself, so a signed-in demo stays signed in.
   */
  private configuredKey(sbx: string): string | undefined {
    return [this.defaultKey, ...(this.allowed ?? [])].find((key) => sandboxFingerprint(key) === sbx);
  }

  /**
   * The customer of a protected call: no token is a 401; a token that is not one of ours, expired,
   * revoked, or whose customer is gone is refused with `refusal` (403; the refresh route says 401).
   * `allowExpired` lets a refresh take an expired token, as tymon/jwt-auth's refresh_ttl does.
   */
  async session(
    header: string | undefined,
    refusal: 'forbidden' | 'unauthenticated',
    allowExpired = false,
    c?: Context,
  ): Promise<CustomerSession> {
    const token = bearerToken(header);
    if (token === undefined) throw new ApiError({ kind: 'unauthenticated', reason: 'token_missing' });
    const refuse = (reason: string) => new ApiError({ kind: refusal, reason });
    const verified = await this.issuer.verify(token);
    let claims: TokenClaims;
    if (verified.ok) claims = verified.claims;
    else if (verified.reason === 'expired' && allowExpired && verified.claims) claims = verified.claims;
    else throw refuse(verified.reason === 'expired' ? 'token_expired' : 'token_invalid');
    const apiKey = this.keys.get(claims.sbx) ?? this.configuredKey(claims.sbx);
    if (apiKey === undefined) throw refuse('token_invalid');
    // Opened with the request's context, so the call is noted as this sandbox's: journaled, its
    // writes kept by --persist, and the request log names the sandbox.
    const account = this.sandboxes.accountFor(apiKey, c);
    if (account.sessions.isRevoked(claims.jti)) throw refuse('token_blacklisted');
    const site = account.site(claims.site_id);
    const customerId = Number(claims.sub);
    if (!site.customer(customerId)) throw refuse('user_not_found');
    return { apiKey, token, claims, site, customerId };
  }
}
