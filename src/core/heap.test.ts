import { describe, expect, it, vi } from 'vitest';
import { boundHeapGrowth, boundSeedGrowth, collectGarbage } from './heap';

describe('boundHeapGrowth', () => {
  it('leaves a factor the process was started with alone, given as a flag or in NODE_OPTIONS', () => {
    const collect = vi.fn();
    expect(boundHeapGrowth(['--heap-growing-percent=20'], '', collect)).toBe(false);
    expect(boundHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=300', collect)).toBe(false);
  });

  it('sets it otherwise, then collects once on the next turn of the loop so it sets the next limit', async () => {
    const collect = vi.fn();
    expect(boundHeapGrowth(['--enable-source-maps'], '--max-old-space-size=512', collect)).toBe(true);
    expect(collect).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('collects without the process having been started with --expose-gc', async () => {
    const dead = new WeakRef({ weighs: new Array(1024).fill(0) });
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(dead?.deref()).toBeUndefined();
  });
});

describe('boundSeedGrowth', () => {
  it("leaves a factor the process was started with alone, and sets the seed's otherwise", () => {
    expect(boundSeedGrowth(['--heap-growing-percent=20'], '')).toBe(false);
    expect(boundSeedGrowth([], '--heap_growing_percent=300')).toBe(false);
    expect(boundSeedGrowth(['--enable-source-maps'], '')).toBe(true);
  });
});
