import { describe, expect, it } from 'vitest';
import { compareCi, containsMatcher } from './mysql';

describe("MySQL LIKE '%value%'", () => {
  it.each<[string, string, boolean, boolean]>([
    ['ann', 'Joanna', true, true],
    ['ANN', 'Joanna', true, true],
    ['ANN', 'Joanna', false, false],
    ['a_n', 'Joanna', true, true],
    ['a%a', 'Joanna', true, true],
    ['x%', 'Joanna', true, false],
    ['50\\%', 'a 50% cut', true, true],
    ['50\\%', 'a 500 cut', true, false],
    ['', 'anything', true, true],
  ])('%j against %j (case-insensitive %s) matches: %s', (value, text, ci, expected) => {
    expect(containsMatcher(value, ci)(text)).toBe(expected);
  });

  it('matches a pattern of many % runs in linear time', () => {
    const matches = containsMatcher(`${'%'.repeat(40)}z`, true);
    expect(matches('a'.repeat(10_000))).toBe(false);
  });
});

describe('MySQL _ci text order', () => {
  it('puts NULL first and compares case-insensitively', () => {
    expect(['b', null, 'A', 'a'].sort(compareCi)).toEqual([null, 'A', 'a', 'b']);
    expect(compareCi('X', 'x')).toBe(0);
  });
});
