import { describe, expect, it } from 'vitest';
import { Customer, DATETIME_PATTERN } from '../../contracts/piriod/schemas';
import { CUSTOMER_FIELDS, call, chilean, seededApp } from './helpers';

const app = seededApp();
const post = (body: unknown) => call(app, 'POST', '/customers/', { body });
const postRaw = (raw: string) => call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });

describe('POST /customers/', () => {
  it("answers 201 with the created customer in the API's shape", async () => {
    const res = await post(
      chilean({
        email: 'facturacion@andes.cl',
        website: 'https://andes.cl',
        state: 'RM',
        phone: '+56 2 2345 6789',
        metadata: { crm: 'x' },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Customer.safeParse(res.json).success).toBe(true);
    expect(res.json.id).toMatch(/^cus_[A-Za-z0-9]{20}$/);
    expect(res.json.country).toEqual({ id: 'CL', name: 'Chile', code: '+56', has_regulation: true, currencies: ['CLP'] });
    expect(res.json.state).toEqual({ id: 'CLRM', code: 'RM', name: 'Región Metropolitana de Santiago' });
    expect(res.json.currency).toBe('CLP');
    expect(res.json.aggregations).toEqual({ balance: 0, sales: 0, sales_current_period: 0 });
    expect(res.json.contacts).toEqual([]);
    expect(res.json.sources).toEqual([]);
    expect(res.json.created).toMatch(DATETIME_PATTERN);
    expect(res.json.created).toMatch(/[+-]0[34]:00$/);
    expect(res.json.updated).toBe(res.json.created);
    expect(Object.keys(res.json)).toEqual(CUSTOMER_FIELDS);
    const again = await call(app, 'GET', `/customers/${res.json.id}/`);
    expect(again.json).toEqual(res.json);
  });

  it('fills what was not sent: null text fields, empty metadata and tax settings, CLP without a country', async () => {
    const res = await post({ name: 'Solo Nombre' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      address: null,
      country: null,
      currency: 'CLP',
      email: null,
      metadata: {},
      phone: null,
      state: null,
      tax_id: null,
      tax_settings: {},
      website: null,
    });
  });

  it('ignores read-only and unknown fields, as DRF does', async () => {
    const res = await post({
      name: 'Ignora SpA',
      id: 'cus_mine',
      created: '2000-01-01T00:00:00Z',
      updated: 'x',
      contacts: [{}],
      sources: 'x',
      aggregations: { sales: 1 },
      favourite_colour: 'blue',
    });
    expect(res.status).toBe(201);
    expect(res.json.id).not.toBe('cus_mine');
    expect(res.json.contacts).toEqual([]);
    expect(res.json.aggregations.sales).toBe(0);
    expect(res.json).not.toHaveProperty('favourite_colour');
  });

  it('changes nothing when it refuses a body', async () => {
    const before = (await call(app, 'GET', '/customers/?page_size=1')).json.count;
    expect((await post({ name: '' })).status).toBe(400);
    expect((await call(app, 'GET', '/customers/?page_size=1')).json.count).toBe(before);
  });
});

describe('POST /customers/ name (CharField, required, max 100)', () => {
  it.each([
    [{}, ['This field is required.']],
    [{ name: null }, ['This field may not be null.']],
    [{ name: '' }, ['This field may not be blank.']],
    [{ name: '   \t ' }, ['This field may not be blank.']],
    [{ name: true }, ['Not a valid string.']],
    [{ name: ['a'] }, ['Not a valid string.']],
    [{ name: { a: 1 } }, ['Not a valid string.']],
    [{ name: 'x'.repeat(101) }, ['Ensure this field has no more than 100 characters.']],
    [{ name: 'a\u0000b' }, ['Null characters are not allowed.']],
  ])('refuses %j', async (body, messages) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ name: messages });
  });

  it('refuses a lone surrogate with its code point', async () => {
    const res = await postRaw('{"name": "a\\udc80b"}');
    expect(res.json).toEqual({ name: ['Surrogate characters are not allowed: U+DC80.'] });
  });

  it.each([
    ['  Andes  ', 'Andes'],
    ['x'.repeat(100), 'x'.repeat(100)],
    // Length is counted in code points: 100 emoji are 100 characters to Python.
    ['😀'.repeat(100), '😀'.repeat(100)],
  ])('accepts %j as %j', async (name, stored) => {
    const res = await post({ name });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe(stored);
  });

  it.each([
    ['12', '12'],
    ['12.5', '12.5'],
    ['1.0', '1.0'],
    ['1e16', '1e+16'],
    ['0.00001', '1e-05'],
    ['12345678901234567890', '12345678901234567890'],
  ])("takes the number %s as Python's str() of it, %j", async (number, name) => {
    const res = await postRaw(`{"name": ${number}}`);
    expect(res.status).toBe(201);
    expect(res.json.name).toBe(name);
  });
});

