import type { Context } from 'hono';
import { ApiError } from '../../core/errors';
import type { AppOptions } from '../../core/options';

/**
 * Laravel's Request::bearerToken(): the text after the last "Bearer " (any case) of the
 * Authorization header, cut at the first comma; undefined when there is none or it is empty.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const position = header.toLowerCase().lastIndexOf('bearer ');
  if (position === -1) return undefined;
  let token = header.slice(position + 7);
  const comma = token.indexOf(',');
  if (comma !== -1) token = token.slice(0, comma);
  return token === '' ? undefined : token;
}

/**
 * The API key of the request, or a 401. Any non-empty key is accepted unless `options.tokens`
 * names the accepted ones. Pelcro answers a missing and a rejected key alike.
 */
export function authenticate(c: Context, options: AppOptions): string {
  const token = bearerToken(c.req.header('authorization'));
  if (token === undefined) throw new ApiError({ kind: 'unauthenticated', reason: 'missing' });
  if (options.tokens && !options.tokens.includes(token)) throw new ApiError({ kind: 'unauthenticated', reason: 'invalid' });
  return token;
}
