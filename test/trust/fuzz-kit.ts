/**
 * fast-check arbitraries of hostile requests to every endpoint of both providers, and the checks
 * every answer must pass. Bodies are built as JSON *text*, so that what JSON.stringify cannot
 * write is sent too: `1e400`, `-0`, 2^63, `\ud800` escapes, duplicate and `__proto__` keys,
 * nesting deeper than any parser's limit, invalid UTF-8 bytes.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { CustomerListQuery as PiriodListQuery } from '../../contracts/piriod/list-query';
import * as pelcroContract from '../../contracts/pelcro/schemas';
import * as piriodContract from '../../contracts/piriod/schemas';
import { DJANGO_BAD_REQUEST_HTML, DJANGO_SERVER_ERROR_HTML } from '../../contracts/piriod/messages';
import { parseStrWarns } from '../../lib/php/params';
import { exceedsMaxNumFields } from '../../lib/python/query';

export type Provider = 'piriod' | 'pelcro';

export interface FuzzRequest {
  provider: Provider;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The customer id the path names, when it is a well-formed one (its record is snapshotted). */
  itemPath?: string;
}

/** Percent-encoding that also writes a lone surrogate, as the bytes of its (invalid) UTF-8 form. */
export function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase()
        : encodeURIComponent(ch);
  }
  return out;
}

// --- text ----------------------------------------------------------------------------------------

const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '\t',
  '\n',
  '%',
  '_',
  '\\',
  '"',
  "'",
  ',',
  '.',
  '@',
  '/',
  '[',
  ']',
  '&',
  '=',
  '+',
  '#',
  '?',
  'é',
  'ñ',
  '😀',
  '\u0000',
  '\u001f',
  '\u00a0',
  '\u200b',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\ud800',
  '\udfff',
];

/**
 * Short hostile text, or a long run of one hostile character: up to 200,000 characters in a body
 * (within the 1 MiB body limit), up to 4,000 in a URL (a real server refuses a request line and
 * headers past 16 KiB with 431, so longer queries never reach the app).
 */
const hostileText = (longest: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 16, arbitrary: fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }).map((cs) => cs.join('')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(' ', '%', '_', ',', '/', 'a', '\u3000', '%_', '\\'),
          fc.constantFrom(1000, 1000, 20_000, 200_000).map((n) => Math.min(n, longest)),
        )
        .map(([c, n]) => `x${c.repeat(Math.floor(n / c.length))}x`),
    },
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '0',
        '1',
        '-1',
        '007',
        'true',
        'null',
        '[]',
        '{}',
        '__proto__',
        'constructor',
        '1e400',
        '9223372036854775808',
        'CL',
        'CLRM',
        'en',
        'America/New_York',
        'a@b.co',
        'https://x.example',
        '76.123.456-0',
        '%00',
        '%FF',
        '<script>',
      ),
    },
  );
const text = hostileText(200_000);
const urlText = hostileText(4_000);

/** A JSON string literal, sometimes with escapes JSON.stringify would never write. */
const jsonString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: text.map((s) => JSON.stringify(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"\\ud800"',
      '"\\udfff x"',
      '"\\u0000"',
      '"a\\u0000b"',
      '"\\ud83d\\ude00"',
      '"\\/"',
      '"\\x41"',
      '"\\u12"',
      '"\\',
    ),
  },
);

const jsonNumber = fc.constantFrom(
  '0',
  '-0',
  '1',
  '-1',
  '1.5',
  '1e400',
  '-1e400',
  '1e-400',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '9007199254740993',
  '0.1e1',
  '1E2',
  '01',
  '.5',
  'NaN',
  'Infinity',
  '2147483648',
  `1${'0'.repeat(400)}`,
);

const KEYS = [
  'name',
  'email',
  'first_name',
  'last_name',
  'display_name',
  'metadata',
  'tax_settings',
  'country',
  'currency',
  'state',
  'tax_id',
  'address',
  'phone',
  'website',
  'username',
  'title',
  'salutation',
  'tin',
  'language',
  'timezone',
  'password',
  'password_type',
  'organization',
  'default_source_id',
  'site_id',
  'mail_marketing',
  'old_provider_id',
  'id',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  'a[b]',
  '\u0000',
  'é',
];

/** Any JSON value as text, wrong for most fields, up to `depth` levels. */
const jsonValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: jsonString },
    { weight: 2, arbitrary: jsonNumber },
    { weight: 1, arbitrary: fc.constantFrom('null', 'true', 'false') },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 4 })
        .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    },
  ),
})).value;

