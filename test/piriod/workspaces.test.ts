import { describe, expect, it } from 'vitest';
import { call, seededApp } from './helpers';

const as = (token: string, workspace?: string) => ({
  headers: { Authorization: `Token ${token}`, ...(workspace ? { 'X-Simple-Workspace': workspace } : {}) },
});

describe('tokens bound to workspaces (--tokens key@acc_1,key2@acc_2)', () => {
  const app = seededApp({ tokens: ['key1@acc_1', 'key2@acc_2', 'key3@acc_1', 'free'] });

  it("answers 403 in DRF's words for a workspace the token does not belong to, before the method check", async () => {
    const res = await call(app, 'GET', '/customers/', as('key1', 'acc_2'));
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect((await call(app, 'POST', '/sources/', as('key1', 'acc_2'))).status).toBe(403);
    expect((await call(app, 'GET', '/customers/', as('nope', 'acc_1'))).status).toBe(401);
  });

  it("shares a workspace's data between its tokens, and answers 404 for another workspace's object", async () => {
    const created = await call(app, 'POST', '/customers/', { ...as('key1', 'acc_1'), body: { name: 'Shared SpA', country: 'AR' } });
    expect(created.status).toBe(201);
    expect((await call(app, 'GET', `/customers/${created.json.id}/`, as('key3', 'acc_1'))).status).toBe(200);
    const elsewhere = await call(app, 'GET', `/customers/${created.json.id}/`, as('key2', 'acc_2'));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json).toEqual({ detail: 'No Customer matches the given query.' });
  });

  it('lets a token listed without a workspace use any, each its own', async () => {
    expect((await call(app, 'GET', '/customers/', as('free', 'acc_2'))).status).toBe(200);
    expect((await call(app, 'GET', '/customers/', as('key1'))).status).toBe(200);
  });
});

describe("tax_id: required where the country is regulated and is the workspace's own", () => {
  const scenario = { name: 'countries', piriod: { customers: 0, fixtures: [], workspaces: { acc_mx: { country: 'MX' } } } };
  const app = seededApp({ scenario });

  it('requires and checks a RUT for a Chilean customer of a Chilean workspace (the default)', async () => {
    const missing = await call(app, 'POST', '/customers/', { ...as('t', 'acc_cl'), body: { name: 'A SpA', country: 'CL' } });
    expect(missing.json).toEqual({ tax_id: ['This field is required.'] });
    const bad = await call(app, 'POST', '/customers/', {
      ...as('t', 'acc_cl'),
      body: { name: 'A SpA', country: 'CL', tax_id: '12.345.678-9' },
    });
    expect(bad.json).toEqual({ tax_id: ['Invalid format.'] });
  });

  it('requires no tax id of a Chilean customer in a Mexican workspace, nor checks one given', async () => {
    const res = await call(app, 'POST', '/customers/', {
      ...as('t', 'acc_mx'),
      body: { name: 'A SpA', country: 'CL', tax_id: '12.345.678-9' },
    });
    expect(res.status).toBe(201);
    const none = await call(app, 'POST', '/customers/', { ...as('t', 'acc_mx'), body: { name: 'B SpA', country: 'CL' } });
    expect(none.status).toBe(201);
    // PATCH is held to the same rule.
    expect((await call(app, 'PATCH', `/customers/${none.json.id}/`, { ...as('t', 'acc_mx'), body: { name: 'B2 SpA' } })).status).toBe(200);
  });

  it('refuses a scenario whose workspace country Piriod does not know, at start', () => {
    const bad = { name: 'bad', piriod: { customers: 0, fixtures: [], country: 'XX' } };
    expect(() => seededApp({ scenario: bad })).toThrow(/"XX" is not a country Piriod knows/);
  });
});

