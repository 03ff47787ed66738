import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpSeed } from '../../src/commands/seed';
import { SnapshotDocumentSchema } from '../../src/core/snapshot';
import { cwd } from '../trust/process';
import { PELCRO, PIRIOD, json, mock } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'understudy-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

const scenario = {
  name: 'related',
  piriod: {
    customers: 0,
    fixtures: [
      {
        name: 'Acme SpA',
        country: 'MX',
        contacts: [{ name: 'Ada', email: 'ada@acme.mx', phone: null, invoicing: true, collections: false }],
        sources: [{ gateway: 'webpay', status: 'chargeable' }],
      },
    ],
  },
  pelcro: {
    customers: 0,
    fixtures: [
      {
        email: 'reader@example.com',
        organization: { name: 'Daily Planet' },
        addresses: [
          {
            type: 'shipping',
            first_name: 'Lois',
            last_name: 'Lane',
            title: null,
            salutation: null,
            company: null,
            department: null,
            line1: '1 Main St',
            line2: null,
            city: 'Metropolis',
            state: null,
            country: 'US',
            postal_code: '10001',
            phone: null,
            is_default: true,
            old_provider_id: null,
          },
        ],
        sources: [
          {
            status: 'chargeable',
            object_gateway: 'stripe',
            object_id: 'card_1',
            exp_month: 12,
            exp_year: 2030,
            brand: 'visa',
            country: 'US',
            funding: 'credit',
            last4: '4242',
            name: null,
            created_at: 1767225600,
            updated_at: 1767225600,
          },
        ],
      },
    ],
  },
};

describe('scenario fixtures with related objects', () => {
  it('Piriod customers carry contacts and sources; Pelcro customers addresses, sources and a new organization', async () => {
    const m = mock({ scenario });
    const piriod = (await json(m, '/customers/', { headers: PIRIOD })).body.results[0];
    expect(piriod.contacts).toMatchObject([{ name: 'Ada', email: 'ada@acme.mx', customer: piriod.id, id: expect.stringMatching(/^con_/) }]);
    expect(piriod.sources).toMatchObject([{ gateway: 'webpay', status: 'chargeable', id: expect.stringMatching(/^sou_/) }]);
    const expanded = '/api/v1/core/customers?site_id=1&expand=addresses,defaultSource,organization';
    const pelcro = (await json(m, expanded, { headers: PELCRO })).body.data[0];
    expect(pelcro.addresses).toMatchObject([{ city: 'Metropolis', user_id: pelcro.id }]);
    expect(pelcro.default_source).toMatchObject({ last4: '4242' });
    expect(pelcro.organization).toMatchObject({ name: 'Daily Planet' });
  });

  it('a bad related object stops the command with exit 2 and a message naming the field', () => {
    const file = join(dir, 'bad.json');
    const bad = structuredClone(scenario);
    (bad.pelcro.fixtures[0].addresses[0] as Record<string, unknown>).country = 'usa';
    writeFileSync(file, JSON.stringify(bad));
    const run = cli('serve', '--port', '0', '--scenario', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('addresses.0.country');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('seed --out writes a valid complete snapshot that serve --snapshot serves back to that token', async () => {
    const file = join(dir, 'related.json');
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(dir, 'snapshot.json');
    const run = cli('seed', '--scenario', file, '--token', 'demo', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const document = SnapshotDocumentSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(document.sandboxes.map((s) => [s.provider, s.complete])).toEqual([
      ['piriod', true],
      ['pelcro', true],
    ]);
    expect(document.sandboxes[1].tables.addresses.records).toHaveLength(1);
    // Served over another scenario, the demo token sees exactly the seeded data.
    const m = mock({ scenario: 'empty', snapshots: [document] });
    const served = (await json(m, '/customers/', { headers: { Authorization: 'Token demo' } })).body;
    expect(served.results.map((c: { name: string }) => c.name)).toEqual(['Acme SpA']);
    expect((await json(m, '/customers/', { headers: PIRIOD })).body.count).toBe(0);
  });

  it('serve --snapshot with a bad file exits 2 naming the field', () => {
    const file = join(dir, 'bad-snapshot.json');
    writeFileSync(file, JSON.stringify({ format: 'understudy.snapshot/1', sandboxes: [{ provider: 'piriod', id: 'x' }] }));
    const run = cli('serve', '--port', '0', '--snapshot', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--snapshot: sandboxes[0].id');
  });
});

describe('understudy seed --site-id', () => {
  it("changes nothing: a Pelcro key's sandbox holds every site of its account", async () => {
    const options = { scenario: { name: 'few', pelcro: { customers: 3 } }, providers: ['pelcro' as const], token: 'k' };
    expect(await dumpSeed({ ...options, siteId: 2 })).toEqual(await dumpSeed(options));
  });
});
