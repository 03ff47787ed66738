import { describe, expect, it } from 'vitest';
import { MAX_INPUT_VARS } from '../../lib/php/params';
import { AUTH, BASE, createCustomer, get, seededApp, post, put } from './helpers';

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
  // The body object and 511 lists inside it: 512 levels, one past what json_decode's depth 512 holds.
  ['lists nested 512 levels deep (JSON_ERROR_DEPTH)', bytes(`{"display_name":"deep","metadata":${'['.repeat(511)}${']'.repeat(511)}}`)],
  [
    'objects nested 512 levels deep (JSON_ERROR_DEPTH)',
    bytes(`{"display_name":"deep","metadata":${'{"a":'.repeat(511)}1${'}'.repeat(511)}}`),
  ],
];

describe("JSON bodies as PHP's json_decode reads them", () => {
  it.each(REFUSED_JSON)('reads a create body with %s as empty: the required-field 400', async (_case, body) => {
    const app = seededApp();
    const response = await app.request(URL, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as { errors: object }).errors)).toEqual(REQUIRED);
    expect((await get(app, URL)).json.meta.total).toBe(50);
  });

  it.each(REFUSED_JSON)('reads an update body with %s as empty: 200 with the customer unchanged', async (_case, body) => {
    const app = seededApp();
    const before = (await get(app, `${BASE}/1?site_id=1`)).text;
    const response = await app.request(`${BASE}/1?site_id=1`, {
      method: 'PUT',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(before);
  });

  it('reads a body holding an integer of 5,000 digits, which Python would refuse and PHP reads as a float', async () => {
    const app = seededApp();
    const body = `{"display_name":"Big","unused":${'9'.repeat(5000)}}`;
    const response = await app.request(URL, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { data: { display_name: string } }).data.display_name).toBe('Big');
  });

  it('reads a body nested 511 levels deep, the most json_decode holds at its default depth of 512', async () => {
    const app = seededApp();
    const body = `{"display_name":"Deep","metadata":${'['.repeat(510)}${']'.repeat(510)}}`;
    const response = await app.request(URL, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(201);
  });

  it('decodes an escaped surrogate pair as the one character it stands for', async () => {
    const created = await createCustomer(seededApp(), JSON.parse('{"display_name":"\\ud83d\\ude00 fan"}'));
    expect(created.display_name).toBe('😀 fan');
  });
});

