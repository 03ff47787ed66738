/**
 * A customer's subscriptions as Pelcro's own frontend library reads them: react-pelcro-js 3.55.0
 * (dist/index.esm.js) lists the customer's subscriptions in its dashboard, from the Open API
 * customer (POST /api/v1/sdk/customer) the pelcro-js SDK keeps, and reads some of their fields with
 * no guard, so a subscription without them throws in the page.
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/core/options';
import { buildPelcroBase } from '../../src/providers/pelcro/seed';
import { DEMO_PASSWORD } from '../../src/providers/pelcro/seed/vocabulary';
import { BASE, call, get, seededApp } from './helpers';

// biome-ignore lint/suspicious/noExplicitAny: a subscription read as the library reads it, field by field
type Json = any;

/**
 * The library's unguarded reads of a subscription, each as it writes it: every one throws a
 * TypeError (or a RangeError) in the browser when the subscription lacks what it reads.
 */
const UNGUARDED_READS: [string, (sub: Json) => unknown][] = [
  // Dashboard › subscriptions, the Renew button (`onRenewClick`).
  ['sub.plan.product.id', (sub) => sub.plan.product.id],
  ['sub.plan.id', (sub) => sub.plan.id],
  // The subscriptions and donations tables, both filters (`getNonDonationSubs`, `getDonationSubs`).
  ['sub.plan.is_donation', (sub) => sub.plan.is_donation],
  ['sub.plan.auto_renew', (sub) => sub.plan.auto_renew],
  ['sub.plan.nickname', (sub) => sub.plan.nickname],
  ['sub.plan.amount * sub.quantity', (sub) => sub.plan.amount * sub.quantity],
  ['sub.plan.currency', (sub) => sub.plan.currency],
  // The suspend view's date picker: `new Date(subscription.current_period_end).toISOString()`.
  ['new Date(sub.current_period_end).toISOString()', (sub) => new Date(sub.current_period_end).toISOString()],
  // The dashboard's phases: once `schedule` is there, its current phase and phases are read as is.
  [
    'sub.schedule.current_phase.start_date, sub.schedule.phases',
    (sub) => (sub.schedule ? [sub.schedule.current_phase.start_date, sub.schedule.phases.find(() => false)] : []),
  ],
];

/** A seeded customer of site 1 who signs in with the demo password and has subscriptions. */
async function seededSubscriber(app: Hono): Promise<{ email: string; subscriptions: Json[] }> {
  const page = (await get(app, `${BASE}?site_id=1&limit=100&expand=subscriptions`)).json.data;
  const subscriber = page.find((c: Json) => c.has_password && c.email && c.subscriptions.length > 0);
  expect(subscriber).toBeDefined();
  return subscriber;
}

describe("a customer's subscriptions, as react-pelcro-js reads them", () => {
  it("a seeded customer's subscriptions carry what react-pelcro-js reads unguarded, in the Open and the Core customer", async () => {
    const app = seededApp();
    const { email, subscriptions: core } = await seededSubscriber(app);
    const login = await call(app, 'POST', '/api/v1/sdk/auth/login?site_id=1', {
      anonymous: true,
      body: { email, password: DEMO_PASSWORD },
    });
    const token = login.json.data.auth_token;
    const current = await call(app, 'POST', '/api/v1/sdk/customer?site_id=1', {
      anonymous: true,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(current.status).toBe(200);
    const open: Json[] = current.json.data.subscriptions;
    expect(open.map((s) => s.id)).toEqual(core.map((s) => s.id));
    for (const sub of [...open, ...core]) {
      for (const [read, run] of UNGUARDED_READS) expect(() => run(sub), `${read} of subscription ${sub.id}`).not.toThrow();
      // What the buttons decide by has its documented type, and the Renew button finds the plan's product.
      expect(sub.plan.product.id).toBe(sub.plan.product_id);
      expect(typeof sub.plan.auto_renew).toBe('boolean');
      // The buttons compare it with `=== 1` and `=== 0`: a boolean would show none of them.
      expect([0, 1]).toContain(sub.cancel_at_period_end);
    }
  });

  it('gives every seeded plan its product, the print ones needing the shipping address their subscriptions have', async () => {
    const app = seededApp();
    const page = (await get(app, `${BASE}?site_id=1&limit=100&expand=subscriptions`)).json.data;
    const subscriptions: Json[] = page.flatMap((c: Json) => c.subscriptions);
    expect(subscriptions.length).toBeGreaterThan(10);
    for (const sub of subscriptions) {
      expect(Object.keys(sub.plan)).toEqual([
        'id',
        'nickname',
        'amount',
        'currency',
        'interval',
        'interval_count',
        'product_id',
        'auto_renew',
        'product',
      ]);
      expect(sub.plan.product.id).toBe(sub.plan.product_id);
      if (sub.address !== null) expect(sub.plan.product.address_required).toBe(true);
    }
    // One product sells several plans: the plans of a product are the same product, byte for byte.
    const byId = new Map<number, string>();
    for (const { plan } of subscriptions) {
      const text = JSON.stringify(plan.product);
      expect(byId.get(plan.product_id) ?? text).toBe(text);
      byId.set(plan.product_id, text);
    }
  });
});

describe("a scenario's subscription written before plans carried their product and cancel_at_period_end was an integer", () => {
  const oldPlan = { id: 3, nickname: 'Print + Digital Monthly', amount: 2499, currency: 'usd', interval: 'month', interval_count: 1 };
  const subscription = (plan: Json) => ({
    plan,
    address: null,
    coupon: null,
    default_source: null,
    status: 'active',
    quantity: 1,
    current_period_start: 1_760_000_000,
    current_period_end: 1_762_600_000,
    cancel_at_period_end: false,
    canceled_at: null,
    trial_start: null,
    trial_end: null,
    created: 1_760_000_000,
    expires_at: 1_762_600_000,
    renews_at: 1_762_600_000,
  });
  const scenario = (plan: Json) => ({
    name: 'old-plan',
    pelcro: { customers: 0, fixtures: [{ email: 'reader@example.com', subscriptions: [subscription(plan)] }] },
  });

  it('starts, its plan completed from the catalogue plan of the same id and its boolean cancel_at_period_end made 0', async () => {
    const app = seededApp({ scenario: scenario(oldPlan) });
    const page = (await get(app, `${BASE}?site_id=1&expand=subscriptions`)).json.data;
    expect(page[0].subscriptions[0].plan).toMatchObject({ ...oldPlan, product_id: 2, auto_renew: true, product: { id: 2 } });
    expect(page[0].subscriptions[0].cancel_at_period_end).toBe(0);
  });

  it('is refused at start when its plan is of no catalogue id, naming what the plan lacks', () => {
    expect(() => buildPelcroBase(parseOptions({ scenario: scenario({ ...oldPlan, id: 99 }) }))).toThrow(
      /pelcro fixture #1 is invalid: subscriptions\.0\.plan\.product_id/,
    );
  });
});
