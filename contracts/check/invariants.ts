/**
 * Small, provider-neutral judgements the suites share: is a sequence ordered, where do two JSON
 * values first differ, which values of a page can seed a filter.
 */
import { describe, jsonPath } from './conformance';

export type Direction = 'asc' | 'desc';

/**
 * Ways a server may order strings. A database collation is not JavaScript's: PostgreSQL with an
 * ICU/glibc locale ignores case and punctuation at first level, MySQL's default collations are
 * case-insensitive, a C collation compares bytes. A sequence counts as ordered when one of these
 * orders it; an ignored `ordering` parameter orders it under none.
 */
const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
const collatorCase = new Intl.Collator('en');
const STRING_ORDERS: ((a: string, b: string) => number)[] = [
  (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  (a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  },
  (a, b) => collator.compare(a, b),
  (a, b) => collatorCase.compare(a, b),
];

/** Index of the first pair out of order under `compare`, or -1. */
export function firstDisorder<T>(values: readonly T[], compare: (a: T, b: T) => number, direction: Direction): number {
  for (let i = 1; i < values.length; i++) {
    const c = compare(values[i - 1], values[i]);
    if (direction === 'asc' ? c > 0 : c < 0) return i;
  }
  return -1;
}

/** Where a list of strings breaks `direction` under every plausible collation, or -1 when ordered. */
export function stringDisorder(values: readonly string[], direction: Direction): number {
  let worst = -1;
  for (const compare of STRING_ORDERS) {
    const at = firstDisorder(values, compare, direction);
    if (at === -1) return -1;
    worst = Math.max(worst, at);
  }
  return worst;
}

export function numberDisorder(values: readonly number[], direction: Direction): number {
  return firstDisorder(values, (a, b) => a - b, direction);
}

export interface Difference {
  jsonPath: string;
  expected: string;
  actual: string;
}

/** The first place where `actual` differs from `expected` (key order ignored), or undefined. */
export function firstDifference(expected: unknown, actual: unknown, path: PropertyKey[] = []): Difference | undefined {
  if (Object.is(expected, actual)) return undefined;
  const bothObjects = expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object';
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return { jsonPath: jsonPath(path), expected: describe(expected), actual: describe(actual) };
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return { jsonPath: jsonPath(path), expected: `${expected.length} items`, actual: `${actual.length} items` };
    }
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
  for (const key of keys) {
    const d = firstDifference(e[key], a[key], [...path, key]);
    if (d) return d;
  }
  return undefined;
}

/** The value of `pick` on the first record where it is a usable (non-empty) string. */
export function firstValue<T>(records: readonly T[], pick: (record: T) => unknown): string | undefined {
  for (const record of records) {
    const value = pick(record);
    if (typeof value === 'string' && value.trim().length > 0) return value;
  }
  return undefined;
}

/** Parses an ISO 8601 instant into milliseconds (NaN when it is not one). */
export function instantMs(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return Number.NaN;
  return Date.parse(value);
}

/** Microsecond-precision comparison of two ISO instants (Date.parse keeps only milliseconds). */
export function compareInstants(a: string, b: string): number {
  const micros = (iso: string) => {
    const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
    return Number(fraction.padEnd(6, '0').slice(3, 6));
  };
  const ms = instantMs(a) - instantMs(b);
  if (ms !== 0 || Number.isNaN(ms)) return ms;
  return micros(a) - micros(b);
}

interface Where {
  method: string;
  path: string;
}

/** The checks a shared judgement needs from a Context (kept structural: no import cycle). */
interface Expecter {
  expect(ok: boolean, where: Where, jsonPath: string, expected: string, actual: string): boolean;
}

/**
 * A 405's `Allow` header lists the methods the path offers and not the one refused (RFC 9110
 * §15.5.6: the server MUST send it with a 405).
 */
export function expectAllow(ctx: Expecter, res: Where & { headers: Headers }, offered: readonly string[], refused: string): void {
  const header = res.headers.get('allow');
  const methods = (header ?? '')
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);
  const ok = header !== null && offered.every((m) => methods.includes(m)) && !methods.includes(refused);
  ctx.expect(ok, res, 'header allow', `${offered.join(', ')} (and not ${refused})`, header ?? 'missing');
}

/**
 * Whether `url`, handed out by an API the run called at `called` (a page link, a redirect), takes
 * a client from https:// down to plain http://: following it sends the key in clear, or ends in a
 * redirect back that drops it.
 */
export function downgrades(called: URL, url: URL): boolean {
  return called.protocol === 'https:' && url.protocol === 'http:';
}

/**
 * Judges the answer to a request sent to a route's other spelling (with or without the trailing
 * slash). Frameworks either answer it (a router that ignores the slash), refuse it (a 4xx such as
 * 404), or redirect to the canonical spelling; a redirect must keep the query, or the client that
 * follows it loses its filters and page, and must stay on the origin the client called: an HTTP
 * client drops `Authorization` on a redirect to another origin (the Fetch standard, curl, requests),
 * so the request arrives without its key, and a redirect to http:// would send it in clear. An
 * answer must be the API's JSON, and a 5xx is a fault. Returns a note saying what the target did.
 */
export function expectCanonicalRedirect(
  ctx: Expecter,
  res: Where & { status: number; location?: string; mediaType: string; json: unknown },
  canonical: URL,
): string {
  if (res.status >= 200 && res.status < 300) {
    const ok = res.mediaType === 'application/json' && res.json !== undefined;
    ctx.expect(
      ok,
      res,
      'body',
      'the JSON answer of the canonical route',
      `${res.mediaType || 'no content type'}${res.json === undefined ? ', not JSON' : ''}`,
    );
    return `answered ${res.status} directly`;
  }
  if (res.status < 300 || res.status >= 400) {
    ctx.expect(res.status < 500, res, 'status', 'a redirect to the canonical path, an answer, or a 4xx refusal', String(res.status));
    return `refused with ${res.status}`;
  }
  let target: URL | undefined;
  try {
    target = res.location ? new URL(res.location) : undefined;
  } catch {
    target = undefined;
  }
  const sent = new URLSearchParams(canonical.search);
  sent.sort();
  const kept = new URLSearchParams(target?.search ?? '');
  kept.sort();
  const ok =
    target !== undefined &&
    target.origin === canonical.origin &&
    target.pathname === canonical.pathname &&
    kept.toString() === sent.toString();
  ctx.expect(
    ok,
    res,
    'header location',
    `${canonical.origin}${canonical.pathname}${canonical.search} (the canonical path on the origin called, query kept)`,
    res.location ?? 'missing',
  );
  return `redirected (${res.status}) to ${res.location}`;
}