/** Nesting past every parser's limit (Python's recursion, PHP's 512, PHP forms' 64). */
const deep = fc
  .constantFrom(100, 600, 2000)
  .chain((n) => fc.constantFrom(`${'['.repeat(n)}${']'.repeat(n)}`, `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/** A body object: known fields with good or hostile values. */
function bodyObject(good: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const fields = Object.keys(good);
  const entry = fc
    .constantFrom(...fields, ...KEYS)
    .chain((key) =>
      fc
        .oneof(
          { weight: Object.hasOwn(good, key) ? 3 : 0, arbitrary: fc.constantFrom(...(Object.hasOwn(good, key) ? good[key] : ['null'])) },
          { weight: 3, arbitrary: jsonValue },
          { weight: 1, arbitrary: deep },
        )
        .map((value) => `${JSON.stringify(key)}:${value}`),
    );
  return fc.array(entry, { maxLength: 6 }).map((entries) => `{${entries.join(',')}}`);
}

const INVALID_UTF8 = [
  new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  new Uint8Array([0xed, 0xa0, 0x80]),
];

function body(good: Record<string, readonly string[]>): fc.Arbitrary<string | Uint8Array | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: bodyObject(good) },
    { weight: 2, arbitrary: jsonValue },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_UTF8) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        '{"name":}',
        'name=x&name=y&metadata[a]=1',
        'a'.repeat(5000),
        '{"name":"a","name":"b"}',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...KEYS, 'metadata[a]', 'metadata[][]', 'a[b][c]'), text), { maxLength: 5 })
        .map((pairs) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&')),
    },
  );
}

// --- query strings -----------------------------------------------------------------------------

/** The documented list parameters of a query schema, as the OpenAPI document lists them. */
const documented = (schema: z.ZodType): string[] =>
  Object.keys((z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as { properties: object }).properties);

/**
 * Every documented list parameter (from the definition, so a new filter is fuzzed too), plus the
 * malformed and undocumented names a hostile client sends.
 */
const QUERY_NAMES = {
  piriod: [...documented(PiriodListQuery), 'format', 'foo'],
  pelcro: [
    ...documented(pelcroContract.CustomerListQuery),
    'filter[metadata.plan]',
    'filter[x][y]',
    'filter',
    'site_id[]',
    'expand[]',
    '__proto__',
    'constructor[a]',
    'a[b',
  ],
};
const QUERY_VALUES = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0',
      '1',
      '2',
      '-1',
      '100',
      '101',
      '1e3',
      '9223372036854775808',
      '',
      'name',
      '-created',
      'email,-id',
      'subscriptions,defaultSource',
      'like:%',
      'like:a_b',
      'eq:x,y',
      'has:plan',
      'orlike:%_%',
      'Chile',
      'CL',
      '2026-01-01',
      'foo:bar',
      'json',
      'api',
    ),
  },
  { weight: 2, arbitrary: urlText },
);
const queryPair = (provider: Provider) =>
  fc
    .tuple(fc.constantFrom(...QUERY_NAMES[provider]), QUERY_VALUES)
    .map(([k, v]) => `${pct(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${pct(v)}`);

function query(provider: Provider): fc.Arbitrary<string> {
  const base = provider === 'pelcro' ? ['site_id=1'] : [];
  return fc.oneof(
    { weight: 10, arbitrary: fc.array(queryPair(provider), { maxLength: 5 }).map((pairs) => [...base, ...pairs].join('&')) },
    { weight: 1, arbitrary: fc.constant([...base, ...Array.from({ length: 5000 }, (_, i) => `${'abcdefg'[i % 7]}=${i % 10}`)].join('&')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'page=0',
        'page_size=-1',
        'page=1&page=2&page=3',
        'limit=0&site_id=1',
        '%',
        '&&&=&=',
        'a=%ZZ',
        '%00=%00',
        'site_id=1&filter[x][y]=1',
        `site_id=1&search=${'%20'.repeat(3000)}`,
      ),
    },
  );
}

// --- headers -----------------------------------------------------------------------------------

const AUTH = {
  piriod: ['Token fuzz', 'Bearer fuzz', 'token fuzz'],
  pelcro: ['Bearer fuzz', 'bearer fuzz'],
};
const ODD_AUTH = [
  '',
  'Token',
  'Bearer',
  'Token a b',
  'Token \u00ff',
  'Basic dDp0',
  'Token\tfuzz',
  'Bearer ,',
  'Bearer a, Bearer b',
  `Token ${'k'.repeat(8000)}`,
  'Token fuzz\u0000'.replace('\u0000', ''),
  'Digest x=1',
  ' Token fuzz',
  'Bearer fuzz ',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin-1',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'multipart/form-data',
  'text/plain',
  'application/xml',
  '',
  'application/json; charset=',
  '*/*',
];

function headers(provider: Provider): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      auth: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...AUTH[provider]) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_AUTH) }),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      workspace: fc.option(fc.constantFrom('acc_1', '', 'x'.repeat(300), '\u00e9'), { freq: 8 }),
      testMode: fc.option(fc.constantFrom('true', 'TRUE', 'false', 'yes'), { freq: 8 }),
      accept: fc.option(fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml'), { freq: 4 }),
    })
    .map(({ auth, contentType, workspace, testMode, accept }) => {
      const out: Record<string, string> = {};
      if (auth) out.Authorization = auth;
      if (contentType) out['Content-Type'] = contentType;
      if (workspace !== null) out['X-Simple-Workspace'] = workspace;
      if (testMode !== null) out['X-Piriod-Test-Mode'] = testMode;
      if (accept !== null) out.Accept = accept;
      return out;
    });
}

// --- requests ----------------------------------------------------------------------------------

const PIRIOD_GOOD: Record<string, readonly string[]> = {
  name: ['"Fuzz SpA"', '"  Padded  "'],
  email: ['"fuzz@example.com"', '"a@b.co"'],
  country: ['"CL"', '"US"', '"MX"'],
  currency: ['"CLP"', '"USD"'],
  state: ['"CLRM"', '"RM"'],
  tax_id: ['"76.123.456-0"', '"11.111.111-1"'],
  metadata: ['{}', '{"a":"b"}', '{"__proto__":{"x":1}}'],
  tax_settings: ['null', '{}'],
  website: ['"https://x.example"'],
  phone: ['"+56 2 1234"'],
  address: ['"Av. 1"'],
};
const PELCRO_GOOD: Record<string, readonly string[]> = {
  email: ['"fuzz@example.com"', '"b@c.co"'],
  first_name: ['"Ada"'],
  last_name: ['"Lovelace"'],
  display_name: ['"Ada L."'],
  username: ['"ada_l"'],
  phone: ['"555 123 4567"'],
  language: ['"en"', '"fr"'],
  timezone: ['"America/New_York"'],
  metadata: ['{}', '{"plan":"gold"}', '[]', '{"__proto__":"x"}'],
  organization: ['1', '"2"', 'null'],
  default_source_id: ['1', 'null', '{"toString":1}'],
  mail_marketing: ['true', '"1"', '0'],
  password: ['"secret12"'],
  site_id: ['1', '"1"', '2'],
};

export function requests(provider: Provider, ids: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const item = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0',
        '999999',
        'abc',
        '%2e',
        '1.5',
        '-1',
        '007',
        '9'.repeat(40),
        '__proto__',
        `cus_${'a'.repeat(18)}`,
        '%FF',
        '%',
        '😀',
        '1%2F2',
        'x'.repeat(3000),
        '%2F'.repeat(1000),
      ),
    },
    { weight: 1, arbitrary: urlText.map((t) => pct(t)) },
  );
  const collection = provider === 'piriod' ? '/customers/' : '/api/v1/core/customers';
  const itemPath = (id: string) => (provider === 'piriod' ? `/customers/${id}/` : `/api/v1/core/customers/${id}`);
  const methods =
    provider === 'piriod'
      ? ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE', 'get']
      : ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'put'];
  return fc
    .record({
      onItem: fc.boolean(),
      id: item,
      method: fc.constantFrom(...methods),
      query: query(provider),
      headers: headers(provider),
      body: body(provider === 'piriod' ? PIRIOD_GOOD : PELCRO_GOOD),
    })
    .map(({ onItem, id, method, query: q, headers: h, body: b }) => {
      const path = onItem ? itemPath(id) : collection;
      const hasBody = !['GET', 'HEAD', 'get'].includes(method) && b !== undefined;
      return {
        provider,
        method,
        path: q ? `${path}?${q}` : path,
        headers: h,
        body: hasBody ? b : undefined,
        itemPath: onItem && ids.includes(id) ? path : undefined,
      };
    });
}

// --- checks ------------------------------------------------------------------------------------

const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** DRF's error bodies: `{"detail": …}`, a bare list, or field → messages (nested for dict and list fields). */
function isDrfErrors(v: unknown): boolean {
  if (isStringList(v)) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  if (entries.length === 0) return false;
  if (entries.length === 1 && entries[0][0] === 'detail' && typeof entries[0][1] === 'string') return true;
  return entries.every(([, messages]) => isStringList(messages) || isDrfErrors(messages));
}

function isLaravelError(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  return pelcroContract.MessageError.strict().safeParse(v).success || pelcroContract.ValidationError.strict().safeParse(v).success;
}

/** The expand names a Pelcro request asks for (PHP: the last `expand` wins), as the schema wants them. */
function expandOf(path: string): pelcroContract.ExpandName[] {
  const q = path.indexOf('?');
  const raw = q === -1 ? null : new URLSearchParams(path.slice(q + 1)).getAll('expand').at(-1);
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is pelcroContract.ExpandName => (pelcroContract.EXPAND_NAMES as readonly string[]).includes(s));
}

const LARAVEL_SERVER_ERROR = '{\n    "message": "Server Error"\n}';

function queryOf(path: string): string {
  return path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
}

/**
 * Whether a body escapes a lone surrogate (`"\ud800"`, not a pair), which Piriod can neither
 * render nor store: Django's 500 page is its answer to a write holding one.
 */
export function escapesLoneSurrogate(body: string | Uint8Array | undefined): boolean {
  if (body === undefined) return false;
  const text = typeof body === 'string' ? body : new TextDecoder('latin1').decode(body);
  const unpaired = text.replace(/\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/g, '');
  return /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/.test(unpaired);
}

/**
 * Whether a body escapes a null character (`"\u0000"`), which Piriod's JSON columns refuse (jsonb
 * has no text for it): Django's 500 page is its answer to a valid write whose metadata or
 * tax_settings holds one. A backslash escaped itself (`"\\u0000"`) is no such escape.
 */
export function escapesNullCharacter(body: string | Uint8Array | undefined): boolean {
  if (body === undefined) return false;
  const text = typeof body === 'string' ? body : new TextDecoder('latin1').decode(body);
  return /(?:^|[^\\])(?:\\\\)*\\u0000/.test(text);
}

/** Whether a body holds something Piriod can neither render nor store (Django's 500 page). */
export function escapesUnstorable(body: string | Uint8Array | undefined): boolean {
  return escapesLoneSurrogate(body) || escapesNullCharacter(body);
}

/** What is wrong with an answer, or undefined when it is in the provider's shape and contract. */
export function problemWith(req: FuzzRequest, status: number, contentType: string, bodyText: string): string | undefined {
  // Laravel's own 500 for a query parse_str() warns about, which HandleCors reads again (lib/php/params.ts).
  const headRequest = req.method.toUpperCase() === 'HEAD';
  if (req.provider === 'pelcro' && status === 500 && bodyText === (headRequest ? '' : LARAVEL_SERVER_ERROR)) {
    return parseStrWarns(queryOf(req.path)) ? undefined : 'a Laravel 500 for a query parse_str() reads without a warning';
  }
  if (status >= 500) {
    const unstorable = req.provider === 'piriod' && status === 500 && bodyText === DJANGO_SERVER_ERROR_HTML && escapesUnstorable(req.body);
    return unstorable ? undefined : `status ${status}: ${bodyText.slice(0, 300)}`;
  }
  const method = req.method.toUpperCase();
  if (method === 'HEAD' || status === 204 || status === 301)
    return bodyText === '' || status === 301 ? undefined : `a ${status} with a body`;
  if (method === 'OPTIONS' && status === 200) return undefined;
  if (req.provider === 'piriod' && status === 404 && contentType.startsWith('text/html')) return undefined; // Django's HTML 404
  // Django's HTML 400 for more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: a query or form of more
  // than 1,000, or a multipart body (whose parts are not counted here).
  if (req.provider === 'piriod' && status === 400 && contentType.startsWith('text/html') && bodyText === DJANGO_BAD_REQUEST_HTML) {
    const query = queryOf(req.path);
    const type = (Object.entries(req.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '').toLowerCase();
    const form = typeof req.body === 'string' && type.includes('application/x-www-form-urlencoded') && exceedsMaxNumFields(req.body);
    return exceedsMaxNumFields(query) || form || type.includes('multipart/form-data')
      ? undefined
      : 'a Django 400 page for a request within the field bounds';
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return `status ${status} with a body that is not JSON: ${bodyText.slice(0, 200)}`;
  }
  if (status >= 200 && status < 300) {
    // The path as the app sees it in-process: the URL parser has resolved dot segments (`%2e`).
    const pathname = new URL(`http://x${req.path}`).pathname;
    // Laravel's router ignores trailing slashes.
    const onCollection = req.provider === 'piriod' ? pathname === '/customers/' : pathname.replace(/\/+$/, '') === '/api/v1/core/customers';
    let schema: z.ZodType;
    if (req.provider === 'piriod') schema = onCollection && method === 'GET' ? piriodContract.CustomerList : piriodContract.Customer;
    else {
      const expand = method === 'GET' ? expandOf(req.path) : [];
      schema = onCollection && method === 'GET' ? pelcroContract.customerList(expand) : pelcroContract.customerEnvelope(expand);
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? undefined : `a ${status} that breaks the contract: ${parsed.error.message.slice(0, 300)}`;
  }
  const shaped = req.provider === 'piriod' ? isDrfErrors(json) : isLaravelError(json);
  return shaped ? undefined : `a ${status} not in ${req.provider}'s error shape: ${bodyText.slice(0, 200)}`;
}
