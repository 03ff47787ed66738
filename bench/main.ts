/**
 * What every bench script does around its own measuring: name the machine the figures come from,
 * list the runs that had errors (and fail), and close the keep-alive connections however it ends.
 */
import os from 'node:os';
import { closeConnections } from './http';

/** The line that says which machine the figures were measured on. */
export function machineLine(): string {
  return `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.release()}`;
}

/** Prints the runs that had errors and sets a failing exit code: a run with errors does not count. */
export function reportErrors(errors: readonly string[]): void {
  if (errors.length === 0) return;
  console.log(`\nerrors (a run with errors does not count):\n${errors.join('\n')}`);
  process.exitCode = 1;
}

/** Runs a bench's main: a thrown error prints its stack and fails; connections close either way. */
export function runBench(main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      console.error((error as Error).stack ?? String(error));
      process.exitCode = 1;
    })
    .finally(closeConnections);
}
