/**
 * The Docker image's HEALTHCHECK (`node dist/healthcheck.js`): exit 0 when the server answers its
 * health route, 1 otherwise. Like src/cli.ts, a program of its own that reads the environment.
 *
 * The port is the one the server was started with, read from process 1's command line: the
 * image's ENTRYPOINT execs node as process 1 (under `docker run --init` the init's arguments still
 * hold node's), and every `serve` flag can follow the image name, so `docker run understudy
 * --port 5000` listens on 5000 while the environment says nothing of it. The health check runs
 * with the container's environment, so a $PORT it sees is the server's. Nothing is written for
 * this, so it works on a read-only root and as whatever user the container runs as.
 */
import { readFileSync } from 'node:fs';
import { portOfCmdline } from './commands/serve-flags';

try {
  const port = portOfCmdline(readFileSync('/proc/1/cmdline', 'utf8'), process.env);
  fetch(`http://127.0.0.1:${port}/__understudy/health`).then(
    (res) => process.exit(res.ok ? 0 : 1),
    () => process.exit(1),
  );
} catch {
  process.exit(1);
}
