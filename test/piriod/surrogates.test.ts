/**
 * Lone surrogates: JSON bodies may escape one (`"\ud800"`), Python keeps it in a str, but DRF's
 * JSONRenderer cannot encode it to UTF-8 and Piriod's database cannot keep it in a JSON column.
 * Either way Django answers its HTML 500 page, and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { DJANGO_SERVER_ERROR_HTML } from '../../contracts/piriod/messages';
import { call, chilean, fixtureApp, seededApp, type Answer } from './helpers';

function expectServerErrorPage(res: Answer): void {
  expect(res.status).toBe(500);
  expect(res.headers.get('content-type')).toBe('text/html');
  expect(res.headers.get('allow')).toBeNull();
  expect(res.text).toBe(DJANGO_SERVER_ERROR_HTML);
}

describe('an answer that would quote a lone surrogate (JSONRenderer: ret.encode() raises UnicodeEncodeError)', () => {
  it.each([
    ['country', { name: 'a', country: '\ud800' }],
    ['currency', { name: 'a', currency: 'x\udc00' }],
    ['status', { name: 'a', status: '\udbff' }],
  ])('POST /customers/ with a lone surrogate in %s answers Django’s 500 page, not 400 "… is not a valid choice."', async (_field, body) => {
    const app = seededApp();
    expectServerErrorPage(await call(app, 'POST', '/customers/', { body }));
    expect((await call(app, 'GET', '/customers/?page_size=1')).json.count).toBe(50);
  });

  it('still answers 400 for a lone surrogate a message does not quote: a text field names only its code point', async () => {
    const res = await call(seededApp(), 'POST', '/customers/', { body: { name: 'a\ud800' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ name: ['Surrogate characters are not allowed: U+D800.'] });
  });

  it('answers 400 quoting a surrogate pair, which UTF-8 encodes', async () => {
    const res = await call(seededApp(), 'POST', '/customers/', { body: { name: 'a', country: '\ud83d\ude00' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ country: ['"😀" is not a valid choice.'] });
  });
});

describe('a write whose dict field holds a lone surrogate (the JSON column refuses it)', () => {
  it.each([
    ['a value', { metadata: { k: '\ud800' } }],
    ['a key', { metadata: { '\ud800': 'v' } }],
    ['a nested value', { metadata: { a: [{ b: 'x\udfff' }] } }],
    ['tax_settings', { tax_settings: { cl_activity_description: '\udc00' } }],
  ])('POST /customers/ with %s holding one answers Django’s 500 page and stores nothing', async (_what, extra) => {
    const app = seededApp();
    const before = (await call(app, 'GET', '/customers/?page_size=100')).text;
    expectServerErrorPage(await call(app, 'POST', '/customers/', { body: chilean(extra) }));
    expect((await call(app, 'GET', '/customers/?page_size=100')).text).toBe(before);
  });

  it('PATCH and PUT /customers/{id}/ answer Django’s 500 page and leave the customer as it was', async () => {
    const app = fixtureApp([chilean({ id: 'cus_0123456789abcdefghij', metadata: { crm: '1' } })]);
    const before = (await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text;
    expectServerErrorPage(await call(app, 'PATCH', '/customers/cus_0123456789abcdefghij/', { body: { metadata: { crm: '\ud800' } } }));
    expectServerErrorPage(
      await call(app, 'PUT', '/customers/cus_0123456789abcdefghij/', { body: chilean({ tax_settings: { '\ud800': 1 } }) }),
    );
    expect((await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text).toBe(before);
  });

  // Python reads 1e400 as a float infinity; json.dumps writes it `Infinity`, which no JSON column
  // takes. Seen side by side with DRF 3.15.1: the HTML 500, nothing kept.
  it.each([
    ['metadata', '{"metadata": {"a": 1e400}}'],
    ['tax_settings, nested', '{"tax_settings": {"a": [{"b": -1e400}]}}'],
  ])('PATCH /customers/{id}/ with a number past the double range in %s answers Django’s 500 page', async (_what, raw) => {
    const app = fixtureApp([chilean({ id: 'cus_0123456789abcdefghij', metadata: { crm: '1' } })]);
    const before = (await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text;
    expectServerErrorPage(await call(app, 'PATCH', '/customers/cus_0123456789abcdefghij/', { raw, contentType: 'application/json' }));
    expect((await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text).toBe(before);
  });

  // PostgreSQL's jsonb (Django's JSONField there) refuses the escape `\u0000` json.dumps writes
  // for a null character: "unsupported Unicode escape sequence", a DataError.
  it.each([
    ['a metadata value', '{"metadata": {"a": "x\\u0000"}}'],
    ['a metadata key', '{"metadata": {"\\u0000": 1}}'],
    ['a nested tax_settings value', '{"tax_settings": {"a": [{"b": "\\u0000"}]}}'],
  ])('PATCH /customers/{id}/ with a null character in %s answers Django’s 500 page', async (_what, raw) => {
    const app = fixtureApp([chilean({ id: 'cus_0123456789abcdefghij', metadata: { crm: '1' } })]);
    const before = (await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text;
    expectServerErrorPage(await call(app, 'PATCH', '/customers/cus_0123456789abcdefghij/', { raw, contentType: 'application/json' }));
    expect((await call(app, 'GET', '/customers/cus_0123456789abcdefghij/')).text).toBe(before);
  });

  it('answers the 400 of a failing field or validate() first: the database is reached only by a valid write', async () => {
    const app = fixtureApp([chilean({ id: 'cus_0123456789abcdefghij' })]);
    const field = await call(app, 'POST', '/customers/', { body: chilean({ email: 'no', metadata: { k: '\ud800' } }) });
    expect(field.status).toBe(400);
    expect(field.json).toEqual({ email: ['Enter a valid email address.'] });
    const crossField = await call(app, 'PATCH', '/customers/cus_0123456789abcdefghij/', {
      body: { tax_id: '76.123.456-1', metadata: { k: '\ud800' } },
    });
    expect(crossField.status).toBe(400);
    expect(crossField.json).toEqual({ tax_id: ['Invalid format.'] });
  });

  it('stores and serves a surrogate pair, escaped or not', async () => {
    const app = seededApp();
    const res = await call(app, 'POST', '/customers/', {
      raw: '{"name": "a", "metadata": {"k": "\\ud83d\\ude00", "😀": "😀"}}',
      contentType: 'application/json',
    });
    expect(res.status).toBe(201);
    expect(res.text).toContain('"metadata":{"k":"😀","😀":"😀"}');
  });
});
