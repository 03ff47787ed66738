import { describe, expect, it } from 'vitest';
import { routeId } from './route-id';

describe('routeId', () => {
  it('finds the record a whole numeric text names, as SQLite compares it with an integer column', () => {
    for (const text of ['1', '01', '1.0', '1e0', '+1', ' 1', '1 ', '\t1\n', '1.', '.1e1', '1e-0', '0001.0E+00', '1.00000000000000001']) {
      expect(routeId(text), text).toBe(1);
    }
    expect(routeId('42')).toBe(42);
    expect(routeId('4.2e1')).toBe(42);
  });

  it('finds nothing for a text that is no whole number or names no possible record', () => {
    for (const text of [
      '',
      ' ',
      '.',
      '1.5',
      '0x1',
      '1abc',
      'abc',
      '-1',
      '0',
      '-0',
      '1e',
      '1e400',
      'Infinity',
      'NaN',
      '1_000',
      '١',
      '\u00a01',
      '9007199254740993',
      '..',
    ]) {
      expect(routeId(text), text).toBeUndefined();
    }
  });

  it('answers a long adversarial text at once', () => {
    const started = performance.now();
    expect(routeId(`${'1'.repeat(100_000)}x`)).toBeUndefined();
    expect(routeId(`${'1'.repeat(100_000)}.${'1'.repeat(100_000)}x`)).toBeUndefined();
    expect(routeId(`${' '.repeat(50_000)}1`)).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
