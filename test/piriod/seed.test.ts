import { describe, expect, it } from 'vitest';
import { Customer, type Customer as CustomerType } from '../../contracts/piriod/schemas';
import { isValidRut } from '../../contracts/piriod/reference';
import { generateCustomers } from '../../src/providers/piriod/seed';
import { checkedView, customerView, recordJson } from '../../src/providers/piriod/customers/render';
import { storedOneByte } from '../../src/core/one-byte';
import { SeededCustomers } from '../../src/providers/piriod/customers/store';
import { call, seededApp } from './helpers';

async function allCustomers(app: ReturnType<typeof seededApp>): Promise<CustomerType[]> {
  const out: CustomerType[] = [];
  for (let page = 1; ; page++) {
    const res = await call(app, 'GET', `/customers/?page_size=100&page=${page}`);
    out.push(...res.json.results);
    if (!res.json.next) return out;
  }
}

describe('seeded customers', () => {
  it("are the scenario's fifty by default, each parsing with the Customer schema", async () => {
    const customers = await allCustomers(seededApp());
    expect(customers).toHaveLength(50);
    for (const customer of customers) expect(Customer.safeParse(customer).success).toBe(true);
  });

  it('parse with the Customer schema, every one of a large scenario for several seeds (start does not check them all)', () => {
    for (const seed of [1, 2, 3, 42]) {
      for (const record of generateCustomers(seed, 5_000)) {
        const parsed = Customer.safeParse(checkedView(record));
        expect(parsed.success, `seed ${seed}, ${record.id}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('render as texts stored one byte a character, as are the emails they keep (accented names slug to ASCII)', () => {
    const records = generateCustomers(42, 2_000);
    // Slugs of accented names make the emails, domains and websites of many of them.
    expect(records.filter((r) => /[áéíóúñ]/i.test(JSON.stringify(checkedView(r).contacts))).length).toBeGreaterThan(500);
    for (const record of records) {
      expect(storedOneByte(recordJson(record)), record.id).toBe(true);
      if (record.email !== null) expect(storedOneByte(record.email), record.id).toBe(true);
    }
  });

  it('rebuild the same bytes whenever read, in any order: a seeded record keeps only its summary in memory', () => {
    const first = generateCustomers(9, 300);
    const again = generateCustomers(9, 300);
    const texts = first.map((r) => JSON.stringify(checkedView(r)));
    for (let i = again.length - 1; i >= 0; i -= 7) expect(JSON.stringify(checkedView(again[i]))).toBe(texts[i]);
    expect(first.every((r) => r.rebuilt)).toBe(true);
  });

  it('are Latin-American companies, mostly Chilean, with valid RUTs for the Chilean ones', async () => {
    const customers = await allCustomers(seededApp({ scenario: { name: 'many', piriod: { customers: 400, fixtures: [] } } }));
    const countries = new Set(customers.map((c) => c.country?.id));
    expect(countries.has('CL')).toBe(true);
    expect([...countries].every((c) => ['CL', 'MX', 'AR', 'CO', 'PE', 'UY', 'EC', 'US'].includes(c!))).toBe(true);
    const chilean = customers.filter((c) => c.country?.id === 'CL');
    expect(chilean.length / customers.length).toBeGreaterThan(0.5);
    for (const c of chilean) {
      expect(isValidRut(c.tax_id!)).toBe(true);
      expect(c.tax_id).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/);
      expect(c.tax_settings).toHaveProperty('cl_activity_description');
    }
  });

  it('are consistent: contacts belong to their customer, states to their country, totals add up', async () => {
    for (const c of await allCustomers(seededApp())) {
      expect(c.state === null || c.state.id.startsWith(c.country!.id)).toBe(true);
      expect(c.contacts.length).toBeGreaterThan(0);
      for (const contact of c.contacts) {
        expect(contact.customer).toBe(c.id);
        expect(Date.parse(contact.created)).toBeGreaterThanOrEqual(Date.parse(c.created));
        expect(Date.parse(contact.updated)).toBeGreaterThanOrEqual(Date.parse(contact.created));
        if (c.email) expect(contact.email!.split('@')[1]).toBe(c.email.split('@')[1]);
      }
      for (const source of c.sources) {
        if (typeof source === 'string') continue;
        expect(Date.parse(source.created)).toBeGreaterThanOrEqual(Date.parse(c.created));
        if (c.country?.id !== 'CL') expect(source.gateway).toBe('paypal');
      }
      expect(c.aggregations.sales_current_period).toBeLessThanOrEqual(c.aggregations.sales);
      expect(c.aggregations.balance).toBeLessThanOrEqual(c.aggregations.sales);
      expect(Date.parse(c.updated)).toBeGreaterThanOrEqual(Date.parse(c.created));
      expect(Date.parse(c.created)).toBeLessThan(Date.parse('2025-07-01T00:00:00Z'));
    }
  });

  it('do not depend on how many are seeded: the first fifty of a larger scenario are the default fifty', () => {
    const fifty = generateCustomers(1, 50).map((r) => JSON.stringify(customerView(r)));
    const more = generateCustomers(1, 120)
      .slice(0, 50)
      .map((r) => JSON.stringify(customerView(r)));
    expect(more).toEqual(fifty);
  });
});

describe('determinism', () => {
  it('gives two apps with the same seed byte-identical lists and records', async () => {
    const a = seededApp({ seed: 42 });
    const b = seededApp({ seed: 42 });
    const listA = await call(a, 'GET', '/customers/?page_size=100');
    const listB = await call(b, 'GET', '/customers/?page_size=100');
    expect(listB.text).toBe(listA.text);
    const id = listA.json.results[7].id;
    expect((await call(b, 'GET', `/customers/${id}/`)).text).toBe((await call(a, 'GET', `/customers/${id}/`)).text);
  });

  it('gives another seed other customers', async () => {
    const a = await call(seededApp({ seed: 1 }), 'GET', '/customers/');
    const b = await call(seededApp({ seed: 2 }), 'GET', '/customers/');
    expect(b.json.results[0].id).not.toBe(a.json.results[0].id);
  });

  it('with --freeze-time repeats created records and their timestamps exactly', async () => {
    const run = async () => {
      const app = seededApp({ seed: 7, freezeTime: '2026-03-01T12:00:00-03:00' });
      const created = await call(app, 'POST', '/customers/', { body: { name: 'Repetible SpA', country: 'AR' } });
      const patched = await call(app, 'PATCH', `/customers/${created.json.id}/`, { body: { phone: '+54 11 1234-5678' } });
      const list = await call(app, 'GET', '/customers/?ordering=-updated&page_size=3');
      return [created.text, patched.text, list.text];
    };
    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
    const created = JSON.parse(first[0]);
    const patched = JSON.parse(first[1]);
    // Python's isoformat drops zero microseconds; the frozen clock ticks whole seconds.
    expect(created.created).toBe('2026-03-01T12:00:00-03:00');
    expect(patched.updated).toBe('2026-03-01T12:00:01-03:00');
    expect(patched.created).toBe(created.created);
  });

  it('mints the ids of created records from the seed and the sandbox', async () => {
    const idIn = async (seed: number, token: string) => {
      const app = seededApp({ seed });
      const res = await call(app, 'POST', '/customers/', {
        anonymous: true,
        headers: { Authorization: `Token ${token}` },
        body: { name: 'Id' },
      });
      return res.json.id as string;
    };
    expect(await idIn(3, 'a')).toBe(await idIn(3, 'a'));
    expect(await idIn(3, 'a')).not.toBe(await idIn(3, 'b'));
    expect(await idIn(3, 'a')).not.toBe(await idIn(4, 'a'));
  });
});

describe('scenario fixtures', () => {
  it('adds them after the generated customers, stored as a create would store them', async () => {
    const app = seededApp({
      scenario: {
        name: 'with-fixtures',
        piriod: {
          customers: 3,
          fixtures: [
            {
              id: 'cus_fixtureAAAAAAAAAAAAA',
              name: '  Fixture SpA ',
              country: 'CL',
              tax_id: '123456785',
              state: 'RM',
              created: '2020-10-15T13:26:15.356289-03:00',
            },
          ],
        },
      },
    });
    const res = await call(app, 'GET', '/customers/cus_fixtureAAAAAAAAAAAAA/');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Fixture SpA',
      tax_id: '12.345.678-5',
      currency: 'CLP',
      state: { id: 'CLRM' },
      created: '2020-10-15T13:26:15.356289-03:00',
      updated: '2020-10-15T13:26:15.356289-03:00',
    });
    expect((await call(app, 'GET', '/customers/')).json.count).toBe(4);
  });

  it('refuses an invalid fixture when the app is created', () => {
    expect(() =>
      seededApp({ scenario: { name: 'bad', piriod: { customers: 0, fixtures: [{ name: 'Sin RUT', country: 'CL' }] } } }),
    ).toThrow(/piriod\.fixtures\[0\].*tax_id/);
  });
});

describe('scale', () => {
  // A stall guard, not a speed claim (speed is measured in bench/): seeding that went quadratic
  // would take minutes here, while a loaded machine still seeds this in a second or two.
  it('seeds 5,000 distinct customers without stalling', () => {
    generateCustomers(5, 10); // warm the vocabulary and the code
    const start = performance.now();
    const records = generateCustomers(5, 5_000);
    const elapsed = performance.now() - start;
    expect(records).toHaveLength(5_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(5_000);
    expect(elapsed).toBeLessThan(15_000);
  });

  it("orders seeded names exactly as Postgres' en_US collation is imitated (ICU, punctuation ignored), ties by insertion", () => {
    const records = generateCustomers(3, 20_000);
    const index = new SeededCustomers(records).index;
    const collator = new Intl.Collator('en-US', { ignorePunctuation: true });
    const expected = records.map((_r, i) => i).sort((i, j) => collator.compare(records[i].name, records[j].name) || i - j);
    expect([...index.ascending('name')]).toEqual(expected);
    const byCreated = records.map((_r, i) => i).sort((i, j) => records[i].created - records[j].created || i - j);
    expect([...index.ascending('created')]).toEqual(byCreated);
    const byTerms = records
      .map((_r, i) => i)
      .sort((i, j) => records[j].updated - records[i].updated || collator.compare(records[i].name, records[j].name) || i - j);
    expect([
      ...index.byTerms([
        { field: 'updated', descending: true },
        { field: 'name', descending: false },
      ]),
    ]).toEqual(byTerms);
  });

  it('serves 100,000 seeded customers, and a new sandbox costs nothing in proportion', async () => {
    const app = seededApp({ scenario: { name: 'huge', piriod: { customers: 100_000, fixtures: [] } } });
    const first = await call(app, 'GET', '/customers/?page_size=1');
    expect(first.json.count).toBe(100_000);
    const start = performance.now();
    for (let i = 0; i < 50; i++) {
      const res = await call(app, 'GET', '/customers/?page_size=1', { anonymous: true, headers: { Authorization: `Token sandbox-${i}` } });
      expect(res.json.count).toBe(100_000);
    }
    expect((performance.now() - start) / 50).toBeLessThan(20);
    const chile = await call(app, 'GET', '/customers/?country__name=Chile&ordering=-created&page_size=5&page=100');
    expect(chile.status).toBe(200);
    const byName = await call(app, 'GET', '/customers/?ordering=name&page=last');
    expect(byName.json.results).toHaveLength(20);
  }, 60_000);
});
