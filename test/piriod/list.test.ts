import { describe, expect, it } from 'vitest';
import { readListQuery } from '../../contracts/piriod/list-query';
import { CustomerList } from '../../contracts/piriod/schemas';
import { AUTH, call, chilean, fixtureApp, seededApp } from './helpers';

const FIXTURES = [
  {
    name: 'Comercial Andes SpA',
    country: 'CL',
    tax_id: '76.123.456-0',
    email: 'facturacion@andes.cl',
    created: '2024-01-10T10:00:00-03:00',
  },
  {
    name: 'andes servicios Ltda.',
    country: 'CL',
    tax_id: '12.345.678-5',
    email: 'pagos@servicios.cl',
    created: '2024-02-10T10:00:00-03:00',
  },
  {
    name: 'Pacífico Importadora S.A.',
    country: 'PE',
    tax_id: '20123456789',
    email: 'compras@pacifico.pe',
    created: '2024-03-10T10:00:00-03:00',
  },
  {
    name: 'Rio de la Plata SRL',
    country: 'AR',
    email: 'admin@plata.com.ar',
    created: '2024-04-10T10:00:00-04:00',
    updated: '2024-12-01T00:00:00-03:00',
  },
  { name: 'Zeta Corp', country: 'US', created: '2024-05-10T10:00:00-04:00' },
  { name: 'Bodega Norte SpA', country: 'CL', tax_id: '8.900.960-K', created: '2024-06-10T10:00:00-04:00' },
  { name: 'Sin País', created: '2024-07-10T10:00:00-04:00' },
];
const NEWEST_FIRST = [...FIXTURES].reverse().map((f) => f.name);

const app = fixtureApp(FIXTURES);
const names = async (query: string) => {
  const res = await call(app, 'GET', `/customers/${query}`);
  expect(res.status).toBe(200);
  return (res.json.results as { name: string }[]).map((r) => r.name);
};

describe('GET /customers/ envelope and default order', () => {
  it('answers {count, next, previous, results}, newest first', async () => {
    const res = await call(app, 'GET', '/customers/');
    expect(Object.keys(res.json)).toEqual(['count', 'next', 'previous', 'results']);
    expect(CustomerList.safeParse(res.json).success).toBe(true);
    expect(res.json).toMatchObject({ count: 7, next: null, previous: null });
    expect(res.json.results.map((r: { name: string }) => r.name)).toEqual(NEWEST_FIRST);
  });

  it('answers an empty list with a valid first page', async () => {
    const empty = fixtureApp([]);
    const res = await call(empty, 'GET', '/customers/');
    expect(res.json).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect((await call(empty, 'GET', '/customers/?page=last')).status).toBe(200);
    expect((await call(empty, 'GET', '/customers/?page=2')).json).toEqual({ detail: 'Invalid page.' });
  });
});

