import { describe, expect, it } from 'vitest';
import { MAX_INPUT_VARS, parsePhpParams } from '../../src/providers/pelcro/php-params';
import { AUTH, BASE, createCustomer, get, pelcroApp, post, put } from './helpers';

const URL = `${BASE}?site_id=1`;
const REQUIRED = ['email', 'display_name', 'old_provider_id'];

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));

/** JSON bodies PHP's json_decode refuses (so Laravel's Request::json() holds nothing), and why. */
const REFUSED_JSON: [string, Uint8Array][] = [
  ['a byte-order mark (Syntax error)', bytes([0xef, 0xbb, 0xbf], '{"display_name":"bom"}')],
  ['bytes that are not UTF-8 (JSON_ERROR_UTF8)', bytes('{"display_name":"', [0xff, 0xfe], '"}')],
  ['UTF-8-encoded surrogate bytes (JSON_ERROR_UTF8)', bytes('{"display_name":"', [0xed, 0xa0, 0x80], '"}')],
  ['an escaped lone high surrogate (JSON_ERROR_UTF16)', bytes('{"display_name":"a\\ud800b"}')],
  ['an escaped lone low surrogate (JSON_ERROR_UTF16)', bytes('{"display_name":"\\udc00"}')],
  ['a lone surrogate in a key (JSON_ERROR_UTF16)', bytes('{"display_name":"ok","metadata":{"\\ud800":1}}')],
];

describe('JSON bodies as PHP\'s json_decode reads them', () => {
  it.each(REFUSED_JSON)('reads a create body with %s as empty: the required-field 400', async (_case, body) => {
    const app = pelcroApp();
    const response = await app.request(URL, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { errors: object }).errors)).toEqual(REQUIRED);
    expect((await get(app, URL)).body.meta.total).toBe(50);
  });

  it.each(REFUSED_JSON)('reads an update body with %s as empty: 200 with the customer unchanged', async (_case, body) => {
    const app = pelcroApp();
    const before = (await get(app, `${BASE}/1?site_id=1`)).text;
    const response = await app.request(`${BASE}/1?site_id=1`, { method: 'PUT', headers: { ...AUTH, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(before);
  });

  it('decodes an escaped surrogate pair as the one character it stands for', async () => {
    const created = await createCustomer(pelcroApp(), JSON.parse('{"display_name":"\\ud83d\\ude00 fan"}'));
    expect(created.display_name).toBe('😀 fan');
  });
});

describe('form and multipart bodies as PHP and Symfony read them', () => {
  const multipart = (name: string, value: string) =>
    `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--B--\r\n`;
  const MULTIPART = { 'Content-Type': 'multipart/form-data; boundary=B' };
  const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('reads a multipart POST', async () => {
    const answer = await post(pelcroApp(), URL, multipart('display_name', 'Multi'), { headers: MULTIPART });
    expect(answer.status).toBe(201);
    expect(answer.body.data.display_name).toBe('Multi');
  });

  it('ignores a multipart PUT, which PHP does not parse: 200 unchanged', async () => {
    const app = pelcroApp();
    const before = (await get(app, `${BASE}/1?site_id=1`)).text;
    const answer = await put(app, `${BASE}/1?site_id=1`, multipart('first_name', 'Changed'), { headers: MULTIPART });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(before);
  });

  it('reads a form-encoded PUT (Symfony parse_str()s it)', async () => {
    const answer = await put(pelcroApp(), `${BASE}/1?site_id=1`, 'first_name=Formed&metadata[plan]=gold', { headers: FORM });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ first_name: 'Formed', metadata: { plan: 'gold' } });
  });

  it(`counts only the first ${MAX_INPUT_VARS} pairs of a form (max_input_vars)`, async () => {
    const filler = Array.from({ length: MAX_INPUT_VARS }, (_, i) => `metadata[k${i}]=v`).join('&');
    const answer = await post(pelcroApp(), URL, `${filler}&display_name=Late`, { headers: FORM });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(REQUIRED);
  });

  it('answers a form of 75,000 appended pairs at once', async () => {
    const started = performance.now();
    // 999 metadata keys: past the mock's default bound of 50, raised here to see PHP's parse alone.
    const app = pelcroApp({ limits: { maxMetadataKeys: MAX_INPUT_VARS } });
    const answer = await post(app, URL, `display_name=Big&${'metadata[]=1&'.repeat(75_000)}`, { headers: FORM });
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body.data.metadata)).toHaveLength(MAX_INPUT_VARS - 1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parsePhpParams (php_register_variable_ex)', () => {
  const deep = (levels: number) => `a${'[b]'.repeat(levels)}`;
  it.each<[string, string, unknown]>([
    ['the last of a repeated name wins', 'a=1&a=2', { a: '2' }],
    ['[] appends from 0', 'a[]=x&a[]=y', { a: { 0: 'x', 1: 'y' } }],
    ['[] appends after the highest integer key', 'a[5]=x&a[]=y', { a: { 5: 'x', 6: 'y' } }],
    ['brackets nest', 'a[b][c]=1', { a: { b: { c: '1' } } }],
    ['dots and spaces of the base name become _', 'a.b=1&c d=2', { a_b: '1', c_d: '2' }],
    ['dots inside brackets stay', 'a[b.c]=1', { a: { 'b.c': '1' } }],
    ['leading spaces of the name are dropped', '+a=1', { a: '1' }],
    ['an unclosed [ on the first level joins the name as _', 'a[b.c d=1', { a_b_c_d: '1' }],
    ['an unclosed [ deeper down is dropped with the rest', 'a[b][c=1', { a: { b: '1' } }],
    ['text after ] is ignored', 'a[b]x=1', { a: { b: '1' } }],
    ['[ ] is [] (a space is skipped)', 'a[ ]=1', { a: { 0: '1' } }],
    ['a space before an index is kept', 'a[ b]=1', { a: { ' b': '1' } }],
    ['a name that is empty is ignored', '=1&[x]=2', {}],
    ['a scalar is replaced by an array', 'a=1&a[b]=2', { a: { b: '2' } }],
    ['an array is replaced by a scalar', 'a[b]=1&a=2', { a: '2' }],
    ['64 levels of brackets are kept', `${deep(64)}=1`, { a: expect.any(Object) }],
    ['a 65th level drops the variable and what its name held', `a[x]=1&${deep(65)}=2`, {}],
  ])('%s: %s', (_case, query, expected) => {
    expect(parsePhpParams(new URLSearchParams(query))).toEqual(expected);
  });

  it('keeps __proto__ as a plain key', () => {
    const parsed = parsePhpParams(new URLSearchParams('__proto__[x]=1'));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });
});