describe('POST /customers/ email (EmailField: Django EmailValidator, max 254)', () => {
  it.each([
    'facturacion@andes.cl',
    'a.b+c@sub.example.co',
    'user@localhost',
    'x@[127.0.0.1]',
    '"quoted!name"@example.com',
    'pagos@ñandú.cl',
    '',
  ])('accepts %j', async (email) => {
    const res = await post({ name: 'Mail', email });
    expect(res.status).toBe(201);
    expect(res.json.email).toBe(email);
  });

  it.each([
    'plain',
    'a@b',
    'a@b.c',
    '@andes.cl',
    'a@@andes.cl',
    'a b@andes.cl',
    'a@andes..cl',
    'a@-andes.cl',
    'a@[999.1.1.1]',
    'a@andes.cl.',
    '"quoted name"@example.com',
    'ñandú@andes.cl',
  ])('refuses %j with "Enter a valid email address."', async (email) => {
    const res = await post({ name: 'Mail', email });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ email: ['Enter a valid email address.'] });
  });

  it('lists every failing validator of a field: length, then format', async () => {
    const res = await post({ name: 'Mail', email: `${'a'.repeat(250)}@@b.cl` });
    expect(res.json).toEqual({ email: ['Ensure this field has no more than 254 characters.', 'Enter a valid email address.'] });
  });

  it('accepts null', async () => {
    expect((await post({ name: 'Mail', email: null })).json.email).toBeNull();
  });

  // EmailField's default_error_messages replace CharField's `invalid` (rest_framework/fields.py).
  it.each([[true], [['a@b.cl']], [{ a: 1 }], [[]]])('refuses %j, no text, with "Enter a valid email address."', async (email) => {
    const res = await post({ name: 'Mail', email });
    expect([res.status, res.json]).toEqual([400, { email: ['Enter a valid email address.'] }]);
  });
});

describe('POST /customers/ website (URLField: Django URLValidator, max 200)', () => {
  it.each([
    'https://andes.cl',
    'http://www.andes.cl/path?q=1#x',
    'ftp://files.andes.cl',
    'https://localhost:8000',
    'http://127.0.0.1',
    'http://[::1]/',
    'https://ñandú.cl',
    'https://user:pw@andes.cl',
  ])('accepts %j', async (website) => {
    const res = await post({ name: 'Web', website });
    expect(res.status).toBe(201);
  });

  it.each([
    'andes.cl',
    'www.andes.cl',
    'mailto:a@andes.cl',
    'http://',
    'http://andes',
    'http://-andes.cl',
    'https://andes.cl:999999',
    'http://[::1',
    'javascript:alert(1)',
    'http://256.1.1.1',
    'http://[1:2]/',
  ])('refuses %j with "Enter a valid URL."', async (website) => {
    const res = await post({ name: 'Web', website });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ website: ['Enter a valid URL.'] });
  });

  it('lists both the length and the URL errors for a long invalid value', async () => {
    const res = await post({ name: 'Web', website: 'x'.repeat(201) });
    expect(res.json).toEqual({ website: ['Ensure this field has no more than 200 characters.', 'Enter a valid URL.'] });
  });

  // URLField's default_error_messages replace CharField's `invalid` (rest_framework/fields.py).
  it.each([[false], [['https://andes.cl']], [{ url: 'https://andes.cl' }]])(
    'refuses %j, no text, with "Enter a valid URL."',
    async (website) => {
      const res = await post({ name: 'Web', website });
      expect([res.status, res.json]).toEqual([400, { website: ['Enter a valid URL.'] }]);
    },
  );
});

