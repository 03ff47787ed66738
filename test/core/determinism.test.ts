import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The digest of seed 7's answers, computed in a process of its own with `env` added. */
function digestIn(env: Record<string, string>): string {
  const run = spawnSync('node_modules/.bin/tsx', ['test/fixtures/digest.ts'], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('seeded answers across processes', { timeout: 90_000 }, () => {
  it("are byte-identical whatever the process's time zone and locale", () => {
    const utc = digestIn({ TZ: 'UTC', LC_ALL: 'C' });
    expect(utc).toMatch(/^[0-9a-f]{64}$/);
    expect(digestIn({ TZ: 'Asia/Tokyo', LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' })).toBe(utc);
  });
});
