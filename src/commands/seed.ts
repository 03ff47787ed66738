/**
 * `understudy seed`: writes the records a scenario serves, as the mock's own list endpoints render
 * them (related objects included: Piriod's contacts and sources, Pelcro's expanded addresses,
 * default source, organization and subscriptions), so a person can read, diff or commit the data
 * before serving it. Read through the app in-process, never from a provider's internals, so the
 * file is exactly what a client would get.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Hono } from 'hono';
import { buildApp } from '../app';
import { PROVIDER_NAMES, type AppOptionsInput, type ProviderName } from '../core/options';
import { checkFixtures, loadScenario } from './scenario';
import { UsageError, parseFlags, wholeNumber, type Command } from './usage';

const help = `Usage: understudy seed [options]

Writes the records the mock would serve for a scenario and seed, as its list endpoints render
them, related objects included, as one JSON document.

Options:
  --scenario NAME|FILE   a JSON file, or a NAME looked up as ./seeds/NAME.json, then
                         among the package's own: default, empty, large (default "default")
  --seed N               seed for the generated data (default 1)
  --provider P           piriod | pelcro | all (default all)
  --out FILE             write there (default: standard output)
  -h, --help             show this help`;

/** The seeded data as served: one entry per provider, its customers in the default list order. */
export interface SeedDump {
  scenario: string;
  seed: number;
  piriod?: { customers: unknown[] };
  pelcro?: { customers: unknown[] };
}

// Same page size as the APIs' largest (both cap at 100).
const PAGE = 100;

async function getJson(app: Hono, path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await app.request(path, { headers });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Record<string, unknown>;
}

const readers: Record<ProviderName, (app: Hono) => Promise<unknown[]>> = {
  async piriod(app) {
    const out: unknown[] = [];
    for (let page = 1; ; page++) {
      const body = await getJson(app, `/customers/?page=${page}&page_size=${PAGE}`, { Authorization: 'Token seed' });
      out.push(...(body.results as unknown[]));
      if (body.next === null) return out;
    }
  },
  async pelcro(app) {
    const out: unknown[] = [];
    const expand = 'addresses,defaultSource,organization,subscriptions';
    for (let page = 1; ; page++) {
      const body = await getJson(app, `/api/v1/core/customers?site_id=1&limit=${PAGE}&page=${page}&expand=${expand}`, {
        Authorization: 'Bearer seed',
      });
      out.push(...(body.data as unknown[]));
      const meta = body.meta as { last_page: number };
      if (page >= meta.last_page) return out;
    }
  },
};

/** Every selected provider's seeded customers for a scenario and seed, read through the app. */
export async function dumpSeed(options: Pick<AppOptionsInput, 'scenario' | 'seed' | 'providers'>): Promise<SeedDump> {
  const { app, options: parsed } = buildApp({ scenario: options.scenario, seed: options.seed, providers: options.providers });
  const dump: SeedDump = { scenario: parsed.scenario.name, seed: parsed.seed };
  for (const name of parsed.providers) dump[name] = { customers: await readers[name](app) };
  return dump;
}

export const seedCommand: Command = {
  summary: 'write the data a scenario serves, as JSON',
  help,
  async run(io) {
    const values = parseFlags(io.args, {
      scenario: { type: 'string' },
      seed: { type: 'string' },
      provider: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const provider = values.provider ?? 'all';
    if (provider !== 'all' && !(PROVIDER_NAMES as readonly string[]).includes(provider)) {
      throw new UsageError(`--provider must be one of ${[...PROVIDER_NAMES, 'all'].join(', ')}, got "${provider}"`);
    }
    const seed = wholeNumber('--seed', values.seed, 0, 2 ** 31 - 1);
    const scenario = loadScenario(values.scenario ?? 'default', io.cwd);
    await checkFixtures(scenario, seed);
    const providers = provider === 'all' ? [...PROVIDER_NAMES] : [provider as ProviderName];
    const text = JSON.stringify(await dumpSeed({ scenario, seed, providers }), null, 2);
    if (values.out === undefined) {
      io.out(text);
    } else {
      const file = resolve(io.cwd, values.out);
      try {
        writeFileSync(file, `${text}\n`);
      } catch (error) {
        throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
      }
      io.err(`understudy: wrote ${file} (scenario ${scenario.name}, seed ${seed ?? 1})`);
    }
    return 0;
  },
};
