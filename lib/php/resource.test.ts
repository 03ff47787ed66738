import { describe, expect, it } from 'vitest';
import { keyOf, writeJson } from '../ordered-json';
import { RESOURCE_ARRAYS } from './resource';

describe('a Laravel API resource writing its arrays', () => {
  // Each case as ConditionallyLoadsAttributes::removeMissingValues answers it (is_numeric on every key).
  it.each([
    ['{"5":"x"}', { [keyOf('5')]: 'x' }, '["x"]'],
    ['{"1":"a","0":"b"}', { [keyOf('1')]: 'a', [keyOf('0')]: 'b' }, '["a","b"]'],
    ['{"1.5":"x","2e3":"y"}', { '1.5': 'x', '2e3': 'y' }, '["x","y"]'],
    ['{"-1":"x"," 1":"y","1 ":"z"}', { '-1': 'x', ' 1': 'y', '1 ': 'z' }, '["x","y","z"]'],
    ['{"a":{"10":"x"}}', { a: { [keyOf('10')]: 'x' } }, '{"a":["x"]}'],
    ['{"0x1A":"x","1_0":"y"}', { '0x1A': 'x', '1_0': 'y' }, '{"0x1A":"x","1_0":"y"}'],
    ['{"5":"x","a":1}', { [keyOf('5')]: 'x', a: 1 }, '{"5":"x","a":1}'],
    ['{"b":{}}', { b: {} }, '{"b":[]}'],
  ])('writes %s as %s', (_sent, stored, written) => {
    expect(writeJson(stored, RESOURCE_ARRAYS)).toBe(written);
  });
});
