import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childAt,
  entriesOf,
  holdsLoneSurrogate,
  holdsNonFiniteNumber,
  holdsNullCharacter,
  KEY_MARK,
  keyOf,
  keysOf,
  sentKey,
  writeCarefully,
  writeJson,
  writesLoneSurrogate,
} from './ordered-json';
import { pyJsonLoads } from './python/json';

describe('order-keeping JSON objects', () => {
  it('keeps integer-like keys where they were sent, through parse and write', () => {
    const text = '{"b":1,"2":{"z":0,"10":1,"1":2},"a":3}';
    const parsed = pyJsonLoads(text) as object;
    expect(keysOf(parsed)).toEqual(['b', '2', 'a']);
    expect(writeJson(parsed)).toBe(text);
    // JSON.stringify would have moved "2" first.
    expect(JSON.stringify(JSON.parse(text))).toBe('{"2":{"1":2,"10":1,"z":0},"b":1,"a":3}');
  });

  it('escapes one-to-one: a key that starts with the mark keeps it, and non-index numbers stay plain', () => {
    for (const key of ['0', '42', '4294967294', `${KEY_MARK}x`, `${KEY_MARK}${KEY_MARK}`]) {
      expect(keyOf(key).startsWith(KEY_MARK)).toBe(true);
      expect(sentKey(keyOf(key))).toBe(key);
    }
    for (const key of ['4294967295', '01', '-1', '1.5', 'a']) expect(keyOf(key)).toBe(key);
    expect(entriesOf({ [keyOf('7')]: 'x' })).toEqual([['7', 'x']]);
  });

  it('reads a list by stored key as the PHP array of keys 0…n-1 it is, and an object by its own keys only', () => {
    const list = ['a', ['b']];
    expect(childAt(list, keyOf('0'))).toBe('a');
    expect(childAt(list, keyOf('1'))).toEqual(['b']);
    for (const key of ['2', '00', '-1', 'length', '1.0']) expect(childAt(list, keyOf(key))).toBeUndefined();
    const object = pyJsonLoads('{"0":"zero","x":null}') as object;
    expect(childAt(object, keyOf('0'))).toBe('zero');
    expect(childAt(object, keyOf('x'))).toBeNull();
    expect(childAt({}, 'toString')).toBeUndefined();
  });

  it('writes PHP arrays as json_encode does: a list when the keys are 0…n-1 in order, [] when empty', () => {
    const php = { phpArrays: true };
    expect(writeJson({ [keyOf('0')]: 'zero' }, php)).toBe('["zero"]');
    expect(writeJson({ c: { [keyOf('0')]: 'x' } }, php)).toBe('{"c":["x"]}');
    expect(writeJson({}, php)).toBe('[]');
    expect(writeJson({ [keyOf('1')]: 'a', [keyOf('0')]: 'b' }, php)).toBe('{"1":"a","0":"b"}');
    expect(writeJson({ [keyOf('0')]: 'a', b: 1 }, php)).toBe('{"0":"a","b":1}');
    expect(writeJson({}, {})).toBe('{}');
  });

  it('writes an object of passing keys as the list of its values, in the order sent, [] when empty (listWhen)', () => {
    const numeric = { listWhen: (key: string) => /^\d+(\.\d+)?$/.test(key) };
    expect(writeJson({ [keyOf('5')]: 'x' }, numeric)).toBe('["x"]');
    expect(writeJson({ [keyOf('1')]: 'a', [keyOf('0')]: 'b' }, numeric)).toBe('["a","b"]');
    expect(writeJson({ '1.5': 'a', [keyOf('2')]: { [keyOf('10')]: 'b', c: {} } }, numeric)).toBe('["a",{"10":"b","c":[]}]');
    expect(writeJson({ [keyOf('0')]: 'a', b: 1 }, numeric)).toBe('{"0":"a","b":1}');
    expect(writeJson({}, numeric)).toBe('[]');
  });

  it('writes what JSON.stringify writes for plain data', () => {
    const value = { a: [1, 'x', null, undefined, true], b: undefined, c: { d: 1.5, e: '\u2028"' } };
    expect(writeJson(value)).toBe(JSON.stringify(value));
  });

  it('writes the same text by the native shortcut as the long way, whatever the keys and values', () => {
    // Keys and strings drawn to hit every reason for the long way: integer-like keys (stored
    // escaped), the mark itself, `{}` inside strings, empty objects and lists.
    const text = fc.oneof(fc.constantFrom('0', '1', '10', 'a', '{}', KEY_MARK, `${KEY_MARK}x`, '\u2028', ''), fc.string());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('object')),
      leaf: fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      list: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.array(fc.tuple(text, tie('node')), { maxLength: 4 }).map((entries) => {
        const out: Record<string, unknown> = {};
        for (const [key, item] of entries) out[keyOf(key)] = item;
        return out;
      }),
    })).node;
    fc.assert(
      fc.property(value, fc.constantFrom('json', 'php', 'lists'), (v, mode) => {
        const options = mode === 'lists' ? { listWhen: (key: string) => /^\d/.test(key) } : { phpArrays: mode === 'php' };
        expect(writeJson(v, options)).toBe(writeCarefully(v, options));
      }),
      { numRuns: 2000, seed: 8 },
    );
  });

  it('finds a lone surrogate in a written text by its escape, not in a pair, an escaped backslash or other escapes', () => {
    const lone = ['\ud800', 'x\udbff', '\udc00y', '\udfff', '\\\ud800', '\ud83d\ud83d'];
    for (const s of lone) {
      expect(writesLoneSurrogate(writeJson({ k: s }))).toBe(true);
      expect(writesLoneSurrogate(writeJson({ [s]: 1 }))).toBe(true);
    }
    const whole = ['\ud83d\ude00', '\\ud800', '\\\\ud800', 'ud800', '\u0000\u001f', '\u2028', '\\', 'a\\'.repeat(1000)];
    for (const s of whole) expect(writesLoneSurrogate(writeJson({ [s]: [s] }))).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(writesLoneSurrogate(writeJson([s]))).toBe(!s.isWellFormed());
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('finds a lone surrogate held in any string or key of a value, at any depth', () => {
    expect(holdsLoneSurrogate({ a: [{ b: 'x\ud800' }] })).toBe(true);
    expect(holdsLoneSurrogate({ a: { '\udc00': 1 } })).toBe(true);
    expect(holdsLoneSurrogate(['\ud83d\ude00', { [keyOf('1')]: '😀' }, 1, null, true])).toBe(false);
    expect(holdsLoneSurrogate(Array.from({ length: 200_000 }, () => 'a'))).toBe(false);
  });

  it('finds a null character held in any string or key of a value, at any depth', () => {
    expect(holdsNullCharacter({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(holdsNullCharacter({ a: { '\u0000': 1 } })).toBe(true);
    expect(holdsNullCharacter({ [keyOf('1')]: '\\u0000', n: 0, z: null, t: '\u0001' })).toBe(false);
  });

  it('finds a number past the double range held at any depth, not in a key or a text', () => {
    expect(holdsNonFiniteNumber({ a: [{ b: Number.POSITIVE_INFINITY }] })).toBe(true);
    expect(holdsNonFiniteNumber([1, { c: Number.NEGATIVE_INFINITY }])).toBe(true);
    expect(holdsNonFiniteNumber({ Infinity: 'Infinity', n: 1.7976931348623157e308, z: -0, m: null })).toBe(false);
  });
});
