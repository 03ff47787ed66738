import { createMock, type MockOptions } from '../../src/mock';

export const PIRIOD = { Authorization: 'Token alice', 'Content-Type': 'application/json' };
export const PELCRO = { Authorization: 'Bearer alice', 'Content-Type': 'application/json' };
export const FROZEN = '2026-01-01T00:00:00Z';

export function mock(options: MockOptions = {}) {
  return createMock({ freezeTime: FROZEN, ...options });
}

type Mock = ReturnType<typeof mock>;

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers, read field by field in the tests
export async function json(m: Mock, path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await m.fetch(path, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

export const createPiriod = (m: Mock, body: Record<string, unknown>, headers: Record<string, string> = PIRIOD) =>
  json(m, '/customers/', { method: 'POST', headers, body: JSON.stringify(body) });

export const createPelcro = (m: Mock, body: Record<string, unknown>, headers: Record<string, string> = PELCRO) =>
  json(m, '/api/v1/core/customers', { method: 'POST', headers, body: JSON.stringify({ site_id: 1, ...body }) });

export const piriodCount = async (m: Mock, headers: Record<string, string> = PIRIOD) =>
  (await json(m, '/customers/', { headers })).body.count as number;
export const pelcroTotal = async (m: Mock, headers: Record<string, string> = PELCRO) =>
  (await json(m, '/api/v1/core/customers?site_id=1', { headers })).body.meta.total as number;
