import { describe, expect, it } from 'vitest';
import { CustomerList, customerList } from '../../contracts/pelcro/schemas';
import { pyJsonLoads } from '../../lib/python/json';
import { readListQuery } from '../../src/providers/pelcro/customers/list';
import type { Input } from '../../src/providers/pelcro/input';
import { BASE, createCustomer, del, get, post, put, seededApp } from './helpers';

const app = seededApp();
const ORIGIN = 'http://localhost';
const PATH = `${ORIGIN}${BASE}`;
const ids = (body: { data: { id: number }[] }) => body.data.map((c) => c.id);

describe('GET /api/v1/core/customers pagination', () => {
  it("answers 10 customers with Laravel's full links and meta blocks by default", async () => {
    const answer = await get(app, `${BASE}?site_id=1`);
    expect(answer.status).toBe(200);
    expect(CustomerList.safeParse(answer.json).success).toBe(true);
    expect(ids(answer.json)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answer.json.links).toEqual({ first: `${PATH}?page=1`, last: `${PATH}?page=5`, prev: null, next: `${PATH}?page=2` });
    expect(answer.json.meta).toEqual({
      current_page: 1,
      from: 1,
      last_page: 5,
      links: [
        { url: null, label: '&laquo; Previous', active: false },
        { url: `${PATH}?page=1`, label: '1', active: true },
        { url: `${PATH}?page=2`, label: '2', active: false },
        { url: `${PATH}?page=3`, label: '3', active: false },
        { url: `${PATH}?page=4`, label: '4', active: false },
        { url: `${PATH}?page=5`, label: '5', active: false },
        { url: `${PATH}?page=2`, label: 'Next &raquo;', active: false },
      ],
      path: PATH,
      per_page: 10,
      to: 10,
      total: 50,
    });
    expect(Object.keys(answer.json)).toEqual(['data', 'links', 'meta']);
  });

  it('pages with page and limit; links keep only ?page= (Laravel appends no other parameter)', async () => {
    const answer = await get(app, `${BASE}?site_id=1&limit=7&page=3&sort=id`);
    expect(ids(answer.json)).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(answer.json.links).toEqual({ first: `${PATH}?page=1`, last: `${PATH}?page=8`, prev: `${PATH}?page=2`, next: `${PATH}?page=4` });
    expect(answer.json.meta).toMatchObject({ current_page: 3, from: 15, to: 21, per_page: 7, last_page: 8, total: 50 });
  });

  it('answers the last, partial page with to = total', async () => {
    const answer = await get(app, `${BASE}?site_id=1&limit=20&page=3`);
    expect(ids(answer.json)).toHaveLength(10);
    expect(answer.json.meta).toMatchObject({ from: 41, to: 50, last_page: 3 });
    expect(answer.json.links.next).toBeNull();
  });

  it('answers 200 with empty data and null from/to for a page past the end', async () => {
    const answer = await get(app, `${BASE}?site_id=1&page=9`);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual([]);
    expect(answer.json.meta).toMatchObject({ current_page: 9, from: null, to: null, last_page: 5, total: 50 });
    expect(answer.json.links.prev).toBe(`${PATH}?page=8`);
    expect(CustomerList.safeParse(answer.json).success).toBe(true);
  });

  it('answers a page past 2^53 up to PHP_INT_MAX numbered exactly as sent; past PHP_INT_MAX, page 1', async () => {
    for (const page of ['9007199254740993', '9223372036854775807']) {
      const answer = await get(app, `${BASE}?site_id=1&page=${page}`);
      expect(answer.status).toBe(200);
      expect(answer.json.links.prev).toBe(`${PATH}?page=${BigInt(page) - 1n}`);
      expect(answer.json.links.next).toBeNull();
    }
    // (page - 1) * 10 is an int far past the list: an empty page.
    const empty = await get(app, `${BASE}?site_id=1&page=9007199254740993`);
    expect(empty.json.data).toEqual([]);
    expect(empty.text).toContain('"current_page":9007199254740993,"from":null,');
    expect((await get(app, `${BASE}?site_id=1&page=9223372036854775808`)).json.meta.current_page).toBe(1);
  });

  it('lists from where Eloquent casts an offset past PHP_INT_MAX: page PHP_INT_MAX of 10 starts at 0', async () => {
    // (2^63 - 2) * 10 overflows to the double 5 * 2^64, which (int) takes modulo 2^64 to 0.
    const answer = await get(app, `${BASE}?site_id=1&page=9223372036854775807`);
    const first = await get(app, `${BASE}?site_id=1`);
    expect(answer.json.data).toEqual(first.json.data);
    expect(answer.text).toContain('"current_page":9223372036854775807,"from":9.223372036854776e+19,');
    expect(answer.text).toContain('"to":9.223372036854776e+19,');
  });

  it.each([['abc'], ['0'], ['-2'], ['1.5'], ['05']])("reads page=%s as page 1 (Laravel's resolveCurrentPage)", async (page) => {
    const answer = await get(app, `${BASE}?site_id=1&page=${page}`);
    expect(answer.status).toBe(200);
    expect(answer.json.meta.current_page).toBe(1);
  });

  it('reads whole JSON floats of a GET body (limit 3.0, page 2.0) as integers: filter_var reads their "3" and "2"', () => {
    // A Fetch Request cannot carry a GET body, so the decoded JSON body goes to the list's reader.
    const query = readListQuery(pyJsonLoads('{"site_id": 1.0, "limit": 3.0, "page": 2.0}') as Input);
    expect(query).toMatchObject({ siteId: 1, limit: 3, page: 2 });
  });

  it.each([
    ['0', 'The limit field must be at least 1.'],
    ['101', 'The limit field must not be greater than 100.'],
    ['ten', 'The limit field must be an integer.'],
    ['2.5', 'The limit field must be an integer.'],
    ['9007199254740993', 'The limit field must not be greater than 100.'],
  ])('answers 400 for limit=%s', async (limit, message) => {
    const answer = await get(app, `${BASE}?site_id=1&limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { limit: [message] } });
  });

  it.each([
    ['0.5', ['The limit field must be an integer.', 'The limit field must be at least 1.']],
    ['150.5', ['The limit field must be an integer.', 'The limit field must not be greater than 100.']],
    ['1e3', ['The limit field must be an integer.', 'The limit field must not be greater than 100.']],
    ['9223372036854775808', ['The limit field must be an integer.', 'The limit field must not be greater than 100.']],
    [
      '1e2000',
      ['The limit field must be an integer.', 'The limit field must be at least 1.', 'The limit field must not be greater than 100.'],
    ],
    ['x'.repeat(101), ['The limit field must be an integer.', 'The limit field must not be greater than 100.']],
    // ConvertEmptyStringsToNull (after TrimStrings) makes these null, which a rule without `nullable` still reads.
    ['', ['The limit field must be an integer.', 'The limit field must be at least 1.']],
    ['%20', ['The limit field must be an integer.', 'The limit field must be at least 1.']],
  ])(
    'answers limit=%s with every failing rule: min and max read a numeric value by its value, other text by its length',
    async (limit, messages) => {
      const answer = await get(app, `${BASE}?site_id=1&limit=${limit}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: { limit: messages } });
    },
  );

  it('serves 100 per page at most', async () => {
    const big = seededApp({ scenario: { name: 'big', pelcro: { customers: 150, fixtures: [] } } });
    const answer = await get(big, `${BASE}?site_id=1&limit=100`);
    expect(answer.json.data).toHaveLength(100);
    expect(answer.json.meta.last_page).toBe(2);
  });

  it('answers an empty store with one page whose link is page 1', async () => {
    const empty = seededApp({ scenario: { name: 'empty', pelcro: { customers: 0, fixtures: [] } } });
    const answer = await get(empty, `${BASE}?site_id=1`);
    expect(answer.json.data).toEqual([]);
    expect(answer.json.meta).toMatchObject({ current_page: 1, from: null, to: null, last_page: 1, total: 0 });
    expect(answer.json.meta.links.map((l: { label: string }) => l.label)).toEqual(['&laquo; Previous', '1', 'Next &raquo;']);
  });

  it('uses the path without its trailing slash', async () => {
    const answer = await get(app, `${BASE}/?site_id=1`);
    expect(answer.status).toBe(200);
    expect(answer.json.meta.path).toBe(PATH);
  });

  it('lists created customers after the seeded ones and forgets deleted ones', async () => {
    const own = seededApp();
    const created = await createCustomer(own, { email: 'last@example.com' });
    await del(own, `${BASE}/50?site_id=1`);
    const answer = await get(own, `${BASE}?site_id=1&page=5`);
    expect(ids(answer.json)).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, created.id]);
    expect(answer.json.meta.total).toBe(50);
  });

  it('expands every customer of the page', async () => {
    const answer = await get(app, `${BASE}?site_id=1&expand=addresses,subscriptions`);
    expect(customerList(['addresses', 'subscriptions']).safeParse(answer.json).success).toBe(true);
  });
});