describe('form and multipart bodies as PHP and Symfony read them', () => {
  const multipart = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--B--\r\n`;
  const MULTIPART = { 'Content-Type': 'multipart/form-data; boundary=B' };
  const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('reads a multipart POST', async () => {
    const answer = await post(seededApp(), URL, multipart('display_name', 'Multi'), { headers: MULTIPART });
    expect(answer.status).toBe(201);
    expect(answer.json.data.display_name).toBe('Multi');
  });

  it('ignores a multipart PUT, which PHP does not parse: 200 unchanged', async () => {
    const app = seededApp();
    const before = (await get(app, `${BASE}/1?site_id=1`)).text;
    const answer = await put(app, `${BASE}/1?site_id=1`, multipart('first_name', 'Changed'), { headers: MULTIPART });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(before);
  });

  it('reads a form-encoded PUT (Symfony parse_str()s it)', async () => {
    const answer = await put(seededApp(), `${BASE}/1?site_id=1`, 'first_name=Formed&metadata[plan]=gold', { headers: FORM });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ first_name: 'Formed', metadata: { plan: 'gold' } });
  });

  it.each(['Application/x-www-form-urlencoded', 'APPLICATION/X-WWW-FORM-URLENCODED'])(
    'ignores a form PUT sent as %s: Symfony matches the Content-Type case-sensitively',
    async (contentType) => {
      const app = seededApp();
      const before = (await get(app, `${BASE}/1?site_id=1`)).text;
      const answer = await put(app, `${BASE}/1?site_id=1`, 'first_name=Cased', { headers: { 'Content-Type': contentType } });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(before);
    },
  );

  it('reads a form PUT whose Content-Type only starts with the form type (str_starts_with)', async () => {
    const headers = { 'Content-Type': 'application/x-www-form-urlencodedX' };
    const answer = await put(seededApp(), `${BASE}/1?site_id=1`, 'first_name=Prefixed', { headers });
    expect(answer.json.data.first_name).toBe('Prefixed');
  });

  it.each(['application/x-www-form-urlencoded, x', 'APPLICATION/X-WWW-FORM-URLENCODED charset=x'])(
    'reads a form POST sent as %s: PHP cuts the type at a comma or space and lower-cases it',
    async (contentType) => {
      const answer = await post(seededApp(), URL, 'display_name=Cut', { headers: { 'Content-Type': contentType } });
      expect(answer.status).toBe(201);
      expect(answer.json.data.display_name).toBe('Cut');
    },
  );

  // Metadata keys past the mock's default bound of 50 are allowed here, to see PHP's count alone.
  const wide = () => seededApp({ limits: { maxMetadataKeys: 2 * MAX_INPUT_VARS } });
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `metadata[k${i}]=v`).join('&');

  it(`reads ${MAX_INPUT_VARS + 1} pairs of a form POST and no more (add_post_vars counts after registering)`, async () => {
    const answer = await post(wide(), URL, `${filler(MAX_INPUT_VARS)}&display_name=Kept&first_name=Dropped`, { headers: FORM });
    expect(answer.status).toBe(201);
    expect(answer.json.data).toMatchObject({ display_name: 'Kept', first_name: null });
  });

  it('appends after a negative first key as PHP 8.2 does (-5, then -4)', async () => {
    const app = seededApp();
    const answer = await post(app, URL, 'display_name=Neg&metadata[-5]=a&metadata[-4]=c&metadata[]=b', { headers: FORM });
    expect(answer.status).toBe(201);
    // Numeric keys only: the resource writes the values as a list (lib/php/resource.ts); the keys stay stored.
    expect(answer.json.data.metadata).toEqual(['a', 'c', 'b']);
    const found = await get(app, `${BASE}?site_id=1&filter[metadata.-3]=eq:b`);
    expect(found.json.data.map((c: { id: number }) => c.id)).toEqual([answer.json.data.id]);
  });

  it('answers a form of 75,000 appended pairs at once', async () => {
    const started = performance.now();
    const answer = await post(wide(), URL, `display_name=Big&${'metadata[]=1&'.repeat(75_000)}`, { headers: FORM });
    expect(answer.status).toBe(201);
    // The name and MAX_INPUT_VARS appended keys: add_post_vars reads MAX_INPUT_VARS + 1 pairs.
    expect(Object.keys(answer.json.data.metadata)).toHaveLength(MAX_INPUT_VARS);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('uploaded files are input: $request->all() is array_replace_recursive(input(), allFiles())', () => {
  const MULTIPART = { 'Content-Type': 'multipart/form-data; boundary=B' };
  const field = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = (name: string, filename = 'a.txt') =>
    `--B\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`;
  const send = (...parts: string[]) => post(seededApp(), URL, `${parts.join('')}--B--\r\n`, { headers: MULTIPART });

  it('refuses a file named first_name: an UploadedFile is no string', async () => {
    const answer = await send(field('display_name', 'Up'), file('first_name'));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { first_name: ['The first name field must be a string.'] } });
  });

  it('refuses a file named metadata: an UploadedFile is no array', async () => {
    const answer = await send(field('display_name', 'Up'), file('metadata'));
    expect(answer.json).toEqual({ errors: { metadata: ['The metadata field must be an array.'] } });
  });

  it('puts a file in place of the field of the same name, whichever part comes first', async () => {
    expect((await send(field('display_name', 'Up'), field('first_name', 'F'), file('first_name'))).json.errors).toHaveProperty(
      'first_name',
    );
    expect((await send(field('display_name', 'Up'), file('first_name'), field('first_name', 'F'))).json.errors).toHaveProperty(
      'first_name',
    );
  });

  it('counts a file as present for required_without_all, and refuses it as an email', async () => {
    const answer = await send(file('email'));
    expect(answer.json).toEqual({ errors: { email: ['The email field must be a valid email address.'] } });
  });

  it('refuses a file named site_id: an UploadedFile is no integer', async () => {
    expect((await send(field('display_name', 'Up'), file('site_id'))).json.errors.site_id).toEqual([
      'The site id field must be an integer.',
    ]);
  });

  it('keeps a file inside metadata as the empty array its JSON column gives back (json_encode writes {})', async () => {
    const answer = await send(field('display_name', 'Up'), field('metadata[plan]', 'gold'), file('metadata[doc]'));
    expect(answer.status).toBe(201);
    expect(answer.json.data.metadata).toEqual({ plan: 'gold', doc: [] });
  });
});

describe('a request target asked again (the router keeps what it parsed)', () => {
  it('reads the query of a target asked a third time as it read it the first: writes from the query', async () => {
    const app = seededApp();
    const url = `${BASE}/1?site_id=1&first_name=Kept&metadata[plan]=gold`;
    for (let i = 0; i < 3; i++) {
      const answer = await put(app, url, {});
      expect(answer.status).toBe(200);
      expect(answer.json.data).toMatchObject({ first_name: 'Kept', metadata: { plan: 'gold' } });
    }
  });

  it('keeps no answer of its own: a target asked again after a write reads the write', async () => {
    const app = seededApp();
    const url = `${BASE}/1?site_id=1`;
    await get(app, url);
    await get(app, url);
    await put(app, url, { first_name: 'Changed' });
    expect((await get(app, url)).json.data.first_name).toBe('Changed');
  });
});