describe('POST /customers/ country, state and currency', () => {
  it.each([
    ['XX', '"XX" is not a valid choice.'],
    ['cl', '"cl" is not a valid choice.'],
    ['', '"" is not a valid choice.'],
    ['CHL', '"CHL" is not a valid choice.'],
    [1, '"1" is not a valid choice.'],
    [true, '"True" is not a valid choice.'],
    [['CL'], '"[\'CL\']" is not a valid choice.'],
    [{ id: 'CL' }, "\"{'id': 'CL'}\" is not a valid choice."],
  ])("refuses country %j with ChoiceField's message", async (country, message) => {
    const res = await post({ name: 'Pais', country });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ country: [message] });
  });

  it('quotes a float the way Python prints it', async () => {
    expect((await postRaw('{"name": "Pais", "country": 1.0}')).json).toEqual({ country: ['"1.0" is not a valid choice.'] });
  });

  it.each([
    ['CL', 'CLP'],
    ['AR', 'ARS'],
    ['MX', 'MXN'],
    ['US', 'USD'],
    ['PE', 'PEN'],
  ])('defaults the currency of a %s customer to %s', async (country, currency) => {
    const body = country === 'CL' ? chilean() : { name: 'Moneda', country };
    expect((await post(body)).json.currency).toBe(currency);
  });

  it('keeps an explicit currency and refuses an unknown or null one', async () => {
    expect((await post(chilean({ currency: 'USD' }))).json.currency).toBe('USD');
    expect((await post(chilean({ currency: 'CLF' }))).json.currency).toBe('CLF');
    expect((await post(chilean({ currency: 'XYZ' }))).json).toEqual({ currency: ['"XYZ" is not a valid choice.'] });
    expect((await post(chilean({ currency: null }))).json).toEqual({ currency: ['This field may not be null.'] });
  });

  it.each([
    ['CL', 'CLRM', 'CLRM'],
    ['CL', 'RM', 'CLRM'],
    ['US', 'AZ', 'USAZ'],
    ['MX', 'MXCMX', 'MXCMX'],
  ])('takes state of %s given as %j and renders %s', async (country, state, id) => {
    const body = country === 'CL' ? chilean({ state }) : { name: 'Estado', country, state };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.json.state.id).toBe(id);
  });

  it.each([
    [{ country: 'AR', state: 'CLRM' }, '"CLRM" is not a valid choice.'],
    [{ country: 'AR', state: 'ZZ' }, '"ZZ" is not a valid choice.'],
    [{ state: 'CLRM' }, '"CLRM" is not a valid choice.'],
  ])('refuses a state that is not of the country: %j', async (fields, message) => {
    const res = await post({ name: 'Estado', ...fields });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ state: [message] });
  });

  it('refuses a state longer than six characters before looking it up', async () => {
    expect((await post({ name: 'Estado', country: 'AR', state: 'ABCDEFG' })).json).toEqual({
      state: ['Ensure this field has no more than 6 characters.'],
    });
  });
});

describe('POST /customers/ tax_id (required and checked for Chile)', () => {
  it.each([['12.345.678-5'], ['12345678-5'], ['123456785'], ['8.900.960-K'], ['8900960k'], ['77.175.361-2'], ['15.509.661-6']])(
    'accepts the RUT %s and stores it as XX.XXX.XXX-Y',
    async (taxId) => {
      const res = await post(chilean({ tax_id: taxId }));
      expect(res.status).toBe(201);
      expect(res.json.tax_id).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/);
    },
  );

  it.each(['12.345.678-4', '12.345.678-K', '8.900.960-1', '12-345-678-5', 'abc', '0-0', '1234567890-1'])(
    'refuses %s with "Invalid format."',
    async (taxId) => {
      const res = await post(chilean({ tax_id: taxId }));
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ tax_id: ['Invalid format.'] });
    },
  );

  it.each([[{}], [{ tax_id: null }], [{ tax_id: '' }]])('requires a tax id for a Chilean customer: %j', async (fields) => {
    const body = { name: 'Sin RUT', country: 'CL', ...fields };
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ tax_id: ['This field is required.'] });
  });

  it('neither requires nor checks a tax id elsewhere', async () => {
    expect((await post({ name: 'Sin RUT', country: 'AR' })).status).toBe(201);
    expect((await post({ name: 'Otro', country: 'MX', tax_id: 'anything' })).json.tax_id).toBe('anything');
  });

  it('runs the cross-field checks only once every field is valid', async () => {
    const res = await post({ name: '', country: 'CL', tax_id: 'bad', state: 'ZZ' });
    expect(res.json).toEqual({ name: ['This field may not be blank.'] });
  });
});

describe('POST /customers/ send_vouchers (BooleanField, DRF 3.15)', () => {
  /** The raw JSON of a valid create with `send_vouchers` written as `literal`, so 1.0 stays a float. */
  const withVouchers = (literal: string) => `${JSON.stringify(chilean()).slice(0, -1)},"send_vouchers":${literal}}`;

  it.each([
    ['1.0', true],
    ['1e0', true],
    ['0.0', false],
    ['-0.0', false],
    ['"tRuE"', true],
    ['"YeS"', true],
    ['"oFf"', false],
    ['"N"', false],
  ])('reads %s as %s (a float equal to 1 or 0 is a member; a text is lower-cased first)', async (literal, expected) => {
    const res = await call(seededApp(), 'POST', '/customers/', { raw: withVouchers(literal), contentType: 'application/json' });
    expect(res.status).toBe(201);
    expect(res.json.send_vouchers).toBe(expected);
  });

  it.each(['2', '0.5', '"maybe"', '"yes "', 'null', '[]'])('refuses %s', async (literal) => {
    const res = await call(seededApp(), 'POST', '/customers/', { raw: withVouchers(literal), contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ send_vouchers: [literal === 'null' ? 'This field may not be null.' : 'Must be a valid boolean.'] });
  });
});

