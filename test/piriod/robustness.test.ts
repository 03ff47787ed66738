/**
 * Seeded fuzzing of the Piriod endpoints: random and adversarial bodies, query strings, ids and
 * credentials. Whatever arrives, the mock answers as DRF would (its JSON error shapes, Django's
 * HTML 404 page or redirect), never a 500 but Django's page for a write holding a lone surrogate
 * (which Piriod can neither render nor store) or a null character in a JSON column, and a refused write leaves no trace: replaying only the
 * accepted writes on a fresh app gives the same bytes, ids and timestamps included.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/random';
import { Contact, ContactList, Customer, CustomerList, FILTER_NAMES, SourceList } from '../../contracts/piriod/schemas';
import { DJANGO_SERVER_ERROR_HTML } from '../../contracts/piriod/messages';
import { escapesUnstorable } from '../trust/fuzz-kit';
import { call, seededApp, type Answer, type Sent } from './helpers';

const FROZEN = '2026-02-01T10:00:00-03:00';
// Two of seed 1's customers: the newest (Argentinian) and a Chilean one (tax id required).
const SEEDED_IDS = ['cus_1UJBSiBkxVjtEKX6eeQF', 'cus_HSHn6wFIUZnXkuuyfPuP'];

type App = ReturnType<typeof seededApp>;

/** A fixed-seed chooser over the generator below. */
class Gen {
  constructor(private readonly rng: Rng) {}
  int(n: number): number {
    return Math.floor(this.rng() * n);
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

// --- Values ------------------------------------------------------------------------------------

const STRINGS = [
  '',
  ' ',
  '  padded  ',
  'Comercial Andes SpA',
  'x',
  'CL',
  'cl',
  'US',
  'XX',
  'CLRM',
  'RM',
  'AZ',
  'USAZ',
  'CLP',
  'clp',
  'EUR',
  '12.345.678-5',
  '12345678-5',
  '123456785',
  '12.345.678-6',
  '8.900.960-K',
  '8900960k',
  '0-0',
  '-',
  '.',
  'a@b.co',
  'facturacion@andes.cl',
  'not an email',
  '@',
  'a@',
  '"q"@x.com',
  'user@[127.0.0.1]',
  'user@localhost',
  'https://andes.cl',
  'http://localhost:8000/x?y#z',
  'ftp://[::1]/',
  'http://',
  'javascript:alert(1)',
  'http://a b.com',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d\ude00',
  '😀'.repeat(40),
  'é'.repeat(101),
  'a'.repeat(100),
  'a'.repeat(101),
  '\u2028\u2029',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  'e\u0301',
  '\t\n\r',
  '\u00a0\u3000',
  '\ufeff',
  '%00',
  '%ZZ',
  '<script>',
  "O'Brien",
  '"',
  '\\',
  'null',
  'true',
  '1.0',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
];

function longString(g: Gen): string {
  return g.pick(['a', 'é', '😀', ' ', '\u0000', '\ud800']).repeat(g.pick([7, 65, 255, 321, 2049, 70_000]));
}

function scalar(g: Gen): unknown {
  switch (g.int(9)) {
    case 0:
      return null;
    case 1:
      return g.chance(0.5);
    case 2:
      return g.pick([0, -0, 1, -1, 1.5, 1e16, 1e-7, 2 ** 53 + 2, -1e308, 5e-324]);
    case 3:
      return longString(g);
    default:
      return g.pick(STRINGS);
  }
}

// Keys a JavaScript object treats specially (or orders first), which a Python dict does not.
const DICT_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '1', '10', '01', '-1', '', ' ', 'a.b', '\u0000', '😀'];

/** Sets an own key, `__proto__` included (a plain assignment would change the prototype). */
function put(obj: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function dict(g: Gen, depth: number): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (let i = g.int(4); i > 0; i--) put(obj, g.chance(0.5) ? g.pick(DICT_KEYS) : key(g), value(g, depth + 1));
  return obj;
}

function value(g: Gen, depth = 0): unknown {
  const roll = g.int(10);
  if (depth < 3 && roll === 0) return Array.from({ length: g.int(4) }, () => value(g, depth + 1));
  if (depth < 3 && roll <= 2) return dict(g, depth);
  return scalar(g);
}

const FIELDS = [
  'address',
  'country',
  'currency',
  'email',
  'metadata',
  'name',
  'phone',
  'state',
  'tax_id',
  'tax_settings',
  'website',
  // read-only and unknown ones, ignored by DRF
  'id',
  'created',
  'updated',
  'aggregations',
  'contacts',
  'sources',
  'non_field_errors',
  'status',
  'zip_code',
];

function key(g: Gen): string {
  return g.chance(0.6) ? g.pick(FIELDS) : g.pick(STRINGS);
}

/** An object body: often close to a valid one, with some fields wrong or strange. */
function objectBody(g: Gen): Record<string, unknown> {
  const base: Record<string, unknown> = g.pick([
    { name: 'Comercial Andes SpA', country: 'CL', tax_id: '76.123.456-0' },
    { name: 'Acme Inc', country: 'US', state: 'AZ', email: 'billing@acme.com', website: 'https://acme.com' },
    { name: 'Sin País' },
    {},
  ]);
  const body: Record<string, unknown> = { ...base };
  if (g.chance(0.3)) put(body, g.pick(['metadata', 'tax_settings']), dict(g, 0));
  for (let i = g.int(4); i > 0; i--) put(body, key(g), value(g));
  return body;
}

// --- Raw bodies --------------------------------------------------------------------------------

const encoder = new TextEncoder();

function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Text or bytes that no JSON encoder would write: broken, odd or hostile. */
function rawBody(g: Gen): string | Uint8Array {
  const valid = JSON.stringify(objectBody(g));
  switch (g.int(14)) {
    case 0:
      return valid.slice(0, g.int(valid.length)); // truncated
    case 1:
      return g.pick(['[', '{"a":']).repeat(g.pick([10, 999, 1000, 1001, 5000])); // deep
    case 2:
      return `[${'['.repeat(998)}${']'.repeat(999)}`; // deep but within the limit
    case 3:
      return `{"name": ${'9'.repeat(g.pick([4300, 4301, 20_000]))}}`; // huge integers
    case 4:
      return g.pick(['{"name": 1e99999}', '{"name": -1e-99999}', '{"name": 1.0}', '{"name": -0}', '[NaN]', '{"a": -Infinity}']);
    case 5:
      return concat(new Uint8Array([0xef, 0xbb, 0xbf]), valid); // BOM
    case 6:
      return concat(valid.slice(0, 9), new Uint8Array([g.pick([0x80, 0xc0, 0xc3, 0xed, 0xf4, 0xf5, 0xff])]), valid.slice(9));
    case 7:
      return concat(valid, new Uint8Array([g.pick([0xc3, 0xe2, 0xf0])])); // incomplete sequence at the end
    case 8:
      return valid.replace(/"/g, "'");
    case 9:
      return `${valid.slice(0, -1)},}`;
    case 10:
      return `${valid}\u0000`;
    case 11:
      return g.pick(['', ' ', '\n', 'null', 'true', '0', '"str"', '[]', '[{}]', '1e400', '123456789012345678901234567890']);
    case 12:
      return `{"name": "${'\\u'}${g.pick(['d800', 'dc00', 'd83d\\ude00', 'd83d\\u0041', 'zzzz', '12'])}"}`;
    default: {
      // random bytes, flipped into a valid body
      const bytes = encoder.encode(valid);
      for (let i = g.int(4) + 1; i > 0; i--) bytes[g.int(bytes.length)] = g.int(256);
      return bytes;
    }
  }
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON; Charset="UTF-8"',
  'application/json; charset=latin-1',
  'application/json; charset=ascii',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'application/json;',
  'application/json; charset',
  '*/*',
  'application/*',
  'application/vnd.api+json',
  'text/plain',
  'text/html; charset=utf-8',
  'application/xml',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=zz',
  ';;;',
  '/',
  'json',
  'application/json, text/plain',
];

function formBody(g: Gen): string {
  const pairs: string[] = [];
  for (let i = g.int(6); i >= 0; i--) {
    const name = g.pick([...FIELDS, 'metadata.crm', 'metadata.', 'metadata.__proto__', 'tax_settings.a', '%ZZ', '']);
    pairs.push(
      `${encodeURIComponent(name)}=${g.chance(0.3) ? g.pick(['%', '%ff', '%00', '+', '%ED%A0%80']) : encodeURIComponent(String(scalar(g)).replace(/[\ud800-\udfff]/g, ''))}`,
    );
  }
  return pairs.join('&');
}

function multipartBody(g: Gen): { raw: string; contentType: string } {
  const boundary = 'fuzzBoundary';
  const parts = [];
  for (let i = g.int(4); i >= 0; i--) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${g.pick(FIELDS)}"\r\n\r\n${String(g.pick(STRINGS)).replace(/[\ud800-\udfff]/g, '')}\r\n`,
    );
  }
  const raw = g.chance(0.8) ? `${parts.join('')}--${boundary}--\r\n` : parts.join('').slice(0, g.int(200));
  return { raw, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A write request: an object as JSON, raw bytes, a form or multipart, under any content type. */
function writeBody(g: Gen): Sent {
  switch (g.int(6)) {
    case 0:
    case 1:
      return { body: objectBody(g) };
    case 2:
      return { raw: rawBody(g), contentType: 'application/json' };
    case 3:
      return { raw: g.chance(0.5) ? JSON.stringify(objectBody(g)) : rawBody(g), contentType: g.pick(CONTENT_TYPES) };
    case 4:
      return { raw: formBody(g), contentType: 'application/x-www-form-urlencoded' };
    default:
      return multipartBody(g);
  }
}

// --- Query strings and ids ---------------------------------------------------------------------

const QUERY_KEYS = [
  ...FILTER_NAMES,
  'page',
  'page',
  'page_size',
  'ordering',
  'search',
  'search',
  'format',
  'limit',
  'country__name__in',
  'created',
  '%ZZ',
  '',
];
const QUERY_VALUES = [
  '',
  '1',
  '2',
  '0',
  '-1',
  'last',
  '1.0',
  ' 3 ',
  '+2',
  '1_0',
  '99999999999999999999',
  'abc',
  'CL',
  'CL,AR',
  ',',
  'cl',
  'Chile',
  '-created',
  'name,-updated',
  'bogus,-',
  'name',
  '2024-01-01',
  '2024-01-01T00:00:00',
  '2024-04-06T23:30:00',
  '2024-09-08T00:30:00',
  '2024-01-01T00:00:00Z',
  '2024-13-45',
  '20240101T000000+0000',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-14:00',
  '"acme sa"',
  "'unclosed",
  'a,b c',
  '%',
  '%Z',
  '%zz',
  '%ff',
  '%00',
  '%ED%A0%80',
  '%C3%A9',
  '%F0%9F%98%80',
  '+',
  'a+b',
  '%2B',
  '%26',
  '%3D',
  'é',
  'x'.repeat(3000),
  '"'.repeat(500),
];

function queryString(g: Gen): string {
  const parts: string[] = [];
  for (let i = g.int(6); i > 0; i--) {
    const k = g.pick(QUERY_KEYS);
    const v = g.pick(QUERY_VALUES);
    const enc = (s: string) => (/%|\+/.test(s) ? s : encodeURIComponent(s));
    parts.push(g.chance(0.1) ? enc(k) : `${enc(k)}=${enc(v)}`);
  }
  if (g.chance(0.1)) parts.push('', '&');
  return parts.join('&');
}

// Near misses of a real id: these requests must write nothing.
const ID_PIECES = [
  'cus_',
  'QQKXafM2SZVfqwfjp4Xc',
  'x',
  '%20',
  '%25',
  '%2F',
  '%2e',
  '%00',
  '%ZZ',
  '%C3%28',
  '%ED%A0%80',
  '%F0%9F%98%80',
  'é',
  '~',
  ':',
  '@',
  "'",
  '(',
  '*',
  '-',
  '_',
];

function idPath(g: Gen): string {
  let id = '';
  for (let i = g.int(5) + 1; i > 0; i--) id += g.pick(ID_PIECES);
  return `/customers/${id}${g.chance(0.85) ? '/' : ''}`;
}

const AUTH_HEADERS = [
  'Token t',
  'Bearer t',
  'token t',
  'Token',
  'Token  t',
  'Token t u',
  'Basic dDp0',
  '',
  'Token \u00ff',
  'Token \u00c3\u00a9',
  'Token\tt',
  'Bearer ',
];

// --- Checks ------------------------------------------------------------------------------------

/** The shapes DRF answers errors with: `{detail}`, field errors, or a bare list of messages. */
function isDrfError(json: unknown): boolean {
  if (Array.isArray(json)) return json.length > 0 && json.every((m) => typeof m === 'string');
  if (typeof json !== 'object' || json === null) return false;
  const entries = Object.entries(json);
  if (entries.length === 0) return false;
  if ('detail' in json) return entries.length === 1 && typeof (json as { detail: unknown }).detail === 'string';
  return entries.every(([, messages]) => Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m === 'string'));
}

function expectProviderAnswer(res: Answer, what: string, sent: Sent = {}): void {
  const context = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  // Django's 500 page for a write holding a lone surrogate, which Piriod can neither render nor store,
  // or a null character, which its JSON columns refuse.
  const body = sent.body !== undefined ? JSON.stringify(sent.body) : sent.raw;
  if (res.status === 500 && res.text === DJANGO_SERVER_ERROR_HTML && escapesUnstorable(body)) return;
  expect(res.status, context).toBeLessThan(500);
  if (res.status === 301) {
    // Django's APPEND_SLASH redirect: empty HTML body.
    expect(res.text, context).toBe('');
    expect(res.headers.get('location'), context).toMatch(/^\/customers\/.*\//);
    return;
  }
  if (res.status === 204) {
    // DRF's empty answer to a DELETE: no body, so no Content-Type.
    expect(res.text, context).toBe('');
    return;
  }
  if (res.status === 404 && res.headers.get('content-type') === 'text/html') {
    expect(res.text, context).toContain('<h1>Not Found</h1>');
    return;
  }
  expect(res.headers.get('content-type'), context).toBe('application/json');
  if (res.status >= 400) expect(isDrfError(res.json), context).toBe(true);
}

/** Every customer of the sandbox, as bytes (the default order, every page). */
async function snapshot(app: App, headers: Record<string, string> = {}): Promise<string> {
  const pages: string[] = [];
  for (let page = 1; ; page++) {
    const res = await call(app, 'GET', `/customers/?page_size=100&page=${page}`, { headers });
    expect(res.status).toBe(200);
    pages.push(res.text);
    if (res.json.next === null) return pages.join('\n');
  }
}

const describeSent = (method: string, path: string, sent: Sent) =>
  `${method} ${path} ${sent.contentType ?? ''} ${sent.body !== undefined ? JSON.stringify(sent.body) : typeof sent.raw === 'string' ? sent.raw : `bytes(${sent.raw?.length ?? 0})`}`.slice(
    0,
    400,
  );

// --- Tests -------------------------------------------------------------------------------------

describe('POST, PUT and PATCH with random and adversarial bodies', () => {
  it('never fail, answer in DRF shape, and leave no trace of a refused write', async () => {
    const g = new Gen(createRng('piriod-fuzz-writes'));
    const app = seededApp({ freezeTime: FROZEN, bodyLimitBytes: 64 * 1024 });
    const accepted: { method: string; path: string; sent: Sent }[] = [];
    const ids = [...SEEDED_IDS];
    let before = await snapshot(app);
    let refused = 0;

    for (let i = 0; i < 400; i++) {
      const method = g.pick(['POST', 'POST', 'PUT', 'PATCH', 'PATCH']);
      const path = method === 'POST' ? '/customers/' : `/customers/${g.chance(0.9) ? g.pick(ids) : 'cus_unknown00000000000'}/`;
      const sent = writeBody(g);
      const res = await call(app, method, path, sent);
      expectProviderAnswer(res, describeSent(method, path, sent), sent);
      if (res.status < 300) {
        expect(Customer.safeParse(res.json).success, describeSent(method, path, sent)).toBe(true);
        // A DictField keeps the dict it was given, every key and value.
        const sentMetadata = (sent.body as Record<string, unknown> | undefined)?.metadata;
        if (sentMetadata) expect(res.json.metadata, describeSent(method, path, sent)).toEqual(JSON.parse(JSON.stringify(sentMetadata)));
        accepted.push({ method, path, sent });
        if (method === 'POST') ids.push(res.json.id);
        before = await snapshot(app);
      } else {
        refused++;
        expect(await snapshot(app), `data changed after ${describeSent(method, path, sent)}`).toBe(before);
      }
    }
    // Enough of both kinds to mean something.
    expect(refused).toBeGreaterThan(150);
    expect(accepted.length).toBeGreaterThan(40);

    // Refused writes drew no id and ticked no clock: the accepted ones alone give the same bytes.
    const replay = seededApp({ freezeTime: FROZEN, bodyLimitBytes: 64 * 1024 });
    for (const { method, path, sent } of accepted) expect((await call(replay, method, path, sent)).status).toBeLessThan(300);
    expect(await snapshot(replay)).toBe(before);
    const next = { body: { name: 'Después' } };
    expect((await call(replay, 'POST', '/customers/', next)).text).toBe((await call(app, 'POST', '/customers/', next)).text);
  }, 60_000);
});

describe('GET /customers/ with random query strings', () => {
  it('never fails and answers a page or a DRF error, changing nothing', async () => {
    const g = new Gen(createRng('piriod-fuzz-queries'));
    const app = seededApp();
    const before = await snapshot(app);
    const statuses = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const query = queryString(g);
      const res = await call(app, g.chance(0.9) ? 'GET' : 'HEAD', `/customers/?${query}`);
      if (res.status === 200 && res.text) expect(CustomerList.safeParse(res.json).success, query).toBe(true);
      if (res.text) expectProviderAnswer(res, `GET /customers/?${query}`);
      else expect(res.status, query).toBeLessThan(500);
      statuses.add(res.status);
    }
    expect([...statuses].sort()).toEqual([200, 400, 404]);
    expect(await snapshot(app)).toBe(before);
  }, 60_000);
});

describe('/customers/{id}/ with random ids, methods and credentials', () => {
  it('never fails and answers 301, 401, 404 or 405 as Django and DRF do', async () => {
    const g = new Gen(createRng('piriod-fuzz-paths'));
    const app = seededApp({ freezeTime: FROZEN });
    const before = await snapshot(app);
    for (let i = 0; i < 300; i++) {
      const method = g.pick(['GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS', 'HEAD', 'get']);
      const path = idPath(g);
      const authorization = g.chance(0.8) ? 'Token fuzz' : g.pick(AUTH_HEADERS);
      // The raw request target, as the Node server hands it over (dot segments unresolved).
      const sent: Sent = {
        anonymous: true,
        headers: authorization ? { Authorization: authorization } : {},
        body: { name: 'Ruta' },
        env: { incoming: { url: path } },
      };
      const res = await call(
        app,
        method,
        path,
        method === 'GET' || method === 'HEAD' || method === 'get' ? { ...sent, body: undefined } : sent,
      );
      if (method === 'HEAD') expect(res.status).toBeLessThan(500);
      else expectProviderAnswer(res, `${method} ${path} (${authorization})`);
    }
    // A random id is never a customer: nothing was written.
    expect(await snapshot(app, { Authorization: 'Token fuzz' })).toBe(before);
  }, 60_000);
});

const CONTACT_FIELDS = ['name', 'email', 'customer', 'orgunit', 'phone', 'invoicing', 'collections', 'id', 'created'];

/** A contact body: often close to a valid one, with some fields wrong or strange. */
function contactBody(g: Gen): Sent {
  if (g.chance(0.2)) return writeBody(g);
  const base: Record<string, unknown> = g.pick([
    { name: 'Valentina Rojas', email: 'valentina@andes.cl', customer: g.pick(SEEDED_IDS) },
    { name: 'Ana', email: 'ana@andes.cl', customer: g.pick(SEEDED_IDS), orgunit: g.pick(['norte', '', null]) },
    { name: 'Sin cliente', email: 'x@y.cl' },
    {},
  ]);
  for (let i = g.int(3); i > 0; i--) put(base, g.chance(0.7) ? g.pick(CONTACT_FIELDS) : g.pick(STRINGS), value(g));
  return { body: base };
}

/** Every contact and source of the sandbox, as bytes. */
async function resources(app: App): Promise<string> {
  const pages: string[] = [];
  for (const list of ['/contacts/', '/sources/']) {
    for (let page = 1; ; page++) {
      const res = await call(app, 'GET', `${list}?page_size=100&page=${page}`);
      expect(res.status).toBe(200);
      pages.push(res.text);
      if (res.json.next === null) break;
    }
  }
  return `${pages.join('\n')}\n${await snapshot(app)}`;
}

describe('/contacts/ and /sources/ with random bodies, ids and query strings', () => {
  it('never fail, answer in DRF shape, and leave no trace of a refused write', async () => {
    const g = new Gen(createRng('piriod-fuzz-contacts'));
    const app = seededApp({ freezeTime: FROZEN, bodyLimitBytes: 64 * 1024 });
    const ids = ['con_unknown000000000000'];
    let before = await resources(app);
    let accepted = 0;
    for (let i = 0; i < 250; i++) {
      const method = g.pick(['POST', 'POST', 'PUT', 'PATCH', 'PATCH', 'DELETE']);
      const path = method === 'POST' ? '/contacts/' : `/contacts/${g.pick(ids)}/`;
      const sent = method === 'DELETE' ? {} : contactBody(g);
      const res = await call(app, method, path, sent);
      expectProviderAnswer(res, describeSent(method, path, sent), sent);
      if (res.status < 300) {
        accepted++;
        if (res.status !== 204) expect(Contact.safeParse(res.json).success, describeSent(method, path, sent)).toBe(true);
        if (method === 'POST') ids.push(res.json.id);
        before = await resources(app);
      } else {
        expect(await resources(app), `data changed after ${describeSent(method, path, sent)}`).toBe(before);
      }
    }
    expect(accepted).toBeGreaterThan(30);
  }, 120_000);

  it('answer random list queries with a page or a DRF error', async () => {
    const g = new Gen(createRng('piriod-fuzz-resource-queries'));
    const app = seededApp();
    const keys = [
      'customer',
      'orgunit',
      'name',
      'email',
      'invoicing',
      'collections',
      'gateway',
      'usage',
      'status',
      'id',
      'page',
      'page_size',
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const list = g.pick(['/contacts/', '/sources/']);
      // A lone surrogate cannot be percent-encoded: those values go through queryString's own escapes.
      const raw = String(scalar(g));
      const query = g.chance(0.5) || /[\uD800-\uDFFF]/.test(raw) ? queryString(g) : `${g.pick(keys)}=${encodeURIComponent(raw)}`;
      const res = await call(app, 'GET', `${list}?${query}`);
      expectProviderAnswer(res, `GET ${list}?${query}`);
      if (res.status === 200) expect((list === '/contacts/' ? ContactList : SourceList).safeParse(res.json).success, query).toBe(true);
      statuses.add(res.status);
    }
    expect([...statuses].sort()).toEqual([200, 400, 404]);
  }, 60_000);
});
