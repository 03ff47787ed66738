import { describe, expect, it } from 'vitest';
import { buildApp } from './app';

describe('buildApp().prepare', () => {
  it("builds every provider's seeded data once, and nothing a request has already built", async () => {
    const built = buildApp({ seed: 3 });
    const first = await built.app.request('/customers/', { headers: { Authorization: 'Token demo' } });
    expect(first.status).toBe(200);
    expect(await built.prepare()).toEqual(['pelcro']);
    expect(await built.prepare()).toEqual([]);
    expect(await buildApp({ seed: 3 }).prepare()).toEqual(['piriod', 'pelcro']);
  });

  it('answers as it would have without it: the same seeded page before and after', async () => {
    const ask = (app: ReturnType<typeof buildApp>) =>
      Promise.resolve(app.app.request('/api/v1/core/customers?site_id=1&page=2', { headers: { Authorization: 'Bearer demo' } })).then((r) =>
        r.text(),
      );
    const prepared = buildApp({ seed: 3 });
    await prepared.prepare();
    expect(await ask(prepared)).toBe(await ask(buildApp({ seed: 3 })));
  });
});