describe('the newer customer fields', () => {
  const app = seededApp();

  it('takes and echoes zip_code, manager, reference, send_* and status; test_mode is read-only', async () => {
    const body = {
      name: 'Nuevo SpA',
      country: 'CL',
      tax_id: '76.123.456-0',
      zip_code: '7550000',
      manager: 'Camila',
      reference: 'ERP-1',
      send_invoices: 'false',
      send_collections: 0,
      status: 'pending',
      test_mode: true,
    };
    const res = await call(app, 'POST', '/customers/', { body });
    expect(res.json).toMatchObject({
      zip_code: '7550000',
      manager: 'Camila',
      reference: 'ERP-1',
      send_invoices: false,
      send_collections: false,
      send_vouchers: true,
      status: 'pending',
      test_mode: false,
    });
    const test = await call(app, 'POST', '/customers/', { body: { name: 'T', country: 'AR' }, headers: { 'X-Piriod-Test-Mode': 'true' } });
    expect(test.json.test_mode).toBe(true);
  });

  it("reads an absent boolean of a form create as false (DRF's default_empty_html), and leaves it alone in a form PATCH", async () => {
    const form = (raw: string) => ({ raw, contentType: 'application/x-www-form-urlencoded' });
    const created = await call(app, 'POST', '/customers/', form('name=Form+SpA&country=AR&send_invoices=true'));
    expect(created.json).toMatchObject({ send_invoices: true, send_collections: false, send_vouchers: false });
    const patched = await call(app, 'PATCH', `/customers/${created.json.id}/`, form('send_vouchers=on'));
    expect(patched.json).toMatchObject({ send_invoices: true, send_collections: false, send_vouchers: true });
  });

  it('holds them to their limits', async () => {
    const res = await call(app, 'POST', '/customers/', {
      body: {
        name: 'L',
        zip_code: '1'.repeat(17),
        manager: 'm'.repeat(65),
        reference: 'r'.repeat(65),
        send_vouchers: 'sometimes',
        status: 'gone',
      },
    });
    expect(res.json).toEqual({
      manager: ['Ensure this field has no more than 64 characters.'],
      reference: ['Ensure this field has no more than 64 characters.'],
      send_vouchers: ['Must be a valid boolean.'],
      status: ['"gone" is not a valid choice.'],
      zip_code: ['Ensure this field has no more than 16 characters.'],
    });
  });

  it('seeds them realistically: every status, some zip codes and managers, mostly sending invoices', async () => {
    const customers = (await call(app, 'GET', '/customers/?page_size=100')).json.results;
    expect(new Set(customers.map((c: { status: string }) => c.status))).toEqual(new Set(['active', 'archived', 'pending']));
    expect(customers.filter((c: { zip_code: string | null }) => c.zip_code).length).toBeGreaterThan(10);
    expect(customers.filter((c: { manager: string | null }) => c.manager).length).toBeGreaterThan(10);
    expect(customers.filter((c: { send_invoices: boolean }) => c.send_invoices).length).toBeGreaterThan(40);
    expect(customers.every((c: { test_mode: boolean }) => c.test_mode === false)).toBe(true);
  });
});

describe('GET /customers/ filters of the newest reference', () => {
  const app = seededApp();

  it('filters ?metadata__<key>= for any key, strings by equality and other values by their JSON text', async () => {
    const res = await call(app, 'GET', '/customers/?metadata__segment=pyme&page_size=100');
    expect(res.json.count).toBeGreaterThan(0);
    expect(res.json.results.every((c: { metadata: { segment?: string } }) => c.metadata.segment === 'pyme')).toBe(true);
    expect((await call(app, 'GET', '/customers/?metadata__no_such_key=x')).json.count).toBe(0);
    const created = await call(app, 'POST', '/customers/', { body: { name: 'M', metadata: { vip: true, tier: { level: 2 } } } });
    const ids = async (q: string) => (await call(app, 'GET', `/customers/?${q}`)).json.results.map((c: { id: string }) => c.id);
    expect(await ids('metadata__vip=true')).toEqual([created.json.id]);
    expect(await ids('metadata__tier__level=2')).toEqual([created.json.id]);
    expect(await ids('metadata__vip=true&metadata__tier__level=3')).toEqual([]);
  });

  it('filters ?status= and ?status__in=, ?status= refusing a status that is none', async () => {
    const archived = (await call(app, 'GET', '/customers/?status=archived&page_size=100')).json.results;
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((c: { status: string }) => c.status === 'archived')).toBe(true);
    const both = (await call(app, 'GET', '/customers/?status__in=archived,pending&page_size=100')).json.results;
    expect(both.every((c: { status: string }) => c.status !== 'active')).toBe(true);
    expect(both.length).toBeGreaterThan(archived.length);
    const bad = await call(app, 'GET', '/customers/?status=gone');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: ['Select a valid choice. gone is not one of the available choices.'] });
  });

  it('answers ?status__in= with a status that is none 200 with the matches of the others, as a CharFilter-based in filter', async () => {
    const pending = (await call(app, 'GET', '/customers/?status=pending&page_size=100')).json;
    expect(pending.count).toBeGreaterThan(0);
    const res = await call(app, 'GET', '/customers/?status__in=pending,bogus&page_size=100');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(pending);
    // Each item is stripped, as forms.CharField cleans it; a null character is refused.
    expect((await call(app, 'GET', '/customers/?status__in=bogus,%20pending%20&page_size=100')).json.count).toBe(pending.count);
    const nul = await call(app, 'GET', '/customers/?status__in=pending%00');
    expect(nul.status).toBe(400);
    expect(nul.json).toEqual({ status__in: ['Null characters are not allowed.'] });
  });

  it('filters ?sources= by a source id', async () => {
    const source = (await call(app, 'GET', '/sources/?page_size=1')).json.results[0];
    const res = await call(app, 'GET', `/customers/?sources=${source.id}`);
    expect(res.json.results.map((c: { id: string }) => c.id)).toEqual([source.customer]);
  });
});
