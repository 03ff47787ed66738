/**
 * The list's filters on the detail routes: DRF's GenericAPIView.get_object looks the object up in
 * the filtered queryset, so django-filter's FilterSet and SearchFilter run on retrieve, update and
 * destroy too (rest_framework/generics.py).
 */
import { describe, expect, it } from 'vitest';
import { call, chilean, seededApp } from './helpers';

type App = ReturnType<typeof seededApp>;

async function newContact(app: App): Promise<{ id: string; customer: string }> {
  const customer = (await call(app, 'POST', '/customers/', { body: chilean() })).json.id;
  const res = await call(app, 'POST', '/contacts/', { body: { name: 'Valentina Rojas', email: 'valentina@andes.cl', customer } });
  return { id: res.json.id, customer };
}

describe('the list filters on a contact detail route', () => {
  it('answers 404 for a contact the filters leave out, 200 for one they keep', async () => {
    const app = seededApp();
    const { id, customer } = await newContact(app);
    expect((await call(app, 'GET', `/contacts/${id}/?invoicing=true&customer=${customer}`)).status).toBe(200);
    const left = await call(app, 'GET', `/contacts/${id}/?invoicing=false`);
    expect([left.status, left.json]).toEqual([404, { detail: 'No Contact matches the given query.' }]);
    expect((await call(app, 'HEAD', `/contacts/${id}/?name=Someone%20Else`)).status).toBe(404);
  });

  it("answers an invalid filter with the list's 400, before the lookup", async () => {
    const app = seededApp();
    const { id } = await newContact(app);
    const res = await call(app, 'GET', `/contacts/${id}/?customer=cus_nope&email=%00`);
    expect([res.status, res.json]).toEqual([
      400,
      {
        customer: ['Select a valid choice. That choice is not one of the available choices.'],
        email: ['Null characters are not allowed.'],
      },
    ]);
    expect((await call(app, 'GET', '/contacts/con_nope/?customer=cus_nope')).status).toBe(400);
  });

  it('refuses PATCH, PUT and DELETE of a contact the filters leave out, changing nothing', async () => {
    const app = seededApp();
    const { id } = await newContact(app);
    expect((await call(app, 'PATCH', `/contacts/${id}/?name=Someone`, { body: { name: 'Changed' } })).status).toBe(404);
    expect((await call(app, 'PUT', `/contacts/${id}/?orgunit=x`, { body: {} })).status).toBe(404);
    expect((await call(app, 'DELETE', `/contacts/${id}/?collections=0`)).status).toBe(404);
    expect((await call(app, 'GET', `/contacts/${id}/`)).json.name).toBe('Valentina Rojas');
  });

  it('leaves the PUT actions out of OPTIONS when the filters leave the contact out or are invalid', async () => {
    const app = seededApp();
    const { id } = await newContact(app);
    expect((await call(app, 'OPTIONS', `/contacts/${id}/`)).json.actions).toBeDefined();
    expect((await call(app, 'OPTIONS', `/contacts/${id}/?invoicing=false`)).json.actions).toBeUndefined();
    expect((await call(app, 'OPTIONS', `/contacts/${id}/?customer=cus_nope`)).json.actions).toBeUndefined();
  });

  it('reads no page on a detail route', async () => {
    const app = seededApp();
    const { id } = await newContact(app);
    expect((await call(app, 'GET', `/contacts/${id}/?page=0&page_size=x`)).status).toBe(200);
  });
});

describe('the list filters on a source detail route', () => {
  it('answers 404 for a source of another status, 400 for a status that is none', async () => {
    const app = seededApp();
    const source = (await call(app, 'GET', '/sources/?page_size=1')).json.results[0];
    const other = source.status === 'failed' ? 'pending' : 'failed';
    expect((await call(app, 'GET', `/sources/${source.id}/?status=${source.status}`)).status).toBe(200);
    const left = await call(app, 'GET', `/sources/${source.id}/?status=${other}`);
    expect([left.status, left.json]).toEqual([404, { detail: 'No Source matches the given query.' }]);
    const bad = await call(app, 'GET', `/sources/${source.id}/?status=bogus`);
    expect([bad.status, bad.json]).toEqual([400, { status: ['Select a valid choice. bogus is not one of the available choices.'] }]);
  });
});

describe('the list filters and search on a customer detail route', () => {
  it('answers 404 for a customer the filters or the search leave out; ordering changes nothing', async () => {
    const app = seededApp();
    const id = (await call(app, 'POST', '/customers/', { body: chilean() })).json.id;
    expect((await call(app, 'GET', `/customers/${id}/?country=CL&ordering=bogus`)).status).toBe(200);
    const searched = await call(app, 'GET', `/customers/${id}/?search=zzqqzz`);
    expect([searched.status, searched.json]).toEqual([404, { detail: 'No Customer matches the given query.' }]);
    expect((await call(app, 'GET', `/customers/${id}/?country=AR`)).status).toBe(404);
    expect((await call(app, 'PATCH', `/customers/${id}/?status=archived`, { body: { name: 'Changed' } })).status).toBe(404);
  });

  it("answers an invalid filter or search with the list's 400, and a DELETE so refused keeps the customer", async () => {
    const app = seededApp();
    const id = (await call(app, 'POST', '/customers/', { body: chilean() })).json.id;
    const search = await call(app, 'GET', `/customers/${id}/?search=%00`);
    expect([search.status, search.json]).toEqual([400, ['Null characters are not allowed.']]);
    const deleted = await call(app, 'DELETE', `/customers/${id}/?created__gte=bogus`);
    expect([deleted.status, deleted.json]).toEqual([400, { created__gte: ['Enter a valid date/time.'] }]);
    expect((await call(app, 'GET', `/customers/${id}/`)).status).toBe(200);
  });
});
