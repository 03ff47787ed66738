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

export interface Command {
  summary: string;
  help: string;
  /** Resolves to the exit code; a long-running command (serve) resolves when it is ready. */
  run(io: CommandIo): Promise<number | 'running'>;
}