describe('GET /api/v1/core/customers?sort=', () => {
  it.each([
    ['id', (a: number[]) => [...a].sort((x, y) => x - y)],
    ['-id', (a: number[]) => [...a].sort((x, y) => y - x)],
  ])('sorts by %s', async (sort, order) => {
    const answer = await get(app, `${BASE}?site_id=1&limit=100&sort=${sort}`);
    expect(ids(answer.json)).toEqual(order(ids(answer.json)));
    expect(answer.json.data).toHaveLength(50);
  });

  it('sorts by email case-insensitively, null emails first, and by -email in reverse with nulls last', async () => {
    const own = seededApp();
    await createCustomer(own, { display_name: 'No Email' });
    await createCustomer(own, { email: 'AAA@example.com' });
    const asc = (await get(own, `${BASE}?site_id=1&limit=100&sort=email`)).json.data;
    const desc = (await get(own, `${BASE}?site_id=1&limit=100&sort=-email`)).json.data;
    const emails = asc.map((c: { email: string | null }) => c.email);
    expect(emails[0]).toBeNull();
    const lower = emails.filter((e: string | null) => e !== null).map((e: string) => e.toLowerCase());
    expect(lower).toEqual([...lower].sort());
    expect(desc.at(-1).email).toBeNull();
    expect(desc[0].email.toLowerCase()).toBe(lower.at(-1));
  });

  it.each([['name'], ['created_at'], ['email,id'], ['+email'], [''], [' ']])(
    'answers 400 "The selected sort is invalid." for sort=%s',
    async (sort) => {
      const answer = await get(app, `${BASE}?site_id=1&sort=${encodeURIComponent(sort)}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: { sort: ['The selected sort is invalid.'] } });
    },
  );

  it('answers every malformed parameter at once', async () => {
    const answer = await get(app, `${BASE}?limit=0&sort=x&expand=y`);
    expect(Object.keys(answer.json.errors)).toEqual(['site_id', 'limit', 'sort', 'expand']);
  });
});

describe('a list page asked again (pages are kept while the site is unchanged)', () => {
  it('shows every write made in between, an expanded address too', async () => {
    const local = seededApp();
    const page = `${BASE}?site_id=1&sort=-id&limit=2&expand=addresses`;
    const before = (await get(local, page)).json;
    expect((await get(local, page)).json).toEqual(before);

    const customer = await createCustomer(local, { email: 'kept@example.com', first_name: 'Kept' });
    const afterCreate = (await get(local, page)).json;
    expect(afterCreate.meta.total).toBe(before.meta.total + 1);
    expect(afterCreate.data[0]).toMatchObject({ id: customer.id, first_name: 'Kept', addresses: [] });

    await put(local, `${BASE}/${customer.id}?site_id=1`, { first_name: 'Renamed' });
    expect((await get(local, page)).json.data[0].first_name).toBe('Renamed');

    const address = {
      customer_id: customer.id,
      type: 'billing',
      first_name: 'Ada',
      line1: '1 Main St',
      city: 'Springfield',
      state: 'IL',
      country: 'US',
      postal_code: '62701',
    };
    const added = await post(local, `/api/v1/core/addresses?site_id=1`, address);
    expect(added.status).toBe(201);
    expect((await get(local, page)).json.data[0].addresses).toEqual([added.json.data]);

    await del(local, `${BASE}/${customer.id}?site_id=1`);
    expect((await get(local, page)).json).toEqual(before);
  });

  it("answers every unwritten site the seed's page, whatever its token, and a written one its own", async () => {
    const local = seededApp();
    const page = `${BASE}?site_id=1&sort=-id&limit=2`;
    const as = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
    const before = (await get(local, page, as('first'))).json;
    expect((await get(local, page, as('second'))).json).toEqual(before);
    const created = await post(local, `${BASE}?site_id=1`, { email: 'own@example.com', first_name: 'Own' }, as('second'));
    expect(created.status).toBe(201);
    expect((await get(local, page, as('second'))).json.data[0].id).toBe(created.json.data.id);
    expect((await get(local, page, as('first'))).json).toEqual(before);
    expect((await get(local, page, as('third'))).json).toEqual(before);
    // A second writer, at the same version as the first, sees its own write, not the first's.
    const other = await post(local, `${BASE}?site_id=1`, { email: 'other@example.com', first_name: 'Other' }, as('third'));
    expect((await get(local, page, as('third'))).json.data[0].email).toBe(other.json.data.email);
    expect((await get(local, page, as('second'))).json.data[0].email).toBe(created.json.data.email);
    // Another site is another page (the seed's customers are site 1's).
    expect((await get(local, `${BASE}?site_id=2&sort=-id&limit=2`, as('first'))).json.data).toEqual([]);
  });
});

describe('pagination links under an odd Host', () => {
  it('drops a `:0` port as Symfony getPort() does (a falsy "0" is the default port)', async () => {
    const answer = await get(seededApp(), `http://x.test:0${BASE}?site_id=1&limit=1`, { headers: { Host: 'x.test:0' } });
    expect(answer.json.links.first).toBe('http://x.test/api/v1/core/customers?page=1');
  });
});
