import { bearerToken } from '../../../lib/php/request';
import { ApiError } from '../../core/errors';

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
