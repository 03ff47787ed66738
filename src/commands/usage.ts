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

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * `--port -1` as `--port=-1`: each flag that takes a value (all are long ones) followed by a
 * negative number. parseArgs refuses a separate value that starts with a dash ("argument is
 * ambiguous", so that a forgotten value does not swallow the next flag), which kept a negative
 * number from the range check that names the flag and its bounds, as `--port=-1` reaches it. No
 * flag is a digit, so `-1` can only be a value; any other dashed value (`--port --seed`) still gets
 * Node's message. (parseArgs' allowNegative is about `--no-flag` booleans, not numbers.)
 */
function joinNegativeValues(args: string[], options: FlagSpec): string[] {
  const takesValue = new Set(Object.entries(options).flatMap(([name, o]) => (o.type === 'string' ? [`--${name}`] : [])));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [arg, next] = [args[i], args[i + 1]];
    if (arg === '--') return [...out, ...args.slice(i)];
    if (takesValue.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** node's parseArgs, strict and without positionals, with its complaints turned into UsageErrors. */
export function parseFlags<T extends FlagSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, strict: true, allowPositionals: false }).values;
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
