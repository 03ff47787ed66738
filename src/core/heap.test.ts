import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './heap';

describe('boundHeapGrowth', () => {
  it('leaves a factor the process was started with alone, given as a flag or in NODE_OPTIONS', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=20'], '')).toBe(false);
    expect(boundHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=300')).toBe(false);
  });

  it('sets it otherwise', () => {
    expect(boundHeapGrowth(['--enable-source-maps'], '--max-old-space-size=512')).toBe(true);
  });
});
