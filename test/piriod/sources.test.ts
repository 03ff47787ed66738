import { describe, expect, it } from 'vitest';
import { Source, SourceList } from '../../contracts/piriod/schemas';
import { call, seededApp } from './helpers';

const app = seededApp();

// biome-ignore lint/suspicious/noExplicitAny: answers read field by field
async function all(path: string): Promise<any[]> {
  return (await call(app, 'GET', `${path}${path.includes('?') ? '&' : '?'}page_size=100`)).json.results;
}

describe('GET /sources/', () => {
  it("lists every customer's sources, newest first; a customer's `sources` shows its reusable chargeable or pending ones", async () => {
    const res = await call(app, 'GET', '/sources/?page_size=100');
    expect(SourceList.safeParse(res.json).success).toBe(true);
    const sources = res.json.results;
    const created = sources.map((s: { created: string }) => Date.parse(s.created));
    expect(created).toEqual([...created].sort((x, y) => y - x));
    for (const customer of await all('/customers/')) {
      const own = sources.filter((s: { customer: string }) => s.customer === customer.id);
      const shown = own.filter(
        (s: { usage: string; status: string }) => s.usage === 'reusable' && ['chargeable', 'pending'].includes(s.status),
      );
      expect(customer.sources).toEqual(expect.arrayContaining(shown));
      expect(customer.sources).toHaveLength(shown.length);
    }
    expect(sources.some((s: { usage: string }) => s.usage === 'single')).toBe(true);
  });

  it.each(['gateway=webpay', 'usage=reusable', 'status=consumed'])('filters ?%s', async (query) => {
    const [field, value] = query.split('=');
    const found = await all(`/sources/?${query}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => s[field] === value)).toBe(true);
  });

  it('filters ?customer= and ?id=', async () => {
    const one = (await all('/sources/'))[0];
    expect((await all(`/sources/?id=${one.id}`)).map((s) => s.id)).toEqual([one.id]);
    expect((await all(`/sources/?customer=${one.customer}`)).every((s) => s.customer === one.customer)).toBe(true);
  });

  it("refuses a choice that is none with Django's ChoiceField text, every filter at once", async () => {
    const res = await call(app, 'GET', '/sources/?customer=cus_nope&gateway=stripe&status=refunded');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      customer: ['Select a valid choice. That choice is not one of the available choices.'],
      gateway: ['Select a valid choice. stripe is not one of the available choices.'],
      status: ['Select a valid choice. refunded is not one of the available choices.'],
    });
  });
});

describe('GET /sources/{id}/', () => {
  it('answers the source as the list shows it, and 404 for an unknown id', async () => {
    const one = (await all('/sources/'))[3];
    const res = await call(app, 'GET', `/sources/${one.id}/`);
    expect(res.json).toEqual(one);
    expect(Source.safeParse(res.json).success).toBe(true);
    expect((await call(app, 'GET', '/sources/sou_nope/')).json).toEqual({ detail: 'No Source matches the given query.' });
  });
});
