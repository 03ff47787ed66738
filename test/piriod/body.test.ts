import { describe, expect, it } from 'vitest';
import { call, seededApp } from './helpers';

// Every expected text below was produced by CPython 3.12's json.loads(body, parse_constant=
// strict_constant), which is what DRF's JSONParser runs.
const CPYTHON_MESSAGES: [string, string][] = [
  ['   ', 'Expecting value: line 1 column 4 (char 3)'],
  ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['[', 'Expecting value: line 1 column 2 (char 1)'],
  ['{"name": ', 'Expecting value: line 1 column 10 (char 9)'],
  ['{"name": "x"', "Expecting ',' delimiter: line 1 column 13 (char 12)"],
  ['{"name": "x",}', 'Expecting property name enclosed in double quotes: line 1 column 14 (char 13)'],
  ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
  ['{,}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
  ['{"a":1 "b":2}', "Expecting ',' delimiter: line 1 column 8 (char 7)"],
  ["{'name': 'x'}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['{name: 1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
  ['{"a": "x\\qy"}', 'Invalid \\escape: line 1 column 9 (char 8)'],
  ['{"a": "\\u12"}', 'Invalid \\uXXXX escape: line 1 column 9 (char 8)'],
  ['{"a": "\\u12g4"}', 'Invalid \\uXXXX escape: line 1 column 9 (char 8)'],
  ['{"a": "tab\there"}', 'Invalid control character at: line 1 column 11 (char 10)'],
  ['{"a":1}x', 'Extra data: line 1 column 8 (char 7)'],
  ['{} {}', 'Extra data: line 1 column 4 (char 3)'],
  ['NaN', "Out of range float values are not JSON compliant: 'NaN'"],
  ['{"a": Infinity}', "Out of range float values are not JSON compliant: 'Infinity'"],
  ['[-Infinity]', "Out of range float values are not JSON compliant: '-Infinity'"],
  ['-', 'Expecting value: line 1 column 1 (char 0)'],
  ['01', 'Extra data: line 1 column 2 (char 1)'],
  ['1.', 'Extra data: line 1 column 2 (char 1)'],
  ['1e', 'Extra data: line 1 column 2 (char 1)'],
  ['tru', 'Expecting value: line 1 column 1 (char 0)'],
  ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
  ['\n\n  {"a":\n  x}', 'Expecting value: line 4 column 3 (char 12)'],
  ['{"é": ü}', 'Expecting value: line 1 column 7 (char 6)'],
  // Positions count code points: the emoji is one character to Python, two to JavaScript.
  ['{"😀": x}', 'Expecting value: line 1 column 7 (char 6)'],
  ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
  ['{"a": [1, {"b": }]}', 'Expecting value: line 1 column 17 (char 16)'],
  ['{"a":"\\', 'Unterminated string starting at: line 1 column 6 (char 5)'],
  ['{"name": "ok"}\n\n}', 'Extra data: line 3 column 1 (char 16)'],
];

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('POST /customers/ with a body that is not JSON', () => {
  const app = seededApp();

  it.each(CPYTHON_MESSAGES)("answers %j with 400 and CPython's message", async (raw, message) => {
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: `JSON parse error - ${message}` });
  });

  it.each([
    [bytes(0xff), "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
    [bytes(0x7b, 0x7d, 0x80), "'utf-8' codec can't decode byte 0x80 in position 2: invalid start byte"],
    [bytes(0xe2, 0x28, 0xa1), "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"],
    [bytes(0xf0, 0x90, 0x28, 0x41), "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"],
    [bytes(0xed, 0xa0, 0x80), "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ])("answers invalid UTF-8 %j with the codec's message", async (raw, message) => {
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: `JSON parse error - ${message}` });
  });

  it("drops an incomplete UTF-8 sequence at the very end, as CPython's stream reader does", async () => {
    const raw = new Uint8Array([...utf8('{"name": "Andes"}'), 0xe2, 0x82]);
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('Andes');
  });

  it('decodes with the charset of the Content-Type', async () => {
    const latin1 = Uint8Array.from('{"name": "Pe\u00f1a"}', (c) => c.charCodeAt(0));
    const res = await call(app, 'POST', '/customers/', { raw: latin1, contentType: 'application/json; charset=latin-1' });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('Peña');
    const ascii = await call(app, 'POST', '/customers/', { raw: utf8('{"name": "Peña"}'), contentType: 'application/json; charset=ascii' });
    expect(ascii.json).toEqual({
      detail: "JSON parse error - 'ascii' codec can't decode byte 0xc3 in position 12: ordinal not in range(128)",
    });
  });

  it('decodes UTF-16, UTF-32 and cp1252 bodies as Python does, a stream without a BOM refused', async () => {
    const utf16 = (text: string, bom: boolean) =>
      Uint8Array.from([...(bom ? [0xff, 0xfe] : []), ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const withBom = await call(app, 'POST', '/customers/', {
      raw: utf16('{"name": "Peña €"}', true),
      contentType: 'application/json; charset=utf-16',
    });
    expect([withBom.status, withBom.json.name]).toEqual([201, 'Peña €']);
    const noBom = await call(app, 'POST', '/customers/', {
      raw: utf16('{"name": "A"}', false),
      contentType: 'application/json; charset=UTF16',
    });
    expect([noBom.status, noBom.json]).toEqual([400, { detail: 'JSON parse error - UTF-16 stream does not start with BOM' }]);
    const utf32 = Uint8Array.from([...'{"name": "B"}'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    const le = await call(app, 'POST', '/customers/', { raw: utf32, contentType: 'application/json; charset=utf-32-le' });
    expect([le.status, le.json.name]).toEqual([201, 'B']);
    // A form in cp1252: its escapes decode with it too (QueryDict's parse_qsl(encoding=…)).
    const form = await call(app, 'POST', '/customers/', {
      raw: 'name=caf%E9%80',
      contentType: 'application/x-www-form-urlencoded; charset=windows-1252',
    });
    expect([form.status, form.json.name]).toEqual([201, 'café€']);
  });

  it("refuses an integer of more than 4300 digits with Python's message", async () => {
    const res = await call(app, 'POST', '/customers/', { raw: `{"name": ${'9'.repeat(4301)}}`, contentType: 'application/json' });
    expect(res.json).toEqual({
      detail:
        'JSON parse error - Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit',
    });
  });

  it('refuses nesting deeper than the recursion limit without crashing', async () => {
    const res = await call(app, 'POST', '/customers/', { raw: '['.repeat(5000), contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json.detail).toBe('JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string');
  });

  it('leaves the stored data untouched after a refused body', async () => {
    const before = await call(app, 'GET', '/customers/?page_size=1');
    await call(app, 'POST', '/customers/', { raw: '{"name": "x",', contentType: 'application/json' });
    const after = await call(app, 'GET', '/customers/?page_size=1');
    expect(after.json.count).toBe(before.json.count);
  });
});

describe('POST /customers/ with a body that is not an object', () => {
  const app = seededApp();

  it.each([
    ['[1]', 'list'],
    ['"x"', 'str'],
    ['1', 'int'],
    ['1.5', 'float'],
    ['1.0', 'float'],
    ['1e2', 'float'],
    ['true', 'bool'],
  ])('answers %s with non_field_errors naming the Python type', async (raw, type) => {
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] });
  });

  it('answers null with "No data provided"', async () => {
    const res = await call(app, 'POST', '/customers/', { raw: 'null', contentType: 'application/json' });
    expect(res.json).toEqual({ non_field_errors: ['No data provided'] });
  });

  it('treats an empty body as {} whatever its type', async () => {
    for (const contentType of ['application/json', 'text/plain', undefined]) {
      const res = await call(app, 'POST', '/customers/', { raw: new Uint8Array(0), contentType });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ name: ['This field is required.'] });
    }
  });
});

