#!/usr/bin/env node
// The published entry point: the built CLI in dist/ (`npm run build`; `prepare` runs it on
// `npm ci`, `npm pack` and a git install), plain JavaScript, so nothing compiles at start.
// This file is the process: started as `node_modules/.bin/understudy …` (or `node …/bin/understudy.js`)
// its PID is the server's, so `kill $!` stops it and frees the port.

// As process 1 (a container without an init) Node ignores SIGTERM and SIGINT unless a listener
// exists. Until the command installs its own, these stand in for the default action: stop now.
// They step aside once the command has a listener of its own (graceful shutdown takes over).
for (const [signal, number] of [
  ['SIGTERM', 15],
  ['SIGINT', 2],
]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(128 + number);
  });
}

try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write(
      'understudy: dist/ is missing; run "npm run build" (inside the repository, "npm run understudy --" runs the sources)\n',
    );
    process.exit(1);
  }
  throw error;
}
