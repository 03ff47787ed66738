/**
 * Building blocks both providers' drifts use the same way: the page a list request asks for, a
 * memory of the pages already answered, a create that silently drops a field, and an answer
 * turned into a bare redirect.
 */
import { everywhere, type Answer, type Drift } from '../harness';
import { jsonBodyOf } from './transport';

/** The page a list request asks for (1 when it names none). */
export const pageOf = (url: URL) => Number(url.searchParams.get('page') ?? '1');

/** Pages seen so far, by their query without `page`: what a drift that repeats a page needs. */
export function pageMemory() {
  const pages = new Map<string, unknown[]>();
  const key = (url: URL, page: number) => {
    const q = new URLSearchParams(url.search);
    q.delete('page');
    q.sort();
    return `${q}|${page}`;
  };
  return {
    remember: (url: URL, records: unknown[]) => pages.set(key(url, pageOf(url)), records),
    before: (url: URL) => pages.get(key(url, pageOf(url) - 1)),
  };
}

/** A create that ignores `field`: the POST reaches the server without it. */
export function createIgnoring(field: string): Drift['request'] {
  return async (request, url) => {
    if (request.method !== 'POST') return request;
    const body = await jsonBodyOf(request);
    if (!body || !(field in body)) return request;
    delete body[field];
    return new Request(url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) });
  };
}

/** Turns `answer` into a 301 to `location` with an empty HTML body (what a web server's rewrite sends). */
export function redirectTo(answer: Answer, location: string, contentType: string): void {
  answer.status = 301;
  answer.json = undefined;
  answer.text = '';
  answer.headers = new Headers({ location, 'content-type': contentType });
}

type Editor = (record: Record<string, unknown>) => void;

/** A drift response that edits every customer (as `isCustomer` knows them) in answers `only` selects (all by default). */
export function customerEditor(isCustomer: (o: Record<string, unknown>) => boolean) {
  return (edit: Editor, only?: (request: Request) => boolean): Drift['response'] =>
    (answer, request) => {
      if (only && !only(request)) return;
      everywhere(answer.json, isCustomer, edit);
    };
}

/** An undeclared field on every customer: only a strict run may fail it. */
export function undeclaredField(customers: (edit: Editor) => Drift['response']): Drift {
  return {
    name: 'an undeclared field (judged with --strict)',
    options: { strict: true },
    response: customers((c) => {
      c.legacy_code = 'L-1';
    }),
  };
}

/** `value` with every object's keys in reverse order: JSON objects are unordered (RFC 8259 §4). */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