describe('POST /customers/ content types (DRF JSON, form and multipart parsers)', () => {
  const app = seededApp();

  it.each([
    ['text/plain', 'text/plain'],
    ['text/plain; charset=utf-8', 'text/plain; charset=utf-8'],
    ['application/vnd.api+json', 'application/vnd.api+json'],
    ['application/xml', 'application/xml'],
  ])('answers %s with 415 quoting the whole header', async (contentType, quoted) => {
    const res = await call(app, 'POST', '/customers/', { raw: '{"name": "x"}', contentType });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ detail: `Unsupported media type "${quoted}" in request.` });
  });

  it('answers a body without Content-Type with 415 quoting an empty type', async () => {
    const res = await call(app, 'POST', '/customers/', { raw: utf8('{"name": "x"}') });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ detail: 'Unsupported media type "" in request.' });
  });

  it.each(['application/json', 'Application/JSON; charset=UTF-8', '*/*', 'application/*'])(
    'parses JSON sent as %s',
    async (contentType) => {
      const res = await call(app, 'POST', '/customers/', { raw: '{"name": "Json SpA"}', contentType });
      expect(res.status).toBe(201);
    },
  );

  it('creates from a urlencoded form (last value wins; DRF 3.15 drops metadata.key pairs, so metadata is {})', async () => {
    const raw = 'name=First&name=Form+Ltda.&email=&country=AR&metadata.crm=42&tax_settings.a=1&website=';
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Form Ltda.', email: '', metadata: {}, tax_settings: {}, country: { id: 'AR' }, website: '' });
  });

  it('resets metadata and tax_settings to {} on a form PATCH that omits them (DictField.get_value never returns empty for a form)', async () => {
    const created = await call(app, 'POST', '/customers/', {
      raw: '{"name": "Keeps Meta", "metadata": {"crm": "1"}, "tax_settings": {"a": "b"}}',
      contentType: 'application/json',
    });
    const path = `/customers/${created.json.id}/`;
    const json = await call(app, 'PATCH', path, { raw: '{"name": "Still Meta"}', contentType: 'application/json' });
    expect(json.json.metadata).toEqual({ crm: '1' });
    const form = await call(app, 'PATCH', path, { raw: 'name=Form+Patch', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(200);
    expect(form.json).toMatchObject({ name: 'Form Patch', metadata: {}, tax_settings: {} });
  });

  it('reads a form as QueryDict does: bytes that are not UTF-8 as latin-1, escapes with the charset', async () => {
    // An incomplete sequence at the end fails the strict decode: the whole body is latin-1.
    const raw = new Uint8Array([...utf8('name=Pe%C3%B1a'), 0xc3]);
    const res = await call(app, 'POST', '/customers/', { raw, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('PeñaÃ');
    const latin1 = await call(app, 'POST', '/customers/', {
      raw: 'name=Pe%F1a',
      contentType: 'application/x-www-form-urlencoded; charset=latin-1',
    });
    expect(latin1.json.name).toBe('Peña');
  });

  it('validates a form like JSON', async () => {
    const res = await call(app, 'POST', '/customers/', { raw: 'name=&email=nope', contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ email: ['Enter a valid email address.'], name: ['This field may not be blank.'] });
  });

  it('creates from multipart form data', async () => {
    const form = new FormData();
    form.append('name', 'Multipart SpA');
    form.append('country', 'PE');
    const req = new Request('http://localhost/customers/', { method: 'POST', body: form });
    const res = await call(app, 'POST', '/customers/', {
      raw: new Uint8Array(await req.arrayBuffer()),
      contentType: req.headers.get('content-type')!,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Multipart SpA', country: { id: 'PE' }, currency: 'PEN' });
  });

  it('reads a file part as DRF does: merged into the data, a choice by its name, no text, a field when it has no filename', async () => {
    const multipart = (...parts: string[]) => ({
      raw: `${parts.map((p) => `--B\r\nContent-Disposition: form-data; ${p}\r\n`).join('')}--B--\r\n`,
      contentType: 'multipart/form-data; boundary=B',
    });
    const file = (name: string, filename: string, content = 'x') => `name="${name}"; filename="${filename}"\r\n\r\n${content}`;
    const field = (name: string, value: string) => `name="${name}"\r\n\r\n${value}`;
    // A file where a text is wanted, after a text of the same name: the file is the last value.
    const refused = await call(
      app,
      'POST',
      '/customers/',
      multipart(field('name', 'Texto'), file('name', 'a.txt'), file('send_invoices', 'b')),
    );
    expect([refused.status, refused.json]).toEqual([400, { name: ['Not a valid string.'], send_invoices: ['Must be a valid boolean.'] }]);
    // A choice is its str(): the file's name, without its folders.
    const country = await call(app, 'POST', '/customers/', multipart(field('name', 'Archivo SpA'), file('country', 'docs/PE')));
    expect([country.status, country.json.country?.id]).toEqual([201, 'PE']);
    const wrong = await call(app, 'POST', '/customers/', multipart(field('name', 'Archivo SpA'), file('country', 'a')));
    expect(wrong.json).toEqual({ country: ['"a" is not a valid choice.'] });
    // An empty filename makes it a field (Django 4.2's parser): its content is the value.
    const empty = await call(app, 'POST', '/customers/', multipart(file('name', '', 'Sin Archivo SpA'), field('country', 'PE')));
    expect([empty.status, empty.json.name]).toEqual([201, 'Sin Archivo SpA']);
  });

  it("reads multipart bodies as leniently as Django's own reader: unquoted names, a preamble, no closing separator", async () => {
    const post = (raw: string) => call(app, 'POST', '/customers/', { raw, contentType: 'multipart/form-data; boundary=BB' });
    // .NET's MultipartFormDataContent writes `name=field`, unquoted.
    const dotnet = await post('--BB\r\nContent-Disposition: form-data; name=name\r\n\r\nDotnet SpA\r\n--BB--\r\n');
    expect([dotnet.status, dotnet.json.name]).toEqual([201, 'Dotnet SpA']);
    const preamble = await post('hello\r\n--BB\r\nContent-Disposition: form-data; name="name"\r\n\r\nPre SpA\r\n--BB--\r\njunk');
    expect([preamble.status, preamble.json.name]).toEqual([201, 'Pre SpA']);
    const unclosed = await post('--BB\r\nContent-Disposition: form-data; name="name"\r\n\r\nOpen SpA');
    expect([unclosed.status, unclosed.json.name]).toEqual([201, 'Open SpA']);
    // A field in base64 (Content-Transfer-Encoding) is decoded; one that does not decode is kept as sent.
    const base64 = await post(
      '--BB\r\nContent-Disposition: form-data; name="name"\r\nContent-Transfer-Encoding: base64\r\n\r\nQmFzZTY0\r\n--BB--\r\n',
    );
    expect(base64.json.name).toBe('Base64');
    // Headers must end within a part's first 1,024 bytes, else the part is skipped.
    const long = await post(`--BB\r\nContent-Disposition: form-data; name="name"\r\nX-Pad: ${'x'.repeat(1024)}\r\n\r\nLong\r\n--BB--\r\n`);
    expect([long.status, long.json]).toEqual([400, { name: ['This field is required.'] }]);
  });

  it("decodes a multipart body's fields and file names with the charset of its Content-Type, as Django does", async () => {
    const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    const body = (name: string, country: string) =>
      latin1(
        `--B\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n` +
          `--B\r\nContent-Disposition: form-data; name="country"; filename="dir/${country}"\r\n\r\nx\r\n--B--\r\n`,
      );
    // Latin-1 bytes (\xd1 is Ñ) under charset=latin-1: Django's request.encoding decodes them.
    const res = await call(app, 'POST', '/customers/', {
      raw: body('\xd1and\xfa SpA', 'PE'),
      contentType: 'multipart/form-data; boundary=B; charset=latin-1',
    });
    expect([res.status, res.json.name, res.json.country?.id]).toEqual([201, 'Ñandú SpA', 'PE']);
    // UTF-8 by default; a byte that does not decode is U+FFFD (errors="replace").
    const utf8 = await call(app, 'POST', '/customers/', {
      raw: body('\xc3\x91and\xc3\xba \xff SpA', 'PE'),
      contentType: 'multipart/form-data; boundary=B',
    });
    expect([utf8.status, utf8.json.name]).toEqual([201, 'Ñandú \ufffd SpA']);
    // A file's name is decoded alike: "\xc3\x89" is UTF-8 for É, "Ã\x89" in latin-1, and
    // sanitize_file_name then drops the C1 control \x89 (not printable, Django 4.1 on): "Ã", no
    // country's code (Django 3.2 keeps it: "Ã\x89").
    const file = await call(app, 'POST', '/customers/', {
      raw: body('X', '\xc3\x89'),
      contentType: 'multipart/form-data; boundary=B; charset=latin-1',
    });
    expect(file.json).toEqual({ country: ['"Ã" is not a valid choice.'] });
    // Django 4.2 decodes each part's header line as UTF-8 first (parse_boundary_stream,
    // `line.decode()`): a line that is not is ignored, and the part without its
    // Content-Disposition is skipped.
    const skipped = await call(app, 'POST', '/customers/', {
      raw: body('X', '\xc9'),
      contentType: 'multipart/form-data; boundary=B; charset=latin-1',
    });
    expect([skipped.status, skipped.json.country]).toEqual([201, null]);
  });

  it.each([
    ['multipart/form-data', 'Invalid boundary in multipart: None'],
    ['multipart/form-data; boundary=', 'Invalid boundary in multipart: '],
    [`multipart/form-data; boundary=${'b'.repeat(202)}`, `Invalid boundary in multipart: ${'b'.repeat(202)}`],
    // DRF matches the type case-insensitively; Django then checks the header as sent.
    ['MULTIPART/FORM-DATA; boundary=x', 'Invalid Content-Type: MULTIPART/FORM-DATA; boundary=x'],
  ])("answers multipart sent as %j with Django's parse error", async (contentType, reason) => {
    const res = await call(app, 'POST', '/customers/', { raw: 'x', contentType });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: `Multipart form parse error - ${reason}` });
  });

  it('reads Content-Type parameters as Django does (a quoted ";" stays in its value)', async () => {
    const latin1 = Uint8Array.from('{"name": "Pe\u00f1a"}', (c) => c.charCodeAt(0));
    const res = await call(app, 'POST', '/customers/', { raw: latin1, contentType: 'application/json; x="a;b"; charset="latin-1"' });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('Peña');
  });

  it("splits the media type at its first slash, as DRF's _MediaType does", async () => {
    const res = await call(app, 'POST', '/customers/', { raw: '{"name": "x"}', contentType: 'application/json/x' });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ detail: 'Unsupported media type "application/json/x" in request.' });
  });

  it('answers a body over the limit with 413 in DRF shape', async () => {
    const small = seededApp({ bodyLimitBytes: 64 });
    const res = await call(small, 'POST', '/customers/', { body: { name: 'x'.repeat(100) } });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ detail: 'Request body is larger than the limit of 64 bytes.' });
  });
});

