import type { Context } from 'hono';
import { bearerToken } from '../../../lib/php/request';
import { ApiError } from '../../core/errors';
import type { AppOptions } from '../../core/options';

/**
 * The API key of the request (Laravel's Request::bearerToken), or a 401 thrown. Any non-empty key
 * is accepted unless `options.tokens` names the accepted ones. Pelcro answers a missing and a
 * rejected key alike.
 */
export function authenticate(c: Context, options: AppOptions): string {
  const token = bearerToken(c.req.header('authorization'));
  if (token === undefined) throw new ApiError({ kind: 'unauthenticated', reason: 'missing' });
  if (options.tokens && !options.tokens.includes(token)) throw new ApiError({ kind: 'unauthenticated', reason: 'invalid' });
  return token;
}
