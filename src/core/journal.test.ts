import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { keptBody } from './journal';

describe('keptBody', () => {
  it('keeps a body no longer than the limit whole, and says nothing was cut', () => {
    expect(keptBody('{"a":1}', 7)).toEqual({ text: '{"a":1}', truncated: false });
    expect(keptBody('', 0)).toEqual({ text: '', truncated: false });
  });

  it('keeps exactly the first `limit` characters of a longer body, and says it was cut', () => {
    const page = `{"results":[${'{"name":"Ñandú — café"},'.repeat(500)}{}]}`;
    for (const limit of [0, 1, 13, 8192]) {
      const kept = keptBody(page, limit);
      expect(kept).toEqual({ text: page.slice(0, limit), truncated: true });
      expect(kept.text.length).toBe(limit);
    }
  });
});

describe('keptBody, in memory', () => {
  it('keeps only the part it returns alive, not the whole text it was cut from', () => {
    // Measured in a process of its own, whose collector the test may run (--expose-gc): 200 parts
    // of 8 KB cut from 200 texts of 200 KB each keep about 2 MB alive, where slices kept 40 MB.
    const script = `
      const { keptBody } = await import(${JSON.stringify(new URL('./journal.ts', import.meta.url).href)});
      const text = (i) => JSON.stringify({ i, pad: 'x'.repeat(200_000) });
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      const kept = [];
      for (let i = 0; i < 200; i++) kept.push(keptBody(text(i), 8192).text);
      globalThis.gc();
      console.log(process.memoryUsage().heapUsed - before, kept.length);`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [grew, count] = run.stdout.trim().split(' ').map(Number);
    expect(count).toBe(200);
    expect(grew).toBeLessThan(8 * 1024 * 1024);
  });
});
