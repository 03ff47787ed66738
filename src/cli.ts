#!/usr/bin/env node
/**
 * The only file that reads argv and the environment. Each command lives in src/commands/ and gets
 * its arguments handed to it; a UsageError becomes a clear message and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { UsageError, type Command } from './commands/usage';

/**
 * Each command, loaded when it runs: `serve` does not load the contract suites and their API
 * definitions, nor `contract` the mock (the command's own `summary` is the one `--help` lists).
 */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'start the mock server', load: async () => (await import('./commands/serve')).serveCommand },
  contract: {
    summary: "check a deployment (or the mock) against a provider's contract",
    load: async () => (await import('./commands/contract')).contractCommand,
  },
  openapi: { summary: "print a provider's OpenAPI 3.1 document", load: async () => (await import('./commands/openapi')).openapiCommand },
  seed: { summary: 'write the data a scenario serves, as a snapshot', load: async () => (await import('./commands/seed')).seedCommand },
};

function mainHelp(): string {
  const rows = Object.entries(commands).map(([name, cmd]) => `  ${name.padEnd(10)} ${cmd.summary}`);
  return [
    'Usage: understudy <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  -v, --version  print the version',
    '  -h, --help     show this help',
    '',
    'Run "understudy <command> --help" for a command\'s options.',
  ].join('\n');
}

/**
 * The version in package.json, read when asked rather than bundled: package.json is one folder up
 * from this file both as src/cli.ts (run by tsx) and as the built dist/cli.js (and dist/cli.cjs,
 * whose import.meta.url tsup shims), and npm ships package.json in every package.
 */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number | 'running'> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!entry) throw new UsageError(`unknown command "${first}"\n\n${mainHelp()}`);
  const command = await entry.load();
  return command.run({
    args: rest,
    env: process.env,
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

// A reader that stops early (`understudy openapi … | head`) closes the pipe: end as a Unix tool
// does when SIGPIPE stops it (status 128 + 13, no message), not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 'running') process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const hint = Object.hasOwn(commands, process.argv[2] ?? '') ? `understudy ${process.argv[2]} --help` : 'understudy --help';
      process.stderr.write(`understudy: ${error.message}\n(see "${hint}")\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`understudy: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