describe('GET /customers/ pagination (PageNumberPagination)', () => {
  it('links the next and previous pages, dropping page for page 1', async () => {
    const p1 = await call(app, 'GET', '/customers/?page_size=3');
    expect(p1.json.next).toBe('http://localhost/customers/?page=2&page_size=3');
    expect(p1.json.previous).toBeNull();
    const p2 = await call(app, 'GET', '/customers/?page_size=3&page=2');
    expect(p2.json.previous).toBe('http://localhost/customers/?page_size=3');
    expect(p2.json.next).toBe('http://localhost/customers/?page=3&page_size=3');
    const p3 = await call(app, 'GET', '/customers/?page_size=3&page=3');
    expect(p3.json.previous).toBe('http://localhost/customers/?page=2&page_size=3');
    expect(p3.json.next).toBeNull();
    const all = [...p1.json.results, ...p2.json.results, ...p3.json.results].map((r: { name: string }) => r.name);
    expect(all).toEqual(NEWEST_FIRST);
  });

  it("keeps every other parameter, keys sorted and re-encoded as Python's urlencode does", async () => {
    const res = await call(app, 'GET', '/customers/?zeta=1&search=&page_size=1&alpha=a%2Fb+c&x=1&x=2&flag&ordering=-created');
    expect(res.json.next).toBe(
      'http://localhost/customers/?alpha=a%2Fb+c&flag=&ordering=-created&page=2&page_size=1&search=&x=1&x=2&zeta=1',
    );
  });

  it('builds absolute links from the Host header and X-Forwarded-Proto', async () => {
    const res = await call(app, 'GET', '/customers/?page_size=1', {
      headers: { Host: 'api.example.com:8443', 'X-Forwarded-Proto': 'https' },
    });
    expect(res.json.next).toBe('https://api.example.com:8443/customers/?page=2&page_size=1');
  });

  it.each([
    ['', 7],
    ['?page_size=2', 2],
    ['?page_size=0', 7],
    ['?page_size=-3', 7],
    ['?page_size=abc', 7],
    ['?page_size=2.5', 7],
    ['?page_size=%202%20', 2],
    ['?page_size=1_0', 7],
  ])('sizes the page for %j', async (query, size) => {
    expect((await names(query)).length).toBe(size);
  });

  it('defaults to 20 and caps page_size at 100', async () => {
    const big = seededApp({ scenario: { name: 'big', piriod: { customers: 150, fixtures: [] } } });
    expect((await call(big, 'GET', '/customers/')).json.results).toHaveLength(20);
    expect((await call(big, 'GET', '/customers/?page_size=500')).json.results).toHaveLength(100);
    expect((await call(big, 'GET', '/customers/?page_size=500&page=2')).json.results).toHaveLength(50);
  });

  it("answers a page_size of more than 4,300 digits with the default 20, as Python's int() refuses it", async () => {
    const big = seededApp({ scenario: { name: 'big', piriod: { customers: 150, fixtures: [] } } });
    expect((await call(big, 'GET', `/customers/?page_size=${'9'.repeat(4301)}`)).json.results).toHaveLength(20);
    expect((await call(big, 'GET', `/customers/?page_size=${'0'.repeat(4299)}7`)).json.results).toHaveLength(7);
    expect((await call(big, 'GET', `/customers/?page_size=${'9'.repeat(4300)}`)).json.results).toHaveLength(100);
  });

  it('answers page=last with the last page', async () => {
    const res = await call(app, 'GET', '/customers/?page_size=3&page=last');
    expect(res.json.results.map((r: { name: string }) => r.name)).toEqual([FIXTURES[0].name]);
    expect(res.json.previous).toBe('http://localhost/customers/?page=2&page_size=3');
  });

  it.each(['?page=4&page_size=3', '?page=0', '?page=-1', '?page=abc', '?page=1.0', '?page=99999999999999999999'])(
    'answers %s with 404 "Invalid page."',
    async (query) => {
      const res = await call(app, 'GET', `/customers/${query}`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Invalid page.' });
    },
  );

  it('answers a page of more than 4,300 digits with 404 "Invalid page.", even one reading 1, as int() refuses it', async () => {
    const res = await call(app, 'GET', `/customers/?page=${'0'.repeat(4300)}1`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'Invalid page.' });
    expect((await call(app, 'GET', `/customers/?page=${'0'.repeat(4299)}1`)).status).toBe(200);
  });

  it.each(['?page=', '?page=%201%20', '?page=+1'])('reads %s as page 1', async (query) => {
    expect((await call(app, 'GET', `/customers/${query}`)).status).toBe(200);
  });

  it("reads page and page_size in any script's digits, as Python's int() does", async () => {
    // `page=２` (fullwidth) and `page_size=٣` (Arabic-Indic).
    const res = await call(app, 'GET', '/customers/?page=%EF%BC%92&page_size=%D9%A3');
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { name: string }) => r.name)).toEqual(NEWEST_FIRST.slice(3, 6));
  });
});

