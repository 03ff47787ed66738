import { describe, expect, it } from 'vitest';
import { Recent } from './recent';

describe('Recent', () => {
  it('finds the last few values by their key, the oldest giving way first', () => {
    const recent = new Recent<object, number>(2);
    const [a, b, c] = [{}, {}, {}];
    recent.set(a, 1);
    recent.set(b, 2);
    expect(recent.get(a)).toBe(1);
    expect(recent.get({})).toBeUndefined();
    recent.set(c, 3);
    expect(recent.get(a)).toBeUndefined();
    expect([recent.get(b), recent.get(c)]).toEqual([2, 3]);
  });

  it('tells a number key 0 from an empty place', () => {
    const recent = new Recent<number, string>(4);
    expect(recent.get(0)).toBeUndefined();
    recent.set(0, 'zero');
    expect(recent.get(0)).toBe('zero');
  });
});
