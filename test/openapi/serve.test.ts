import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openapiCommand } from '../../src/commands/openapi';
import { UsageError } from '../../src/commands/usage';

const committed = (provider: string) => readFileSync(new URL(`../../contracts/${provider}/openapi.json`, import.meta.url), 'utf8');

describe('GET /__understudy/openapi/{provider}.json', () => {
  const app = createApp({ seed: 1 });

  for (const provider of ['piriod', 'pelcro']) {
    it(`answers 200 with the committed ${provider} document, byte for byte`, async () => {
      const res = await app.request(`/__understudy/openapi/${provider}.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.text()).toBe(committed(provider));
    });
  }

  it.each([['stripe.json'], ['piriod'], ['piriod.yaml'], ['constructor.json'], ['__proto__.json']])(
    "answers 404 in the mock's own shape for %s",
    async (file) => {
      const res = await app.request(`/__understudy/openapi/${file}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    },
  );

  it('answers 404 for a provider this app does not serve', async () => {
    const pelcroOnly = createApp({ providers: ['pelcro'] });
    expect((await pelcroOnly.request('/__understudy/openapi/piriod.json')).status).toBe(404);
    expect((await pelcroOnly.request('/__understudy/openapi/pelcro.json')).status).toBe(200);
  });
});

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { args, env: {}, cwd: process.cwd(), out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  return { result: openapiCommand.run(io), out, err };
}

describe('understudy openapi', () => {
  for (const provider of ['piriod', 'pelcro']) {
    it(`prints the committed ${provider} document and exits 0`, async () => {
      const { result, out } = run(['--provider', provider]);
      expect(await result).toBe(0);
      // The CLI's out() appends the final newline.
      expect(`${out.join('\n')}\n`).toBe(committed(provider));
    });
  }

  it('prints its help with --help', async () => {
    const { result, out } = run(['--help']);
    expect(await result).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: understudy openapi --provider piriod\|pelcro/);
  });

  it.each([
    [[], /--provider is required/],
    [['--provider', 'stripe'], /--provider must be one of piriod, pelcro, got "stripe"/],
    [['--provider'], /--provider/],
    [['--provider', 'piriod', '--format', 'yaml'], /format/],
    [['piriod'], /positional/],
  ])('refuses %j with a UsageError (exit 2)', async (args, message) => {
    const { result } = run(args);
    await expect(result).rejects.toThrow(UsageError);
    await expect(run(args).result).rejects.toThrow(message);
  });
});
