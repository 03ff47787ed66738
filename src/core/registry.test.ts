import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits';
import { SandboxRegistry } from './registry';

describe('SandboxRegistry past maxSandboxes', () => {
  const registry = () => new SandboxRegistry<object>(() => ({}), { ...DEFAULT_LIMITS, maxSandboxes: 2 });

  it('forgets the least recently used sandbox nothing was written to, before an older one holding writes', () => {
    const r = registry();
    const a = r.open('a');
    // A write counts the moment it is made (a request may still be awaiting its answer).
    a.quota.written = true;
    r.open('b');
    r.open('c');
    expect(r.keys().sort()).toEqual(['a', 'c']);
    r.open('d');
    expect(r.keys().sort()).toEqual(['a', 'd']);
  });

  it('forgets the least recently used of all when every open sandbox holds writes', () => {
    const r = registry();
    r.open('a').quota.written = true;
    r.open('b').quota.written = true;
    r.open('a');
    r.open('c');
    expect(r.keys().sort()).toEqual(['a', 'c']);
  });

  it('keeps a sandbox written after it was opened clean, forgetting a clean one used since', () => {
    const r = registry();
    const a = r.open('a');
    r.open('b');
    a.quota.written = true;
    r.open('c');
    expect(r.keys().sort()).toEqual(['a', 'c']);
  });
});
