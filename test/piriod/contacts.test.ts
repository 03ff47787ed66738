import { describe, expect, it } from 'vitest';
import { Contact, ContactList } from '../../contracts/piriod/schemas';
import { CONTACT_FIELDS, call, chilean, seededApp } from './helpers';

type App = ReturnType<typeof seededApp>;

async function newCustomer(app: App): Promise<string> {
  return (await call(app, 'POST', '/customers/', { body: chilean() })).json.id;
}

const contact = (customer: string, overrides: Record<string, unknown> = {}) => ({
  name: 'Valentina Rojas',
  email: 'valentina@andes.cl',
  customer,
  ...overrides,
});

describe('POST /contacts/', () => {
  it('answers 201 with the contact, invoicing and collections true by default, shown by its customer', async () => {
    const app = seededApp();
    const customer = await newCustomer(app);
    const res = await call(app, 'POST', '/contacts/', { body: contact(customer, { phone: '+56912345678' }) });
    expect(res.status).toBe(201);
    expect(Contact.safeParse(res.json).success).toBe(true);
    expect(res.json).toMatchObject({ customer, phone: '+56912345678', orgunit: null, invoicing: true, collections: true });
    expect(Object.keys(res.json)).toEqual(CONTACT_FIELDS);
    expect((await call(app, 'GET', `/customers/${customer}/`)).json.contacts).toEqual([res.json]);
  });

  it("lists every field error at once in the serializer order, the missing customer in Piriod's own words", async () => {
    const res = await call(seededApp(), 'POST', '/contacts/', {
      body: { name: 'x'.repeat(65), email: 'not-an-email', customer: 'cus_nope', phone: '+5691234567890', invoicing: 'maybe' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      name: ['Ensure this field has no more than 64 characters.'],
      email: ['Enter a valid email address.'],
      customer: ['Primary key "cus_nope" invalid - object is not exists.'],
      phone: ['Ensure this field has no more than 12 characters.'],
      invoicing: ['Must be a valid boolean.'],
    });
  });

  it('refuses an email that is no text (a boolean, a list, a dict) with EmailField\'s own "Enter a valid email address."', async () => {
    const app = seededApp();
    const customer = await newCustomer(app);
    for (const email of [true, ['valentina@andes.cl'], { email: 'valentina@andes.cl' }]) {
      const res = await call(app, 'POST', '/contacts/', { body: contact(customer, { email }) });
      expect([res.status, res.json]).toEqual([400, { email: ['Enter a valid email address.'] }]);
    }
  });

  it('answers 400 with the field errors in the order the contact is rendered: phone before customer', async () => {
    const res = await call(seededApp(), 'POST', '/contacts/', {
      body: { name: 'x'.repeat(65), customer: 'cus_nope', phone: '+5691234567890', orgunit: 'y'.repeat(65), invoicing: 'maybe' },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json)).toEqual(['name', 'email', 'phone', 'customer', 'orgunit', 'invoicing']);
    expect(Object.keys(res.json)).toEqual(CONTACT_FIELDS.filter((field) => field in res.json));
  });

  it.each([
    [{}, { name: ['This field is required.'], email: ['This field is required.'], customer: ['This field is required.'] }],
    [{ name: 'A', email: 'a@b.cl', customer: '' }, { customer: ['This field may not be null.'] }],
    [{ name: 'A', email: 'a@b.cl', customer: 12 }, { customer: ['Primary key "12" invalid - object is not exists.'] }],
    // PrimaryKeyRelatedField refuses a bool before any lookup (TypeError)…
    [{ name: 'A', email: 'a@b.cl', customer: true }, { customer: ['Incorrect type. Expected pk value, received bool.'] }],
    // …and looks a list or dict up by its Python str(), which names no customer.
    [{ name: 'A', email: 'a@b.cl', customer: ['cus_x'] }, { customer: [`Primary key "['cus_x']" invalid - object is not exists.`] }],
    [{ name: 'A', email: 'a@b.cl', customer: { id: 'x' } }, { customer: [`Primary key "{'id': 'x'}" invalid - object is not exists.`] }],
    [
      { name: 'A', email: 'a@b.cl', customer: [1, true, null] },
      { customer: ['Primary key "[1, True, None]" invalid - object is not exists.'] },
    ],
    // A lone surrogate cannot reach the database: the driver's UnicodeEncodeError is a ValueError.
    [{ name: 'A', email: 'a@b.cl', customer: 'cus_\ud800' }, { customer: ['Incorrect type. Expected pk value, received str.'] }],
    // Nor a null character: psycopg2 refuses to quote it with a ValueError (psycopg_escape_string).
    [{ name: 'A', email: 'a@b.cl', customer: 'cus_\u0000x' }, { customer: ['Incorrect type. Expected pk value, received str.'] }],
  ])('answers %j with 400 %j', async (body, errors) => {
    const res = await call(seededApp(), 'POST', '/contacts/', { body });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(errors);
  });

  it('takes DRF boolean words ("no", 0, "on") for invoicing and collections', async () => {
    const app = seededApp();
    const customer = await newCustomer(app);
    const res = await call(app, 'POST', '/contacts/', { body: contact(customer, { invoicing: 'no', collections: 'on' }) });
    expect(res.json).toMatchObject({ invoicing: false, collections: true });
  });

  it('reads an absent invoicing or collections of a form create as false, as DRF reads HTML input', async () => {
    const app = seededApp();
    const customer = await newCustomer(app);
    const res = await call(app, 'POST', '/contacts/', {
      raw: `name=Ana&email=ana%40andes.cl&customer=${customer}&invoicing=true`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.json).toMatchObject({ invoicing: true, collections: false });
  });

  it('refuses an eighth contact of one customer in one org unit, and counts contacts without one as a unit', async () => {
    const app = seededApp();
    const customer = await newCustomer(app);
    for (let i = 0; i < 7; i++)
      expect((await call(app, 'POST', '/contacts/', { body: contact(customer, { orgunit: 'norte' }) })).status).toBe(201);
    const eighth = await call(app, 'POST', '/contacts/', { body: contact(customer, { orgunit: 'norte' }) });
    expect(eighth.status).toBe(400);
    expect(eighth.json).toEqual({ non_field_errors: ['A customer can have at most 7 contacts per organizational unit.'] });
    // Another unit, and no unit at all, still have room.
    expect((await call(app, 'POST', '/contacts/', { body: contact(customer, { orgunit: 'sur' }) })).status).toBe(201);
    for (let i = 0; i < 7; i++)
      expect((await call(app, 'POST', '/contacts/', { body: contact(customer, { orgunit: '' }) })).status).toBe(201);
    expect((await call(app, 'POST', '/contacts/', { body: contact(customer) })).status).toBe(400);
    expect((await call(app, 'GET', `/customers/${customer}/`)).json.contacts).toHaveLength(15);
  });
});

describe('GET, PUT, PATCH, DELETE /contacts/{id}/', () => {
  it("keeps the customer's contacts in step with every write, a move to another customer included", async () => {
    const app = seededApp();
    const a = await newCustomer(app);
    const b = await newCustomer(app);
    const created = (await call(app, 'POST', '/contacts/', { body: contact(a) })).json;
    const patched = (await call(app, 'PATCH', `/contacts/${created.id}/`, { body: { collections: false } })).json;
    expect((await call(app, 'GET', `/customers/${a}/`)).json.contacts).toEqual([patched]);
    const moved = await call(app, 'PUT', `/contacts/${created.id}/`, { body: contact(b, { name: 'Moved' }) });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ customer: b, name: 'Moved', collections: false });
    expect((await call(app, 'GET', `/customers/${a}/`)).json.contacts).toEqual([]);
    expect((await call(app, 'GET', `/customers/${b}/`)).json.contacts).toEqual([moved.json]);
    expect((await call(app, 'GET', `/contacts/${created.id}/`)).json).toEqual(moved.json);
    expect((await call(app, 'DELETE', `/contacts/${created.id}/`)).status).toBe(204);
    expect((await call(app, 'GET', `/contacts/${created.id}/`)).json).toEqual({ detail: 'No Contact matches the given query.' });
    expect((await call(app, 'GET', `/customers/${b}/`)).json.contacts).toEqual([]);
  });

  it('answers PUT without the required fields with 400, and an unknown id with 404', async () => {
    const app = seededApp();
    const created = (await call(app, 'POST', '/contacts/', { body: contact(await newCustomer(app)) })).json;
    const put = await call(app, 'PUT', `/contacts/${created.id}/`, { body: { name: 'Only' } });
    expect(put.json).toEqual({ email: ['This field is required.'], customer: ['This field is required.'] });
    expect((await call(app, 'PATCH', '/contacts/con_nope/', { body: {} })).status).toBe(404);
  });

  it('lets a seeded contact be changed, and its seeded customer shows the change', async () => {
    const app = seededApp();
    const customer = (await call(app, 'GET', '/customers/?page_size=1')).json.results[0];
    const seededContact = customer.contacts[0];
    const res = await call(app, 'PATCH', `/contacts/${seededContact.id}/`, { body: { name: 'Renamed' } });
    expect(res.json).toMatchObject({ id: seededContact.id, name: 'Renamed', created: seededContact.created });
    const after = (await call(app, 'GET', `/customers/${customer.id}/`)).json;
    expect(after.contacts[0]).toEqual(res.json);
    expect(after.updated).toBe(customer.updated);
  });
});