describe('POST /customers/ metadata and tax_settings (DictField)', () => {
  it.each([
    ['[]', 'list'],
    ['"x"', 'str'],
    ['1', 'int'],
    ['1.5', 'float'],
    ['1.0', 'float'],
    ['true', 'bool'],
  ])('refuses metadata %s with the Python type name', async (raw, type) => {
    const res = await postRaw(`{"name": "Meta", "metadata": ${raw}}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ metadata: [`Expected a dictionary of items but got type "${type}".`] });
  });

  it('refuses null metadata and accepts null tax settings', async () => {
    expect((await post({ name: 'Meta', metadata: null })).json).toEqual({ metadata: ['This field may not be null.'] });
    expect((await post({ name: 'Meta', tax_settings: null })).json.tax_settings).toBeNull();
  });

  it('keeps any JSON values in metadata', async () => {
    const metadata = { a: 1, b: 'x', c: [1, { d: null }], __proto__x: true };
    expect((await post({ name: 'Meta', metadata })).json.metadata).toEqual(metadata);
  });

  it("writes the numbers sent in metadata and tax settings as Python's json.dumps does", async () => {
    const raw =
      '{"name": "Numbers", "metadata": {"a": 1.0, "b": 12345678901234567890, "c": [0.00001, -0.0, 1E16, 2.5, 3]}, "tax_settings": {"rate": 19.0}}';
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(201);
    const written = '"metadata":{"a":1.0,"b":12345678901234567890,"c":[1e-05,-0.0,1e+16,2.5,3]}';
    expect(res.text).toContain(written);
    expect(res.text).toContain('"tax_settings":{"rate":19.0}');
    const again = await call(app, 'GET', `/customers/${res.json.id}/`);
    expect(again.text).toContain(written);
    const listed = await call(app, 'GET', '/customers/?search=Numbers');
    expect(listed.text).toContain(written);
  });

  it('keeps keys a JavaScript object treats specially, as a Python dict does', async () => {
    const raw = '{"name": "Proto", "metadata": {"__proto__": {"a": 1}, "constructor": 2}, "tax_settings": {"__proto__": "x"}}';
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(201);
    expect(res.text).toContain('"metadata":{"__proto__":{"a":1},"constructor":2}');
    expect(res.text).toContain('"tax_settings":{"__proto__":"x"}');
  });
});

describe('POST /customers/ with several mistakes', () => {
  it("lists every failing field at once, in the serializer's field order", async () => {
    const res = await post({
      website: 'nope',
      name: 'x'.repeat(101),
      email: 'nope',
      country: 'XX',
      address: 'x'.repeat(65),
      phone: 'x'.repeat(17),
      metadata: [],
      currency: 'ZZZ',
      tax_id: 'x'.repeat(33),
      state: 'x'.repeat(7),
    });
    expect(res.status).toBe(400);
    // Every field's errors, in the order DRF lists them: the serializer's field order.
    const errors = {
      address: ['Ensure this field has no more than 64 characters.'],
      country: ['"XX" is not a valid choice.'],
      currency: ['"ZZZ" is not a valid choice.'],
      email: ['Enter a valid email address.'],
      metadata: ['Expected a dictionary of items but got type "list".'],
      name: ['Ensure this field has no more than 100 characters.'],
      phone: ['Ensure this field has no more than 16 characters.'],
      state: ['Ensure this field has no more than 6 characters.'],
      tax_id: ['Ensure this field has no more than 32 characters.'],
      website: ['Enter a valid URL.'],
    };
    expect(res.json).toEqual(errors);
    expect(Object.keys(res.json)).toEqual(Object.keys(errors));
  });
});

describe('dict key order (a Python dict keeps the order sent)', () => {
  it('answers metadata {"b", "2", "a"} in that order, on create and on every later read', async () => {
    const app = seededApp();
    const raw = '{"name": "Ordered", "metadata": {"b": 1, "2": {"z": 0, "1": 1}, "a": 3}}';
    const created = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(created.status).toBe(201);
    expect(created.text).toContain('"metadata":{"b":1,"2":{"z":0,"1":1},"a":3}');
    const read = await call(app, 'GET', `/customers/${created.json.id}/`);
    expect(read.text).toContain('"metadata":{"b":1,"2":{"z":0,"1":1},"a":3}');
  });

  it('quotes a dict in an error in the order sent', async () => {
    const raw = '{"name": "Ordered", "country": {"b": 1, "2": 2}}';
    const res = await call(seededApp(), 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.json).toEqual({ country: [`"{'b': 1, '2': 2}" is not a valid choice.`] });
  });
});
