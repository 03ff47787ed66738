import type { Hono } from 'hono';
import { createApp } from '../../src/app';
import type { AppOptionsInput } from '../../src/core/options';

export const BASE = '/api/v1/core/customers';
/** The credential string of the default requests. */
export const TOKEN = 'test-key';
/** The default credentials header. */
export const AUTH = { Authorization: `Bearer ${TOKEN}` } as const;
export const FROZEN = '2026-01-01T00:00:00Z';
export const FROZEN_SECONDS = Date.parse(FROZEN) / 1000;

/** A Pelcro-only app with frozen clocks (so created records are predictable). */
export function seededApp(options: AppOptionsInput = {}): Hono {
  return createApp({ providers: ['pelcro'], freezeTime: FROZEN, ...options });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body (null when empty or not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer, read field by field in the tests
  json: any;
}

/** What a test sends. */
export interface Sent {
  /** The request body: a value sent as JSON, or a string sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

export async function call(app: Hono, method: string, path: string, sent: Sent = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(sent.anonymous ? {} : AUTH), ...sent.headers };
  let body: string | undefined;
  if (sent.body !== undefined) {
    body = typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, text, json: parsed };
}

export const get = (app: Hono, path: string, options?: Sent) => call(app, 'GET', path, options);
export const post = (app: Hono, path: string, body: unknown, options?: Sent) => call(app, 'POST', path, { ...options, body });
export const put = (app: Hono, path: string, body: unknown, options?: Sent) => call(app, 'PUT', path, { ...options, body });
export const del = (app: Hono, path: string, options?: Sent) => call(app, 'DELETE', path, options);

/** Creates a customer on site 1 and returns it (fails the test on anything but 201). */
// biome-ignore lint/suspicious/noExplicitAny: the created customer as parsed JSON
export async function createCustomer(app: Hono, fields: Record<string, unknown>, site = 1): Promise<any> {
  const answer = await post(app, `${BASE}?site_id=${site}`, fields);
  if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.text}`);
  return answer.json.data;
}