describe('GET /contacts/', () => {
  const app = seededApp();

  it('lists the seeded contacts, newest first, each as its customer shows it', async () => {
    const res = await call(app, 'GET', '/contacts/?page_size=100');
    expect(ContactList.safeParse(res.json).success).toBe(true);
    const created = res.json.results.map((c: { created: string }) => Date.parse(c.created));
    expect(created).toEqual([...created].sort((x, y) => y - x));
    const customers = (await call(app, 'GET', '/customers/?page_size=100')).json.results;
    const shown = new Map(customers.flatMap((c: { contacts: { id: string }[] }) => c.contacts.map((k) => [k.id, k])));
    expect(res.json.count).toBe(shown.size);
    for (const c of res.json.results) expect(c).toEqual(shown.get(c.id));
  });

  it.each([
    ['invoicing=false', (c: { invoicing: boolean }) => c.invoicing === false],
    ['collections=1', (c: { collections: boolean }) => c.collections === true],
    ['invoicing=maybe', () => true],
    ['orgunit=casa-matriz', (c: { orgunit: string | null }) => c.orgunit === 'casa-matriz'],
  ])('filters ?%s', async (query, matches) => {
    const res = await call(app, 'GET', `/contacts/?${query}&page_size=100`);
    expect(res.status).toBe(200);
    expect(res.json.results.length).toBeGreaterThan(0);
    expect(res.json.results.every(matches)).toBe(true);
  });

  it('filters ?customer= and ?name=, and refuses a customer that does not exist as django-filter does', async () => {
    const customer = (await call(app, 'GET', '/customers/?page_size=1')).json.results[0];
    const listed = await call(app, 'GET', `/contacts/?customer=${customer.id}`);
    expect(listed.json.results.map((c: { id: string }) => c.id).sort()).toEqual(customer.contacts.map((c: { id: string }) => c.id).sort());
    const named = await call(app, 'GET', `/contacts/?name=${encodeURIComponent(customer.contacts[0].name)}`);
    expect(named.json.results.map((c: { id: string }) => c.id)).toContain(customer.contacts[0].id);
    const unknown = await call(app, 'GET', '/contacts/?customer=cus_nope');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ customer: ['Select a valid choice. That choice is not one of the available choices.'] });
  });
});