describe('POST /customers/ order of body checks', () => {
  it('answers a large body of an unsupported type with 415, not 413 (the parser is chosen first)', async () => {
    const small = seededApp({ bodyLimitBytes: 16 });
    const res = await call(small, 'POST', '/customers/', {
      raw: 'x'.repeat(100),
      contentType: 'text/plain',
      headers: { 'Content-Length': '100' },
    });
    expect(res.status).toBe(415);
  });
});

// Each answer below was checked against Django 3.2.25 with DRF 3.14 (Debian's packages), whose
// QueryDict and MultiPartParser bounds are Django 4.2's.
describe('more fields or files than Django takes (DATA_UPLOAD_MAX_NUMBER_FIELDS, _FILES)', () => {
  const app = seededApp();
  const query = (fields: number) => Array.from({ length: fields }, (_, i) => `p${i}=1`).join('&');
  const isDjangoBadRequest = (res: { status: number; headers: Headers; text: string }) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('allow')).toBeNull();
    expect(res.text).toBe(
      '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n' +
        '  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n',
    );
  };

  it("answers a query of 1,001 fields with Django's 400 page, before authentication; 1,000 are read", async () => {
    expect((await call(app, 'GET', `/customers/?${query(1000)}`)).status).toBe(200);
    isDjangoBadRequest(await call(app, 'GET', `/customers/?${query(1001)}`));
    isDjangoBadRequest(await call(app, 'GET', `/customers/?${query(1001)}`, { anonymous: true }));
    // Python counts one field more than the separators, empty pieces included.
    isDjangoBadRequest(await call(app, 'GET', `/customers/?a=1${'&'.repeat(1000)}`));
    isDjangoBadRequest(await call(app, 'POST', `/customers/?${query(1001)}`, { body: { name: 'Campos SpA' } }));
  });

  it("answers a form body of 1,001 fields with Django's 400 page; 1,000 are read", async () => {
    const form = (fields: number) => ({ raw: `name=Campos+SpA&${query(fields - 1)}`, contentType: 'application/x-www-form-urlencoded' });
    expect((await call(app, 'POST', '/customers/', form(1000))).status).toBe(201);
    isDjangoBadRequest(await call(app, 'POST', '/customers/', form(1001)));
  });

  it("answers a multipart body of 1,001 fields or 101 files with Django's 400 page", async () => {
    const part = (i: number, filename?: string) =>
      `--B\r\nContent-Disposition: form-data; name="p${i}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n\r\nv\r\n`;
    const multipart = (fields: number, files: number, filename = 'a.txt') => ({
      raw: `--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nPartes SpA\r\n${Array.from({ length: fields - 1 }, (_, i) => part(i)).join('')}${Array.from({ length: files }, (_, i) => part(i, filename)).join('')}--B--\r\n`,
      contentType: 'multipart/form-data; boundary=B',
    });
    expect((await call(app, 'POST', '/customers/', multipart(999, 100))).status).toBe(201);
    isDjangoBadRequest(await call(app, 'POST', '/customers/', multipart(1001, 0)));
    isDjangoBadRequest(await call(app, 'POST', '/customers/', multipart(1, 101)));
    // A part with an empty filename is a field.
    isDjangoBadRequest(await call(app, 'POST', '/customers/', multipart(1, 1000, '')));
  });
});
