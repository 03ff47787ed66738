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
import { ApiError } from '../../core/errors';
import type { UnauthenticatedReason } from '../../../contracts/piriod/messages';

const KEYWORDS = ['token', 'bearer'];
// bytes.split() with no argument: ASCII whitespace.
const BYTE_WHITESPACE = /[ \t\n\r\v\f]+/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface Credentials {
  token: string;
}

function refuse(reason: UnauthenticatedReason): ApiError {
  return new ApiError({ kind: 'unauthenticated', reason });
}

/** The request's credentials; throws the `unauthenticated` ApiError DRF's refusal stands for. */
export function authenticate(header: string | undefined, allowed: readonly string[] | undefined): Credentials {
  const parts = (header ?? '').split(BYTE_WHITESPACE).filter(Boolean);
  if (parts.length === 0 || !KEYWORDS.includes(parts[0].replace(/[A-Z]/g, (c) => c.toLowerCase()))) {
    throw refuse('missing');
  }
  if (parts.length === 1) throw refuse('malformed');
  if (parts.length > 2) throw refuse('spaces');
  const raw = parts[1];
  let token = raw;
  if (!/^[\x00-\x7f]*$/.test(raw)) {
    // A character above U+00FF cannot be a header byte; treat it as undecodable.
    if (/[^\x00-\xff]/.test(raw)) throw refuse('invalid_characters');
    try {
      token = strictUtf8.decode(Uint8Array.from(raw, (ch) => ch.charCodeAt(0)));
    } catch {
      throw refuse('invalid_characters');
    }
  }
  if (allowed && !allowed.includes(token)) throw refuse('invalid');
  return { token };
}
