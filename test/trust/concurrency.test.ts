import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request whose headers arrive at once and whose body arrives `delayMs` later. */
function delayedBody(url: string, method: string, headers: Record<string, string>, body: unknown, delayMs: number): Request {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      await sleep(delayMs);
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Request(`http://localhost${url}`, { method, headers, body: stream, duplex: 'half' } as RequestInit);
}

describe('PATCH and PUT /customers/{id}/ with bodies that arrive late (Piriod)', () => {
  const headers = { Authorization: 'Token race', 'Content-Type': 'application/json' };
  const fields: [string, unknown][] = [
    ['address', 'Av. Uno 1'],
    ['phone', '+56 2 1111'],
    ['email', 'race@example.com'],
    ['website', 'https://race.example.com'],
    ['metadata', { race: 'yes' }],
    ['tax_settings', { cl_activity_description: 'race' }],
    ['name', 'Race Condition SpA'],
  ];

  it('keeps every field of concurrent PATCHes: each reads the record after its body arrived', async () => {
    const app = createApp({ seed: 3 });
    const list = (await (await app.request('/customers/?page_size=1', { headers })).json()) as { results: { id: string }[] };
    const id: string = list.results[0].id;
    // The first request's body arrives last: a handler that read the record early would undo the others.
    const answers = await Promise.all(
      fields.map(([field, value], i) =>
        app.request(delayedBody(`/customers/${id}/`, 'PATCH', headers, { [field]: value }, 10 + (fields.length - i) * 15)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(fields.map(() => 200));
    const stored = (await (await app.request(`/customers/${id}/`, { headers })).json()) as Record<string, unknown>;
    for (const [field, value] of fields) expect(stored[field]).toEqual(value);
  });

  it('answers 404 for an unknown id before waiting for the body', async () => {
    const app = createApp({ seed: 3 });
    const res = await app.request(delayedBody('/customers/cus_nope/', 'PATCH', headers, { name: 'x' }, 5));
    expect(res.status).toBe(404);
  });
});

describe('PUT /api/v1/core/customers/{id} with bodies that arrive late (Pelcro)', () => {
  const headers = { Authorization: 'Bearer race', 'Content-Type': 'application/json' };
  const fields: [string, unknown][] = [
    ['first_name', 'Ada'],
    ['last_name', 'Lovelace'],
    ['title', 'Countess'],
    ['salutation', 'Lady'],
    ['tin', 'TIN-1'],
    ['language', 'fr'],
    ['metadata', { race: 'yes' }],
  ];

  it('keeps every field of concurrent PUTs (the input is read before the record)', async () => {
    const app = createApp({ seed: 3 });
    const answers = await Promise.all(
      fields.map(([field, value], i) =>
        app.request(delayedBody('/api/v1/core/customers/1?site_id=1', 'PUT', headers, { [field]: value }, 10 + (fields.length - i) * 15)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(fields.map(() => 200));
    const stored = (
      (await (await app.request('/api/v1/core/customers/1?site_id=1', { headers })).json()) as { data: Record<string, unknown> }
    ).data;
    for (const [field, value] of fields) expect(stored[field]).toEqual(value);
  });

  it('creates exactly one customer of 500 concurrent POSTs with one email (one 201, 499 Laravel 400s)', async () => {
    const app = createApp({ seed: 3 });
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        app.request(
          delayedBody('/api/v1/core/customers?site_id=1', 'POST', headers, { email: 'one@example.com', first_name: `n${i}` }, i % 7),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(499);
    expect(await answers[statuses.indexOf(400)].json()).toEqual({ errors: { email: ['The email has already been taken.'] } });
  });
});
