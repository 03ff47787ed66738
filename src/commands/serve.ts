import { serve } from '@hono/node-server';
import { buildApp, ADMIN_PREFIX } from '../app';
import type { Scenario } from '../core/scenario';
import { AppOptionsSchema, PROVIDER_NAMES, type AppOptionsInput } from '../core/options';
import { providers } from '../providers';
import { SCENARIO_HELP, checkFixtures, loadScenario } from './scenario';
import { UsageError, commaList, parseFlags, wholeNumber, type Command, type CommandIo } from './usage';

const help = `Usage: understudy serve [options]

Serves every customer endpoint of the selected providers on one port, over seeded in-memory data.

Options:
  --port N               port to listen on (default 4010, or $PORT)
  --host H               interface to bind (default 127.0.0.1)
  --seed N               seed for the generated data (default 1)
  --scenario NAME|FILE   ${SCENARIO_HELP}
  --provider P           piriod | pelcro | all (default all)
  --tokens a,b           accept only these tokens (default: any non-empty token)
  --require-workspace    Piriod: a request without X-Simple-Workspace gets the real API's 400
  --freeze-time ISO      start every sandbox clock at this instant, one second per write
  --body-limit BYTES     largest request body accepted (default 1048576)
  -h, --help             show this help`;

export interface ServeSettings {
  port: number;
  host: string;
  options: AppOptionsInput;
}

/** Turns `serve` flags (and PORT) into settings; every mistake is a UsageError. */
export function parseServeArgs(io: Pick<CommandIo, 'args' | 'env' | 'cwd'>): ServeSettings | 'help' {
  const values = parseFlags(io.args, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    scenario: { type: 'string' },
    provider: { type: 'string' },
    tokens: { type: 'string' },
    'require-workspace': { type: 'boolean' },
    'freeze-time': { type: 'string' },
    'body-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';

  const port = wholeNumber('--port', values.port ?? io.env.PORT, 0, 65535) ?? 4010;
  const provider = values.provider ?? 'all';
  if (provider !== 'all' && !(PROVIDER_NAMES as readonly string[]).includes(provider)) {
    throw new UsageError(`--provider must be one of ${[...PROVIDER_NAMES, 'all'].join(', ')}, got "${provider}"`);
  }
  const tokens = commaList(values.tokens);
  if (values.tokens !== undefined && tokens?.length === 0) throw new UsageError('--tokens needs at least one token');

  const options: AppOptionsInput = {
    seed: wholeNumber('--seed', values.seed, 0, 2 ** 31 - 1),
    scenario: values.scenario === undefined ? undefined : loadScenario(values.scenario, io.cwd),
    providers: provider === 'all' ? [...PROVIDER_NAMES] : [provider as (typeof PROVIDER_NAMES)[number]],
    tokens,
    requireWorkspace: values['require-workspace'] ?? false,
    freezeTime: values['freeze-time'],
    bodyLimitBytes: wholeNumber('--body-limit', values['body-limit'], 1, 2 ** 31 - 1),
  };
  const checked = AppOptionsSchema.safeParse(options);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new UsageError(`--${String(first.path[0] ?? 'option').replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} ${first.message}`);
  }
  return { port, host: values.host ?? '127.0.0.1', options };
}

export const serveCommand: Command = {
  summary: 'start the mock server',
  help,
  async run(io) {
    const settings = parseServeArgs(io);
    if (settings === 'help') {
      io.out(help);
      return 0;
    }
    if (settings.options.scenario) await checkFixtures(settings.options.scenario as Scenario, settings.options.seed);
    const { app, options } = buildApp(settings.options);
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, (info) => {
        const shownHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
        const base = `http://${shownHost}:${info.port}`;
        const lines = [
          `understudy is serving ${options.providers.join(' and ')} at ${base}  (seed ${options.seed}, scenario ${options.scenario.name})`,
          '',
        ];
        for (const name of options.providers) {
          const provider = providers[name];
          lines.push(`${provider.title}:`);
          for (const route of provider.routes) lines.push(`  ${route}`);
          lines.push(`  try: ${provider.curlExample(base)}`, '');
        }
        lines.push(`understudy: GET ${ADMIN_PREFIX}/health`);
        io.out(lines.join('\n'));
        resolve();
      });
      server.on('error', (error: NodeJS.ErrnoException) => {
        reject(new UsageError(error.code === 'EADDRINUSE' ? `port ${settings.port} is already in use` : error.message));
      });
    });
    return 'running';
  },
};
