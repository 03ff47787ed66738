import { createApp } from '../../src/app';
import type { AppOptionsInput } from '../../src/core/options';

export const TOKEN = 'test-token';
export const AUTH = { Authorization: `Token ${TOKEN}` };

/** A Piriod-only app (seed 1, the default fifty customers unless told otherwise). */
export function seededApp(options: AppOptionsInput = {}) {
  return createApp({ providers: ['piriod'], ...options });
}

/** An app whose only customers are `fixtures` (create bodies, plus id/created/updated). */
export function fixtureApp(fixtures: Record<string, unknown>[], options: AppOptionsInput = {}) {
  return seededApp({ scenario: { name: 'fixtures', piriod: { customers: 0, fixtures } }, ...options });
}

export interface Sent {
  body?: unknown;
  /** A body sent as is (string or bytes), with `contentType` if given. */
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
  /** Bindings for the app, as a server adapter passes them (`{ incoming: { url } }` for Node's). */
  env?: Record<string, unknown>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer, read field by field in the tests
  json: any;
}

type App = ReturnType<typeof seededApp>;

export async function call(app: App, method: string, path: string, sent: Sent = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(sent.anonymous ? {} : AUTH), ...sent.headers };
  let body: RequestInit['body'];
  if (sent.body !== undefined) {
    body = JSON.stringify(sent.body);
    headers['Content-Type'] = sent.contentType ?? 'application/json';
  } else if (sent.raw !== undefined) {
    body = sent.raw as RequestInit['body'];
    if (sent.contentType !== undefined) headers['Content-Type'] = sent.contentType;
  }
  const res = await app.request(path, { method, headers, body }, sent.env);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A valid Chilean create body. */
export function chilean(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Comercial Andes SpA', country: 'CL', tax_id: '76.123.456-0', ...overrides };
}

/** A customer's fields in the serializer's order: the order of a response body and of OPTIONS' actions. */
export const CUSTOMER_FIELDS = [
  'id',
  'address',
  'aggregations',
  'contacts',
  'country',
  'currency',
  'email',
  'manager',
  'metadata',
  'name',
  'phone',
  'reference',
  'send_collections',
  'send_invoices',
  'send_vouchers',
  'sources',
  'state',
  'status',
  'tax_id',
  'tax_settings',
  'test_mode',
  'website',
  'zip_code',
  'created',
  'updated',
];

/** A contact's fields in the serializer's order. */
export const CONTACT_FIELDS = ['id', 'name', 'email', 'phone', 'customer', 'orgunit', 'invoicing', 'collections', 'created', 'updated'];
