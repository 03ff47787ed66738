import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, createCustomer, get, seededApp } from './helpers';

/** An empty store with a handful of known customers, so every filter's answer is exact. */
const app = seededApp({ scenario: { name: 'empty', pelcro: { customers: 0, fixtures: [] } } });

beforeAll(async () => {
  await createCustomer(app, { email: 'ann@alpha.com', first_name: 'Ann', last_name: 'Lee', metadata: { plan: 'gold', tier: 1 } });
  await createCustomer(app, { email: 'bob@beta.com', first_name: 'Bob', last_name: 'Lee', metadata: { plan: 'silver', vip: true } });
  await createCustomer(app, { email: 'carla@alpha.com', first_name: 'Carla', last_name: 'Diaz', metadata: { plan: 'Gold' } });
  await createCustomer(app, { email: 'dan_x@gamma.com', first_name: 'Dan', last_name: null, metadata: {} });
  await createCustomer(app, { display_name: 'No Email', first_name: 'Eve', metadata: { nested: { level: 'deep' } } });
});

/** The ids a query string selects (ids 1–5 are Ann, Bob, Carla, Dan, Eve). */
async function select(query: string): Promise<number[]> {
  const answer = await get(app, `${BASE}?site_id=1&limit=100&${query}`);
  if (answer.status !== 200) throw new Error(`${answer.status} ${answer.text}`);
  return answer.json.data.map((c: { id: number }) => c.id);
}

