#!/usr/bin/env node
/**
 * The only file that reads argv and the environment. Each command lives in src/commands/ and gets
 * its arguments handed to it; a UsageError becomes a clear message and exit code 2.
 */
import { contractCommand } from './commands/contract';
import { openapiCommand } from './commands/openapi';
import { seedCommand } from './commands/seed';
import { serveCommand } from './commands/serve';
import { UsageError, type Command } from './commands/usage';

const commands: Record<string, Command> = {
  serve: serveCommand,
  contract: contractCommand,
  openapi: openapiCommand,
  seed: seedCommand,
};

function mainHelp(): string {
  const rows = Object.entries(commands).map(([name, cmd]) => `  ${name.padEnd(10)} ${cmd.summary}`);
  return `Usage: understudy <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun "understudy <command> --help" for a command's options.`;
}

async function main(argv: string[]): Promise<number | 'running'> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return first === undefined ? 2 : 0;
  }
  const command = commands[first];
  if (!command) throw new UsageError(`unknown command "${first}"\n\n${mainHelp()}`);
  return command.run({
    args: rest,
    env: process.env,
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 'running') process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const hint = commands[process.argv[2]] ? `understudy ${process.argv[2]} --help` : 'understudy --help';
      process.stderr.write(`understudy: ${error.message}\n(see "${hint}")\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`understudy: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
