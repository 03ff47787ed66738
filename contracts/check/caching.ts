/**
 * Whether a shared cache may hand an answer to an authenticated request to other clients. Every
 * answer of a customer API is one account's data, asked with its key: a CDN or a proxy in front of
 * a deployment that marks such answers reusable serves one account's customers to another, or an
 * old list after a write. DRF sends no Cache-Control and Laravel `no-cache, private`; neither lets
 * a shared cache reuse them.
 */

/** The directives of a Cache-Control value, names lower-cased, values unquoted (RFC 9111 §5.2). */
export function directives(value: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const part of value.split(',')) {
    const [name, ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key === '') continue;
    const arg = rest.length
      ? rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1')
      : undefined;
    if (!found.has(key)) found.set(key, arg);
  }
  return found;
}

const seconds = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);

/**
 * Why a shared cache may reuse `cacheControl`'s answer to a request with Authorization without
 * asking the origin, or undefined when it may not. It may store one only when `public`,
 * `s-maxage` or `must-revalidate` allows it (§3.5), none of `no-store`, `private` or an unqualified
 * `no-cache` forbids it (§5.2.2), and reuse it while fresh (§4.2): for `s-maxage`, else `max-age`,
 * seconds, or a heuristic lifetime when `public` names none (§4.2.2).
 */
export function sharedReuse(cacheControl: string | null): string | undefined {
  if (!cacheControl) return undefined;
  const d = directives(cacheControl);
  if (d.has('no-store') || d.has('private') || (d.has('no-cache') && d.get('no-cache') === undefined)) return undefined;
  if (!d.has('public') && !d.has('s-maxage') && !d.has('must-revalidate')) return undefined;
  const lifetime = seconds(d.get('s-maxage')) ?? seconds(d.get('max-age'));
  if (lifetime === undefined ? !d.has('public') : lifetime === 0) return undefined;
  return lifetime === undefined
    ? 'public with no lifetime: a shared cache may choose its own'
    : `reusable by a shared cache for ${lifetime} s`;
}
