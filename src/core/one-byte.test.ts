import { describe, expect, it } from 'vitest';
import { oneByte, storedOneByte } from './one-byte';

describe('oneByte', () => {
  it('stores a text that normalize left two bytes a character one byte a character, the same text', () => {
    const slug = 'Peña'.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    expect(storedOneByte(slug)).toBe(false);
    const copy = oneByte(slug);
    expect(copy).toBe('Pena');
    expect(storedOneByte(copy)).toBe(true);
    // Latin-1 characters fit one byte too.
    expect(storedOneByte(oneByte(`${slug}ñé`))).toBe(true);
  });

  it('copies texts longer than one call of String.fromCharCode takes', () => {
    const long = `á${'xyz'.repeat(10_000)}`.normalize('NFD').replace(/\u0301/, '');
    expect(storedOneByte(long)).toBe(false);
    const copy = oneByte(long);
    expect(copy).toBe(long);
    expect(storedOneByte(copy)).toBe(true);
  });

  it('leaves a text with a character past U+00FF as it is', () => {
    expect(oneByte('Łódź')).toBe('Łódź');
    expect(oneByte('')).toBe('');
  });
});