describe('GET /customers/ filters (django-filter)', () => {
  it.each([
    ['?country=CL', ['Bodega Norte SpA', 'andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?country__in=CL,PE', ['Bodega Norte SpA', 'Pacífico Importadora S.A.', 'andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?country__in=PE,', ['Pacífico Importadora S.A.']],
    ['?country__name=Chile', ['Bodega Norte SpA', 'andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?country__name=chile', []],
    ['?country__name__icontains=chi', ['Bodega Norte SpA', 'andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?country__name__in=Peru,Argentina', ['Rio de la Plata SRL', 'Pacífico Importadora S.A.']],
    ['?name=Zeta%20Corp', ['Zeta Corp']],
    ['?name=%20Zeta%20Corp%20', ['Zeta Corp']],
    ['?name=zeta%20corp', []],
    ['?name__exact=Zeta%20Corp', ['Zeta Corp']],
    ['?name__in=Zeta%20Corp,%20Sin%20Pa%C3%ADs', ['Sin País', 'Zeta Corp']],
    ['?name__contains=Andes', ['Comercial Andes SpA']],
    ['?name__icontains=ANDES', ['andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?email=pagos@servicios.cl', ['andes servicios Ltda.']],
    ['?email__icontains=.CL', ['andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?email__contains=plata', ['Rio de la Plata SRL']],
    ['?tax_id=76.123.456-0', ['Comercial Andes SpA']],
    ['?tax_id__contains=345.678', ['andes servicios Ltda.']],
    ['?tax_id__icontains=k', ['Bodega Norte SpA']],
    ['?created__gte=2024-06-01T00:00:00-04:00', ['Sin País', 'Bodega Norte SpA']],
    ['?created__lte=2024-02-10T10:00:00-03:00', ['andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?created__gte=2024-02-10T13:00:00Z&created__lte=2024-03-10T13:00:00.000000Z', ['Pacífico Importadora S.A.', 'andes servicios Ltda.']],
    // A naive value is Santiago time (-03:00 in March).
    ['?created__gte=2024-03-10T10:00:00&created__lte=2024-03-10%2010:00', ['Pacífico Importadora S.A.']],
    ['?created__gte=2024-06-10', ['Sin País', 'Bodega Norte SpA']],
    // Django's regex `\d` takes any script's digits (fromisoformat does not): ٢٠٢٤-06-10 00:00.
    ['?created__gte=%D9%A2%D9%A0%D9%A2%D9%A4-06-10%2000:00', ['Sin País', 'Bodega Norte SpA']],
    ['?country=CL&created__gte=2024-02-01T00:00:00Z', ['Bodega Norte SpA', 'andes servicios Ltda.']],
    ['?name=&country=&created__gte=&email__in=', NEWEST_FIRST],
    ['?unknown=1&name__startswith=Z', NEWEST_FIRST],
  ])('filters %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it.each([
    ['?created__gte=notadate', { created__gte: ['Enter a valid date/time.'] }],
    ['?created__lte=2024-02-30T00:00:00', { created__lte: ['Enter a valid date/time.'] }],
    ['?created__gte=%20%20', { created__gte: ['Enter a valid date/time.'] }],
    [
      '?created__gte=2024-04-06T23:30:00',
      {
        created__gte: [
          '2024-04-06 23:30:00 couldn’t be interpreted in time zone America/Santiago; it may be ambiguous or it may not exist.',
        ],
      },
    ],
    [
      '?created__gte=2024-09-08T00:30:00',
      {
        created__gte: [
          '2024-09-08 00:30:00 couldn’t be interpreted in time zone America/Santiago; it may be ambiguous or it may not exist.',
        ],
      },
    ],
    ['?country=cl', { country: ['Select a valid choice. That choice is not one of the available choices.'] }],
    ['?country__in=CL,XX', { country__in: ['Select a valid choice. That choice is not one of the available choices.'] }],
    ['?name=a%00b', { name: ['Null characters are not allowed.'] }],
    [
      '?created__lte=x&name__icontains=%00&country=ZZ',
      {
        country: ['Select a valid choice. That choice is not one of the available choices.'],
        name__icontains: ['Null characters are not allowed.'],
        created__lte: ['Enter a valid date/time.'],
      },
    ],
  ])("answers %s with 400 and django-filter's messages", async (query, body) => {
    const res = await call(app, 'GET', `/customers/${query}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(body);
    expect(Object.keys(res.json)).toEqual(Object.keys(body));
  });
});

describe('GET /customers/ search (SearchFilter over name, email and tax_id)', () => {
  it.each([
    ['?search=andes', ['andes servicios Ltda.', 'Comercial Andes SpA']],
    ['?search=ANDES%20pagos', ['andes servicios Ltda.']],
    ['?search=andes,pagos', ['andes servicios Ltda.']],
    ['?search=%22Comercial%20Andes%22', ['Comercial Andes SpA']],
    ['?search=%22andes%20comercial%22', []],
    ['?search=76.123', ['Comercial Andes SpA']],
    ['?search=plata.com', ['Rio de la Plata SRL']],
    ['?search=', NEWEST_FIRST],
    ['?search=%20,%20', NEWEST_FIRST],
  ])('searches %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('answers a null character with a bare list, as a ValidationError outside a serializer', async () => {
    const res = await call(app, 'GET', '/customers/?search=a%00');
    expect(res.status).toBe(400);
    expect(res.json).toEqual(['Null characters are not allowed.']);
  });
});

describe('GET /customers/ ordering (OrderingFilter)', () => {
  const byCreated = FIXTURES.map((f) => f.name);
  it.each([
    ['?ordering=created', byCreated],
    ['?ordering=-created', NEWEST_FIRST],
    [
      '?ordering=name',
      [
        'andes servicios Ltda.',
        'Bodega Norte SpA',
        'Comercial Andes SpA',
        'Pacífico Importadora S.A.',
        'Rio de la Plata SRL',
        'Sin País',
        'Zeta Corp',
      ],
    ],
    [
      '?ordering=-name',
      [
        'Zeta Corp',
        'Sin País',
        'Rio de la Plata SRL',
        'Pacífico Importadora S.A.',
        'Comercial Andes SpA',
        'Bodega Norte SpA',
        'andes servicios Ltda.',
      ],
    ],
    ['?ordering=-updated', ['Rio de la Plata SRL', ...NEWEST_FIRST.filter((n) => n !== 'Rio de la Plata SRL')]],
    ['?ordering=bogus', NEWEST_FIRST],
    ['?ordering=bogus,%20created', byCreated],
    ['?ordering=--created', NEWEST_FIRST],
    // A `+` in a query string is a space: ` created` is stripped to `created`.
    ['?ordering=+created', byCreated],
    ['?ordering=%2Bcreated', NEWEST_FIRST],
  ])('orders %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('orders by several keys', async () => {
    const twins = fixtureApp([
      { name: 'B', created: '2024-06-01T12:00:00Z' },
      { name: 'A', created: '2024-06-01T12:00:00Z' },
      { name: 'A', created: '2023-06-01T12:00:00Z' },
    ]);
    const res = await call(twins, 'GET', '/customers/?ordering=name,-created');
    expect(res.json.results.map((r: { name: string; created: string }) => `${r.name} ${r.created.slice(0, 4)}`)).toEqual([
      'A 2024',
      'A 2023',
      'B 2024',
    ]);
  });
});

describe('GET /customers/?ordering=name over names the collation finds equal', () => {
  // Written in this order; glibc's en_US.UTF-8 (and PostgreSQL's strcmp fallback) orders them by
  // the characters ICU ignores: space, then hyphen, then none.
  const written = [
    { name: 'AcmeSpA', created: '2024-06-01T12:00:00Z' },
    { name: 'Acme-SpA', created: '2024-06-02T12:00:00Z' },
    { name: 'Acme SpA', created: '2024-06-03T12:00:00Z' },
  ];

  it.each([
    ['name', ['Acme SpA', 'Acme-SpA', 'AcmeSpA']],
    ['-name', ['AcmeSpA', 'Acme-SpA', 'Acme SpA']],
    ['name,created', ['Acme SpA', 'Acme-SpA', 'AcmeSpA']],
  ])('orders them as PostgreSQL does for ordering=%s, seeded or written', async (ordering, expected) => {
    const seeded = await call(fixtureApp(written), 'GET', `/customers/?ordering=${ordering}`);
    expect(seeded.json.results.map((r: { name: string }) => r.name)).toEqual(expected);
    const app = fixtureApp([]);
    for (const { name } of written) await call(app, 'POST', '/customers/', { body: { name, country: 'MX' } });
    const created = await call(app, 'GET', `/customers/?ordering=${ordering}`);
    expect(created.json.results.map((r: { name: string }) => r.name)).toEqual(expected);
  });
});

describe('readListQuery ordering', () => {
  it("keeps each field's first term only, as Django's ORDER BY names a column once, however long the list", () => {
    const terms = Array.from({ length: 3000 }, (_, i) => ['-name', 'created', 'name', '-updated', 'bogus'][i % 5]).join(',');
    const query = readListQuery((name) => (name === 'ordering' ? terms : undefined));
    expect(query.order).toEqual([
      { field: 'name', descending: true },
      { field: 'created', descending: false },
      { field: 'updated', descending: true },
    ]);
  });
});

describe('readListQuery search', () => {
  it('tests each search term once, however often it is sent (the terms are ANDed, so a repeat changes nothing)', () => {
    const search = Array.from({ length: 8000 }, (_, i) => ['Andes', 'pagos', 'andes'][i % 3]).join(' ');
    const query = readListQuery((name) => (name === 'search' ? search : undefined));
    expect(query.where).toEqual([{ kind: 'search', terms: ['ANDES', 'PAGOS'] }]);
  });
});

describe('GET /customers/ after writes in the sandbox', () => {
  it('lists created and updated customers in their place', async () => {
    const local = fixtureApp(FIXTURES, { freezeTime: '2025-01-01T00:00:00Z' });
    const created = await call(local, 'POST', '/customers/', { body: { name: 'Nueva SpA', country: 'AR' } });
    const res = await call(local, 'GET', '/customers/');
    expect(res.json.count).toBe(8);
    expect(res.json.results[0].name).toBe('Nueva SpA');
    const oldest = await call(local, 'GET', '/customers/?ordering=created&page_size=3&page=3');
    expect(oldest.json.results.map((r: { name: string }) => r.name)).toEqual(['Sin País', 'Nueva SpA']);
    const first = res.json.results.find((r: { name: string }) => r.name === 'Comercial Andes SpA');
    await call(local, 'PATCH', `/customers/${first.id}/`, { body: { name: 'Comercial Andes Renombrada SpA' } });
    const updated = await call(local, 'GET', '/customers/?ordering=-updated&page_size=2');
    expect(updated.json.results.map((r: { name: string }) => r.name)).toEqual(['Comercial Andes Renombrada SpA', 'Nueva SpA']);
    const filtered = await call(local, 'GET', `/customers/?country=AR&ordering=name`);
    expect(filtered.json.results.map((r: { name: string }) => r.name)).toEqual(['Nueva SpA', 'Rio de la Plata SRL']);
    expect(created.status).toBe(201);
  });
});

describe('GET /customers/?country__name=Chile&ordering=-created&page_size=5 on the seeded data', () => {
  it('gives only Chilean customers, newest first, with a working next', async () => {
    const seeded = seededApp();
    const first = await call(seeded, 'GET', '/customers/?country__name=Chile&ordering=-created&page_size=5');
    expect(first.json.results).toHaveLength(5);
    const next = new URL(first.json.next);
    const second = await call(seeded, 'GET', `${next.pathname}${next.search}`);
    const all = [...first.json.results, ...second.json.results];
    expect(all.every((c: { country: { name: string } }) => c.country.name === 'Chile')).toBe(true);
    const instants = all.map((c: { created: string }) => Date.parse(c.created));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
    expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(10);
    expect(second.json.previous).toBe('http://localhost/customers/?country__name=Chile&ordering=-created&page_size=5');
  });
});

describe('a list page asked again (pages are kept while the sandbox is unchanged)', () => {
  it('shows every write made in between: a create, an update, a contact, a delete; and no other sandbox sees them', async () => {
    const app = seededApp();
    const page = '/customers/?ordering=-updated&page_size=3';
    const names = async (auth = AUTH) => (await call(app, 'GET', page, { headers: auth })).json;
    const before = await names();
    expect((await names()).results).toEqual(before.results);

    const created = await call(app, 'POST', '/customers/', { body: chilean({ name: 'Recién Llegada SpA' }) });
    const afterCreate = await names();
    expect(afterCreate.count).toBe(before.count + 1);
    expect(afterCreate.results[0].name).toBe('Recién Llegada SpA');

    await call(app, 'PATCH', `/customers/${created.json.id}/`, { body: { name: 'Renombrada SpA' } });
    expect((await names()).results[0].name).toBe('Renombrada SpA');

    await call(app, 'POST', '/contacts/', { body: { customer: created.json.id, name: 'Ana Pérez', email: 'ana@example.cl' } });
    expect((await names()).results[0].contacts.map((c: { name: string }) => c.name)).toEqual(['Ana Pérez']);

    await call(app, 'DELETE', `/customers/${created.json.id}/`);
    const afterDelete = await names();
    expect(afterDelete.count).toBe(before.count);
    expect(afterDelete.results.map((r: { id: string }) => r.id)).not.toContain(created.json.id);

    const other = await names({ Authorization: 'Token another-token' });
    expect(other).toEqual(before);
  });

  it("answers every unwritten sandbox the seed's page, and two sandboxes written alike each their own", async () => {
    const app = seededApp();
    const page = '/customers/?ordering=-created&page_size=2';
    const as = (token: string) => ({ Authorization: `Token ${token}` });
    const list = async (token: string) => (await call(app, 'GET', page, { headers: as(token) })).json;
    const before = await list('first');
    expect(await list('second')).toEqual(before);
    for (const [token, name] of [
      ['second', 'Segunda SpA'],
      ['third', 'Tercera SpA'],
    ]) {
      expect((await call(app, 'POST', '/customers/', { headers: as(token), body: chilean({ name }) })).status).toBe(201);
    }
    // Both wrote once (one version each): each sees its own customer, the others the seed.
    expect((await list('second')).results[0].name).toBe('Segunda SpA');
    expect((await list('third')).results[0].name).toBe('Tercera SpA');
    expect(await list('first')).toEqual(before);
    expect(await list('fourth')).toEqual(before);
  });
});

describe('GET /customers/ case-insensitive matching (PostgreSQL upper() on both sides)', () => {
  const NAMES = ['Straße GmbH', 'ſtore Ltda', 'ΟΔΟΣ Σοφία', 'İstanbul Tic', 'µ Micro', 'Ñandú SpA'];
  const fixtures = NAMES.map((name, i) => ({ name, country: 'MX', created: `2024-0${i + 1}-01T12:00:00-03:00` }));

  it.each([
    ['search=s', ['ſtore Ltda', 'Straße GmbH', 'İstanbul Tic', 'Ñandú SpA']],
    ['search=%C3%9F', ['Straße GmbH']],
    ['search=%E1%BA%9E', []],
    ['search=SS', []],
    ['search=%CF%82', ['ΟΔΟΣ Σοφία']],
    ['search=%CE%BC', ['µ Micro']],
    ['search=i', ['İstanbul Tic', 'µ Micro']],
    ['search=%C3%B1and%C3%BA', ['Ñandú SpA']],
    ['name__icontains=%C5%BF', ['ſtore Ltda', 'Straße GmbH', 'İstanbul Tic', 'Ñandú SpA']],
    ['name__icontains=%C4%B0', ['İstanbul Tic']],
    ['name__icontains=%CF%83%CE%BF%CF%86', ['ΟΔΟΣ Σοφία']],
  ])('matches ?%s as Django on PostgreSQL does (simple upper-case mapping, not lower-casing)', async (query, expected) => {
    // Seeded records (searched through the columns) and created ones (asked one by one) alike.
    for (const app of [fixtureApp(fixtures), fixtureApp([])]) {
      if ((await call(app, 'GET', '/customers/')).json.count === 0) {
        for (const name of NAMES) await call(app, 'POST', '/customers/', { body: { name, country: 'MX' } });
      }
      const res = await call(app, 'GET', `/customers/?${query}`);
      expect(res.json.results.map((r: { name: string }) => r.name).sort()).toEqual([...expected].sort());
    }
  });
});
