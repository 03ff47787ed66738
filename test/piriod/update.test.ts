import { describe, expect, it } from 'vitest';
import { call, chilean, seededApp } from './helpers';

async function setup(body: Record<string, unknown> = chilean({ email: 'a@andes.cl', phone: '+56 2 2000 0000', state: 'RM' })) {
  const app = seededApp({ freezeTime: '2026-01-15T12:00:00Z' });
  const created = await call(app, 'POST', '/customers/', { body });
  expect(created.status).toBe(201);
  return { app, customer: created.json, path: `/customers/${created.json.id}/` };
}

describe('PATCH /customers/{id}/', () => {
  it('changes only what is sent and moves updated, never created', async () => {
    const { app, customer, path } = await setup();
    const res = await call(app, 'PATCH', path, { body: { email: 'b@andes.cl' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...customer, email: 'b@andes.cl', updated: res.json.updated });
    expect(res.json.created).toBe(customer.created);
    expect(res.json.updated).not.toBe(customer.updated);
    expect((await call(app, 'GET', path)).json).toEqual(res.json);
  });

  it('moves updated even when nothing is sent', async () => {
    const { app, customer, path } = await setup();
    const res = await call(app, 'PATCH', path, { body: {} });
    expect(res.status).toBe(200);
    expect(res.json.updated > customer.updated).toBe(true);
  });

  it('validates each sent field as on create', async () => {
    const { app, path } = await setup();
    const res = await call(app, 'PATCH', path, { body: { name: '', email: 'x', country: 'XX' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      country: ['"XX" is not a valid choice.'],
      email: ['Enter a valid email address.'],
      name: ['This field may not be blank.'],
    });
  });

  it('checks a new tax id against the stored country', async () => {
    const { app, path } = await setup();
    expect((await call(app, 'PATCH', path, { body: { tax_id: '12.345.678-4' } })).json).toEqual({ tax_id: ['Invalid format.'] });
    expect((await call(app, 'PATCH', path, { body: { tax_id: null } })).json).toEqual({ tax_id: ['This field is required.'] });
    const ok = await call(app, 'PATCH', path, { body: { tax_id: '123456785' } });
    expect(ok.json.tax_id).toBe('12.345.678-5');
  });

  it('checks the stored state and tax id against a new country', async () => {
    const { app, path } = await setup();
    // The stored state CLRM is not Argentinian.
    expect((await call(app, 'PATCH', path, { body: { country: 'AR' } })).json).toEqual({ state: ['"CLRM" is not a valid choice.'] });
    const moved = await call(app, 'PATCH', path, { body: { country: 'AR', state: 'C' } });
    expect(moved.status).toBe(200);
    expect(moved.json.state.id).toBe('ARC');
    // The currency stays as it was: only a create defaults it.
    expect(moved.json.currency).toBe('CLP');
  });

  it('requires a tax id when a customer moves to Chile without one', async () => {
    const { app, path } = await setup({ name: 'Argentina SA', country: 'AR' });
    expect((await call(app, 'PATCH', path, { body: { country: 'CL' } })).json).toEqual({ tax_id: ['This field is required.'] });
    expect((await call(app, 'PATCH', path, { body: { country: 'CL', tax_id: '76.123.456-0' } })).status).toBe(200);
  });

  it('leaves the customer untouched when it refuses the change', async () => {
    const { app, customer, path } = await setup();
    await call(app, 'PATCH', path, { body: { name: 'Nuevo', email: 'bad' } });
    expect((await call(app, 'GET', path)).json).toEqual(customer);
  });
});

describe('PUT /customers/{id}/', () => {
  it('requires again what a create requires', async () => {
    const { app, path } = await setup();
    const res = await call(app, 'PUT', path, { body: { email: 'c@andes.cl' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ name: ['This field is required.'] });
  });

  it('keeps the optional fields it omits (ModelSerializer.update sets only what is validated)', async () => {
    const { app, customer, path } = await setup();
    const res = await call(app, 'PUT', path, { body: { name: 'Renombrada SpA' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...customer, name: 'Renombrada SpA', updated: res.json.updated });
  });

  it('replaces what it sends and checks the merged record', async () => {
    const { app, path } = await setup();
    const res = await call(app, 'PUT', path, { body: { name: 'X', country: 'CL', tax_id: '8.900.960-k', email: null } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'X', tax_id: '8.900.960-K', email: null });
  });
});

describe('PUT and PATCH on an unknown id', () => {
  it.each(['PUT', 'PATCH'])('%s answers 404 before reading the body', async (method) => {
    const app = seededApp();
    const res = await call(app, method, '/customers/cus_understudyNoSuch000/', { raw: '{bad json', contentType: 'application/json' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'No Customer matches the given query.' });
  });
});

describe('updating a seeded customer', () => {
  it('changes it in this sandbox only', async () => {
    const app = seededApp();
    const first = (await call(app, 'GET', '/customers/?page_size=1')).json.results[0];
    const path = `/customers/${first.id}/`;
    const patched = await call(app, 'PATCH', path, { body: { name: 'Cambiada SpA' } });
    expect(patched.status).toBe(200);
    expect(patched.json.contacts).toEqual(first.contacts);
    expect(patched.json.aggregations).toEqual(first.aggregations);
    const other = await call(app, 'GET', path, { anonymous: true, headers: { Authorization: 'Token other' } });
    expect(other.json).toEqual(first);
  });
});
