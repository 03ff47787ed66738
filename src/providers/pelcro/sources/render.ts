/** A payment source as the Core API returns it, in a Laravel API resource's `{data}` envelope. */
import type { Context } from 'hono';
import type { Source } from '../../../../contracts/pelcro/schemas';
import { jsonAnswer, laravelJson } from '../json';

/** One source; a resource of a model created in the request answers 201. */
export function renderSource(c: Context, source: Source, status: 200 | 201 = 200): Response {
  return jsonAnswer(c, status, laravelJson({ data: source }));
}
