/**
 * Credentials as DRF's TokenAuthentication reads them (rest_framework/authentication.py), with two
 * keywords tried in turn: `Token` (the official client) and `Bearer` (the start document).
 *
 *     auth = get_authorization_header(request).split()
 *     if not auth or auth[0].lower() != keyword.lower().encode(): return None   # next authenticator
 *     if len(auth) == 1: raise AuthenticationFailed(...)      # MESSAGES.tokenWithoutCredentials
 *     elif len(auth) > 2: raise AuthenticationFailed(...)     # MESSAGES.tokenWithSpaces
 *     token = auth[1].decode()  # UnicodeError: MESSAGES.tokenWithInvalidCharacters
 *
 * The header arrives as Latin-1 (one char per byte, as WSGI and Node both hand it over), so the
 * token is valid only if its bytes are UTF-8. No authenticator matching means no credentials.
 */
import type { Problem } from '../../core/errors';

const KEYWORDS = ['token', 'bearer'];
// bytes.split() with no argument: ASCII whitespace.
const BYTE_WHITESPACE = /[ \t\n\r\v\f]+/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

type Unauthenticated = Extract<Problem, { kind: 'unauthenticated' }>;

export type AuthResult = { token: string } | Unauthenticated;

function fail(reason: Unauthenticated['reason']): Unauthenticated {
  return { kind: 'unauthenticated', reason };
}

export function authenticate(header: string | undefined, allowed: readonly string[] | undefined): AuthResult {
  const parts = (header ?? '').split(BYTE_WHITESPACE).filter(Boolean);
  if (parts.length === 0 || !KEYWORDS.includes(parts[0].replace(/[A-Z]/g, (c) => c.toLowerCase()))) {
    return fail('missing');
  }
  if (parts.length === 1) return fail('malformed');
  if (parts.length > 2) return fail('spaces');
  const raw = parts[1];
  let token = raw;
  if (!/^[\x00-\x7f]*$/.test(raw)) {
    // A character above U+00FF cannot be a header byte; treat it as undecodable.
    if (/[^\x00-\xff]/.test(raw)) return fail('invalid_characters');
    try {
      token = strictUtf8.decode(Uint8Array.from(raw, (ch) => ch.charCodeAt(0)));
    } catch {
      return fail('invalid_characters');
    }
  }
  if (allowed && !allowed.includes(token)) return fail('invalid');
  return { token };
}
