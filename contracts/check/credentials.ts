/**
 * Telling a refused key from a drifting target. A wrong, rotated or unauthorised key makes every
 * check that reads answer the provider's 401 or 403, which would read as the API drifting
 * everywhere; so the first answer to a request sent with the run's own credentials decides: the
 * provider's refusal there stops the run (exit 2, like an unreachable target) before any verdict.
 * Requests that deliberately send other credentials (no key, a malformed or unknown one, no
 * workspace) are never judged here: their 401s are what those checks expect.
 */
import { statusText, type Res } from './http';

/** How a provider refuses credentials, and the flags that carry them (named in the message). */
export interface CredentialRefusal {
  /** Whether `res` (to a request with the run's own credentials) is the provider refusing them. */
  refused(res: Res): boolean;
  /** e.g. `--token and --workspace`. */
  flags: string;
  /** The scheme the run's `Authorization` header uses (`Token`, `Bearer`), named when the target asks for another. */
  scheme?: string;
}

/** The target refused the run's own credentials: no check can be judged with them. */
export class CredentialsRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsRefusedError';
  }
}

/** Judges the first answer to the run's own credentials, once; later refusals are drift. */
export class CredentialsGate {
  private judged = false;

  constructor(private readonly refusal: CredentialRefusal | undefined) {}

  /** Throws CredentialsRefusedError when `res` is the first answer to the run's credentials and refuses them. */
  inspect(res: Res): void {
    if (this.judged || !res.ownCredentials || !this.refusal) return;
    this.judged = true;
    if (this.refusal.refused(res)) {
      throw new CredentialsRefusedError(
        `the target refused the credentials: ${res.method} ${res.path} answered ${statusText(res)}\n` +
          otherScheme(res, this.refusal.scheme) +
          `Check ${this.refusal.flags}; no check was judged.`,
      );
    }
  }
}

/**
 * A line naming the scheme a refusal's challenge asks for when it is not the one the run sends: a
 * target that moved from `Token` to `Bearer` refuses every key, and checking the key would not help.
 */
function otherScheme(res: Res, sent: string | undefined): string {
  const challenge = res.headers.get('www-authenticate');
  const asked = challengeScheme(challenge);
  if (!sent || asked === undefined || asked === sent.toLowerCase()) return '';
  return `It asks for another scheme (WWW-Authenticate: ${challenge}); the run sends Authorization: ${sent} …, as the provider documents.\n`;
}

/** The auth-scheme a challenge names (RFC 9110 §11.6.1: a token, then any parameters), lower-cased (§11.1). */
export function challengeScheme(challenge: string | null): string | undefined {
  return /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s|,|$)/.exec(challenge ?? '')?.[1].toLowerCase();
}

/** A 401 or 403 whose JSON body is an object with a string `field` (DRF's `detail`, Laravel's `message`). */
export function refusalWith(field: string): (res: Res) => boolean {
  return (res) => {
    if (res.status !== 401 && res.status !== 403) return false;
    const body = res.json as Record<string, unknown> | undefined;
    return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof body[field] === 'string';
  };
}
