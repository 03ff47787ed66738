import { describe, expect, it } from 'vitest';
import { plainObject, setOwn } from './plain-object';

describe('setOwn', () => {
  it('keeps every key as an own data key, __proto__ and Object.prototype names included, in order', () => {
    for (const target of [plainObject<unknown>(), {} as Record<string, unknown>]) {
      const prototype = Object.getPrototypeOf(target);
      for (const [key, value] of [
        ['email', 'a@b.co'],
        ['__proto__', { polluted: true }],
        ['constructor', 'x'],
        ['toString', 1],
      ] as const) {
        setOwn(target, key, value);
      }
      expect(Object.getPrototypeOf(target)).toBe(prototype);
      expect(Object.keys(target)).toEqual(['email', '__proto__', 'constructor', 'toString']);
      expect(JSON.stringify(target)).toBe('{"email":"a@b.co","__proto__":{"polluted":true},"constructor":"x","toString":1}');
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });
});