describe('GET /api/v1/core/customers?filter[ATTR]=OP:VALUE', () => {
  it.each([
    ['filter[email]=ann@alpha.com', [1], 'eq is the default operator'],
    ['filter[email]=eq:ANN@ALPHA.COM', [1], 'eq on a column ignores case'],
    ['filter[email]=eq:ann@alpha.com,bob@beta.com', [1, 2], 'comma-separated values are alternatives'],
    ['filter[email]=like:alpha', [1, 3], 'like finds a part'],
    ['filter[email]=like:_x@', [4], "_ is LIKE's one-character wildcard"],
    ['filter[email]=like:dan\\_x', [4], 'a backslash escapes a wildcard'],
    ['filter[email]=like:alpha%25com', [1, 3], "% is LIKE's any-run wildcard"],
    ['filter[first_name]=like:a,o', [1, 2, 3, 4], 'like with alternatives'],
    ['filter[last_name]=Lee', [1, 2], 'last_name'],
    ['filter[last_name]=Lee&filter[first_name]=Bob', [2], 'filters AND together'],
    ['filter[last_name]=Diaz&filter[first_name]=oreq:Bob', [2, 3], 'an or-operator ORs its filter in'],
    ['filter[first_name]=oreq:Ann&filter[last_name]=oreq:Diaz', [1, 3], 'or-operators alone'],
    ['filter[last_name]=Lee&filter[first_name]=Ann&filter[email]=orlike:gamma', [1, 4], 'AND binds tighter than OR'],
    ['filter[metadata.plan]=eq:gold', [1], 'metadata values compare case-sensitively'],
    ['filter[metadata.plan]=like:old', [1, 3], 'like on a metadata value'],
    ['filter[metadata.tier]=1', [1], 'a number in metadata compares as text'],
    ['filter[metadata.nested.level]=deep', [5], 'a dotted key walks nested metadata'],
    ['filter[metadata]=has:vip', [2], 'has: a top-level metadata key'],
    ['filter[metadata]=has:vip,tier', [1, 2], 'has with alternatives'],
    ['filter[metadata]=has:tier&filter[metadata.plan]=orlike:silver', [1, 2], 'has with an or-filter'],
    ['filter[email]=like:alpha&filter[metadata]=orhas:vip', [1, 2, 3], 'orhas'],
    ['filter[metadata]=has:k1,k2,k3,k4,k5,vip,k6,tier', [1, 2], "has with many alternatives (the customer's own keys looked up)"],
    [`filter[metadata.nested.${'k.'.repeat(3000)}level]=deep`, [], 'a path thousands of keys deep finds nothing it does not reach'],
    ['filter[email]=nobody@nowhere.com', [], 'no match answers an empty page'],
    ['filter[email]=like:a-b.(x)+[y]?$', [], 'regular-expression characters are matched literally'],
  ])('%s → %j (%s)', async (query, expected) => {
    expect(await select(query)).toEqual(expected);
  });

  it('keeps the paginator consistent with the filter', async () => {
    const answer = await get(app, `${BASE}?site_id=1&limit=1&page=2&filter[email]=like:alpha`);
    expect(answer.json.data.map((c: { id: number }) => c.id)).toEqual([3]);
    expect(answer.json.meta).toMatchObject({ total: 2, last_page: 2, from: 2, to: 2 });
  });

  it('matches a like pattern full of wildcards in linear time (no regular-expression backtracking)', async () => {
    const started = performance.now();
    expect(await select(`filter[email]=like:${'%25'.repeat(60)}${'_'.repeat(3)}zzz`)).toEqual([]);
    expect(await select(`filter[email]=like:${'%25'.repeat(60)}alpha${'%25_'.repeat(3)}`)).toEqual([1, 3]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('combines with sort', async () => {
    expect(await select('filter[last_name]=Lee&sort=-id')).toEqual([2, 1]);
  });
});

describe('GET /api/v1/core/customers with a malformed filter', () => {
  it.each([
    ['filter=abc', 'filter', 'The filter field must be an array.'],
    [
      'filter[phone]=1',
      'filter.phone',
      'The filter.phone filter is not supported. Filterable attributes: email, first_name, last_name, metadata.KEY and metadata.',
    ],
    [
      'filter[metadata.]=x',
      'filter.metadata.',
      'The filter.metadata. filter is not supported. Filterable attributes: email, first_name, last_name, metadata.KEY and metadata.',
    ],
    ['filter[email]=equals:a', 'filter.email', 'The filter.email operator "equals" is invalid. Valid operators: eq, oreq, like, orlike.'],
    ['filter[email]=has:a', 'filter.email', 'The filter.email operator "has" is invalid. Valid operators: eq, oreq, like, orlike.'],
    ['filter[metadata]=eq:plan', 'filter.metadata', 'The filter.metadata operator "eq" is invalid. Valid operators: has, orhas.'],
    ['filter[metadata]=plan', 'filter.metadata', 'The filter.metadata operator "eq" is invalid. Valid operators: has, orhas.'],
    ['filter[email]=', 'filter.email', 'The filter.email field must have a value.'],
    ['filter[email]=like:', 'filter.email', 'The filter.email field must have a value.'],
    ['filter[email]=eq:,,', 'filter.email', 'The filter.email field must have a value.'],
    ['filter[email][x]=1', 'filter.email', 'The filter.email field must be a string.'],
  ])('answers 400 for %s', async (query, field, message) => {
    const answer = await get(app, `${BASE}?site_id=1&${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { [field]: [message] } });
  });

  it('refuses more filters than the mock tests in one list, with Laravel max words, before testing any', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `filter[metadata.k${i}]=orlike:%25_%25`).join('&');
    const answer = await get(app, `${BASE}?site_id=1&${many}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { filter: ['The filter field must not have more than 20 items.'] } });
    const twenty = Array.from({ length: 19 }, (_, i) => `filter[metadata.k${i}]=orlike:x`).join('&');
    expect(await select(`${twenty}&filter[email]=orlike:alpha`)).toEqual([1, 3]);
  });

  it('refuses like filters holding more than 255 characters together, each under the bound', async () => {
    const patterns = Array.from({ length: 50 }, (_, i) => `_${i % 10}`).join(',');
    const answer = await get(app, `${BASE}?site_id=1&filter[email]=orlike:${patterns}&filter[first_name]=orlike:${patterns}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: { filter: ['The like and orlike filters together must not be greater than 255 characters.'] } });
    expect(await select(`filter[email]=like:${'_'.repeat(120)}&filter[first_name]=orlike:Bob`)).toEqual([2]);
  });

  it('reports every malformed filter at once', async () => {
    const answer = await get(app, `${BASE}?site_id=1&filter[phone]=1&filter[email]=zz:1`);
    expect(Object.keys(answer.json.errors)).toEqual(['filter.phone', 'filter.email']);
  });
});
