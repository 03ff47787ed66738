/**
 * `understudy seed`: writes the data a scenario serves as a complete snapshot document
 * (src/core/snapshot.ts): every record of the sandbox that `--token` reaches, for each provider,
 * related objects included (Piriod's contacts and sources inside each customer; Pelcro's
 * addresses, sources, subscriptions and organizations as tables of their own). A person can read,
 * diff or edit it, and `understudy serve --snapshot FILE` serves it back to that token. Taken
 * through the app itself, so it is exactly what a client of that sandbox would get.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from '../app';
import { jsonFileText } from '../core/json-file';
import { PROVIDER_NAMES, type AppOptionsInput, type ProviderName } from '../core/options';
import { SNAPSHOT_FORMAT, type SnapshotDocument } from '../core/snapshot';
import { checkFixtures, loadScenario } from './scenario';
import { UsageError, parseFlags, wholeNumber, type Command } from './usage';

const help = `Usage: understudy seed [options]

Writes the data the mock would serve for a scenario and seed as a snapshot document (every
record, related objects included) of the sandbox --token reaches; "understudy serve --snapshot
FILE" serves it back, and "POST /__understudy/snapshot" imports it into a running mock.

Options:
  --scenario NAME|FILE   a JSON file, or a NAME looked up as ./seeds/NAME.json, then
                         among the package's own: default, empty, large (default "default")
  --seed N               seed for the generated data (default 1)
  --provider P           piriod | pelcro | all (default all)
  --token T              the token (API key) whose sandbox the snapshot names (default demo)
  --workspace W          Piriod: the X-Simple-Workspace of that sandbox (default none)
  --site-id N            Pelcro: accepted, and changes nothing: a key's sandbox holds every
                         site of its account (the seeded customers are on site 1)
  --out FILE             write there (default: standard output)
  -h, --help             show this help`;

export interface SeedOptions extends Pick<AppOptionsInput, 'scenario' | 'seed' | 'providers'> {
  token?: string;
  workspace?: string;
  siteId?: number;
}

/** Every selected provider's seeded data for a scenario and seed, as a complete snapshot document. */
export async function dumpSeed(options: SeedOptions): Promise<SnapshotDocument> {
  const { sandboxes, options: parsed } = buildApp({ scenario: options.scenario, seed: options.seed, providers: options.providers });
  const token = options.token ?? 'demo';
  const credentials: Record<ProviderName, Record<string, unknown>> = {
    piriod: { token, ...(options.workspace === undefined ? {} : { workspace: options.workspace }) },
    pelcro: { token, site_id: options.siteId ?? 1 },
  };
  // No time of taking: the same scenario and seed give the same file, fit to diff and commit.
  return {
    format: SNAPSHOT_FORMAT,
    sandboxes: parsed.providers.map((provider) => {
      const { id, label } = sandboxes.addressOf(provider, credentials[provider]);
      return sandboxes.snapshotOfNew(provider, id, label);
    }),
  };
}

export const seedCommand: Command = {
  help,
  async run(io) {
    const values = parseFlags(io.args, {
      scenario: { type: 'string' },
      seed: { type: 'string' },
      provider: { type: 'string' },
      out: { type: 'string' },
      token: { type: 'string' },
      workspace: { type: 'string' },
      'site-id': { type: 'string' },
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
    if (values.token === '') throw new UsageError('--token must not be empty');
    const siteId = wholeNumber('--site-id', values['site-id'], 1, 2 ** 31 - 1);
    const document = await dumpSeed({ scenario, seed, providers, token: values.token, workspace: values.workspace, siteId });
    const text = jsonFileText(document, 2);
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
