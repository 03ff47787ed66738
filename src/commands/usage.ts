import { parseArgs } from 'node:util';

/** A mistake in how the CLI was called: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What a command gets from the CLI: its own arguments, the environment and the output streams. */
export interface CommandIo {
  args: string[];
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

/** A command of the CLI; its one-line summary is in src/cli.ts, which loads the command when it runs. */
export interface Command {
  help: string;
  /** Resolves to the exit code; a long-running command (serve) resolves when it is ready. */
  run(io: CommandIo): Promise<number | 'running'>;
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** node's parseArgs, strict and without positionals, with its complaints turned into UsageErrors. */
export function parseFlags<T extends FlagSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A flag's whole-number value within [min, max], or undefined when the flag is absent. */
export function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** A comma-separated flag value as its non-empty, trimmed items; undefined when absent. */
export function commaList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
