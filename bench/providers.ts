/**
 * What the benchmarks send to each provider, in one place: credentials, paths, the bodies of
 * writes, and how to read a list answer. Everything goes over HTTP, so the benchmarks measure the
 * server as a client sees it and do not depend on how the store is built.
 */
import type { BenchRequest } from './load';

export type ProviderName = 'piriod' | 'pelcro';

export interface ProviderBench {
  provider: ProviderName;
  title: string;
  /** Headers of every request, for a credential (a new credential is a new sandbox). */
  headers(token: string): Record<string, string>;
  /** The list path, with `query` (already percent-encoded) appended. */
  list(query?: string): string;
  item(id: string | number): string;
  /** The first listed id, the number of matches and the last page, from a list answer's JSON. */
  readList(json: unknown): { firstId?: string | number; total: number; lastPage: number };
  /** A create body, a template (see `fill`) whose `{i}` keeps unique fields (emails) unique. */
  createBody: string;
  updateMethod: 'PUT' | 'PATCH';
  /** An update body, a template as `createBody` is. */
  updateBody: string;
  createdStatus: number;
}

const PIRIOD_PAGE_SIZE = 20;

export const piriod: ProviderBench = {
  provider: 'piriod',
  title: 'Piriod',
  headers: (token) => ({ Authorization: `Token ${token}`, Accept: 'application/json' }),
  list: (query) => (query ? `/customers/?${query}` : '/customers/'),
  item: (id) => `/customers/${id}/`,
  readList(json) {
    const page = json as { count: number; results: { id: string }[] };
    return { firstId: page.results[0]?.id, total: page.count, lastPage: Math.max(1, Math.ceil(page.count / PIRIOD_PAGE_SIZE)) };
  },
  createBody: JSON.stringify({ name: 'Bench Customer {i}', email: 'bench{i}@example.com', country: 'US' }),
  updateMethod: 'PATCH',
  updateBody: JSON.stringify({ name: 'Bench Customer {i}' }),
  createdStatus: 201,
};

const PELCRO_ROOT = '/api/v1/core/customers';

export const pelcro: ProviderBench = {
  provider: 'pelcro',
  title: 'Pelcro',
  headers: (token) => ({ Authorization: `Bearer ${token}`, Accept: 'application/json' }),
  list: (query) => `${PELCRO_ROOT}?site_id=1${query ? `&${query}` : ''}`,
  item: (id) => `${PELCRO_ROOT}/${id}?site_id=1`,
  readList(json) {
    const page = json as { data: { id: number }[]; meta: { total: number; last_page: number } };
    return { firstId: page.data[0]?.id, total: page.meta.total, lastPage: page.meta.last_page };
  },
  createBody: JSON.stringify({ email: 'bench{i}@example.com', first_name: 'Bench', last_name: 'Customer {i}' }),
  updateMethod: 'PUT',
  updateBody: JSON.stringify({ first_name: 'Bench{i}' }),
  // A Laravel resource for a model created in the request answers 201.
  createdStatus: 201,
};

export const PROVIDERS: readonly ProviderBench[] = [piriod, pelcro];

export function get(bench: ProviderBench, path: string, token: string): BenchRequest {
  return { method: 'GET', path, headers: bench.headers(token) };
}

/** Pelcro's `filter[email]` as a client sends it: brackets and LIKE's `%` percent-encoded. */
export function pelcroEmailLike(substring: string): string {
  return `filter%5Bemail%5D=like:%25${encodeURIComponent(substring)}%25`;
}
