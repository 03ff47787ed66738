/**
 * Seeded generators of hostile input for the Pelcro robustness test: bodies of every shape and
 * encoding, query strings and path ids. Everything is drawn from one deterministic PRNG, so a
 * failing case is reproduced by running the test again.
 */
import { createRng, type Rng } from '../../src/core/random';

export class Fuzz {
  private readonly rng: Rng;

  constructor(seed: string) {
    this.rng = createRng(seed);
  }

  int(below: number): number {
    return Math.floor(this.rng() * below);
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Text mixing ASCII, accents, emoji, controls, NUL, lone surrogates and invisible characters. */
  text(): string {
    const length = this.pick([0, 1, 2, 5, 12, 40, 120, 300]);
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(CHARACTERS);
    return out;
  }

  /** Any JSON value, wrong for most fields, up to `depth` levels of nesting. */
  value(depth = 3): unknown {
    const kind = this.int(depth > 0 ? 10 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick(NUMBERS);
      case 3:
        return this.pick(SPECIAL_STRINGS);
      case 4:
      case 5:
        return this.text();
      case 6:
        return this.pick(['', ' ', '0', '1', 'true', '[]', '{}']);
      case 7:
      case 8:
        return Array.from({ length: this.int(4) }, () => this.value(depth - 1));
      default:
        return this.object(depth - 1);
    }
  }

  /** An object with known, unknown and prototype-ish keys. */
  object(depth = 2): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const size = this.int(6);
    for (let i = 0; i < size; i++) {
      Object.defineProperty(out, this.pick(KEYS), { value: this.value(depth), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** A create or update body: mostly the real fields, each with a plausible or a wrong value. */
  customerBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    const size = 1 + this.int(4);
    const goodRate = this.pick([0.5, 0.9, 1]);
    for (let i = 0; i < size; i++) {
      const field = this.pick(FIELDS);
      const good = GOOD_VALUES[field];
      body[field] = good && this.chance(goodRate) ? this.pick(good) : this.value(2);
    }
    // A fresh identity now and then, so that some creates pass the uniqueness rules too.
    if (this.chance(0.3)) body.email = `fuzz-${this.int(1e9)}@example.com`;
    if (this.chance(0.1)) Object.defineProperty(body, '__proto__', { value: { email: 'proto@example.com' }, enumerable: true });
    return body;
  }

  /** A raw body and the Content-Type it is sent with. */
  rawBody(): { body: string | Uint8Array; contentType: string | undefined } {
    const contentType = this.pick(CONTENT_TYPES);
    const json = JSON.stringify(this.customerBody());
    const shapes: (() => string | Uint8Array)[] = [
      ...Array.from({ length: 8 }, () => () => json),
      () => json.slice(0, this.int(json.length)),
      () => `${'['.repeat(600)}${']'.repeat(600)}`,
      () => `{"display_name":"deep","metadata":${'{"a":'.repeat(this.pick([10, 511, 600]))}1${'}'.repeat(this.pick([10, 511, 600]))}}`,
      () => `{"display_name":"${'x'.repeat(this.pick([101, 5000, 200_000]))}"}`,
      () => `{"site_id":${'9'.repeat(400)},"organization":1e999,"display_name":"big"}`,
      () => `{"display_name":"nul\u0000byte"}`,
      () => `\uFEFF{"display_name":"bom"}`,
      () => `{"display_name":"lone \\ud800 surrogate"}`,
      () => `{"display_name":"lone \\udc00 low"}`,
      () => new Uint8Array([0x7b, 0x22, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
      () => Uint8Array.from([...new TextEncoder().encode('{"display_name":"'), 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      () => this.form(),
      () => this.form(),
      () => `--XYZ\r\nContent-Disposition: form-data; name="${this.pick(KEYS)}"\r\n\r\n${this.text()}\r\n--XYZ--\r\n`,
      () => '--XYZ\r\nbroken',
      () => '',
      () => 'null',
      () => '[]',
      () => JSON.stringify(this.value(3)),
    ];
    return { body: this.pick(shapes)(), contentType };
  }

  /** A form-encoded body with PHP bracket names, repeated keys and odd encodings. */
  form(): string {
    const pairs: string[] = [];
    const size = 1 + this.int(6);
    for (let i = 0; i < size; i++) pairs.push(`${this.pick(FORM_NAMES)}=${this.encoded(String(this.pick(QUERY_VALUES)))}`);
    return pairs.join('&');
  }

  /** A list query string: every parameter and filter with garbage, repeated, empty, odd encodings. */
  listQuery(): string {
    const pairs: string[] = [];
    if (this.chance(0.85)) pairs.push('site_id=1');
    const size = this.int(6);
    for (let i = 0; i < size; i++) {
      const name = this.pick(QUERY_NAMES);
      const value = String(this.pick(QUERY_VALUES));
      pairs.push(this.chance(0.1) ? name : `${this.chance(0.2) ? encodeURIComponent(name) : name}=${this.encoded(value)}`);
    }
    if (this.chance(0.2)) pairs.push(pairs[this.int(pairs.length)] ?? 'site_id=1');
    return pairs.join('&');
  }

  /** A value percent-encoded properly, raw, doubly, or with a broken escape. */
  encoded(value: string): string {
    switch (this.int(5)) {
      case 0:
        return value.replace(/[&#]/g, encodeURIComponent);
      case 1:
        return encodeURIComponent(encodeURIComponent(value));
      case 2:
        return `${encodeURIComponent(value)}%`;
      default:
        return encodeURIComponent(value);
    }
  }

  /** The `{id}` segment of a customer path, as sent. */
  pathId(): string {
    return this.pick(PATH_IDS);
  }
}

const CHARACTERS = [
  'a',
  'Z',
  '0',
  '9',
  ' ',
  '-',
  '_',
  '.',
  '@',
  '%',
  '&',
  '=',
  '+',
  '"',
  '\\',
  '/',
  '[',
  ']',
  ',',
  ':',
  '\t',
  '\n',
  'é',
  'ñ',
  'ß',
  'Ω',
  '中',
  '𝔘',
  '😀',
  '\u0000',
  '\u0007',
  '\u200b',
  '\u200e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u202e',
];

const NUMBERS = [0, -0, 1, -1, 2, 0.5, 1.5, 1e3, 1e21, -1e-7, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, 255, 256, 100, 101];

const SPECIAL_STRINGS = [
  'not-an-email',
  'a@b',
  'user@example.com',
  'USER@EXAMPLE.COM',
  ' padded@example.com ',
  'UTC',
  'US/Eastern',
  'Mars/Base',
  'en',
  'EN',
  'eng',
  'x'.repeat(256),
  '1'.repeat(25),
  '+1 (555) 010-9999',
  '12',
  'john.doe',
  'john_doe',
  '1e3',
  '0x10',
  '007',
  '-5',
  '+5',
  ' 7 ',
  '9'.repeat(30),
  '__proto__',
  'constructor',
  '<script>',
  "' OR 1=1 --",
  '%00',
  '\\u0000',
];

const FIELDS = [
  'site_id',
  'email',
  'skip_email_dns_validations',
  'first_name',
  'last_name',
  'display_name',
  'username',
  'phone',
  'salutation',
  'title',
  'tin',
  'old_provider_id',
  'language',
  'timezone',
  'mail_marketing',
  'tele_marketing',
  'email_hardbounce',
  'metadata',
  'password',
  'password_type',
  'organization',
  'default_source_id',
  'id',
  'created_at',
  'has_password',
  'expand',
  'unknown_field',
] as const;

const KEYS = [...FIELDS, '', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '1', 'a.b', 'a[b]', 'é', '\u0000'];

/** Values that pass a field's rules, so that some writes succeed and change the store. */
const GOOD_VALUES: Partial<Record<(typeof FIELDS)[number], readonly unknown[]>> = {
  site_id: [1, '1', '+1', ' 1 '],
  email: ['fuzz@example.com', 'Fuzz.Two@example.org', null],
  display_name: ['Fuzzy', 'Ünïcödé 😀', null],
  first_name: ['Ann', null],
  username: ['fuzz_user', 'ünï-user'],
  phone: ['+1 (555) 010-1234', '5550101'],
  language: ['fr', 'es', null],
  timezone: ['America/Toronto', 'UTC', null],
  mail_marketing: [true, 0, '1'],
  metadata: [{ plan: 'gold' }, { plan: null }, [], { 'a.b': { c: 1 } }],
  password: ['secret-password'],
  organization: [1, '2', null],
  default_source_id: [null, 1],
};

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'text/json',
  'APPLICATION/JSON',
  'application/json;;;',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'multipart/form-data; boundary=XYZ',
  'multipart/form-data',
  'application/xml',
  '*/*',
  'application/octet-stream',
  undefined,
] as const;

const QUERY_NAMES = [
  'site_id',
  'page',
  'limit',
  'sort',
  'expand',
  'filter',
  'filter[]',
  'filter[email]',
  'filter[first_name]',
  'filter[last_name]',
  'filter[metadata]',
  'filter[metadata.plan]',
  'filter[metadata.a.b]',
  'filter[metadata.]',
  'filter[email][]',
  'filter[email][x]',
  'filter[unknown]',
  'filter[__proto__]',
  'filter[metadata.__proto__]',
  'site_id[]',
  'limit[]',
  'sort[]',
  'expand[]',
  'page[]',
  '__proto__',
  '__proto__[site_id]',
  'constructor',
  'a[b',
  'filter[email',
  'filter]',
  '[',
  ']',
  'site id',
  'site.id',
  ' site_id',
  'é',
  'x'.repeat(300),
  `filter${'[a]'.repeat(70)}`,
];

const QUERY_VALUES = [
  '',
  ' ',
  '1',
  '0',
  '-1',
  '2',
  '100',
  '101',
  '1e3',
  '1.5',
  '+5',
  '007',
  '9'.repeat(25),
  'abc',
  'id',
  '-id',
  'email',
  '-email',
  'name',
  'addresses',
  'defaultSource,organization',
  'addresses,,bar',
  ' subscriptions ',
  'eq:',
  'eq:a@b.com',
  'like:%',
  'like:_',
  'like:\\',
  'like:(',
  'like:[a-',
  'orlike:a,b',
  'oreq:',
  'has:',
  'has:plan',
  'orhas:a,b',
  'XX:foo',
  ':',
  ',,,',
  'has:__proto__',
  'eq:http://x',
  'é',
  '😀',
  '\u0000',
  '%ED%A0%80',
  '%FF%FE',
  '%',
  '%ZZ',
  '[]',
  '{}',
  'x'.repeat(2000),
  'like:%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%a',
];

const FORM_NAMES = [
  'email',
  'display_name',
  'first_name',
  'metadata[plan]',
  'metadata[]',
  'metadata[a][b]',
  'metadata',
  'site_id',
  'mail_marketing',
  'phone',
  'password',
  'organization',
  'username',
  'a[b',
  'metadata[x',
  ' email',
  'e.mail',
  '',
  '__proto__',
  '__proto__[x]',
  `metadata${'[a]'.repeat(70)}`,
  'metadata[ ]',
  'metadata[1]',
  'metadata[0][]',
];

const PATH_IDS = [
  '1',
  '2',
  '50',
  '51',
  '0',
  '-1',
  '01',
  '1.0',
  '1e2',
  '+1',
  ' 1',
  '1 ',
  '999999999999999',
  '9'.repeat(40),
  'abc',
  '%31',
  '%2F',
  '1%2F',
  '%2F1',
  '%FF',
  '%E2%82%AC',
  '%ED%A0%80',
  '%00',
  '%',
  '%%',
  '%ZZ',
  '..',
  '.',
  '1/',
  '1//',
  '1/extra',
  'é',
  '😀',
  'a%20b',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '1;2',
  '1,2',
  '[1]',
  '1%3F',
  'x'.repeat(5000),
];
